package org.rectransfer.core.metrics;

import java.util.Arrays;

/**
 * Per-user ranking metrics with binary relevance: pure static functions of one user's data.
 *
 * <h2>Conventions shared by the top-k metrics</h2>
 * <ul>
 *   <li>{@code ranked} is the user's recommendation list, best first, without duplicates (not
 *   checked). Ties in the model's scores are broken <em>before</em> the list reaches these
 *   functions ({@link org.rectransfer.core.spi.TopK}: lower item index first), so the functions
 *   themselves never see a tie.</li>
 *   <li>{@code relevant} is the user's set of relevant items, <b>sorted ascending</b> without
 *   duplicates (checked: anything else would silently break the binary searches). Values do not
 *   depend on the order in which the set was given before sorting.</li>
 *   <li>Only the first {@code min(k, ranked.length)} entries are read. A list shorter than
 *   {@code k} is treated as if the missing positions held non-relevant items; denominators that
 *   involve {@code k} keep {@code k} (so P@k of a short list is lower than its hit rate per
 *   position).</li>
 *   <li>A user without relevant items has no defined value: these functions throw
 *   {@link IllegalArgumentException}; the {@link Evaluator} skips such users and counts them in
 *   {@code skippedUsers}. {@code k < 1} throws as well.</li>
 * </ul>
 * Write {@code H_k} for the set of ranks {@code r in [1, min(k, ranked.length)]} whose item is
 * relevant, and {@code R} for the relevant set.
 *
 * <p>{@link #auc} is different: it reads the scores of the <em>whole</em> candidate set, not a
 * top-k list.
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * Precision@k = {@code |H_k| / k}: the denominator is always {@code k} (the usual convention,
     * e.g. Manning, Raghavan &amp; Schütze 2008), also when the list is shorter than {@code k} or
     * the user has fewer than {@code k} relevant items (so 1 is reachable only when
     * {@code |R| >= k}). In [0, 1].
     */
    public static double precision(int[] ranked, int[] relevant, int k) {
        checkArgs(relevant, k);
        return (double) hits(ranked, relevant, k) / k;
    }

    /**
     * Recall@k = {@code |H_k| / |R|}. (Some papers divide by {@code min(k, |R|)} instead; that
     * variant is not this one.) In [0, 1]; 1 is reachable only when {@code |R| <= k}.
     */
    public static double recall(int[] ranked, int[] relevant, int k) {
        checkArgs(relevant, k);
        return (double) hits(ranked, relevant, k) / relevant.length;
    }

    /**
     * F1@k = harmonic mean of {@link #precision} and {@link #recall} at the same k,
     * {@code 2 P R / (P + R)}, and 0 when both are 0 (no hit). Equivalently
     * {@code 2 |H_k| / (k + |R|)}, which is how it is computed. In [0, 1]; 1 only when
     * {@code |R| = k} and every one of the top k is relevant. The {@link Evaluator} averages the
     * per-user F1 values (macro F1), it does not take F1 of the mean precision and recall.
     */
    public static double f1(int[] ranked, int[] relevant, int k) {
        checkArgs(relevant, k);
        return 2.0 * hits(ranked, relevant, k) / ((double) k + relevant.length);
    }

    /**
     * NDCG@k (Järvelin &amp; Kekäläinen 2002, "Cumulated gain-based evaluation of IR
     * techniques", ACM TOIS 20(4)) with binary gains and log2 discount:
     * {@code DCG = sum_{r in H_k} 1/log2(r+1)}, divided by the DCG of an ideal list with
     * {@code min(k, |R|)} relevant items first, {@code IDCG = sum_{r=1..min(k,|R|)} 1/log2(r+1)}.
     * In [0, 1]; 1 exactly when the first {@code min(k, |R|)} positions are all relevant.
     */
    public static double ndcg(int[] ranked, int[] relevant, int k) {
        checkArgs(relevant, k);
        double dcg = 0;
        int limit = Math.min(k, ranked.length);
        for (int r = 0; r < limit; r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                dcg += 1.0 / log2(r + 2);
            }
        }
        double idcg = 0;
        int ideal = Math.min(k, relevant.length);
        for (int r = 0; r < ideal; r++) {
            idcg += 1.0 / log2(r + 2);
        }
        return dcg / idcg;
    }

    /**
     * Average precision at k, the per-user term of MAP@k:
     * {@code AP@k = (sum_{r in H_k} P@r) / min(k, |R|)} with {@code P@r = |H_r| / r}.
     *
     * <p>Convention: the denominator is {@code min(k, |R|)}, the largest number of hits a list of
     * length k can have, so AP@k = 1 exactly when the first {@code min(k, |R|)} positions are
     * all relevant (as in RecBole and most top-k recommender evaluations). The alternative,
     * dividing by {@code |R|} (truncated TREC average precision), cannot reach 1 when
     * {@code |R| > k}; a third variant divides by {@code |H_k|} (mean precision at the hits). Those
     * are not this one. In [0, 1].
     */
    public static double averagePrecision(int[] ranked, int[] relevant, int k) {
        checkArgs(relevant, k);
        int limit = Math.min(k, ranked.length);
        int h = 0;
        double sum = 0;
        for (int r = 0; r < limit; r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                h++;
                sum += (double) h / (r + 1);
            }
        }
        return sum / Math.min(k, relevant.length);
    }

    /**
     * Reciprocal rank at k, the per-user term of MRR@k (Voorhees 1999, TREC-8 question
     * answering track): {@code 1 / min(H_k)}, the inverse rank of the first relevant item within
     * the top k, and 0 when none of the top k is relevant. In [0, 1].
     */
    public static double reciprocalRank(int[] ranked, int[] relevant, int k) {
        checkArgs(relevant, k);
        int limit = Math.min(k, ranked.length);
        for (int r = 0; r < limit; r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                return 1.0 / (r + 1);
            }
        }
        return 0.0;
    }

    /** HitRate@k (HR@k): 1 if at least one of the top k is relevant ({@code H_k} non-empty), else 0. */
    public static double hitRate(int[] ranked, int[] relevant, int k) {
        checkArgs(relevant, k);
        return hits(ranked, relevant, k) > 0 ? 1.0 : 0.0;
    }

    /** {@code |H_k|}: number of relevant items among the first {@code min(k, ranked.length)} entries. */
    public static int hits(int[] ranked, int[] relevant, int k) {
        checkSorted(relevant);
        int limit = Math.min(k, ranked.length);
        int h = 0;
        for (int r = 0; r < limit; r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                h++;
            }
        }
        return h;
    }

    /**
     * Area under the ROC curve of one user over the <b>whole candidate set</b>:
     * {@code AUC = P(s(p) > s(q)) + 1/2 P(s(p) = s(q))} for a random relevant candidate p and a
     * random non-relevant candidate q, i.e. the Mann–Whitney U statistic divided by
     * {@code |P| |N|} (Mann &amp; Whitney 1947; Hanley &amp; McNeil 1982):
     * {@code U = sum_{p in P} sum_{q in N} [s(p) > s(q)] + 1/2 [s(p) = s(q)]}, which equals
     * {@code sum of the mid-ranks of P among all candidates - |P|(|P|+1)/2}.
     *
     * <p>Ties count 1/2 (scores compare numerically, so {@code -0.0 == 0.0}). {@code NaN} scores
     * rank below every number, as in {@link org.rectransfer.core.spi.TopK}, and tie with each
     * other. Computed in {@code O((|P| + |N|) log |P|)}: the positive scores are sorted once and
     * each negative is placed among them by binary search (cheaper than sorting all candidates
     * because a user has few relevant items). Exact: U is a multiple of 1/2 accumulated in
     * {@code double}.
     *
     * @param positiveScores scores of the relevant candidates (any order; not modified)
     * @param negativeScores scores of the non-relevant candidates (any order; not modified)
     * @return AUC in [0, 1]; {@code NaN} when either array is empty (undefined)
     */
    public static double auc(float[] positiveScores, float[] negativeScores) {
        float[] pos = positiveScores.clone();
        int finite = sortPositives(pos, pos.length);
        double u = 0;
        for (float s : negativeScores) {
            u += positivesAbove(pos, finite, pos.length, s);
        }
        return aucFromU(u, pos.length, negativeScores.length);
    }

    /**
     * Sorts {@code pos[0..n)} ascending with NaN last and returns the number of non-NaN entries
     * (the prefix searched by {@link #positivesAbove}). Building block of {@link #auc}.
     */
    static int sortPositives(float[] pos, int n) {
        Arrays.sort(pos, 0, n); // Float.compare order: NaN last, -0.0 right before 0.0
        int finite = n;
        while (finite > 0 && Float.isNaN(pos[finite - 1])) {
            finite--;
        }
        return finite;
    }

    /**
     * The contribution of one negative score {@code s} to U: the number of positives scoring
     * strictly above it plus half the number scoring equal. {@code pos[0..finite)} are the
     * sorted non-NaN positives, {@code pos[finite..n)} the NaN ones.
     */
    static double positivesAbove(float[] pos, int finite, int n, float s) {
        if (Float.isNaN(s)) {
            // every non-NaN positive beats a NaN negative; NaN positives tie with it
            return finite + 0.5 * (n - finite);
        }
        int lower = firstIndex(pos, finite, s, false); // first p >= s
        int upper = firstIndex(pos, finite, s, true);  // first p > s
        return (finite - upper) + 0.5 * (upper - lower);
    }

    /** AUC from U, or NaN when one side is empty. */
    static double aucFromU(double u, int numPositive, int numNegative) {
        if (numPositive == 0 || numNegative == 0) {
            return Double.NaN;
        }
        return u / ((double) numPositive * numNegative);
    }

    /** First index in sorted {@code a[0..n)} with {@code a[i] > s} (strict) or {@code a[i] >= s}, compared numerically. */
    private static int firstIndex(float[] a, int n, float s, boolean strict) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            boolean after = strict ? a[mid] > s : a[mid] >= s;
            if (after) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static void checkArgs(int[] relevant, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        if (relevant.length == 0) {
            throw new IllegalArgumentException("metric undefined for a user without relevant items");
        }
        checkSorted(relevant);
    }

    /** The binary searches need {@code relevant} strictly ascending; anything else gave silently wrong values. */
    static void checkSorted(int[] relevant) {
        for (int i = 1; i < relevant.length; i++) {
            if (relevant[i - 1] >= relevant[i]) {
                throw new IllegalArgumentException("relevant items must be sorted ascending without duplicates, found "
                        + relevant[i - 1] + " before " + relevant[i]);
            }
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
