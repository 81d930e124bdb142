package org.rectransfer.core.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.TopK;
import org.rectransfer.core.util.Parallel;

/**
 * Scores a {@link Recommender} on held-out interactions under an {@link EvaluationProtocol}.
 *
 * <p>Users are processed in fixed blocks of {@value #BLOCK} users; each worker thread holds one
 * score buffer of {@code numItems} floats, so memory stays at {@code threads x numItems} floats
 * and no users x items matrix is ever built. Per-user values land in their own slots and are
 * summed in user order, so results are bit-identical for any thread count.
 */
public final class Evaluator {
    static final int BLOCK = 128;

    private Evaluator() {
    }

    /**
     * @param model    the fitted model
     * @param heldOut  held-out interactions (users x target items)
     * @param exclude  matrices whose items are removed from each user's candidates (same shape)
     * @param protocol how to score
     * @param threads  worker threads (results do not depend on it)
     */
    public static Evaluation evaluate(Recommender model, InteractionMatrix heldOut, InteractionMatrix[] exclude,
                                      EvaluationProtocol protocol, int threads) {
        if (model.numItems() != heldOut.numCols()) {
            throw new IllegalArgumentException("model has " + model.numItems() + " items, held-out data "
                    + heldOut.numCols());
        }
        for (InteractionMatrix m : exclude) {
            if (m.numRows() != heldOut.numRows() || m.numCols() != heldOut.numCols()) {
                throw new IllegalArgumentException("excluded matrix shape differs from held-out shape");
            }
        }
        int[] users = usersWithData(heldOut);
        int n = users.length;
        double[] sqErr = new double[n];
        double[] absErr = new double[n];
        int[] ratingCount = new int[n];
        int[] cutoffs = protocol.cutoffs();
        int maxK = protocol.maxCutoff();
        double[][] ndcg = new double[cutoffs.length][n];
        double[][] recall = new double[cutoffs.length][n];
        boolean[] ranked = new boolean[n];
        boolean explicit = heldOut.isExplicit();
        int numItems = model.numItems();
        ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[numItems]);

        Parallel.forBlocks(n, BLOCK, threads, (block, from, to) -> {
            float[] scratch = buffers.get();
            for (int idx = from; idx < to; idx++) {
                int u = users[idx];
                double se = 0;
                double ae = 0;
                int relevantCount = 0;
                for (int p = heldOut.rowStart(u); p < heldOut.rowEnd(u); p++) {
                    float actual = heldOut.value(p);
                    if (explicit) {
                        double pred = clamp(model.predict(u, heldOut.col(p)), protocol);
                        double err = pred - actual;
                        se += err * err;
                        ae += Math.abs(err);
                    }
                    if (!explicit || actual >= protocol.relevanceThreshold()) {
                        relevantCount++;
                    }
                }
                ratingCount[idx] = heldOut.rowSize(u);
                sqErr[idx] = se;
                absErr[idx] = ae;
                if (maxK > 0 && relevantCount > 0) {
                    int[] relevant = new int[relevantCount];
                    int r = 0;
                    for (int p = heldOut.rowStart(u); p < heldOut.rowEnd(u); p++) {
                        if (!explicit || heldOut.value(p) >= protocol.relevanceThreshold()) {
                            relevant[r++] = heldOut.col(p); // columns ascend within a row: sorted
                        }
                    }
                    TopK top = model.recommend(u, maxK, i -> isExcluded(exclude, u, i), scratch);
                    for (int c = 0; c < cutoffs.length; c++) {
                        ndcg[c][idx] = RankingMetrics.ndcg(top.items(), relevant, cutoffs[c]);
                        recall[c][idx] = RankingMetrics.recall(top.items(), relevant, cutoffs[c]);
                    }
                    ranked[idx] = true;
                }
            }
        });

        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, double[]> perUser = new LinkedHashMap<>();
        long ratings = 0;
        long rankedUsers = 0;
        for (int idx = 0; idx < n; idx++) {
            ratings += ratingCount[idx];
            if (ranked[idx]) {
                rankedUsers++;
            }
        }
        counts.put("users", (long) n);
        counts.put("ratings", ratings);
        if (explicit) {
            double totalSq = 0;
            double totalAbs = 0;
            double[] userRmse = new double[n];
            double[] userMae = new double[n];
            for (int idx = 0; idx < n; idx++) {
                totalSq += sqErr[idx];
                totalAbs += absErr[idx];
                userRmse[idx] = Math.sqrt(sqErr[idx] / ratingCount[idx]);
                userMae[idx] = absErr[idx] / ratingCount[idx];
            }
            metrics.put("rmse", ratings == 0 ? Double.NaN : Math.sqrt(totalSq / ratings));
            metrics.put("mae", ratings == 0 ? Double.NaN : totalAbs / ratings);
            perUser.put("rmse", userRmse);
            perUser.put("mae", userMae);
        }
        if (maxK > 0) {
            counts.put("rankedUsers", rankedUsers);
            counts.put("skippedUsers", n - rankedUsers);
            for (int c = 0; c < cutoffs.length; c++) {
                double sumNdcg = 0;
                double sumRecall = 0;
                double[] un = new double[n];
                double[] ur = new double[n];
                for (int idx = 0; idx < n; idx++) {
                    if (ranked[idx]) {
                        sumNdcg += ndcg[c][idx];
                        sumRecall += recall[c][idx];
                        un[idx] = ndcg[c][idx];
                        ur[idx] = recall[c][idx];
                    } else {
                        un[idx] = Double.NaN;
                        ur[idx] = Double.NaN;
                    }
                }
                metrics.put("ndcg@" + cutoffs[c], rankedUsers == 0 ? Double.NaN : sumNdcg / rankedUsers);
                metrics.put("recall@" + cutoffs[c], rankedUsers == 0 ? Double.NaN : sumRecall / rankedUsers);
                perUser.put("ndcg@" + cutoffs[c], un);
                perUser.put("recall@" + cutoffs[c], ur);
            }
        }
        return new Evaluation(metrics, counts, users, perUser);
    }

    private static boolean isExcluded(InteractionMatrix[] exclude, int u, int item) {
        for (InteractionMatrix m : exclude) {
            if (m.find(u, item) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static double clamp(double prediction, EvaluationProtocol protocol) {
        if (Double.isNaN(protocol.minRating())) {
            return prediction;
        }
        return Math.max(protocol.minRating(), Math.min(protocol.maxRating(), prediction));
    }

    private static int[] usersWithData(InteractionMatrix m) {
        int[] out = new int[m.numRows()];
        int n = 0;
        for (int u = 0; u < m.numRows(); u++) {
            if (m.rowSize(u) > 0) {
                out[n++] = u;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
