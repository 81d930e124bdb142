package org.rectransfer.algorithms.factor;

import java.util.SplittableRandom;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.util.Parallel;

/**
 * Non-negative matrix factorisation of the observed ratings, {@code r(u,i) = p_u . q_i} with
 * {@code p_u, q_i >= 0}, by the <em>multiplicative updates</em> of Lee &amp; Seung ("Algorithms for
 * non-negative matrix factorization", NIPS 2001) restricted to observed entries and with L2
 * regularisation weighted by the number of ratings (Luo, Zhou, Xia &amp; Zhu, "An efficient
 * non-negative matrix-factorization-based approach to collaborative filtering for recommender
 * systems", IEEE TII 2014, the regularised single-element form that Surprise's {@code NMF}
 * implements):
 *
 * <pre>
 *   p_uf &lt;- p_uf * sum_{i in R(u)} q_if r_ui / (sum_{i in R(u)} q_if rhat_ui + n_u regUser p_uf)
 *   q_if &lt;- q_if * sum_{u in R(i)} p_uf r_ui / (sum_{u in R(i)} p_uf rhat_ui + n_i regItem q_if)
 * </pre>
 *
 * which keep the factors non-negative without projection (ratings must be {@code >= 0}).
 *
 * <p>Order: every iteration updates all users, then all items with the new user factors (Lee
 * &amp; Seung's alternating form; Surprise updates both sides from the same epoch's sums). A
 * coordinate whose denominator is 0 keeps its value. Initialisation: uniform in
 * {@code [initLow, initHigh)} from {@code ctx.random("nmf-init")}; users and items without
 * training ratings get zero factors and are never updated, so a user without training data is
 * predicted 0 for every item (the harness clamps to the rating scale). No biases (Surprise's
 * default {@code biased=False}).
 *
 * <p>Parallelism: rows in fixed blocks of {@value #BLOCK}, each depending only on the other
 * side: bit-identical for any thread count. Id {@code nmf}.
 */
public final class Nmf implements Algorithm<Nmf.Config> {

    static final int BLOCK = 128;

    /**
     * Defaults are those of Surprise's {@code NMF} (tuned there on MovieLens-100K).
     *
     * @param factors            latent dimension k, >= 1 (default 15)
     * @param iterations         update sweeps, >= 1 (default 50)
     * @param userRegularization regUser, >= 0 (default 0.06)
     * @param itemRegularization regItem, >= 0 (default 0.06)
     * @param initLow            lower bound of the uniform initial factors, >= 0 (default 0)
     * @param initHigh           upper bound, > initLow (default 1)
     */
    public record Config(int factors, int iterations, double userRegularization, double itemRegularization,
                         double initLow, double initHigh) {
        public Config {
            Checks.positive("factors", factors);
            Checks.positive("iterations", iterations);
            Checks.nonNegative("userRegularization", userRegularization);
            Checks.nonNegative("itemRegularization", itemRegularization);
            Checks.nonNegative("initLow", initLow);
            Checks.positive("initHigh", initHigh);
            if (!(initHigh > initLow)) {
                throw new IllegalArgumentException("initHigh must be > initLow, was " + initHigh + " <= " + initLow);
            }
        }
    }

    @Override
    public String id() {
        return "nmf";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(15, 50, 0.06, 0.06, 0.0, 1.0);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public FactorModel fit(InteractionMatrix train, Config config, RunContext ctx) {
        if (train.nnz() == 0) {
            throw new IllegalArgumentException("nmf needs at least one training rating");
        }
        for (int x = 0; x < train.nnz(); x++) {
            if (train.value(x) < 0) {
                throw new IllegalArgumentException("nmf needs ratings >= 0, found " + train.value(x));
            }
        }
        int numUsers = train.numRows();
        int numItems = train.numCols();
        int k = config.factors();
        InteractionMatrix byItem = train.transpose();
        float[] p = new float[numUsers * k];
        float[] q = new float[numItems * k];
        SplittableRandom rng = ctx.random("nmf-init");
        double lo = config.initLow();
        double hi = config.initHigh();
        for (int u = 0; u < numUsers; u++) {
            if (train.rowSize(u) > 0) {
                for (int f = 0; f < k; f++) {
                    p[u * k + f] = (float) rng.nextDouble(lo, hi);
                }
            }
        }
        for (int i = 0; i < numItems; i++) {
            if (byItem.rowSize(i) > 0) {
                for (int f = 0; f < k; f++) {
                    q[i * k + f] = (float) rng.nextDouble(lo, hi);
                }
            }
        }
        for (int it = 0; it < config.iterations(); it++) {
            ctx.checkCancelled("nmf");
            update(train, q, p, k, config.userRegularization(), ctx.threads());
            update(byItem, p, q, k, config.itemRegularization(), ctx.threads());
            ctx.progress().report("nmf", it + 1, config.iterations());
        }
        DenseMath.requireFinite(p, "nmf user factors");
        DenseMath.requireFinite(q, "nmf item factors");
        return new FactorModel(numUsers, numItems, k, 0.0, new float[numUsers], new float[numItems], p, q);
    }

    /** One multiplicative update of every non-empty row of {@code target} given {@code fixed}. */
    static void update(InteractionMatrix m, float[] fixed, float[] target, int k, double reg, int threads) {
        Parallel.forBlocks(m.numRows(), BLOCK, threads, (block, from, to) -> {
            double[] num = new double[k];
            double[] den = new double[k];
            for (int r = from; r < to; r++) {
                int n = m.rowSize(r);
                if (n == 0) {
                    continue;
                }
                java.util.Arrays.fill(num, 0.0);
                java.util.Arrays.fill(den, 0.0);
                int o = r * k;
                for (int x = m.rowStart(r); x < m.rowEnd(r); x++) {
                    int c = m.col(x) * k;
                    double v = m.value(x);
                    double est = DenseMath.dot(target, o, fixed, c, k);
                    for (int f = 0; f < k; f++) {
                        double w = fixed[c + f];
                        num[f] += w * v;
                        den[f] += w * est;
                    }
                }
                for (int f = 0; f < k; f++) {
                    double t = target[o + f];
                    double d = den[f] + n * reg * t;
                    if (d > 0) {
                        target[o + f] = (float) (t * num[f] / d);
                    }
                }
            }
        });
    }
}
