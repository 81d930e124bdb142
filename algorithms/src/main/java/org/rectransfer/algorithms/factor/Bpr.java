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
 * BPR-MF, Bayesian personalised ranking with a matrix-factorisation scorer (Rendle,
 * Freudenthaler, Gantner &amp; Schmidt-Thieme, "BPR: Bayesian personalized ranking from implicit
 * feedback", UAI 2009): maximises {@code sum_{(u,i,j)} ln sigma(x_ui - x_uj) - reg |Theta|^2} with
 * {@code x_ui = b_i + p_u . q_i} over triples of a user, a positive item (stored in the training
 * matrix, whatever its value) and a negative item (not stored), by the stochastic gradient
 * ascent of LearnBPR (Rendle et al., Fig. 4).
 *
 * <p>Sampling: an epoch draws {@code nnz} triples with replacement from
 * {@code ctx.random("bpr-sample")}: a stored pair (u, i) uniformly among all stored pairs, then a
 * negative j uniformly among the items u has not interacted with (rejection sampling). Pairs of
 * users who interacted with every item are skipped. This is the bootstrap sampling of the paper,
 * with triples weighted per positive pair (exactly uniform over triples when all users have the
 * same number of negatives; the usual reading, e.g. MyMediaLite's BPRMF).
 *
 * <p>Parameters: factors start at N(0, initStd^2) from {@code ctx.random("bpr-init")}, biases at
 * 0. Users without training data and items never seen as positives start at zero; such users are
 * never updated, so they are scored by the item biases alone ({@code itemBias = true}: a
 * popularity-like order) or 0 for every item. The item bias ({@code b_i}) is optional (Rendle et
 * al. do not have it; MyMediaLite's BPRMF does) and has its own regularisation.
 *
 * <p>Warm start: {@link #fit(InteractionMatrix, Config, RunContext, InitialFactors)} overwrites
 * the random initial rows with given user factors, item factors and item biases
 * ({@link InitialFactors#withItemBias}); the fitted {@link FactorModel} exposes the learned
 * factors and biases. Single-threaded: bit-identical for a seed. Id {@code bpr}.
 */
public final class Bpr implements Algorithm<Bpr.Config> {

    /**
     * Defaults are the best of a small grid on MovieLens-100K u1 used as implicit feedback.
     *
     * @param factors            latent dimension k, >= 1 (default 32)
     * @param epochs             passes of {@code nnz} sampled triples each, >= 1 (default 50)
     * @param learningRate       SGD step size, > 0 (default 0.05)
     * @param regularization     L2 weight on user and item factors, >= 0 (default 0.02)
     * @param biasRegularization L2 weight on item biases, >= 0 (default 0.02)
     * @param itemBias           learn an item bias b_i (default true)
     * @param initStd            std of the random initial factors, > 0 (default 0.1)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization,
                         double biasRegularization, boolean itemBias, double initStd) {
        public Config {
            Checks.positive("factors", factors);
            Checks.positive("epochs", epochs);
            Checks.positive("learningRate", learningRate);
            Checks.nonNegative("regularization", regularization);
            Checks.nonNegative("biasRegularization", biasRegularization);
            Checks.positive("initStd", initStd);
        }
    }

    /** Rejection attempts per negative before the sample is dropped (only for users with almost every item). */
    private static final int MAX_NEGATIVE_TRIES = 1000;

    @Override
    public String id() {
        return "bpr";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(32, 50, 0.05, 0.02, 0.02, true, 0.1);
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
        int nnz = train.nnz();
        if (nnz == 0) {
            throw new IllegalArgumentException("bpr needs at least one training interaction");
        }
        int numUsers = train.numRows();
        int numItems = train.numCols();
        int k = config.factors();
        init.validate(numUsers, numItems, k);
        InteractionMatrix byItem = train.transpose();

        float[] userFactors = new float[numUsers * k];
        float[] itemFactors = new float[numItems * k];
        float[] itemBias = new float[numItems];
        SplittableRandom initRng = ctx.random("bpr-init");
        for (int u = 0; u < numUsers; u++) {
            if (train.rowSize(u) > 0) {
                Gaussian.fill(userFactors, u * k, (u + 1) * k, config.initStd(), initRng);
            }
        }
        for (int i = 0; i < numItems; i++) {
            if (byItem.rowSize(i) > 0) {
                Gaussian.fill(itemFactors, i * k, (i + 1) * k, config.initStd(), initRng);
            }
        }
        init.applyUsers(userFactors, numUsers, k);
        init.applyItems(itemFactors, numItems, k);
        if (config.itemBias()) {
            init.applyItemBias(itemBias);
        }

        int[] userOfPos = new int[nnz];
        for (int u = 0; u < numUsers; u++) {
            for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
                userOfPos[p] = u;
            }
        }
        SplittableRandom rng = ctx.random("bpr-sample");
        float lr = (float) config.learningRate();
        float reg = (float) config.regularization();
        float regB = (float) config.biasRegularization();
        boolean useBias = config.itemBias();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            ctx.checkCancelled("bpr");
            for (int s = 0; s < nnz; s++) {
                int pos = rng.nextInt(nnz);
                int u = userOfPos[pos];
                if (train.rowSize(u) >= numItems) {
                    continue;
                }
                int i = train.col(pos);
                int j = -1;
                for (int t = 0; t < MAX_NEGATIVE_TRIES; t++) {
                    int cand = rng.nextInt(numItems);
                    if (train.find(u, cand) < 0) {
                        j = cand;
                        break;
                    }
                }
                if (j < 0) {
                    continue;
                }
                int pu = u * k;
                int qi = i * k;
                int qj = j * k;
                double x = useBias ? (double) itemBias[i] - itemBias[j] : 0.0;
                for (int f = 0; f < k; f++) {
                    x += (double) userFactors[pu + f] * (itemFactors[qi + f] - itemFactors[qj + f]);
                }
                // d/dx ln sigma(x) = sigma(-x) = 1 / (1 + e^x)
                float g = (float) (1.0 / (1.0 + Math.exp(x)));
                for (int f = 0; f < k; f++) {
                    float wu = userFactors[pu + f];
                    float hi = itemFactors[qi + f];
                    float hj = itemFactors[qj + f];
                    userFactors[pu + f] = wu + lr * (g * (hi - hj) - reg * wu);
                    itemFactors[qi + f] = hi + lr * (g * wu - reg * hi);
                    itemFactors[qj + f] = hj + lr * (-g * wu - reg * hj);
                }
                if (useBias) {
                    itemBias[i] += lr * (g - regB * itemBias[i]);
                    itemBias[j] += lr * (-g - regB * itemBias[j]);
                }
            }
            ctx.progress().report("bpr", epoch + 1, config.epochs());
        }
        DenseMath.requireFinite(userFactors, "bpr user factors");
        DenseMath.requireFinite(itemFactors, "bpr item factors");
        DenseMath.requireFinite(itemBias, "bpr item biases");
        return new FactorModel(numUsers, numItems, k, 0.0, new float[numUsers], itemBias, userFactors, itemFactors);
    }
}
