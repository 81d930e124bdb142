package org.rectransfer.algorithms.knn;

import java.util.Objects;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.RunContext;

/**
 * User-based neighbourhood model (Resnick et al. 1994, GroupLens; Herlocker, Konstan, Borchers
 * &amp; Riedl 1999, "An algorithmic framework for performing collaborative filtering", SIGIR;
 * with the baseline-centred, shrunk similarities of Koren 2010, "Factor in the neighbors", ACM
 * TKDD 4(1), Sec. 2.2, transposed to users). Id {@code user-knn}.
 *
 * <p><b>Fit.</b> User-user similarities {@code s_uv} under {@link Config#similarity()} over the
 * items both users rated, shrunk by {@code n_uv / (n_uv + shrinkage)} (see {@link Similarity};
 * {@link Similarity#ADJUSTED_COSINE} centres on item means here); for every user only the
 * {@link Config#modelSize()} most similar other users with {@code s_uv > 0} are kept
 * ({@link NeighborLists}), so the fitted model holds {@code O(users x modelSize)} similarities
 * plus a reference to the training matrix. Rows run in fixed blocks on {@code ctx.threads()}
 * threads; bit-identical for any thread count.
 *
 * <p><b>Rating prediction</b> (explicit data), Herlocker et al. 1999 (deviation from
 * the offset, weighted by similarity):
 * <pre>
 *   N(u; i) = the first {@code neighbors} users of u's stored list (best first) who rated i
 *   r(u, i) = b(u, i) + sum_{v in N(u;i)} s_uv (r_vi - b(v, i)) / sum_{v in N(u;i)} s_uv
 * </pre>
 * and {@code r(u, i) = b(u, i)} when {@code N(u; i)} is empty, where {@code b} is chosen by
 * {@link Config#centering()}: the damped user-item baseline or the user's mean rating
 * (Resnick's formula).
 *
 * <p><b>Top-N scoring</b> (implicit data): {@code sum_{v in N(u;i)} s_uv}, the summed
 * similarity of the neighbours who have the item (0 when none). On explicit data
 * {@code scoreAll} returns the predicted ratings, bit-identical to {@code predict}.
 */
public final class UserKnn implements Algorithm<UserKnn.Config> {

    /**
     * @param similarity  user-user similarity (default {@link Similarity#BASELINE_PEARSON}); the
     *                    measures that use rating values need explicit data
     * @param shrinkage   support shrinkage {@code s >= 0} (default 100)
     * @param neighbors   k, neighbours used per prediction, {@code >= 1} (default 40)
     * @param modelSize   neighbours stored per user, {@code >= neighbors} (default 200)
     * @param centering   what predictions are centred on (default {@link Centering#BASELINE})
     * @param itemDamping damping of the item biases of the baseline, {@code >= 0} (default 25)
     * @param userDamping damping of the user biases of the baseline, {@code >= 0} (default 10)
     */
    public record Config(Similarity similarity, double shrinkage, int neighbors, int modelSize, Centering centering,
                         double itemDamping, double userDamping) {
        public Config {
            Objects.requireNonNull(similarity, "similarity");
            Objects.requireNonNull(centering, "centering");
            Checks.nonNegative("shrinkage", shrinkage);
            Checks.positive("neighbors", neighbors);
            if (modelSize < neighbors) {
                throw new IllegalArgumentException("modelSize must be >= neighbors (" + neighbors + "), was "
                        + modelSize);
            }
            Checks.nonNegative("itemDamping", itemDamping);
            Checks.nonNegative("userDamping", userDamping);
        }
    }

    @Override
    public String id() {
        return "user-knn";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(Similarity.BASELINE_PEARSON, 100, 40, 200, Centering.BASELINE, 25, 10);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    /**
     * @throws IllegalArgumentException if {@code train} is empty, or implicit while the
     *                                  similarity needs rating values
     */
    @Override
    public UserKnnModel fit(InteractionMatrix train, Config config, RunContext ctx) {
        KnnChecks.trainable(id(), train, config.similarity());
        BaselineTerms damped = BaselineTerms.damped(train, config.itemDamping(), config.userDamping());
        NeighborLists lists = Neighborhoods.users(train, config.similarity(), config.shrinkage(), config.modelSize(),
                damped, ctx);
        BaselineTerms offset = !train.isExplicit() ? null
                : config.centering() == Centering.BASELINE ? damped : BaselineTerms.userMeans(train);
        return new UserKnnModel(train, offset, lists, config.neighbors());
    }
}
