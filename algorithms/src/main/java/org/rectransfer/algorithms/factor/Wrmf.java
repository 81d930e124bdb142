package org.rectransfer.algorithms.factor;

import java.util.Arrays;
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
 * Weighted regularised matrix factorisation for implicit feedback, WRMF / implicit ALS (Hu,
 * Koren &amp; Volinsky, "Collaborative filtering for implicit feedback datasets", ICDM 2008):
 * minimises over all user-item pairs
 *
 * <pre>
 *   sum_{u,i} c_ui (p_ui - x_u . y_i)^2 + lambda (sum_u |x_u|^2 + sum_i |y_i|^2),
 *   p_ui = 1 if (u,i) is stored, else 0;   c_ui = 1 + alpha r_ui (1 for unstored pairs)
 * </pre>
 *
 * where {@code r_ui} is the stored value (1 for implicit matrices; ratings for explicit ones,
 * which must be {@code >= 0}). Scores are {@code x_u . y_i}.
 *
 * <p>Solver: alternating least squares with the Y^T Y precomputation of Hu et al. (Sec. 4): the
 * user system {@code (Y^T Y + Y^T (C_u - I) Y + lambda I) x_u = Y^T C_u p_u} only touches the
 * user's own items once {@code Y^T Y} is known. Each system is solved approximately by
 * {@code cgSteps} conjugate-gradient steps warm-started from the current row, as proposed by
 * Takács, Pilászy &amp; Tikk ("Applications of the conjugate gradient method for implicit
 * feedback collaborative filtering", RecSys 2011): the matrix is never formed, a step costs
 * {@code O(k^2 + n_u k)}. {@code cgSteps = 0} solves exactly by Cholesky instead
 * ({@code O(n_u k^2 + k^3)} per row).
 *
 * <p>Order and initialisation: user factors start at zero, item factors at N(0, initStd^2) from
 * {@code ctx.random("wrmf-init")} (zero for items without interactions); each iteration solves
 * all users, then all items. Rows without any interaction are never updated: they keep their
 * initial value (zero unless a warm start gives one; for a zero row that is the exact optimum),
 * so a user without training data scores 0 for every item (ties broken by item index).
 *
 * <p>Warm start: {@link #fit(InteractionMatrix, Config, RunContext, InitialFactors)} as for
 * {@link Als} (only user factors given: the first iteration skips its user step). The result
 * exposes its factors through {@link FactorModel}.
 *
 * <p>Parallelism: {@code Y^T Y} is summed per fixed block of {@value #GRAM_BLOCK} rows and the
 * partial sums are added in block order; rows are solved in fixed blocks of {@value #BLOCK}.
 * Bit-identical for any thread count. Id {@code wrmf}.
 */
public final class Wrmf implements Algorithm<Wrmf.Config> {

    static final int BLOCK = 128;
    static final int GRAM_BLOCK = 4096;

    /**
     * Defaults are the best of a small grid on MovieLens-100K u1 with the ratings as {@code r}
     * (top-10 recall); binary data or counts on another scale need their own alpha and lambda.
     *
     * @param factors        latent dimension k, >= 1 (default 50)
     * @param iterations     ALS sweeps (users then items), >= 1 (default 15)
     * @param alpha          confidence slope: {@code c = 1 + alpha r}, >= 0 (default 1; Hu et al.
     *                       found 40 best for their watching-time data)
     * @param regularization lambda, > 0 (default 30)
     * @param cgSteps        conjugate-gradient steps per row and half-step, >= 0; 0 = exact
     *                       Cholesky solve (default 3, as Takács et al. and the {@code implicit}
     *                       library recommend)
     * @param initStd        std of the random initial item factors, > 0 (default 0.01)
     */
    public record Config(int factors, int iterations, double alpha, double regularization, int cgSteps,
                         double initStd) {
        public Config {
            Checks.positive("factors", factors);
            Checks.positive("iterations", iterations);
            Checks.nonNegative("alpha", alpha);
            Checks.positive("regularization", regularization);
            if (cgSteps < 0) {
                throw new IllegalArgumentException("cgSteps must be >= 0 (0 = exact solve), was " + cgSteps);
            }
            Checks.positive("initStd", initStd);
        }
    }

    @Override
    public String id() {
        return "wrmf";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(50, 15, 1.0, 30.0, 3, 0.01);
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
        if (train.nnz() == 0) {
            throw new IllegalArgumentException("wrmf needs at least one training interaction");
        }
        for (int p = 0; p < train.nnz(); p++) {
            if (train.value(p) < 0) {
                throw new IllegalArgumentException("wrmf needs values >= 0 (confidence 1 + alpha r), found "
                        + train.value(p));
            }
        }
        int numUsers = train.numRows();
        int numItems = train.numCols();
        int k = config.factors();
        init.validate(numUsers, numItems, k);
        InteractionMatrix byItem = train.transpose();

        float[] userFactors = new float[numUsers * k];
        float[] itemFactors = new float[numItems * k];
        SplittableRandom rng = ctx.random("wrmf-init");
        for (int i = 0; i < numItems; i++) {
            if (byItem.rowSize(i) > 0) {
                Gaussian.fill(itemFactors, i * k, (i + 1) * k, config.initStd(), rng);
            }
        }
        init.applyUsers(userFactors, numUsers, k);
        init.applyItems(itemFactors, numItems, k);
        boolean skipFirstUserStep = init.hasUserFactors() && !init.hasItemFactors();

        int threads = ctx.threads();
        double alpha = config.alpha();
        double lambda = config.regularization();
        for (int it = 0; it < config.iterations(); it++) {
            ctx.checkCancelled("wrmf");
            if (!(it == 0 && skipFirstUserStep)) {
                halfStep(train, itemFactors, userFactors, k, alpha, lambda, config.cgSteps(), threads);
            }
            halfStep(byItem, userFactors, itemFactors, k, alpha, lambda, config.cgSteps(), threads);
            ctx.progress().report("wrmf", it + 1, config.iterations());
        }
        DenseMath.requireFinite(userFactors, "wrmf user factors");
        DenseMath.requireFinite(itemFactors, "wrmf item factors");
        return new FactorModel(numUsers, numItems, k, 0.0, new float[numUsers], new float[numItems], userFactors,
                itemFactors);
    }

    /** Updates every non-empty row of {@code target} given the fixed other side. */
    static void halfStep(InteractionMatrix m, float[] fixed, float[] target, int k, double alpha, double lambda,
                         int cgSteps, int threads) {
        double[] gram = gramPlusRidge(fixed, fixed.length / k, k, lambda, threads);
        Parallel.forBlocks(m.numRows(), BLOCK, threads, (block, from, to) -> {
            double[] s1 = new double[k * k];
            double[] s2 = new double[k];
            double[] s3 = new double[k];
            double[] s4 = new double[k];
            for (int r = from; r < to; r++) {
                if (m.rowSize(r) == 0) {
                    continue;
                }
                if (cgSteps == 0) {
                    exactRow(m, r, fixed, gram, alpha, k, target, s1, s2);
                } else {
                    cgRow(m, r, fixed, gram, alpha, k, cgSteps, target, s2, s3, s4, s1);
                }
            }
        });
    }

    /**
     * {@code F^T F + lambda I} of the row-major {@code n x k} matrix {@code f} (full symmetric
     * {@code k x k}), summed per fixed block and combined in block order.
     */
    static double[] gramPlusRidge(float[] f, int n, int k, double lambda, int threads) {
        int blocks = Parallel.numBlocks(n, GRAM_BLOCK);
        double[][] partial = new double[blocks][k * k];
        Parallel.forBlocks(n, GRAM_BLOCK, threads, (block, from, to) -> DenseMath.addGramLower(f, from, to, k, partial[block]));
        double[] gram = new double[k * k];
        for (double[] part : partial) {
            for (int x = 0; x < gram.length; x++) {
                gram[x] += part[x];
            }
        }
        DenseMath.symmetrizeFromLower(gram, k);
        for (int d = 0; d < k; d++) {
            gram[d * k + d] += lambda;
        }
        return gram;
    }

    /**
     * Conjugate-gradient update of row {@code r}: starting from {@code target[r]}, at most
     * {@code steps} CG iterations on {@code A x = b} with
     * {@code A = gram + sum_{i in row} (c_i - 1) y_i y_i^T}, {@code b = sum_{i in row} c_i y_i},
     * {@code c_i = 1 + alpha v_i}, where {@code gram = Y^T Y + lambda I}. The matrix A is applied
     * implicitly. Scratch: {@code x, res, dir} of length k, {@code ad} of length >= k.
     */
    static void cgRow(InteractionMatrix m, int r, float[] fixed, double[] gram, double alpha, int k, int steps,
                      float[] target, double[] x, double[] res, double[] dir, double[] ad) {
        int o = r * k;
        for (int f = 0; f < k; f++) {
            x[f] = target[o + f];
        }
        // res = b - A x
        multiply(m, r, fixed, gram, alpha, k, x, res);
        for (int f = 0; f < k; f++) {
            res[f] = -res[f];
        }
        for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
            double c = 1.0 + alpha * m.value(p);
            int q = m.col(p) * k;
            for (int f = 0; f < k; f++) {
                res[f] += c * fixed[q + f];
            }
        }
        double rs = 0;
        for (int f = 0; f < k; f++) {
            dir[f] = res[f];
            rs += res[f] * res[f];
        }
        for (int s = 0; s < steps && rs > 1e-30; s++) {
            multiply(m, r, fixed, gram, alpha, k, dir, ad);
            double dAd = 0;
            for (int f = 0; f < k; f++) {
                dAd += dir[f] * ad[f];
            }
            if (!(dAd > 0)) {
                break;
            }
            double step = rs / dAd;
            double rsNew = 0;
            for (int f = 0; f < k; f++) {
                x[f] += step * dir[f];
                res[f] -= step * ad[f];
                rsNew += res[f] * res[f];
            }
            double beta = rsNew / rs;
            for (int f = 0; f < k; f++) {
                dir[f] = res[f] + beta * dir[f];
            }
            rs = rsNew;
        }
        for (int f = 0; f < k; f++) {
            target[o + f] = (float) x[f];
        }
    }

    /** {@code out = A v} for the system of row {@code r} (see {@link #cgRow}). */
    private static void multiply(InteractionMatrix m, int r, float[] fixed, double[] gram, double alpha, int k,
                                 double[] v, double[] out) {
        for (int f = 0; f < k; f++) {
            double s = 0;
            int gf = f * k;
            for (int g = 0; g < k; g++) {
                s += gram[gf + g] * v[g];
            }
            out[f] = s;
        }
        for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
            double w = alpha * m.value(p); // c - 1
            if (w == 0) {
                continue;
            }
            int q = m.col(p) * k;
            double yv = 0;
            for (int f = 0; f < k; f++) {
                yv += fixed[q + f] * v[f];
            }
            double coef = w * yv;
            for (int f = 0; f < k; f++) {
                out[f] += coef * fixed[q + f];
            }
        }
    }

    /** Exact solve of row {@code r}'s system by Cholesky. Scratch: {@code a} (k*k), {@code b} (k). */
    static void exactRow(InteractionMatrix m, int r, float[] fixed, double[] gram, double alpha, int k, float[] target,
                         double[] a, double[] b) {
        System.arraycopy(gram, 0, a, 0, k * k);
        Arrays.fill(b, 0, k, 0.0);
        for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
            double w = alpha * m.value(p);
            double c = 1.0 + w;
            int q = m.col(p) * k;
            for (int f = 0; f < k; f++) {
                double yf = fixed[q + f];
                b[f] += c * yf;
                int af = f * k;
                for (int g = 0; g <= f; g++) {
                    a[af + g] += w * yf * fixed[q + g];
                }
            }
        }
        if (!DenseMath.choleskySolve(a, b, k)) {
            throw new IllegalStateException("wrmf: system of row " + r + " is not positive definite");
        }
        int o = r * k;
        for (int f = 0; f < k; f++) {
            target[o + f] = (float) b[f];
        }
    }
}
