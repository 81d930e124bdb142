package org.rectransfer.core.metrics;

import java.util.Arrays;

/**
 * Per-user top-k ranking metrics with binary relevance. {@code ranked} is the recommendation
 * list, best first (length may be below {@code k}: missing positions count as non-relevant);
 * {@code relevant} is the set of relevant items, <b>sorted ascending</b> without duplicates.
 * A user with no relevant item has no defined value: callers skip such users (and count them).
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * NDCG@k (Järvelin &amp; Kekäläinen 2002) with binary gains and log2 discount:
     * {@code DCG = sum_{r=1..k, item_r relevant} 1/log2(r+1)}, divided by the DCG of an ideal
     * list with {@code min(k, |relevant|)} relevant items first. In [0, 1].
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
     * Recall@k = |relevant items in the top k| / |relevant|. (Some papers divide by
     * {@code min(k, |relevant|)} instead; that variant is not this one.) In [0, 1].
     */
    public static double recall(int[] ranked, int[] relevant, int k) {
        checkArgs(relevant, k);
        return (double) hits(ranked, relevant, k) / relevant.length;
    }

    /** Number of relevant items among the first {@code min(k, ranked.length)} entries. */
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
    private static void checkSorted(int[] relevant) {
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
