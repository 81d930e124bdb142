package org.rectransfer.algorithms.knn;

import java.util.Objects;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.RunContext;

/**
 * Item-based neighbourhood model (Sarwar, Karypis, Konstan &amp; Riedl 2001, "Item-based
 * collaborative filtering recommendation algorithms", WWW; with the baseline-centred,
 * shrunk similarities of Koren 2010, "Factor in the neighbors: scalable and accurate
 * collaborative filtering", ACM TKDD 4(1), Sec. 2.2). Id {@code item-knn}.
 *
 * <p><b>Fit.</b> Item-item similarities {@code s_ij} under {@link Config#similarity()} over the
 * users who rated both items, shrunk by {@code n_ij / (n_ij + shrinkage)} (see
 * {@link Similarity}); for every item only its {@link Config#modelSize()} most similar other
 * items with {@code s_ij > 0} are kept ({@link NeighborLists}; ties by lower index), so the
 * fitted model holds {@code O(items x modelSize)} similarities plus a reference to the
 * training matrix (the users' profiles). Rows of the similarity computation run in fixed
 * blocks on {@code ctx.threads()} threads; the result is bit-identical for any thread count.
 *
 * <p><b>Rating prediction</b> (explicit data), Koren 2010 Sec. 2.2, Sarwar 2001 Sec. 3.2.1
 * (weighted sum, here of residuals from the offset):
 * <pre>
 *   N(i; u) = the first {@code neighbors} items of i's stored list (best first) that u rated
 *   r(u, i) = b(u, i) + sum_{j in N(i;u)} s_ij (r_uj - b(u, j)) / sum_{j in N(i;u)} s_ij
 * </pre>
 * and {@code r(u, i) = b(u, i)} when {@code N(i; u)} is empty, where {@code b} is chosen by
 * {@link Config#centering()}: the damped user-item baseline or the item's mean rating. With
 * {@code modelSize} at least the number of items this is exactly Koren's {@code S^k(i; u)}.
 * Every similarity is positive, so the denominator is too.
 *
 * <p><b>Top-N scoring</b> (implicit data, Deshpande &amp; Karypis 2004): {@code predict} and
 * {@code scoreAll} return {@code sum_{j in N(i;u)} s_ij}, the summed similarity of {@code i}
 * to the user's items (0 when none). On explicit data {@code scoreAll} returns the predicted
 * ratings, bit-identical to {@code predict}.
 */
public final class ItemKnn implements Algorithm<ItemKnn.Config> {

    /**
     * @param similarity  item-item similarity (default {@link Similarity#BASELINE_PEARSON}); the
     *                    measures that use rating values need explicit data
     * @param shrinkage   support shrinkage {@code s >= 0} (default 100, Koren 2010's lambda_2)
     * @param neighbors   k, neighbours used per prediction, {@code >= 1} (default 40)
     * @param modelSize   neighbours stored per item, {@code >= neighbors} (default 200): memory
     *                    after fitting is {@code items x modelSize}
     * @param centering   what predictions are centred on (default {@link Centering#BASELINE})
     * @param itemDamping damping of the item biases of the baseline, {@code >= 0} (default 25,
     *                    as {@link org.rectransfer.algorithms.baseline.BiasBaseline})
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
        return "item-knn";
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
    public ItemKnnModel fit(InteractionMatrix train, Config config, RunContext ctx) {
        KnnChecks.trainable(id(), train, config.similarity());
        BaselineTerms damped = BaselineTerms.damped(train, config.itemDamping(), config.userDamping());
        NeighborLists lists = Neighborhoods.items(train, config.similarity(), config.shrinkage(), config.modelSize(),
                damped, ctx);
        BaselineTerms offset = !train.isExplicit() ? null
                : config.centering() == Centering.BASELINE ? damped : BaselineTerms.itemMeans(train);
        return new ItemKnnModel(train, offset, lists, config.neighbors());
    }
}
