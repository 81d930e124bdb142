package org.rectransfer.algorithms.instance;

import java.util.Arrays;
import java.util.SplittableRandom;

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
 * Kernel mean matching (Huang, Smola, Gretton, Borgwardt &amp; Schölkopf, "Correcting sample
 * selection bias by unlabeled data", NIPS 2006; Gretton et al. 2009) for <b>source users</b>:
 * importance weights {@code b_u ~ p_target(x_u) / p_source(x_u)} that make the weighted mean of
 * the source users' features match the mean of the target users' features in an RBF kernel
 * space, then a weighted MF in which every source rating of user {@code u} has weight
 * {@code max(minWeight, b_u)} (target ratings weight 1).
 * <ol>
 *   <li>Features: a weighted MF with all weights 1 ({@link WeightedSgd}: target items and source
 *   items side by side, shared user factors) is fitted (context child {@code "features"}); the
 *   feature of a user is their user factor vector {@code p_u}.</li>
 *   <li>Samples: source users = users with ratings in some source, target users = users with
 *   target training ratings; each is subsampled uniformly (stream {@code "kmm-sample"}) to at
 *   most {@code maxUsers}.</li>
 *   <li>RBF kernel {@code k(x, y) = exp(-|x - y|^2 / (2 sigma^2))}; {@code sigma = kernelWidth},
 *   or when {@code kernelWidth = 0} the median distance between the source and the target
 *   sample (median heuristic).</li>
 *   <li>The QP {@code min 1/2 b'Kb - kappa'b, 0 <= b <= B, |sum b - n_s| <= n_s eps} with
 *   {@code kappa_i = (n_s / n_t) sum_j k(x_i, x_tj)} and {@code eps = epsilon}, or
 *   {@code B / sqrt(n_s)} (the paper's choice) when {@code epsilon < 0}, solved by
 *   {@link KmmSolver}.</li>
 *   <li>Source users outside the sample get the kernel-weighted mean of the sample's weights
 *   (Nadaraya-Watson), or 1 where the kernel vanishes.</li>
 *   <li>The final weighted MF (context child {@code "kmm"}) is returned, restricted to the target.</li>
 * </ol>
 * Bias transfer ({@code transferBias}, default true): one user bias shared by all domains in
 * both fits, so a cold-start user's target rating level comes from their source ratings; false
 * gives each domain its own user bias.
 *
 * <p>Deviations: the paper weights individual training points; here the unit is the user (all
 * of a user's source ratings share the weight), with learned MF factors as features; the QP is
 * solved by projected gradient instead of an interior-point solver (cvxopt in the reference
 * implementation); large user sets are subsampled and the rest extrapolated; the floor
 * {@code minWeight} keeps cold-start users (whose only data are source ratings) from losing
 * all their data. Id {@code kmm}. Bit-identical for a seed.
 */
public final class Kmm implements TransferStrategy<Kmm.Config> {

    /**
     * @param factors            latent dimension k (default 20)
     * @param epochs             SGD passes of each fit (default 30)
     * @param learningRate       step size (default 0.01)
     * @param regularization     L2 on factors (default 0.05)
     * @param biasRegularization L2 on biases (default 0.01)
     * @param initStd            std of initial factors (default 0.1)
     * @param upperBound         B, the largest weight, &gt;= 1 (default 10)
     * @param epsilon            slack of the sum constraint; &lt; 0 means {@code B / sqrt(n_s)} (default -1)
     * @param kernelWidth        RBF sigma, &gt;= 0; 0 means the median heuristic (default 0)
     * @param maxUsers           cap on each user sample of the QP, &gt;= 2 (default 1000)
     * @param qpIterations       projected-gradient iterations, &gt;= 1 (default 500)
     * @param minWeight          floor of a source user's weight, in [0, 1] (default 0.1)
     * @param transferBias       share the user bias across domains (default true)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization, double biasRegularization,
                         double initStd, double upperBound, double epsilon, double kernelWidth, int maxUsers,
                         int qpIterations, double minWeight, boolean transferBias) {
        public Config {
            new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
            if (!(upperBound >= 1) || Double.isInfinite(upperBound)) {
                throw new IllegalArgumentException("upperBound must be a finite number >= 1, was " + upperBound);
            }
            if (Double.isNaN(epsilon) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be finite, was " + epsilon);
            }
            Checks.nonNegative("kernelWidth", kernelWidth);
            if (maxUsers < 2) {
                throw new IllegalArgumentException("maxUsers must be >= 2, was " + maxUsers);
            }
            Checks.positive("qpIterations", qpIterations);
            Checks.inRange("minWeight", minWeight, 0, 1);
        }

        SgdParams sgd() {
            return new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }
    }

    @Override
    public String id() {
        return "kmm";
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
        return new Config(20, 30, 0.01, 0.05, 0.01, 0.1, 10.0, -1.0, 0.0, 1000, 500, 0.1, true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        if (task.sources().isEmpty()) {
            throw new IllegalArgumentException("kmm needs at least one source domain");
        }
        InteractionMatrix[] domains = Pooled.targetThenSources(task);
        float[][] weights = new float[domains.length][];
        CollectiveSgd.Result features = WeightedSgd.train(domains, weights, config.transferBias(), config.sgd(),
                ctx.child("features"));
        double[] userWeight = userWeights(task, features.userFactors(), features.k(), config,
                ctx.random("kmm-sample"));
        for (int d = 1; d < domains.length; d++) {
            weights[d] = InstanceWeighting.perInstance(domains[d], userWeight);
        }
        return WeightedSgd.train(domains, weights, config.transferBias(), config.sgd(), ctx.child("kmm"))
                .model(0, task.numUsers());
    }

    /** KMM weight of every user's source ratings (1 for users without source data), floored at minWeight. */
    static double[] userWeights(TransferTask task, float[] factors, int k, Config config, SplittableRandom rng) {
        int numUsers = task.numUsers();
        int[] source = usersWhere(numUsers, u -> hasSource(task, u));
        int[] target = usersWhere(numUsers, u -> task.targetTrain().rowSize(u) > 0);
        double[] out = new double[numUsers];
        Arrays.fill(out, 1.0);
        if (source.length == 0 || target.length == 0) {
            return out;
        }
        int[] s = sample(source, config.maxUsers(), rng);
        int[] t = sample(target, config.maxUsers(), rng);
        int ns = s.length;
        int nt = t.length;
        double[] cross = new double[ns * nt]; // squared distances
        for (int i = 0; i < ns; i++) {
            for (int j = 0; j < nt; j++) {
                cross[i * nt + j] = dist2(factors, s[i], t[j], k);
            }
        }
        double sigma = config.kernelWidth();
        if (sigma == 0) {
            double[] sorted = cross.clone();
            Arrays.sort(sorted);
            sigma = Math.sqrt(sorted[sorted.length / 2]);
            if (!(sigma > 0)) {
                sigma = 1.0;
            }
        }
        double gamma = 1.0 / (2 * sigma * sigma);
        double[] kappa = new double[ns];
        for (int i = 0; i < ns; i++) {
            double sum = 0;
            for (int j = 0; j < nt; j++) {
                sum += Math.exp(-gamma * cross[i * nt + j]);
            }
            kappa[i] = sum * ns / nt;
        }
        double[] kk = new double[ns * ns];
        for (int i = 0; i < ns; i++) {
            kk[i * ns + i] = 1.0;
            for (int j = i + 1; j < ns; j++) {
                double v = Math.exp(-gamma * dist2(factors, s[i], s[j], k));
                kk[i * ns + j] = v;
                kk[j * ns + i] = v;
            }
        }
        double eps = config.epsilon() < 0 ? config.upperBound() / Math.sqrt(ns) : config.epsilon();
        double[] b = KmmSolver.solve(kk, kappa, config.upperBound(), eps, config.qpIterations(), 1e-6);
        boolean[] inSample = new boolean[numUsers];
        for (int i = 0; i < ns; i++) {
            inSample[s[i]] = true;
            out[s[i]] = b[i];
        }
        for (int u : source) {
            if (!inSample[u]) {
                double num = 0;
                double den = 0;
                for (int i = 0; i < ns; i++) {
                    double v = Math.exp(-gamma * dist2(factors, u, s[i], k));
                    num += v * b[i];
                    den += v;
                }
                out[u] = den > 1e-12 ? num / den : 1.0;
            }
        }
        for (int u = 0; u < numUsers; u++) {
            out[u] = Math.max(config.minWeight(), out[u]);
        }
        return out;
    }

    private static boolean hasSource(TransferTask task, int u) {
        for (var s : task.sources()) {
            if (s.interactions().rowSize(u) > 0) {
                return true;
            }
        }
        return false;
    }

    private static int[] usersWhere(int numUsers, java.util.function.IntPredicate p) {
        return java.util.stream.IntStream.range(0, numUsers).filter(p).toArray();
    }

    /** At most {@code max} of {@code all}, uniformly without replacement (partial Fisher-Yates), sorted. */
    private static int[] sample(int[] all, int max, SplittableRandom rng) {
        if (all.length <= max) {
            return all;
        }
        int[] a = all.clone();
        for (int i = 0; i < max; i++) {
            int j = i + rng.nextInt(a.length - i);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
        int[] out = Arrays.copyOf(a, max);
        Arrays.sort(out);
        return out;
    }

    private static double dist2(float[] f, int u, int v, int k) {
        double s = 0;
        for (int c = 0; c < k; c++) {
            double d = f[u * k + c] - f[v * k + c];
            s += d * d;
        }
        return s;
    }
}
