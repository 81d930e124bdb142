package org.rectransfer.algorithms.instance;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.CollectiveSgd;
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
 * Instance weighting: source ratings enter a weighted biased MF of the target (target items and
 * each source's items side by side, as in {@code pooled(biased-mf)}, trained by
 * {@link WeightedSgd}) with a per-user weight that says how well the user's source behaviour
 * agrees with their target behaviour. The instance-weighting framework of Jiang &amp; Zhai ("Instance
 * weighting for domain adaptation in NLP", ACL 2007) applied to the user as the unit of
 * transfer; the weight is a simple, explicit heuristic rather than a learned density ratio
 * (for that see {@link Kmm}).
 *
 * <p>Definition. For each domain {@code d} (target and every source) baseline estimates are
 * computed on its training ratings ({@link RatingLevels}, pseudo-count {@code shrinkage}): mean
 * {@code mu_d}, item biases {@code b_i^d}, and the user's rating level
 * {@code o_u^d = sum_i (r_ui - mu_d - b_i^d) / (n_u^d + shrinkage)}. For a user {@code u} with
 * target training ratings and ratings in source {@code s} (an <em>overlapping</em> user) the
 * agreement is
 * <pre>   a_{s,u} = exp(-(o_u^s - o_u^T)^2 / (2 levelScale^2))   in (0, 1]</pre>
 * and the domain similarity of source {@code s} is the mean agreement over its overlapping users,
 * {@code abar_s} (1 when there is none). Every rating of user {@code u} in source {@code s} gets
 * weight {@code sourceWeight * a_{s,u}} if {@code u} overlaps, else {@code sourceWeight * abar_s}
 * (source-only and cold-start users: a global weight learned from the overlap); target ratings
 * get weight 1. Then the weighted MF is fitted and its target part is returned.
 *
 * <p>Bias transfer ({@code transferBias}, default true): the user bias is shared by all domains,
 * so a cold-start user's target rating level comes from their source ratings (METHODS.md,
 * "Measured observation"); with false each domain has its own user bias and a cold user's
 * target bias stays 0, only factors are transferred.
 *
 * <p>Deviations: Jiang &amp; Zhai weight instances by an estimated density ratio and by
 * target-labelled bootstrapping; here the weight is the per-user rating-level agreement
 * defined above (deterministic, no classifier), chosen because the rating level is what
 * carries over between recommendation domains. Id {@code instance-weighting}. Single-threaded
 * SGD: bit-identical for a seed.
 */
public final class InstanceWeighting implements TransferStrategy<InstanceWeighting.Config> {

    /**
     * @param factors            latent dimension k (default 20)
     * @param epochs             SGD passes (default 30)
     * @param learningRate       step size (default 0.01)
     * @param regularization     L2 on factors (default 0.05)
     * @param biasRegularization L2 on biases (default 0.01)
     * @param initStd            std of initial factors (default 0.1)
     * @param sourceWeight       weight of a source rating with perfect agreement, &gt; 0 (default 1)
     * @param levelScale         tau of the agreement kernel, rating units, &gt; 0 (default 0.5)
     * @param shrinkage          pseudo-count of the baseline estimates, &gt;= 0 (default 5)
     * @param transferBias       share the user bias across domains (default true)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization, double biasRegularization,
                         double initStd, double sourceWeight, double levelScale, double shrinkage,
                         boolean transferBias) {
        public Config {
            new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
            Checks.positive("sourceWeight", sourceWeight);
            Checks.positive("levelScale", levelScale);
            Checks.nonNegative("shrinkage", shrinkage);
        }

        SgdParams sgd() {
            return new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }
    }

    @Override
    public String id() {
        return "instance-weighting";
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
        return new Config(20, 30, 0.01, 0.05, 0.01, 0.1, 1.0, 0.5, 5.0, true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        if (task.sources().isEmpty()) {
            throw new IllegalArgumentException("instance-weighting needs at least one source domain");
        }
        InteractionMatrix[] domains = Pooled.targetThenSources(task);
        float[][] weights = new float[domains.length][];
        double[][] userWeights = userWeights(task, config);
        for (int d = 1; d < domains.length; d++) {
            weights[d] = perInstance(domains[d], userWeights[d - 1]);
        }
        CollectiveSgd.Result r = WeightedSgd.train(domains, weights, config.transferBias(), config.sgd(),
                ctx.child("instance-weighting"));
        return r.model(0, task.numUsers());
    }

    /** Per source, the weight of each user's ratings as defined in the class comment. */
    static double[][] userWeights(TransferTask task, Config config) {
        double shrink = config.shrinkage();
        InteractionMatrix target = task.targetTrain();
        RatingLevels t = RatingLevels.of(target, shrink);
        int numUsers = task.numUsers();
        double[][] out = new double[task.sources().size()][];
        double twoTau2 = 2 * config.levelScale() * config.levelScale();
        for (int s = 0; s < out.length; s++) {
            InteractionMatrix src = task.sources().get(s).interactions();
            RatingLevels sl = RatingLevels.of(src, shrink);
            double[] w = new double[numUsers];
            boolean[] overlap = new boolean[numUsers];
            double sum = 0;
            int n = 0;
            for (int u = 0; u < numUsers; u++) {
                if (target.rowSize(u) > 0 && src.rowSize(u) > 0) {
                    double diff = sl.level(u, shrink) - t.level(u, shrink);
                    w[u] = Math.exp(-diff * diff / twoTau2);
                    overlap[u] = true;
                    sum += w[u];
                    n++;
                }
            }
            double global = n == 0 ? 1.0 : sum / n;
            for (int u = 0; u < numUsers; u++) {
                w[u] = config.sourceWeight() * (overlap[u] ? w[u] : global);
            }
            out[s] = w;
        }
        return out;
    }

    /** Expands per-user weights to one weight per stored rating of {@code m}. */
    static float[] perInstance(InteractionMatrix m, double[] userWeight) {
        float[] w = new float[m.nnz()];
        for (int u = 0; u < m.numRows(); u++) {
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                w[p] = (float) userWeight[u];
            }
        }
        return w;
    }
}
