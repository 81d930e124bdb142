package org.rectransfer.algorithms.feature;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.rectransfer.algorithms.instance.RatingLevels;
import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.algorithms.transfer.UserMapping;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * Mutual-information feature selection: the source items most informative about a user's
 * target behaviour become the user features from which the target model's user parameters are
 * predicted for cold-start users.
 *
 * <p>Feature ranking by mutual information follows R. Battiti, "Using mutual information for
 * selecting features in supervised neural net learning", IEEE Trans. Neural Networks 5(4),
 * 1994, and H. Peng, F. Long and C. Ding, "Feature selection based on mutual information:
 * criteria of max-dependency, max-relevance, and min-redundancy", IEEE TPAMI 27(8), 2005
 * (mRMR). Only the <em>relevance</em> term {@code I(X_j; Y)} is used (max-relevance ranking);
 * there is no redundancy penalty between selected items. The bridge from features to the
 * target model is a ridge regression onto biased-MF user parameters, as in the linear mapping
 * of EMCDR (Man, Shen, Jin &amp; Cheng, IJCAI 2017).
 *
 * <p>Algorithm, on training data only:
 * <ol>
 *   <li><b>Warm users</b> are those with target training ratings. The target behaviour
 *   {@code Y_u} of a warm user is their target rating level
 *   {@code o_u = sum_i (r_ui - mu_T - b_i^T) / (n_u + shrinkage)} (shrunk baselines,
 *   {@link RatingLevels}), discretised into {@code targetBins} quantile bins over the warm
 *   users (bin {@code b} holds the values above the {@code b/targetBins} quantile and at most
 *   the next one).</li>
 *   <li><b>Source item variables</b>: all sources' items, concatenated. For user {@code u} and
 *   source item {@code j}, {@code X_j(u)} is 0 (not rated), 1 (rated low) or 2 (rated high).
 *   "High" means {@code r_uj >= mu_s + b_j^s} (at least the item's baseline; this lets the
 *   feature carry the user's rating level) or, with {@code relativeToUser}, additionally
 *   above the user's own source level ({@code r_uj - mu_s - b_j^s - o_u^s >= 0}).</li>
 *   <li><b>Relevance</b>: the plug-in mutual information in nats over the warm users,
 *   {@code I(X_j; Y) = sum_{x,y} p(x,y) ln(p(x,y) / (p(x) p(y)))}, optionally with the
 *   Miller-Madow correction of the three entropies, which adds
 *   {@code (m_X + m_Y - m_XY - 1) / (2N)} ({@code m} = number of non-empty cells, {@code N} =
 *   warm users). Items rated by fewer than {@code minSupport} warm users are not eligible.</li>
 *   <li><b>Selection</b>: the {@code numFeatures} eligible items of largest relevance, ties
 *   broken by lower index (fewer when fewer are eligible).</li>
 *   <li><b>User features</b> {@code x_u}: for each selected item the user's centred source
 *   residual {@code r_uj - mu_s - b_j^s - o_u^s} (0 when unrated), then the user's source
 *   rating level pooled over the sources, then a constant 1.</li>
 *   <li><b>Target model</b>: {@link BiasedMf} on the target training ratings (context child
 *   {@code "target"}) gives warm users' {@code (p_u, b_u)}.</li>
 *   <li><b>Mapping</b>: ridge regression {@code W = argmin sum_u |x_u W - [p_u, b_u]|^2 +
 *   mappingRegularization |W|^2} (intercept not penalised) over warm users with source
 *   ratings; cold users (no target rating, some source rating) get {@code x_u W}. With
 *   {@code transferBias = false} only {@code p_u} is mapped and cold users keep bias 0. Users
 *   without any rating, or when no warm user has source ratings, keep the target model's
 *   parameters (zero: they predict {@code mu_T + b_i^T}).</li>
 * </ol>
 *
 * <p>Design choices (the issue describes the method in one sentence; there is no single paper):
 * the discretisation, the support filter, the Miller-Madow option, the feature encoding and the
 * ridge bridge are ours, documented above. Multiple sources: their items compete in one
 * ranking. Randomness: only the target MF's SGD (streams of the child context
 * {@code "target"}); the selection and mapping are deterministic. Single-threaded:
 * bit-identical for a seed and any thread count. Id {@code feature-selection}. The returned
 * model is immutable and thread-safe; index spaces are the task's user and target item indices.
 */
public final class MutualInformationSelection implements TransferStrategy<MutualInformationSelection.Config> {

    /** Not-rated, rated-low and rated-high: the three values of a source item variable. */
    static final int LEVELS = 3;

    /**
     * @param factors               k of the target biased MF (default 10)
     * @param epochs                SGD passes of the target MF (default 30)
     * @param learningRate          SGD step size (default 0.01)
     * @param regularization        L2 on factors (default 0.05)
     * @param biasRegularization    L2 on biases (default 0.01)
     * @param initStd               std of initial factors (default 0.1)
     * @param numFeatures           source items kept, &gt;= 1 (default 100)
     * @param targetBins            quantile bins of the target rating level, &gt;= 2 (default 3)
     * @param minSupport            warm users who must have rated an eligible item, &gt;= 1 (default 5)
     * @param millerMadow           Miller-Madow bias correction of the MI (default true)
     * @param relativeToUser        "rated high" is relative to the user's source level, not only to
     *                              the item baseline (default true)
     * @param shrinkage             pseudo-count of baselines and rating levels, &gt;= 0 (default 5)
     * @param mappingRegularization ridge weight of the feature map, &gt;= 0 (default 5)
     * @param transferBias          map the user bias too (default true)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization,
                         double biasRegularization, double initStd, int numFeatures, int targetBins, int minSupport,
                         boolean millerMadow, boolean relativeToUser, double shrinkage, double mappingRegularization,
                         boolean transferBias) {
        public Config {
            new BiasedMf.Config(factors, epochs, learningRate, regularization, biasRegularization, initStd);
            Checks.positive("numFeatures", numFeatures);
            if (targetBins < 2) {
                throw new IllegalArgumentException("targetBins must be >= 2, was " + targetBins);
            }
            Checks.positive("minSupport", minSupport);
            Checks.nonNegative("shrinkage", shrinkage);
            Checks.nonNegative("mappingRegularization", mappingRegularization);
        }

        BiasedMf.Config mf() {
            return new BiasedMf.Config(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }
    }

    @Override
    public String id() {
        return "feature-selection";
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
        return new Config(10, 30, 0.01, 0.05, 0.01, 0.1, 100, 3, 5, true, true, 5.0, 5.0, true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        if (task.sources().isEmpty()) {
            throw new IllegalArgumentException("feature-selection needs at least one source domain");
        }
        int numUsers = task.numUsers();
        double shrink = config.shrinkage();
        UserResiduals source = UserResiduals.ofDomains(task.sources(), shrink);
        RatingLevels target = RatingLevels.of(task.targetTrain(), shrink);

        int[] bin = targetBins(task, target, config.targetBins(), shrink);
        double[] relevance = relevance(source, bin, config.targetBins(), config.relativeToUser(), config.minSupport(),
                config.millerMadow(), shrink);
        int[] selected = topItems(relevance, config.numFeatures());

        FactorModel mf = new BiasedMf().fit(task.targetTrain(), config.mf(), ctx.child("target"));
        int k = mf.rank();
        int dimOut = k + (config.transferBias() ? 1 : 0);
        int[] position = new int[source.numCols()];
        Arrays.fill(position, -1);
        for (int f = 0; f < selected.length; f++) {
            position[selected[f]] = f;
        }
        int dimIn = selected.length + 2;
        int numPairs = 0;
        for (int u = 0; u < numUsers; u++) {
            if (task.targetTrain().rowSize(u) > 0 && source.rowSize(u) > 0) {
                numPairs++;
            }
        }
        float[] userFactors = new float[numUsers * k];
        float[] userBias = new float[numUsers];
        for (int u = 0; u < numUsers; u++) {
            mf.copyUserFactors(u, userFactors, u * k);
            userBias[u] = mf.userBias(u);
        }
        if (numPairs == 0) {
            return mf.withUsers(userBias, userFactors);
        }
        DMatrixRMaj x = new DMatrixRMaj(numPairs, dimIn);
        DMatrixRMaj y = new DMatrixRMaj(numPairs, dimOut);
        double[] row = new double[dimIn];
        float[] factors = new float[k];
        int r = 0;
        for (int u = 0; u < numUsers; u++) {
            if (task.targetTrain().rowSize(u) == 0 || source.rowSize(u) == 0) {
                continue;
            }
            features(source, position, u, shrink, row);
            System.arraycopy(row, 0, x.data, r * dimIn, dimIn);
            mf.copyUserFactors(u, factors, 0);
            for (int f = 0; f < k; f++) {
                y.set(r, f, factors[f]);
            }
            if (config.transferBias()) {
                y.set(r, k, mf.userBias(u));
            }
            r++;
        }
        DMatrixRMaj w = UserMapping.ridge(x, y, config.mappingRegularization(), true);
        for (int u = 0; u < numUsers; u++) {
            if (task.targetTrain().rowSize(u) > 0 || source.rowSize(u) == 0) {
                continue;
            }
            features(source, position, u, shrink, row);
            for (int c = 0; c < dimOut; c++) {
                double v = 0;
                for (int j = 0; j < dimIn; j++) {
                    v += row[j] * w.get(j, c);
                }
                if (c < k) {
                    userFactors[u * k + c] = (float) v;
                } else {
                    userBias[u] = (float) v;
                }
            }
        }
        return mf.withUsers(userBias, userFactors);
    }

    /** Quantile bin of each warm user's target level; -1 for users without target ratings. */
    static int[] targetBins(TransferTask task, RatingLevels target, int bins, double shrink) {
        int numUsers = task.numUsers();
        double[] level = new double[numUsers];
        int warm = 0;
        for (int u = 0; u < numUsers; u++) {
            if (task.targetTrain().rowSize(u) > 0) {
                level[u] = target.level(u, shrink);
                warm++;
            }
        }
        double[] sorted = new double[warm];
        int w = 0;
        for (int u = 0; u < numUsers; u++) {
            if (task.targetTrain().rowSize(u) > 0) {
                sorted[w++] = level[u];
            }
        }
        Arrays.sort(sorted);
        int[] out = new int[numUsers];
        Arrays.fill(out, -1);
        if (warm == 0) {
            return out;
        }
        double[] cut = new double[bins - 1];
        for (int b = 1; b < bins; b++) {
            int idx = (int) ((long) b * warm / bins) - 1;
            cut[b - 1] = sorted[Math.max(0, Math.min(warm - 1, idx))];
        }
        for (int u = 0; u < numUsers; u++) {
            if (task.targetTrain().rowSize(u) > 0) {
                int b = 0;
                while (b < cut.length && level[u] > cut[b]) {
                    b++;
                }
                out[u] = b;
            }
        }
        return out;
    }

    /**
     * The relevance {@code I(X_j; Y)} of every source column over the users with
     * {@code bin[u] >= 0}; {@code Double.NEGATIVE_INFINITY} for columns rated by fewer than
     * {@code minSupport} of them.
     */
    static double[] relevance(UserResiduals source, int[] bin, int numBins, boolean relativeToUser, int minSupport,
                              boolean millerMadow, double shrink) {
        int cols = source.numCols();
        int[] perBin = new int[numBins];
        int n = 0;
        int[][] rated = new int[cols][2 * numBins]; // (low, high) x bin
        for (int u = 0; u < bin.length; u++) {
            if (bin[u] < 0) {
                continue;
            }
            perBin[bin[u]]++;
            n++;
            for (int p = source.rowPtr()[u]; p < source.rowPtr()[u + 1]; p++) {
                // centred residual; without relativeToUser add back the user's level in that domain,
                // which gives the residual after the item baseline only
                double v = source.val()[p];
                if (!relativeToUser) {
                    v += source.levels()[domainOf(source.offset(), source.col()[p])].level(u, shrink);
                }
                int x = v >= 0 ? 1 : 0;
                rated[source.col()[p]][x * numBins + bin[u]]++;
            }
        }
        double[] out = new double[cols];
        int[][] table = new int[LEVELS][numBins];
        for (int j = 0; j < cols; j++) {
            int support = 0;
            for (int b = 0; b < numBins; b++) {
                table[1][b] = rated[j][b];
                table[2][b] = rated[j][numBins + b];
                table[0][b] = perBin[b] - table[1][b] - table[2][b];
                support += table[1][b] + table[2][b];
            }
            out[j] = support < minSupport || n == 0 ? Double.NEGATIVE_INFINITY : mutualInformation(table, millerMadow);
        }
        return out;
    }

    /** The domain whose columns contain {@code col} (offsets ascending). */
    private static int domainOf(int[] offset, int col) {
        int d = offset.length - 1;
        while (d > 0 && offset[d] > col) {
            d--;
        }
        return d;
    }

    /**
     * Plug-in mutual information (nats) of the contingency table {@code counts[x][y]}, with the
     * Miller-Madow correction {@code (m_X + m_Y - m_XY - 1) / (2N)} when asked. 0 for an empty
     * table.
     */
    static double mutualInformation(int[][] counts, boolean millerMadow) {
        int nx = counts.length;
        int ny = counts[0].length;
        double[] px = new double[nx];
        double[] py = new double[ny];
        double total = 0;
        int cells = 0;
        for (int a = 0; a < nx; a++) {
            for (int b = 0; b < ny; b++) {
                px[a] += counts[a][b];
                py[b] += counts[a][b];
                total += counts[a][b];
                cells += counts[a][b] > 0 ? 1 : 0;
            }
        }
        if (total == 0) {
            return 0.0;
        }
        double mi = 0;
        for (int a = 0; a < nx; a++) {
            for (int b = 0; b < ny; b++) {
                if (counts[a][b] > 0) {
                    mi += counts[a][b] / total * Math.log(counts[a][b] * total / (px[a] * py[b]));
                }
            }
        }
        if (millerMadow) {
            int mx = 0;
            int my = 0;
            for (double p : px) {
                mx += p > 0 ? 1 : 0;
            }
            for (double p : py) {
                my += p > 0 ? 1 : 0;
            }
            mi += (mx + my - cells - 1) / (2.0 * total);
        }
        return mi;
    }

    /** Indices of the {@code m} largest finite scores, descending, ties by lower index. */
    static int[] topItems(double[] scores, int m) {
        Integer[] idx = new Integer[scores.length];
        int eligible = 0;
        for (int j = 0; j < scores.length; j++) {
            if (scores[j] != Double.NEGATIVE_INFINITY) {
                idx[eligible++] = j;
            }
        }
        Integer[] e = Arrays.copyOf(idx, eligible);
        Arrays.sort(e, (a, b) -> {
            int c = Double.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int n = Math.min(m, eligible);
        int[] out = new int[n];
        for (int f = 0; f < n; f++) {
            out[f] = e[f];
        }
        return out;
    }

    /** x_u: centred residuals of the selected items (0 when unrated), pooled source level, 1. */
    private static void features(UserResiduals source, int[] position, int u, double shrink, double[] out) {
        Arrays.fill(out, 0.0);
        for (int p = source.rowPtr()[u]; p < source.rowPtr()[u + 1]; p++) {
            int f = position[source.col()[p]];
            if (f >= 0) {
                out[f] = source.val()[p];
            }
        }
        out[out.length - 2] = source.pooledLevel(u, shrink);
        out[out.length - 1] = 1.0;
    }
}
