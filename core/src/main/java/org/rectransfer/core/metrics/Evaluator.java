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
 * <h2>What is computed</h2>
 * Metric names in {@link Evaluation#metrics()} (k runs over {@link EvaluationProtocol#cutoffs()}):
 * <ul>
 *   <li>{@code rmse}, {@code mae}: explicit held-out data only; micro averages over all held-out
 *   ratings, predictions clamped to the protocol's rating range. Per user: that user's RMSE / MAE.</li>
 *   <li>Per-user top-k metrics, averaged over the <em>ranked users</em> (users with at least one
 *   relevant held-out item): {@code precision@k}, {@code recall@k}, {@code f1@k}, {@code ndcg@k},
 *   {@code map@k}, {@code mrr@k}, {@code hr@k} ({@link RankingMetrics}).</li>
 *   <li>{@code auc}: per-user AUC over the user's <b>whole candidate set</b> (not the top-k
 *   list), averaged over the ranked users for whom it is defined (at least one non-relevant
 *   candidate). Positives are the relevant held-out items among the candidates, negatives every
 *   other candidate (on explicit data, held-out items rated below the threshold are negatives
 *   when they are candidates).</li>
 *   <li>{@code novelty@k} (only when {@code train} is given), {@code ild@k} (only when a
 *   similarity is given): per-user ({@link ListMetrics}), averaged over the ranked users for
 *   whom they are defined (non-empty list; at least two items for ILD, so {@code ild@1} is NaN).</li>
 *   <li>{@code coverage@k}, {@code gini@k}: list-level, over the top-k lists of the ranked users
 *   ({@link ListMetrics#coverage}, {@link ListMetrics#gini}); no per-user values.</li>
 * </ul>
 * Ranking metrics (AUC included) are computed only when the protocol has at least one cutoff.
 * A mean over no user is {@code NaN}. {@link Evaluation#perUser()} holds, for every per-user
 * metric, one value per user of {@link Evaluation#users()} (every user with held-out data),
 * {@code NaN} where undefined: users without a relevant held-out item have {@code NaN} for every
 * ranking metric and are counted in {@code skippedUsers}.
 *
 * <h2>Candidates</h2>
 * <ul>
 *   <li>Full ranking ({@code candidates == null}, protocol policy {@link CandidatePolicy.FullRanking}):
 *   every item not in the user's rows of the {@code exclude} matrices. The top-k list is
 *   {@code TopK.select} over {@link Recommender#scoreAll} with those items excluded (the same
 *   ranking as the default {@link Recommender#recommend}: ties by lower item index, NaN last);
 *   AUC's candidates are the same non-excluded items. A relevant item that is also excluded
 *   (impossible with the project's disjoint splits) stays in the relevant set of the top-k
 *   metrics, unreachable, and is not an AUC positive.</li>
 *   <li>Sampled negatives (protocol policy {@link CandidatePolicy.SampledNegatives}): exactly the
 *   stored {@link CandidateSets}, which must carry the same policy and shape and hold exactly
 *   the ranked users, each with all of its relevant items (otherwise
 *   {@link IllegalArgumentException}: the sets were drawn for other data). {@code exclude} is not
 *   consulted (the stored negatives already avoid every interaction of the user). The top-k
 *   list ranks only the candidates, with the same tie rule.</li>
 * </ul>
 *
 * <h2>Determinism and memory</h2>
 * Users are processed in fixed blocks of {@value #BLOCK} users; each worker thread holds one
 * workspace of a few {@code numItems}-sized arrays (scores, masks), so memory stays at
 * {@code O(threads x numItems)} plus the per-user results, and no users x items matrix is ever
 * built. Per-user values and top-k lists land in their own slots; every sum and every
 * list-level metric is computed afterwards in user order, so results are bit-identical for any
 * thread count.
 */
public final class Evaluator {
    static final int BLOCK = 128;

    private Evaluator() {
    }

    /**
     * Full-ranking evaluation without training data and without similarity: everything of
     * {@link #evaluate(Recommender, InteractionMatrix, InteractionMatrix, InteractionMatrix[], EvaluationProtocol,
     * CandidateSets, ItemSimilarity, int)} except {@code novelty@k} and {@code ild@k}.
     *
     * @param model    the fitted model
     * @param heldOut  held-out interactions (users x target items)
     * @param exclude  matrices whose items are removed from each user's candidates (same shape)
     * @param protocol how to score (its candidate policy must be full ranking)
     * @param threads  worker threads (results do not depend on it)
     */
    public static Evaluation evaluate(Recommender model, InteractionMatrix heldOut, InteractionMatrix[] exclude,
                                      EvaluationProtocol protocol, int threads) {
        return evaluate(model, heldOut, null, exclude, protocol, null, null, threads);
    }

    /**
     * Scores {@code model} (see the class comment for every metric and rule).
     *
     * @param model      the fitted model
     * @param heldOut    held-out interactions (users x target items)
     * @param train      the target training matrix, for novelty's item popularity and user count;
     *                   {@code null}: no {@code novelty@k}
     * @param exclude    under full ranking, matrices whose items are removed from each user's
     *                   candidates (training, and validation when scoring test); same shape
     * @param protocol   how to score
     * @param candidates persisted candidates when the protocol samples negatives; {@code null}
     *                   (required) under full ranking
     * @param similarity item similarity for {@code ild@k}; {@code null}: no ILD
     * @param threads    worker threads (results do not depend on it)
     */
    public static Evaluation evaluate(Recommender model, InteractionMatrix heldOut, InteractionMatrix train,
                                      InteractionMatrix[] exclude, EvaluationProtocol protocol, CandidateSets candidates,
                                      ItemSimilarity similarity, int threads) {
        int numItems = model.numItems();
        if (numItems != heldOut.numCols()) {
            throw new IllegalArgumentException("model has " + numItems + " items, held-out data " + heldOut.numCols());
        }
        for (InteractionMatrix m : exclude) {
            checkShape(m, heldOut, "excluded matrix");
        }
        if (train != null) {
            checkShape(train, heldOut, "training matrix");
        }
        boolean sampled = protocol.candidatePolicy() instanceof CandidatePolicy.SampledNegatives;
        if (sampled && candidates == null) {
            throw new IllegalArgumentException("protocol samples negatives (" + protocol.candidatePolicy().describe()
                    + ") but no candidate sets were given");
        }
        if (!sampled && candidates != null) {
            throw new IllegalArgumentException("candidate sets given but the protocol is full ranking; use "
                    + "protocol.withCandidatePolicy(candidates.policy()) so the results are labelled");
        }
        boolean explicit = heldOut.isExplicit();
        double threshold = protocol.relevanceThreshold();
        int[] users = usersWithData(heldOut);
        int n = users.length;
        int[] cutoffs = protocol.cutoffs();
        int numCutoffs = cutoffs.length;
        int maxK = protocol.maxCutoff();
        boolean ranking = maxK > 0;
        if (sampled) {
            checkCandidates(candidates, protocol, heldOut, users, explicit, threshold);
        }
        int[] popularity = train == null ? null : ListMetrics.itemPopularity(train);
        int trainUsers = train == null ? 0 : train.nonEmptyRows();
        boolean novelty = train != null;
        boolean ild = similarity != null;

        double[] sqErr = new double[n];
        double[] absErr = new double[n];
        boolean[] ranked = new boolean[n];
        int[][] lists = new int[n][];
        double[] auc = new double[n];
        double[][][] perCutoff = new double[PerCutoff.COUNT][][];
        for (int m = 0; m < PerCutoff.COUNT; m++) {
            boolean enabled = (m != PerCutoff.NOVELTY || novelty) && (m != PerCutoff.ILD || ild);
            perCutoff[m] = enabled ? new double[numCutoffs][n] : null;
        }
        int maxSet = sampled ? candidates.maxSetSize() : 0;
        ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(() -> new Workspace(numItems, maxSet));

        Parallel.forBlocks(n, BLOCK, threads, (block, from, to) -> {
            Workspace ws = workspaces.get();
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
                    if (isRelevant(explicit, actual, threshold)) {
                        relevantCount++;
                    }
                }
                sqErr[idx] = se;
                absErr[idx] = ae;
                auc[idx] = Double.NaN;
                for (double[][] metric : perCutoff) {
                    if (metric != null) {
                        for (double[] values : metric) {
                            values[idx] = Double.NaN;
                        }
                    }
                }
                if (!ranking || relevantCount == 0) {
                    continue;
                }
                int[] relevant = new int[relevantCount];
                int r = 0;
                for (int p = heldOut.rowStart(u); p < heldOut.rowEnd(u); p++) {
                    if (isRelevant(explicit, heldOut.value(p), threshold)) {
                        relevant[r++] = heldOut.col(p); // columns ascend within a row: sorted
                    }
                }
                model.scoreAll(u, ws.scores);
                int[] list;
                if (sampled) {
                    list = rankSampled(candidates, u, relevant, maxK, ws, auc, idx);
                } else {
                    list = rankFull(exclude, u, relevant, numItems, maxK, ws, auc, idx);
                }
                lists[idx] = list;
                double[] dissimilarity = ild ? ListMetrics.cumulativeDissimilarity(list, Math.min(maxK, list.length),
                        similarity) : null;
                for (int c = 0; c < numCutoffs; c++) {
                    int k = cutoffs[c];
                    perCutoff[PerCutoff.PRECISION][c][idx] = RankingMetrics.precision(list, relevant, k);
                    perCutoff[PerCutoff.RECALL][c][idx] = RankingMetrics.recall(list, relevant, k);
                    perCutoff[PerCutoff.F1][c][idx] = RankingMetrics.f1(list, relevant, k);
                    perCutoff[PerCutoff.NDCG][c][idx] = RankingMetrics.ndcg(list, relevant, k);
                    perCutoff[PerCutoff.MAP][c][idx] = RankingMetrics.averagePrecision(list, relevant, k);
                    perCutoff[PerCutoff.MRR][c][idx] = RankingMetrics.reciprocalRank(list, relevant, k);
                    perCutoff[PerCutoff.HR][c][idx] = RankingMetrics.hitRate(list, relevant, k);
                    if (novelty && trainUsers > 0) {
                        perCutoff[PerCutoff.NOVELTY][c][idx] = ListMetrics.novelty(list, k, popularity, trainUsers);
                    }
                    if (ild) {
                        int len = Math.min(k, list.length);
                        perCutoff[PerCutoff.ILD][c][idx] = len < 2 ? Double.NaN
                                : dissimilarity[len] / ((double) len * (len - 1) / 2);
                    }
                }
                ranked[idx] = true;
            }
        });

        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, double[]> perUser = new LinkedHashMap<>();
        long ratings = 0;
        long rankedUsers = 0;
        for (int idx = 0; idx < n; idx++) {
            ratings += heldOut.rowSize(users[idx]);
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
                int count = heldOut.rowSize(users[idx]);
                totalSq += sqErr[idx];
                totalAbs += absErr[idx];
                userRmse[idx] = Math.sqrt(sqErr[idx] / count);
                userMae[idx] = absErr[idx] / count;
            }
            metrics.put("rmse", ratings == 0 ? Double.NaN : Math.sqrt(totalSq / ratings));
            metrics.put("mae", ratings == 0 ? Double.NaN : totalAbs / ratings);
            perUser.put("rmse", userRmse);
            perUser.put("mae", userMae);
        }
        if (ranking) {
            counts.put("rankedUsers", rankedUsers);
            counts.put("skippedUsers", n - rankedUsers);
            for (int m = 0; m < PerCutoff.COUNT; m++) {
                if (perCutoff[m] == null) {
                    continue;
                }
                for (int c = 0; c < numCutoffs; c++) {
                    String name = PerCutoff.NAMES[m] + "@" + cutoffs[c];
                    metrics.put(name, meanOfDefined(perCutoff[m][c]));
                    perUser.put(name, perCutoff[m][c]);
                }
            }
            metrics.put("auc", meanOfDefined(auc));
            perUser.put("auc", auc);
            for (int k : cutoffs) {
                metrics.put("coverage@" + k, ListMetrics.coverage(lists, k, numItems));
                metrics.put("gini@" + k, rankedUsers == 0 ? Double.NaN : ListMetrics.gini(lists, k, numItems));
            }
        }
        return new Evaluation(metrics, counts, users, perUser);
    }

    /** Relevance rule of every ranking metric: explicit {@code rating >= threshold}; implicit: always. */
    static boolean isRelevant(boolean explicit, float value, double threshold) {
        return !explicit || value >= threshold;
    }

    /** Per-user top-k metrics, in a fixed order (array index) with their names. */
    private static final class PerCutoff {
        static final int PRECISION = 0;
        static final int RECALL = 1;
        static final int F1 = 2;
        static final int NDCG = 3;
        static final int MAP = 4;
        static final int MRR = 5;
        static final int HR = 6;
        static final int NOVELTY = 7;
        static final int ILD = 8;
        static final int COUNT = 9;
        static final String[] NAMES = {"precision", "recall", "f1", "ndcg", "map", "mrr", "hr", "novelty", "ild"};
    }

    /** One worker thread's buffers, reused for every user the thread scores. */
    private static final class Workspace {
        final float[] scores;
        final boolean[] excluded;
        final boolean[] relevantMask;
        final float[] positives;
        final float[] compact;

        Workspace(int numItems, int maxSet) {
            scores = new float[numItems];
            excluded = new boolean[numItems];
            relevantMask = new boolean[numItems];
            positives = new float[numItems];
            compact = new float[maxSet];
        }
    }

    /** Full ranking of {@code ws.scores}: writes the user's AUC into {@code auc[idx]}, returns the top-maxK list. */
    private static int[] rankFull(InteractionMatrix[] exclude, int u, int[] relevant, int numItems, int maxK,
                                  Workspace ws, double[] auc, int idx) {
        boolean[] excluded = ws.excluded;
        boolean[] relevantMask = ws.relevantMask;
        float[] scores = ws.scores;
        for (InteractionMatrix m : exclude) {
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                excluded[m.col(p)] = true;
            }
        }
        TopK top = TopK.select(scores, numItems, maxK, i -> excluded[i]);
        int numPositive = 0;
        for (int item : relevant) {
            if (!excluded[item]) {
                ws.positives[numPositive++] = scores[item];
                relevantMask[item] = true;
            }
        }
        int finite = RankingMetrics.sortPositives(ws.positives, numPositive);
        double uStat = 0;
        int numNegative = 0;
        if (numPositive > 0) {
            for (int i = 0; i < numItems; i++) {
                if (!excluded[i] && !relevantMask[i]) {
                    uStat += RankingMetrics.positivesAbove(ws.positives, finite, numPositive, scores[i]);
                    numNegative++;
                }
            }
        }
        auc[idx] = RankingMetrics.aucFromU(uStat, numPositive, numNegative);
        for (int item : relevant) {
            relevantMask[item] = false;
        }
        for (InteractionMatrix m : exclude) {
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                excluded[m.col(p)] = false;
            }
        }
        return top.items();
    }

    /** Ranking of the stored candidates of {@code u}: writes AUC into {@code auc[idx]}, returns the top-maxK list. */
    private static int[] rankSampled(CandidateSets candidates, int u, int[] relevant, int maxK, Workspace ws,
                                     double[] auc, int idx) {
        int j = candidates.indexOf(u);
        int start = candidates.start(j);
        int size = candidates.end(j) - start;
        float[] compact = ws.compact;
        float[] scores = ws.scores;
        for (int t = 0; t < size; t++) {
            compact[t] = scores[candidates.item(start + t)];
        }
        // candidates ascend, so ties by lower compact index are ties by lower item index
        TopK top = TopK.select(compact, size, maxK, null);
        int[] list = top.items();
        for (int t = 0; t < list.length; t++) {
            list[t] = candidates.item(start + list[t]);
        }
        // AUC: relevant (sorted) and candidates (sorted) merged; every relevant item is a candidate (checked)
        int numPositive = 0;
        int rp = 0;
        for (int t = 0; t < size && rp < relevant.length; t++) {
            if (candidates.item(start + t) == relevant[rp]) {
                ws.positives[numPositive++] = compact[t];
                rp++;
            }
        }
        int finite = RankingMetrics.sortPositives(ws.positives, numPositive);
        double uStat = 0;
        int numNegative = 0;
        rp = 0;
        for (int t = 0; t < size; t++) {
            if (rp < relevant.length && candidates.item(start + t) == relevant[rp]) {
                rp++;
                continue;
            }
            uStat += RankingMetrics.positivesAbove(ws.positives, finite, numPositive, compact[t]);
            numNegative++;
        }
        auc[idx] = RankingMetrics.aucFromU(uStat, numPositive, numNegative);
        return list;
    }

    /** The sets must be for this policy, this shape and exactly these ranked users with all their relevant items. */
    private static void checkCandidates(CandidateSets candidates, EvaluationProtocol protocol, InteractionMatrix heldOut,
                                        int[] users, boolean explicit, double threshold) {
        if (!candidates.policy().equals(protocol.candidatePolicy())) {
            throw new IllegalArgumentException("candidate sets were drawn under " + candidates.policy().describe()
                    + ", the protocol says " + protocol.candidatePolicy().describe());
        }
        if (candidates.numUsers() != heldOut.numRows() || candidates.numItems() != heldOut.numCols()) {
            throw new IllegalArgumentException("candidate sets are for " + candidates.numUsers() + "x"
                    + candidates.numItems() + " data, held-out data is " + heldOut.numRows() + "x" + heldOut.numCols());
        }
        int expected = 0;
        for (int u : users) {
            boolean hasRelevant = false;
            for (int p = heldOut.rowStart(u); p < heldOut.rowEnd(u); p++) {
                if (isRelevant(explicit, heldOut.value(p), threshold)) {
                    hasRelevant = true;
                    int j = candidates.indexOf(u);
                    if (j < 0) {
                        throw new IllegalArgumentException("user " + u + " has relevant held-out items but no candidate "
                                + "set: the sets were drawn for other held-out data");
                    }
                    if (!containsItem(candidates, j, heldOut.col(p))) {
                        throw new IllegalArgumentException("relevant held-out item " + heldOut.col(p) + " of user " + u
                                + " is not among its candidates: the sets were drawn for other held-out data");
                    }
                }
            }
            expected += hasRelevant ? 1 : 0;
        }
        if (expected != candidates.numEvaluatedUsers()) {
            throw new IllegalArgumentException("candidate sets cover " + candidates.numEvaluatedUsers()
                    + " users, the held-out data has " + expected + " users with a relevant item");
        }
    }

    private static boolean containsItem(CandidateSets candidates, int j, int item) {
        int lo = candidates.start(j);
        int hi = candidates.end(j) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = candidates.item(mid);
            if (v < item) {
                lo = mid + 1;
            } else if (v > item) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Mean of the non-NaN values, summed in index order; NaN if none. */
    private static double meanOfDefined(double[] values) {
        double sum = 0;
        long count = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static void checkShape(InteractionMatrix m, InteractionMatrix heldOut, String what) {
        if (m.numRows() != heldOut.numRows() || m.numCols() != heldOut.numCols()) {
            throw new IllegalArgumentException(what + " shape " + m.numRows() + "x" + m.numCols()
                    + " differs from held-out shape " + heldOut.numRows() + "x" + heldOut.numCols());
        }
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
