package org.rectransfer.algorithms.collective;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * TCF, transfer by collective factorisation: W. Pan, N. N. Liu, E. W. Xiang and Q. Yang,
 * "Transfer Learning to Predict Missing Ratings via Heterogeneous User Feedbacks", IJCAI 2011.
 * Id {@code tcf}.
 *
 * <p><b>The paper.</b> Target numeric ratings {@code R} and auxiliary binary like / dislike
 * feedback {@code R~} on the same users and the same items are tri-factorised collectively,
 * {@code R ~ U B V^T} and {@code R~ ~ U B~ V^T}, with shared user and item factors and
 * domain-specific inner matrices, minimising
 * {@code 1/2 |Y (.) (R - U B V^T)|^2 + lambda/2 |Y~ (.) (R~ - U B~ V^T)|^2} plus regularisers, where
 * {@code lambda} is the tradeoff weight of the auxiliary loss. CMTF has no constraints on U, V;
 * CSVD requires {@code U^T U = I}, {@code V^T V = I}. Given U and V, each inner matrix is the
 * closed-form least-squares solution over its k x k entries; U and V are then updated. We read the
 * authors' MATLAB run script (METHODS.md: {@code tradeoff_lambda = 0.1}, {@code alpha_U = alpha_V
 * = 0.1}, ratings rescaled to [0, 1]) and {@code Coderpql/MF_Model} ({@code TCF/model/CMTF.py}:
 * B by ridge regression on the Kronecker features {@code U_u (x) V_i}, U and V by row-wise
 * regularised least squares with the regulariser added per observation and the auxiliary term
 * scaled by lambda).
 *
 * <p><b>Our setting and the deviations.</b> (1) Items are disjoint between domains and users
 * are shared, so only U is shared; every domain has its own item factors {@code V_d} and core
 * {@code B_d}. (2) Every source of {@code task.sources()} adds a term with its own {@code V_s},
 * {@code B_s} and the weight {@code auxiliaryWeight}. (3) Our sources are numeric ratings. With
 * {@link AuxiliaryFeedback#BINARY_SOURCE_MEAN} each source rating becomes like
 * ({@code r >= } the source's mean rating) or dislike, as in the paper's binary auxiliary data;
 * the two classes are encoded by their class-mean ratings (not 1 / 0) so that a user bias shared
 * with the target stays on the rating scale. The source mean is the default threshold because it
 * is scale-free and keeps the user's rating level visible in the like rate (a user's own mean
 * would erase it). {@code BINARY_FIXED} uses {@code likeThreshold}; {@code NUMERIC} (the default, because
 * our sources are numeric and the binarisation discards much of the rating level) keeps the
 * ratings. (4) Biases: the domain mean is always subtracted; with {@code biases} (default) item
 * biases per domain and user biases (one per user for all domains with {@code sharedUserBias},
 * default, else one per domain) are learnt with the factors. METHODS.md "Measured observation":
 * carrying the user's rating level to the target is where most of the cold-start gain is. (5)
 * Regularisation: per observation on factors (as the reference code) and on cores (beta times
 * the weighted number of observations; a constant beta lets the cores grow while U and V shrink,
 * which amplified cold users' source-only factors and lost 11 % cold-start RMSE on the synthetic
 * property data), constant on biases. (6) CSVD keeps U and V orthonormal by a QR retraction after each ALS step with R
 * absorbed into the cores (predictions unchanged by the retraction) instead of the paper's
 * gradient steps on the Stiefel manifold. Ratings are not rescaled to [0, 1].
 *
 * <p>Algorithm: {@link TriFactorization} (exact block updates of U with user biases, of every
 * {@code V_d} with item biases and of all cores; CMTF's objective is monotone). Cold-start
 * users (source rows only) get {@code U_u} and the shared bias from their source ratings alone;
 * users without any data are predicted {@code mu + c_i}.
 *
 * <p>Index spaces: shared user index and target item index of the task. Deterministic for a
 * seed (random initial factors from {@code ctx.random("tri-init")}), bit-identical for any
 * thread count. The strategy is stateless; the returned recommender is immutable.
 */
public final class Tcf implements TransferStrategy<Tcf.Config> {

    /** How source ratings are presented to the factorisation. */
    public enum AuxiliaryFeedback {
        /** Like if the rating is at least the source's mean rating, else dislike (default). */
        BINARY_SOURCE_MEAN,
        /** Like if the rating is at least {@code likeThreshold}, else dislike. */
        BINARY_FIXED,
        /** The numeric ratings themselves. */
        NUMERIC
    }

    /** TCF's two variants. */
    public enum Variant {
        /** Collective matrix tri-factorisation: no constraints on U and V. */
        CMTF,
        /** Collective SVD: U and every V_d column-orthonormal. */
        CSVD
    }

    /**
     * @param factors            k, latent dimension of U and every V_d (cores are k x k), >= 1 (default 10)
     * @param iterations         ALS sweeps, >= 1 (default 15)
     * @param regularization     per-observation L2 on U and V rows, > 0 (default 0.1, the paper's
     *                           alpha_U = alpha_V)
     * @param biasRegularization L2 on every bias, > 0 (default 5: a user with n ratings gets
     *                           about n / (n + 5) of their mean residual)
     * @param coreRegularization beta: L2 on every core entry, per observation the entry explains,
     *                           > 0 (default 0.03). The interaction term switches on sharply:
     *                           at 0.01 and above the triple product U B V collapses to zero on
     *                           the synthetic property data and only the (shared) biases are left
     *                           (cold-start gain 9 %); at 0.003 it carries the latent tastes there
     *                           (22 %). On sparse real data it overfits up to 0.01 (Douban
     *                           music -> book, beta 50 %, 5 seeds: cold RMSE -10.7 % against
     *                           target-only at 0.01; validation picks 0.03 over 0.003 and 0.01).
     *                           The default is the robust end, where the model is the shared-bias
     *                           model; search {0.003, 0.01, 0.03, 0.1} on validation.
     * @param initStd            std of the initial factors, > 0 (default 0.1)
     * @param auxiliaryWeight    tradeoff weight of every source's loss, > 0 (default 1; the paper's
     *                           script uses 0.1 with an auxiliary matrix much denser than the target)
     * @param auxiliaryFeedback  binarisation of the sources (default NUMERIC: our sources are
     *                           numeric and binarising them halves the cold-start gain on the
     *                           synthetic property data, 9.6 % against 22 %; BINARY_SOURCE_MEAN
     *                           is the paper's setting)
     * @param likeThreshold      like threshold for BINARY_FIXED, finite (default 4)
     * @param biases             learn user and item biases (default true)
     * @param sharedUserBias     one user bias for all domains (default true)
     * @param variant            CMTF (default) or CSVD
     */
    public record Config(int factors, int iterations, double regularization, double biasRegularization,
                         double coreRegularization, double initStd, double auxiliaryWeight,
                         AuxiliaryFeedback auxiliaryFeedback, double likeThreshold, boolean biases,
                         boolean sharedUserBias, Variant variant) {
        public Config {
            Checks.positive("factors", factors);
            Checks.positive("iterations", iterations);
            Checks.positive("regularization", regularization);
            Checks.positive("biasRegularization", biasRegularization);
            Checks.positive("coreRegularization", coreRegularization);
            Checks.positive("initStd", initStd);
            Checks.positive("auxiliaryWeight", auxiliaryWeight);
            if (auxiliaryFeedback == null) {
                throw new IllegalArgumentException("auxiliaryFeedback must be BINARY_SOURCE_MEAN, BINARY_FIXED or NUMERIC");
            }
            if (!Double.isFinite(likeThreshold)) {
                throw new IllegalArgumentException("likeThreshold must be finite, was " + likeThreshold);
            }
            if (variant == null) {
                throw new IllegalArgumentException("variant must be CMTF or CSVD");
            }
        }

        TriFactorization.Params params() {
            return new TriFactorization.Params(factors, 0, iterations, regularization, biasRegularization,
                    coreRegularization, initStd, biases, sharedUserBias, variant == Variant.CSVD);
        }
    }

    @Override
    public String id() {
        return "tcf";
    }

    @Override
    public Family family() {
        return Family.COLLECTIVE;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(10, 15, 0.1, 5.0, 0.03, 0.1, 1.0, AuxiliaryFeedback.NUMERIC, 4.0, true, true,
                Variant.CMTF);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        int numSources = task.sources().size();
        if (numSources == 0) {
            throw new IllegalArgumentException("tcf needs at least one source domain");
        }
        InteractionMatrix[] domains = new InteractionMatrix[numSources + 1];
        double[] weights = new double[numSources + 1];
        domains[0] = task.targetTrain();
        weights[0] = 1.0;
        for (int s = 0; s < numSources; s++) {
            domains[s + 1] = auxiliary(task.sources().get(s).interactions(), config.auxiliaryFeedback(),
                    config.likeThreshold());
            weights[s + 1] = config.auxiliaryWeight();
        }
        return TriFactorization.fit(domains, weights, config.params(), ctx.child("tcf"), null).model(0);
    }

    /**
     * The source as the factorisation sees it: unchanged for NUMERIC; otherwise every rating
     * replaced by the mean rating of its class (like: {@code r >= threshold}; dislike: below).
     */
    static InteractionMatrix auxiliary(InteractionMatrix source, AuxiliaryFeedback feedback, double fixedThreshold) {
        if (feedback == AuxiliaryFeedback.NUMERIC || source.nnz() == 0) {
            return source;
        }
        double threshold = feedback == AuxiliaryFeedback.BINARY_FIXED ? fixedThreshold : source.meanValue();
        double likeSum = 0;
        double dislikeSum = 0;
        int likes = 0;
        for (int q = 0; q < source.nnz(); q++) {
            float r = source.value(q);
            if (r >= threshold) {
                likeSum += r;
                likes++;
            } else {
                dislikeSum += r;
            }
        }
        int dislikes = source.nnz() - likes;
        float like = (float) (likes == 0 ? 0 : likeSum / likes);
        float dislike = (float) (dislikes == 0 ? 0 : dislikeSum / dislikes);
        InteractionMatrix.Builder b = InteractionMatrix.builder(source.numRows(), source.numCols(), true, false);
        for (int r = 0; r < source.numRows(); r++) {
            for (int q = source.rowStart(r); q < source.rowEnd(r); q++) {
                b.add(r, source.col(q), source.value(q) >= threshold ? like : dislike);
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }
}
