package org.rectransfer.algorithms.instance;

import java.util.ArrayList;
import java.util.List;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.algorithms.mf.SgdParams;
import org.rectransfer.algorithms.transfer.Pooled;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * TrAdaBoost (Dai, Yang, Xue &amp; Yu, "Boosting for transfer learning", ICML 2007, Algorithm 1)
 * adapted to rating regression with a weighted biased MF as the learner, in the spirit of
 * TrAdaBoost.R2 (Pardoe &amp; Stone, ICML 2010). Source ratings (all sources, "diff-distribution"
 * data T_d) and target training ratings ("same-distribution" data T_s) start with weight 1.
 * Each of {@code rounds} rounds:
 * <ol>
 *   <li>fit a weighted MF ({@link WeightedSgd}; target items and source items side by side)
 *   with the current weights normalised to mean 1 over all ratings and clipped at
 *   {@code maxWeight} (the SGD step of a rating is {@code lr * w});</li>
 *   <li>error of every training rating {@code e = |r - h_t(u,i)| / D_t} with
 *   {@code D_t = max} of {@code |r - h_t|} over all training ratings (the linear loss of
 *   AdaBoost.R2, in [0, 1]);</li>
 *   <li>{@code eps_t} = weighted mean of {@code e} over <em>target</em> ratings only, clamped
 *   to [1e-6, 0.499]; {@code beta_t = eps_t / (1 - eps_t)};</li>
 *   <li>target ratings: {@code w <- w * beta_t^(-e)} (misfit target ratings up);
 *   source ratings: {@code w <- w * beta^(e)} with
 *   {@code beta = 1 / (1 + sqrt(2 ln n_S / rounds))} (misfit source ratings down).</li>
 * </ol>
 * The final model ({@link Ensemble}) is the mean prediction of the rounds {@code ceil(N/2)..N}
 * ({@code SECOND_HALF_MEAN}, default; TrAdaBoost votes with the second half of the rounds) or
 * the last round's model ({@code LAST}). The mean of biased MF models is itself a biased MF
 * with the factors of every member concatenated and scaled by {@code 1/sqrt(m)}, so the
 * returned recommender is one {@link FactorModel} of rank {@code k * m}.
 *
 * <p>Bias transfer ({@code transferBias}, default true): one user bias shared by all domains
 * in every round, so cold-start users keep their source rating level; false gives each domain
 * its own user bias.
 *
 * <p>Deviations from Dai et al.: regression instead of binary classification (errors are
 * normalised absolute errors as in TrAdaBoost.R2, and the final hypothesis is an unweighted
 * mean instead of the {@code beta_t}-weighted vote); weights are normalised to mean 1 and
 * clipped for SGD stability (the paper normalises them to a distribution); {@code eps_t} is
 * clamped instead of stopping at {@code eps_t >= 0.5}. The normaliser {@code D_t} is taken over
 * source and target ratings as in TrAdaBoost.R2. Id {@code tradaboost}. Bit-identical for a seed.
 */
public final class TrAdaBoost implements TransferStrategy<TrAdaBoost.Config> {

    /** Which rounds make the final model. */
    public enum Ensemble {
        /** The last round's model. */
        LAST,
        /** Mean prediction of rounds ceil(N/2)..N (1-based). */
        SECOND_HALF_MEAN
    }

    /**
     * @param factors            latent dimension k of every round (default 20)
     * @param epochs             SGD passes per round (default 30)
     * @param learningRate       step size (default 0.01)
     * @param regularization     L2 on factors (default 0.05)
     * @param biasRegularization L2 on biases (default 0.01)
     * @param initStd            std of initial factors (default 0.1)
     * @param rounds             boosting rounds N, &gt;= 1 (default 6)
     * @param ensemble           final model (default SECOND_HALF_MEAN)
     * @param maxWeight          clip of the normalised weights, &gt;= 1 (default 5)
     * @param transferBias       share the user bias across domains (default true)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization, double biasRegularization,
                         double initStd, int rounds, Ensemble ensemble, double maxWeight, boolean transferBias) {
        public Config {
            new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
            Checks.positive("rounds", rounds);
            if (ensemble == null) {
                throw new IllegalArgumentException("ensemble must be LAST or SECOND_HALF_MEAN");
            }
            if (!(maxWeight >= 1) || Double.isInfinite(maxWeight)) {
                throw new IllegalArgumentException("maxWeight must be a finite number >= 1, was " + maxWeight);
            }
        }

        SgdParams sgd() {
            return new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }
    }

    @Override
    public String id() {
        return "tradaboost";
    }

    @Override
    public Family family() {
        return Family.INSTANCE;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(20, 30, 0.01, 0.05, 0.01, 0.1, 6, Ensemble.SECOND_HALF_MEAN, 5.0, true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        if (task.sources().isEmpty()) {
            throw new IllegalArgumentException("tradaboost needs at least one source domain");
        }
        InteractionMatrix[] domains = Pooled.targetThenSources(task);
        int numDomains = domains.length;
        int numUsers = task.numUsers();
        double[][] w = new double[numDomains][];
        long nSource = 0;
        long nAll = 0;
        for (int d = 0; d < numDomains; d++) {
            w[d] = new double[domains[d].nnz()];
            java.util.Arrays.fill(w[d], 1.0);
            nAll += domains[d].nnz();
            nSource += d == 0 ? 0 : domains[d].nnz();
        }
        int rounds = config.rounds();
        double beta = 1.0 / (1.0 + Math.sqrt(2.0 * Math.log(Math.max(nSource, 1)) / rounds));
        int firstKept = config.ensemble() == Ensemble.LAST ? rounds - 1 : rounds / 2;
        List<FactorModel> kept = new ArrayList<>();
        double[][] err = new double[numDomains][];
        for (int t = 0; t < rounds; t++) {
            ctx.checkCancelled("tradaboost");
            float[][] fw = normalised(w, nAll, config.maxWeight());
            var result = WeightedSgd.train(domains, fw, config.transferBias(), config.sgd(), ctx.child("round-" + t));
            if (t >= firstKept) {
                kept.add(result.model(0, numUsers));
            }
            if (t == rounds - 1) {
                break;
            }
            double max = 0;
            for (int d = 0; d < numDomains; d++) {
                FactorModel m = result.model(d, numUsers);
                InteractionMatrix r = domains[d];
                err[d] = new double[r.nnz()];
                for (int u = 0; u < numUsers; u++) {
                    for (int p = r.rowStart(u); p < r.rowEnd(u); p++) {
                        double e = Math.abs(r.value(p) - m.predict(u, r.col(p)));
                        err[d][p] = e;
                        max = Math.max(max, e);
                    }
                }
            }
            if (!(max > 0)) {
                // a perfect fit: nothing to re-weight
                continue;
            }
            double num = 0;
            double den = 0;
            for (int p = 0; p < err[0].length; p++) {
                err[0][p] /= max;
                num += w[0][p] * err[0][p];
                den += w[0][p];
            }
            double eps = den > 0 ? num / den : 0.5;
            eps = Math.min(0.499, Math.max(1e-6, eps));
            double betaT = eps / (1 - eps);
            for (int p = 0; p < err[0].length; p++) {
                w[0][p] *= Math.pow(betaT, -err[0][p]);
            }
            for (int d = 1; d < numDomains; d++) {
                for (int p = 0; p < err[d].length; p++) {
                    w[d][p] *= Math.pow(beta, err[d][p] / max);
                }
            }
            ctx.progress().report("tradaboost", t + 1, rounds);
        }
        return average(kept);
    }

    /** Weights scaled to mean 1 over all ratings, clipped at {@code maxWeight}, as floats. */
    static float[][] normalised(double[][] w, long n, double maxWeight) {
        double sum = 0;
        for (double[] wd : w) {
            for (double x : wd) {
                sum += x;
            }
        }
        double scale = sum > 0 ? n / sum : 1.0;
        float[][] out = new float[w.length][];
        for (int d = 0; d < w.length; d++) {
            out[d] = new float[w[d].length];
            for (int p = 0; p < w[d].length; p++) {
                out[d][p] = (float) Math.min(maxWeight, w[d][p] * scale);
            }
        }
        return out;
    }

    /**
     * The mean of biased MF models over the same users and items, as one biased MF: means and
     * biases averaged, factors concatenated and scaled by {@code 1/sqrt(m)}.
     */
    static FactorModel average(List<FactorModel> models) {
        if (models.size() == 1) {
            return models.get(0);
        }
        int m = models.size();
        FactorModel first = models.get(0);
        int numUsers = first.numUsers();
        int numItems = first.numItems();
        int k = first.rank();
        int kk = k * m;
        float scale = (float) (1.0 / Math.sqrt(m));
        double mean = 0;
        float[] ub = new float[numUsers];
        float[] ib = new float[numItems];
        float[] uf = new float[numUsers * kk];
        float[] itf = new float[numItems * kk];
        float[] row = new float[k];
        for (int j = 0; j < m; j++) {
            FactorModel f = models.get(j);
            mean += f.globalMean() / m;
            for (int u = 0; u < numUsers; u++) {
                ub[u] += f.userBias(u) / m;
                f.copyUserFactors(u, row, 0);
                for (int c = 0; c < k; c++) {
                    uf[u * kk + j * k + c] = row[c] * scale;
                }
            }
            for (int i = 0; i < numItems; i++) {
                ib[i] += f.itemBias(i) / m;
                f.copyItemFactors(i, row, 0);
                for (int c = 0; c < k; c++) {
                    itf[i * kk + j * k + c] = row[c] * scale;
                }
            }
        }
        return new FactorModel(numUsers, numItems, kk, mean, ub, ib, uf, itf);
    }
}
