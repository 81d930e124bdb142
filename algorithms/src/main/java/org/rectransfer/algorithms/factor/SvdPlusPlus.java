package org.rectransfer.algorithms.factor;

import java.util.SplittableRandom;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.algorithms.mf.Gaussian;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.RunContext;

/**
 * SVD++ (Koren, "Factorization meets the neighborhood: a multifaceted collaborative filtering
 * model", KDD 2008, Eq. 15):
 *
 * <pre>
 *   r(u,i) = mu + b_u + b_i + q_i . (p_u + |N(u)|^-1/2 sum_{j in N(u)} y_j)
 * </pre>
 *
 * with {@code N(u)} the items the user rated in the training data (the implicit feedback of the
 * paper's setting without extra data), trained by SGD on the squared error with L2
 * regularisation (Koren, Sec. 4 update rules; one learning rate and one factor regularisation
 * for p, q and y, as in Surprise's {@code SVDpp} defaults).
 *
 * <p>Update order: every epoch visits the users in a random order and each user's ratings in a
 * random order (both from {@code ctx.random("svdpp-order")}). Within one user's pass the
 * implicit sum {@code s_u = |N(u)|^-1/2 sum y_j} is computed once, the biases, {@code p_u} and the
 * {@code q_i} are updated per rating exactly as in Koren's rules, and the gradient for the
 * {@code y_j} is <em>accumulated</em>: {@code g = sum_ratings e_ui q_i}; at the end of the pass
 * every {@code j in N(u)} gets one step {@code y_j = (1 - lr reg)^|N(u)| y_j + lr |N(u)|^-1/2 g}:
 * the gradient steps of the pass summed, and the weight decay of Koren's rule applied once per
 * rating of the pass, as when every {@code y_j} is updated after every rating. This is the usual
 * speed-up ({@code O(|N(u)| k)} per user pass instead of the {@code O(|N(u)|^2 k)} of updating
 * every {@code y_j} after every rating, which is what Surprise's SVDpp and MyMediaLite's
 * SVDPlusPlus do); deviation: inside a pass the predictions see the {@code y} of the pass start,
 * and the summed gradient is not itself decayed. (An earlier version decayed {@code y_j} once
 * per pass, which under-regularised the implicit factors of active users by a factor
 * {@code |N(u)|}: on MovieLens 100K it overfitted with more epochs; see docs/baselines-ml100k.md.)
 *
 * <p>Initialisation: p, q, y at N(0, initStd^2) from {@code ctx.random("svdpp-init")}, biases 0;
 * users and items without training ratings get zero factors and are never updated, so a user
 * without training data is predicted {@code mu + b_i}. The fitted model stores the effective user
 * vector {@code p_u + s_u} (fixed after training), so scoring costs the same as plain MF.
 * Single-threaded: bit-identical for a seed. Id {@code svd-plus-plus}.
 */
public final class SvdPlusPlus implements Algorithm<SvdPlusPlus.Config> {

    /**
     * Defaults are those of Surprise's {@code SVDpp}, tuned there for MovieLens-100K.
     *
     * @param factors            latent dimension k, >= 1 (default 20)
     * @param epochs             SGD passes, >= 1 (default 20)
     * @param learningRate       step size of all parameters, > 0 (default 0.007)
     * @param regularization     L2 on p, q and y, >= 0 (default 0.02)
     * @param biasRegularization L2 on b_u and b_i, >= 0 (default 0.02)
     * @param initStd            std of the initial factors, > 0 (default 0.1)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization,
                         double biasRegularization, double initStd) {
        public Config {
            Checks.positive("factors", factors);
            Checks.positive("epochs", epochs);
            Checks.positive("learningRate", learningRate);
            Checks.nonNegative("regularization", regularization);
            Checks.nonNegative("biasRegularization", biasRegularization);
            Checks.positive("initStd", initStd);
        }
    }

    @Override
    public String id() {
        return "svd-plus-plus";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(20, 20, 0.007, 0.02, 0.02, 0.1);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public FactorModel fit(InteractionMatrix train, Config config, RunContext ctx) {
        if (!train.isExplicit()) {
            throw new IllegalArgumentException("svd-plus-plus factorises explicit ratings");
        }
        if (train.nnz() == 0) {
            throw new IllegalArgumentException("svd-plus-plus needs at least one training rating");
        }
        int numUsers = train.numRows();
        int numItems = train.numCols();
        int k = config.factors();
        double mu = train.meanValue();
        InteractionMatrix byItem = train.transpose();

        float[] p = new float[numUsers * k];
        float[] q = new float[numItems * k];
        float[] y = new float[numItems * k];
        float[] bu = new float[numUsers];
        float[] bi = new float[numItems];
        SplittableRandom initRng = ctx.random("svdpp-init");
        for (int u = 0; u < numUsers; u++) {
            if (train.rowSize(u) > 0) {
                Gaussian.fill(p, u * k, (u + 1) * k, config.initStd(), initRng);
            }
        }
        for (int i = 0; i < numItems; i++) {
            if (byItem.rowSize(i) > 0) {
                Gaussian.fill(q, i * k, (i + 1) * k, config.initStd(), initRng);
                Gaussian.fill(y, i * k, (i + 1) * k, config.initStd(), initRng);
            }
        }

        int nnz = train.nnz();
        int[] users = new int[numUsers];
        for (int u = 0; u < numUsers; u++) {
            users[u] = u;
        }
        int[] positions = new int[nnz]; // per user range [rowStart, rowEnd): a permutation of the row's positions
        for (int x = 0; x < nnz; x++) {
            positions[x] = x;
        }
        double[] implicitSum = new double[k];
        double[] z = new double[k];
        double[] yGrad = new double[k];
        SplittableRandom order = ctx.random("svdpp-order");
        double lr = config.learningRate();
        double reg = config.regularization();
        double regB = config.biasRegularization();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            ctx.checkCancelled("svd-plus-plus");
            shuffle(users, 0, numUsers, order);
            for (int ui = 0; ui < numUsers; ui++) {
                int u = users[ui];
                int start = train.rowStart(u);
                int end = train.rowEnd(u);
                int n = end - start;
                if (n == 0) {
                    continue;
                }
                shuffle(positions, start, end, order);
                double norm = 1.0 / Math.sqrt(n);
                java.util.Arrays.fill(implicitSum, 0.0);
                for (int x = start; x < end; x++) {
                    int o = train.col(x) * k;
                    for (int f = 0; f < k; f++) {
                        implicitSum[f] += y[o + f];
                    }
                }
                for (int f = 0; f < k; f++) {
                    implicitSum[f] *= norm;
                }
                java.util.Arrays.fill(yGrad, 0.0);
                int pu = u * k;
                for (int x = start; x < end; x++) {
                    int pos = positions[x];
                    int i = train.col(pos);
                    int qi = i * k;
                    double pred = mu + bu[u] + bi[i];
                    for (int f = 0; f < k; f++) {
                        z[f] = p[pu + f] + implicitSum[f];
                        pred += z[f] * q[qi + f];
                    }
                    double e = train.value(pos) - pred;
                    bu[u] += (float) (lr * (e - regB * bu[u]));
                    bi[i] += (float) (lr * (e - regB * bi[i]));
                    for (int f = 0; f < k; f++) {
                        double qf = q[qi + f];
                        double pf = p[pu + f];
                        yGrad[f] += e * qf;
                        p[pu + f] = (float) (pf + lr * (e * qf - reg * pf));
                        q[qi + f] = (float) (qf + lr * (e * z[f] - reg * qf));
                    }
                }
                // n per-rating weight-decay steps of Koren's rule, (1 - lr reg)^n, applied at once
                double yDecay = Math.pow(1.0 - lr * reg, n);
                for (int x = start; x < end; x++) {
                    int o = train.col(x) * k;
                    for (int f = 0; f < k; f++) {
                        y[o + f] = (float) (yDecay * y[o + f] + lr * norm * yGrad[f]);
                    }
                }
            }
            ctx.progress().report("svd-plus-plus", epoch + 1, config.epochs());
        }

        float[] effective = new float[numUsers * k];
        for (int u = 0; u < numUsers; u++) {
            int n = train.rowSize(u);
            if (n == 0) {
                continue;
            }
            double norm = 1.0 / Math.sqrt(n);
            java.util.Arrays.fill(implicitSum, 0.0);
            for (int x = train.rowStart(u); x < train.rowEnd(u); x++) {
                int o = train.col(x) * k;
                for (int f = 0; f < k; f++) {
                    implicitSum[f] += y[o + f];
                }
            }
            for (int f = 0; f < k; f++) {
                effective[u * k + f] = (float) (p[u * k + f] + norm * implicitSum[f]);
            }
        }
        DenseMath.requireFinite(effective, "svd-plus-plus user factors");
        DenseMath.requireFinite(q, "svd-plus-plus item factors");
        DenseMath.requireFinite(bu, "svd-plus-plus user biases");
        DenseMath.requireFinite(bi, "svd-plus-plus item biases");
        return new FactorModel(numUsers, numItems, k, mu, bu, bi, effective, q);
    }

    /** Fisher-Yates shuffle of {@code a[from, to)}. */
    static void shuffle(int[] a, int from, int to, SplittableRandom rng) {
        for (int i = to - 1; i > from; i--) {
            int j = from + rng.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
