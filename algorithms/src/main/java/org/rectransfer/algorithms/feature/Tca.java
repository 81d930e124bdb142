package org.rectransfer.algorithms.feature;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.rectransfer.algorithms.instance.RatingLevels;
import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.algorithms.transfer.DomainModels;
import org.rectransfer.algorithms.transfer.UserMapping;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * TCA, transfer component analysis (S. J. Pan, I. W. Tsang, J. T. Kwok and Q. Yang, "Domain
 * Adaptation via Transfer Component Analysis", IEEE Transactions on Neural Networks 22(2),
 * 199-210, 2011), adapted to cold-start user transfer as a feature-based strategy.
 *
 * <p>The paper: given samples of a source and a target distribution, learn a kernel feature map
 * {@code Z = K W} that minimises the (empirical, kernel) maximum mean discrepancy between the two
 * samples while keeping their variance, {@code min tr(W'KLKW) + mu tr(W'W) s.t. W'KHKW = I}; the
 * solution is the {@code m} leading eigenvectors of {@code (KLK + mu I)^-1 KHK}; a classifier or
 * regressor trained on the labelled side's components is then applied to the other side's
 * components. See {@link TransferComponents} for the eigen-solve (exact symmetrisation through the
 * closed-form {@code (KLK + mu I)^-1/2}, EJML) and the out-of-sample map. Reference code read:
 * {@code jindongwang/transferlearning:code/traditional/TCA/TCA.py}.
 *
 * <p>Our adaptation (our design, not in the paper), with users shared by all domains:
 * <ol>
 *   <li><b>User features from the source domains alone</b>, so warm and cold users live in the
 *   same feature space: per source {@code s}, shrunk baselines ({@link RatingLevels}, pseudo-count
 *   {@code shrinkage}) give residuals {@code e_ui = r_ui - mu_s - b_i^s} and the user's source
 *   rating level {@code o_u^s}; the user-centred residual matrix {@code e_ui - o_u^s} gets a rank
 *   {@code featureRank} truncated SVD ({@link RandomizedSvd}, 10 oversampling columns, 3 power
 *   iterations, stream {@code "svd-s"}), and the user's coordinates are the projection of their
 *   row on the loadings ({@code x_u V = U S} row). The feature vector concatenates, per source,
 *   these {@code featureRank} coordinates and, with {@code transferBias}, {@code o_u^s}; a user
 *   without ratings in a source has zeros in that block. Each column is then z-scored over the
 *   TCA sample.</li>
 *   <li><b>The two distributions</b> are the warm users (target training ratings and source data:
 *   the labelled side, group a) and the cold users (no target training ratings, source data: the
 *   unlabelled side, group b). Their source features are known at training time, so with
 *   {@code transductive} (default) TCA is fitted on both groups: this is <em>transductive</em>
 *   use of the cold users' source data (never of their target ratings, which the task does not
 *   contain). With {@code transductive = false} TCA sees the warm users only; with one group the
 *   MMD term vanishes, so this is kernel PCA of the warm users, and cold users are mapped out of
 *   sample through their kernel row.</li>
 *   <li><b>Scale</b>: when the TCA sample exceeds {@code maxKernelSamples}, a seeded stratified
 *   random subset of that size (stream {@code "landmarks"}, warm/cold in proportion) is the
 *   training sample (Nystrom-style landmarks) and every other user is mapped out of sample
 *   through its kernel row against the landmarks.</li>
 *   <li><b>Target model</b>: a biased MF ({@link BiasedMf}, child context {@code "target"}) on the
 *   target training data gives the warm users' {@code [p_u, b_u]} and the item parameters.</li>
 *   <li><b>Regressor</b>: a ridge map (weight {@code mappingRegularization}, with an intercept,
 *   {@link UserMapping#ridge}) from a warm user's transfer components {@code [z_u, 1]} to
 *   {@code [p_u, b_u]} ({@code [p_u]} without {@code transferBias}). Cold users with source data
 *   get their target parameters from this map; warm users keep their MF parameters; users without
 *   source data keep the MF's (a user with no data at all predicts {@code mu + b_i}). When no
 *   user is warm with source data, or none is cold with source data, the target MF is returned
 *   unchanged (nothing to learn the map from, or nobody to transfer to).</li>
 * </ol>
 *
 * <p>Deviations from the paper and the reference code: the components are scaled to unit centred
 * variance ({@code W'KHKW = n I}, a constant factor); features are z-scored per column instead of
 * the reference code's per-sample unit-norm scaling (which would discard the rating level's
 * magnitude); the RBF width {@code gamma = 0} means {@code 1 / number of features}; the MMD matrix
 * is used un-normalised ({@code L = e e'} as in the paper; the reference code divides it by its
 * Frobenius norm, which only rescales {@code mu}); null components are dropped; the regressor is
 * ridge regression to MF user parameters (the paper pairs TCA with any supervised learner);
 * bias transfer is an addition (METHODS.md "Measured observation"). Multiple sources: one
 * feature block per source, one TCA over the concatenation. Zero sources: rejected.
 *
 * <p>Determinism: single-threaded; random streams {@code "svd-s"}, {@code "landmarks"},
 * {@code "tca"} and the MF's, so bit-identical for a seed and any thread count. Index spaces: the
 * task's users and target items. The returned model is a {@link FactorModel} (immutable,
 * thread-safe). Id {@code tca}.
 */
public final class Tca implements TransferStrategy<Tca.Config> {

    /** Kernel of the TCA feature map. */
    public enum Kernel {
        /** {@code k(x, y) = x . y}. */
        LINEAR,
        /** {@code k(x, y) = exp(-gamma |x - y|^2)}. */
        RBF
    }

    /** Oversampling columns of the feature SVD's randomized range finder. */
    static final int SVD_OVERSAMPLING = 10;
    /** Power iterations of the feature SVD. */
    static final int SVD_POWER_ITERATIONS = 3;

    /**
     * @param kernel                LINEAR or RBF (default RBF)
     * @param gamma                 RBF width, &gt;= 0; 0 means 1 / number of features (default 0)
     * @param mu                    TCA trade-off between MMD and the W regulariser, &gt; 0 (default 1)
     * @param dimensions            m, transfer components kept, &gt;= 1 (default 10)
     * @param featureRank           d, rank of each source's feature SVD, &gt;= 1 (default 10)
     * @param shrinkage             pseudo-count of the source baselines and levels, &gt;= 0 (default 5)
     * @param transductive          fit TCA on warm and cold users (default true); false: warm only
     * @param maxKernelSamples      largest TCA training sample before landmark subsampling, &gt;= 2
     *                              (default 3000)
     * @param mappingRegularization ridge weight of the component-to-parameter map, &gt;= 0 (default 1)
     * @param factors               k of the target MF (default 20)
     * @param epochs                SGD passes of the target MF (default 30)
     * @param learningRate          SGD step size (default 0.01)
     * @param regularization        L2 on factors (default 0.05)
     * @param biasRegularization    L2 on biases (default 0.01)
     * @param initStd               std of initial factors (default 0.1)
     * @param transferBias          source levels as features and the target bias as map output
     *                              (default true)
     */
    public record Config(Kernel kernel, double gamma, double mu, int dimensions, int featureRank, double shrinkage,
                         boolean transductive, int maxKernelSamples, double mappingRegularization, int factors,
                         int epochs, double learningRate, double regularization, double biasRegularization,
                         double initStd, boolean transferBias) {
        public Config {
            if (kernel == null) {
                throw new IllegalArgumentException("kernel must be LINEAR or RBF, was null");
            }
            Checks.nonNegative("gamma", gamma);
            Checks.positive("mu", mu);
            Checks.positive("dimensions", dimensions);
            Checks.positive("featureRank", featureRank);
            Checks.nonNegative("shrinkage", shrinkage);
            if (maxKernelSamples < 2) {
                throw new IllegalArgumentException("maxKernelSamples must be >= 2, was " + maxKernelSamples);
            }
            Checks.nonNegative("mappingRegularization", mappingRegularization);
            new BiasedMf.Config(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }

        BiasedMf.Config mf() {
            return new BiasedMf.Config(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }
    }

    @Override
    public String id() {
        return "tca";
    }

    @Override
    public Family family() {
        return Family.FEATURE;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(Kernel.RBF, 0.0, 1.0, 10, 10, 5.0, true, 3000, 1.0, 20, 30, 0.01, 0.05, 0.01, 0.1, true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        if (task.sources().isEmpty()) {
            throw new IllegalArgumentException("tca needs at least one source domain");
        }
        int numUsers = task.numUsers();
        FactorModel target = new BiasedMf().fit(task.targetTrain(), config.mf(), ctx.child("target"));
        int k = target.rank();
        float[] userFactors = new float[numUsers * k];
        float[] userBias = new float[numUsers];
        for (int u = 0; u < numUsers; u++) {
            target.copyUserFactors(u, userFactors, u * k);
            userBias[u] = target.userBias(u);
        }
        // the TCA sample: warm users (group a) first, then cold users (group b)
        int numWarm = 0;
        int numCold = 0;
        for (int u = 0; u < numUsers; u++) {
            if (DomainModels.hasSourceData(task, u)) {
                if (task.targetTrain().rowSize(u) > 0) {
                    numWarm++;
                } else {
                    numCold++;
                }
            }
        }
        if (numWarm == 0 || numCold == 0) {
            return target; // nothing to learn from, or nobody to transfer to
        }
        int[] users = new int[numWarm + numCold];
        int wPos = 0;
        int cPos = numWarm;
        for (int u = 0; u < numUsers; u++) {
            if (DomainModels.hasSourceData(task, u)) {
                users[task.targetTrain().rowSize(u) > 0 ? wPos++ : cPos++] = u;
            }
        }
        double[][] features = sourceFeatures(task, users, config, ctx);
        int fitCount = config.transductive() ? users.length : numWarm;
        standardise(features, fitCount);
        double gamma = config.gamma() > 0 ? config.gamma() : 1.0 / Math.max(1, features[0].length);
        // training sample of TCA (row indices into users), group a first
        int[] train = trainingSample(numWarm, fitCount - numWarm, config.maxKernelSamples(),
                ctx.random("landmarks"));
        int trainA = 0;
        while (trainA < train.length && train[trainA] < numWarm) {
            trainA++;
        }
        double[][] sample = new double[train.length][];
        int[] position = new int[users.length];
        java.util.Arrays.fill(position, -1);
        for (int r = 0; r < train.length; r++) {
            sample[r] = features[train[r]];
            position[train[r]] = r;
        }
        ctx.checkCancelled("tca");
        TransferComponents tca = TransferComponents.fit(sample, trainA, config.kernel(), gamma, config.mu(),
                config.dimensions(), true, ctx.random("tca"));
        ctx.checkCancelled("tca");
        int m = tca.dimensions();
        double[][] z = new double[users.length][];
        for (int r = 0; r < users.length; r++) {
            if (position[r] >= 0) {
                z[r] = new double[m];
                for (int j = 0; j < m; j++) {
                    z[r][j] = tca.component(position[r], j);
                }
            } else {
                z[r] = tca.transform(features[r]);
            }
        }
        int dimOut = k + (config.transferBias() ? 1 : 0);
        DMatrixRMaj x = new DMatrixRMaj(numWarm, m + 1);
        DMatrixRMaj y = new DMatrixRMaj(numWarm, dimOut);
        for (int r = 0; r < numWarm; r++) {
            int u = users[r];
            for (int j = 0; j < m; j++) {
                x.set(r, j, z[r][j]);
            }
            x.set(r, m, 1.0);
            for (int f = 0; f < k; f++) {
                y.set(r, f, userFactors[u * k + f]);
            }
            if (config.transferBias()) {
                y.set(r, k, userBias[u]);
            }
        }
        DMatrixRMaj map = UserMapping.ridge(x, y, config.mappingRegularization());
        for (int r = numWarm; r < users.length; r++) {
            int u = users[r];
            for (int c = 0; c < dimOut; c++) {
                double v = map.get(m, c);
                for (int j = 0; j < m; j++) {
                    v += z[r][j] * map.get(j, c);
                }
                if (c < k) {
                    userFactors[u * k + c] = (float) v;
                } else {
                    userBias[u] = (float) v;
                }
            }
        }
        return target.withUsers(userBias, userFactors);
    }

    /**
     * Source features of {@code users} (rows in that order): per source the {@code featureRank}
     * SVD coordinates of the user-centred residual row and, with bias transfer, the user's level.
     */
    static double[][] sourceFeatures(TransferTask task, int[] users, Config config, RunContext ctx) {
        int d = config.featureRank();
        int block = d + (config.transferBias() ? 1 : 0);
        int numSources = task.sources().size();
        double[][] out = new double[users.length][block * numSources];
        double shrink = config.shrinkage();
        for (int s = 0; s < numSources; s++) {
            InteractionMatrix m = task.sources().get(s).interactions();
            if (m.nnz() == 0) {
                continue;
            }
            RatingLevels levels = RatingLevels.of(m, shrink);
            int rows = m.numRows();
            int[] rowPtr = new int[rows + 1];
            int[] colIdx = new int[m.nnz()];
            double[] vals = new double[m.nnz()];
            int pos = 0;
            for (int u = 0; u < rows; u++) {
                double level = levels.level(u, shrink);
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    colIdx[pos] = m.col(p);
                    vals[pos] = levels.residual(m.col(p), m.value(p)) - level;
                    pos++;
                }
                rowPtr[u + 1] = pos;
            }
            RandomizedSvd.Result svd = RandomizedSvd.compute(rows, m.numCols(), rowPtr, colIdx, vals, d,
                    SVD_OVERSAMPLING, SVD_POWER_ITERATIONS, ctx.random("svd-" + s));
            int rank = svd.rank();
            double[] v = svd.loadings();
            int off = s * block;
            for (int r = 0; r < users.length; r++) {
                int u = users[r];
                for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
                    int c = colIdx[p];
                    for (int f = 0; f < rank; f++) {
                        out[r][off + f] += vals[p] * v[c * rank + f];
                    }
                }
                if (config.transferBias()) {
                    out[r][off + d] = levels.level(u, shrink);
                }
            }
        }
        return out;
    }

    /** Z-scores every column with the mean and deviation of the first {@code fitRows} rows (in place). */
    static void standardise(double[][] x, int fitRows) {
        int p = x.length == 0 ? 0 : x[0].length;
        for (int c = 0; c < p; c++) {
            double mean = 0;
            for (int r = 0; r < fitRows; r++) {
                mean += x[r][c];
            }
            mean /= fitRows;
            double var = 0;
            for (int r = 0; r < fitRows; r++) {
                double t = x[r][c] - mean;
                var += t * t;
            }
            double sd = Math.sqrt(var / fitRows);
            double scale = sd > 0 ? 1.0 / sd : 1.0;
            for (double[] row : x) {
                row[c] = (row[c] - mean) * scale;
            }
        }
    }

    /**
     * The TCA training sample as sorted row indices: all {@code numA + numB} rows when they fit in
     * {@code max}, else a stratified uniform subset of {@code max} rows (group a rows are
     * {@code [0, numA)}, group b rows {@code [numA, numA + numB)}), each group keeping its share
     * (at least one row when non-empty).
     */
    static int[] trainingSample(int numA, int numB, int max, SplittableRandom rng) {
        int n = numA + numB;
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int takeA = (int) Math.round((double) max * numA / n);
        if (numA > 0) {
            takeA = Math.max(1, takeA);
        }
        if (numB > 0) {
            takeA = Math.min(takeA, max - 1);
        }
        int takeB = max - takeA;
        int[] out = new int[max];
        int[] a = subset(numA, takeA, rng);
        int[] b = subset(numB, takeB, rng);
        for (int i = 0; i < takeA; i++) {
            out[i] = a[i];
        }
        for (int i = 0; i < takeB; i++) {
            out[takeA + i] = numA + b[i];
        }
        return out;
    }

    /** {@code take} distinct sorted indices of {@code [0, n)} by a partial Fisher-Yates shuffle. */
    private static int[] subset(int n, int take, SplittableRandom rng) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < take; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(perm, take);
        java.util.Arrays.sort(out);
        return out;
    }
}
