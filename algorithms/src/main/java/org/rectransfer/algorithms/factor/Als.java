package org.rectransfer.algorithms.factor;

import java.util.SplittableRandom;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.algorithms.mf.Gaussian;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.util.Parallel;

/**
 * Explicit alternating least squares with weighted-lambda regularisation, ALS-WR (Zhou,
 * Wilkinson, Schreiber &amp; Pan, "Large-scale parallel collaborative filtering for the Netflix
 * Prize", AAIM 2008): minimises
 *
 * <pre>
 *   sum_{(u,i) in R} (r_ui - mu - p_u . q_i)^2 + lambda (sum_u n_u |p_u|^2 + sum_i n_i |q_i|^2)
 * </pre>
 *
 * where {@code n_u}, {@code n_i} are the numbers of training ratings of the user and the item and
 * {@code mu} is 0 (or the global mean with {@code subtractMean}), by
 * alternately solving, for every user, {@code (Q_u^T Q_u + lambda n_u I) p_u = Q_u^T (r_u - mu)}
 * with the item factors fixed, then the same for every item with the user factors fixed. Each
 * {@code k x k} system is solved by Cholesky on primitive arrays ({@link DenseMath}).
 *
 * <p>Order and initialisation (Zhou et al., Sec. 3.1): item factors start with the item's mean
 * fitted value ({@code r - mu}) in the first dimension and N(0, initStd^2) draws from
 * {@code ctx.random("als-init")} in the others; every iteration solves all users, then all
 * items, so the last half-step is the item step. Users and items without training ratings are
 * never solved (their term does not appear in the objective): they keep their initial factors,
 * which are zero unless a warm start gives them, so a user without training data is predicted
 * {@code mu} for every item (0 without {@code subtractMean}).
 *
 * <p>Option {@code subtractMean} (an addition; default false = the paper's model on raw ratings)
 * makes the factors model {@code r - mu} and the predictions add the global mean {@code mu}. On
 * MovieLens-100K u1 the paper's model predicts better (test RMSE 0.936 against 0.956 at the best
 * lambda of each), but without centring a user or item without training data is predicted 0,
 * which the harness clamps to the bottom of the rating scale; with it, {@code mu}.
 *
 * <p>Warm start: {@link #fit(InteractionMatrix, Config, RunContext, InitialFactors)} accepts
 * initial user and / or item factors (see {@link InitialFactors}). If only user factors are
 * given, the first iteration skips its user step, so the given user factors determine the first
 * item solution. The fitted {@link FactorModel} exposes the learned factors
 * ({@link FactorModel#copyUserFactors}, {@link FactorModel#copyItemFactors}).
 *
 * <p>Parallelism: rows are solved in fixed blocks of {@value #BLOCK} with {@link Parallel}; every
 * row depends only on the other side's (fixed) factors, so the result is bit-identical for any
 * thread count. Id {@code als}.
 */
public final class Als implements Algorithm<Als.Config> {

    static final int BLOCK = 128;

    /**
     * Defaults are sized for MovieLens-100K (943 users x 1682 items, 100K ratings).
     *
     * @param factors        latent dimension k, >= 1 (default 20)
     * @param iterations     ALS sweeps (user step + item step), >= 1 (default 15; Zhou et al.
     *                       report convergence after about 5 to 20)
     * @param regularization lambda of the weighted-lambda penalty, > 0 (default 0.1, best of
     *                       0.05 to 0.3 on ML-100K u1; Zhou et al. used 0.065 on Netflix)
     * @param subtractMean   factorise {@code r - mu} and predict {@code mu + p.q} (default false;
     *                       see the class comment)
     * @param initStd        std of the random initial item factors, > 0 (default 0.01)
     */
    public record Config(int factors, int iterations, double regularization, boolean subtractMean, double initStd) {
        public Config {
            Checks.positive("factors", factors);
            Checks.positive("iterations", iterations);
            Checks.positive("regularization", regularization);
            Checks.positive("initStd", initStd);
        }
    }

    @Override
    public String id() {
        return "als";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(20, 15, 0.1, false, 0.01);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public FactorModel fit(InteractionMatrix train, Config config, RunContext ctx) {
        return fit(train, config, ctx, InitialFactors.NONE);
    }

    /** Fits starting from {@code init} (see the class comment and {@link InitialFactors}). */
    public FactorModel fit(InteractionMatrix train, Config config, RunContext ctx, InitialFactors init) {
        if (!train.isExplicit()) {
            throw new IllegalArgumentException("als factorises explicit ratings; use wrmf for implicit feedback");
        }
        if (train.nnz() == 0) {
            throw new IllegalArgumentException("als needs at least one training rating");
        }
        int numUsers = train.numRows();
        int numItems = train.numCols();
        int k = config.factors();
        init.validate(numUsers, numItems, k);
        double mu = config.subtractMean() ? train.meanValue() : 0.0;
        InteractionMatrix byItem = train.transpose();

        float[] userFactors = new float[numUsers * k];
        float[] itemFactors = new float[numItems * k];
        SplittableRandom rng = ctx.random("als-init");
        for (int i = 0; i < numItems; i++) {
            int n = byItem.rowSize(i);
            if (n == 0) {
                continue;
            }
            double sum = 0;
            for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                sum += byItem.value(p) - mu;
            }
            itemFactors[i * k] = (float) (sum / n);
            Gaussian.fill(itemFactors, i * k + 1, (i + 1) * k, config.initStd(), rng);
        }
        init.applyUsers(userFactors, numUsers, k);
        init.applyItems(itemFactors, numItems, k);
        boolean skipFirstUserStep = init.hasUserFactors() && !init.hasItemFactors();

        double lambda = config.regularization();
        int threads = ctx.threads();
        for (int it = 0; it < config.iterations(); it++) {
            ctx.checkCancelled("als");
            if (!(it == 0 && skipFirstUserStep)) {
                solveRows(train, itemFactors, userFactors, k, lambda, mu, threads);
            }
            solveRows(byItem, userFactors, itemFactors, k, lambda, mu, threads);
            ctx.progress().report("als", it + 1, config.iterations());
        }
        DenseMath.requireFinite(userFactors, "als user factors");
        DenseMath.requireFinite(itemFactors, "als item factors");
        return new FactorModel(numUsers, numItems, k, mu, new float[numUsers], new float[numItems], userFactors,
                itemFactors);
    }

    /**
     * For every row {@code r} of {@code m} with at least one entry, sets
     * {@code target[r] = (F_r^T F_r + lambda n_r I)^-1 F_r^T (m_r - mu)}, where {@code F_r} holds
     * the rows of {@code fixed} of the row's columns. Rows without entries are left unchanged.
     */
    static void solveRows(InteractionMatrix m, float[] fixed, float[] target, int k, double lambda, double mu,
                          int threads) {
        Parallel.forBlocks(m.numRows(), BLOCK, threads, (block, from, to) -> {
            double[] a = new double[k * k];
            double[] b = new double[k];
            for (int r = from; r < to; r++) {
                int n = m.rowSize(r);
                if (n == 0) {
                    continue;
                }
                java.util.Arrays.fill(a, 0.0);
                java.util.Arrays.fill(b, 0.0);
                for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
                    int o = m.col(p) * k;
                    double v = m.value(p) - mu;
                    for (int f = 0; f < k; f++) {
                        double xf = fixed[o + f];
                        b[f] += v * xf;
                        int af = f * k;
                        for (int g = 0; g <= f; g++) {
                            a[af + g] += xf * fixed[o + g];
                        }
                    }
                }
                double reg = lambda * n;
                for (int f = 0; f < k; f++) {
                    a[f * k + f] += reg;
                }
                if (!DenseMath.choleskySolve(a, b, k)) {
                    throw new IllegalStateException("als: normal equations of row " + r + " are not positive definite");
                }
                int o = r * k;
                for (int f = 0; f < k; f++) {
                    target[o + f] = (float) b[f];
                }
            }
        });
    }
}
