package org.rectransfer.core.spi;

import java.util.function.IntPredicate;

/**
 * The {@code k} best items of a score vector, best first; ties are broken by the lower item
 * index so the order is deterministic.
 *
 * @param items  item indices, best first
 * @param scores their scores
 */
public record TopK(int[] items, float[] scores) {

    public int size() {
        return items.length;
    }

    /**
     * Selects the top {@code k} entries of {@code scores} whose index is not excluded, with a
     * bounded min-heap: O(n log k) time, O(k) extra space. NaN scores rank after every other
     * score (including negative infinity), among themselves by lower index, and are reported
     * as NaN.
     */
    public static TopK select(float[] scores, int numItems, int k, IntPredicate exclude) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        int cap = Math.min(k, numItems);
        int[] heapItems = new int[cap];
        float[] heapScores = new float[cap];
        int size = 0;
        for (int i = 0; i < numItems; i++) {
            if (exclude != null && exclude.test(i)) {
                continue;
            }
            float s = scores[i];
            if (size < cap) {
                heapItems[size] = i;
                heapScores[size] = s;
                siftUp(heapItems, heapScores, size);
                size++;
            } else if (cap > 0 && better(s, i, heapScores[0], heapItems[0])) {
                heapItems[0] = i;
                heapScores[0] = s;
                siftDown(heapItems, heapScores, size);
            }
        }
        int[] outItems = new int[size];
        float[] outScores = new float[size];
        for (int pos = size - 1; pos >= 0; pos--) {
            outItems[pos] = heapItems[0];
            outScores[pos] = heapScores[0];
            size--;
            heapItems[0] = heapItems[size];
            heapScores[0] = heapScores[size];
            siftDown(heapItems, heapScores, size);
        }
        return new TopK(outItems, outScores);
    }

    /** True if (sa, ia) ranks before (sb, ib); NaN ranks after every number. */
    private static boolean better(float sa, int ia, float sb, int ib) {
        if (sa > sb) {
            return true;
        }
        if (sa == sb) {
            return ia < ib;
        }
        // sa < sb, or at least one is NaN
        boolean nanA = Float.isNaN(sa);
        boolean nanB = Float.isNaN(sb);
        return nanB && (!nanA || ia < ib);
    }

    // Min-heap by rank: the root is the worst-ranked of the kept entries.
    private static void siftUp(int[] items, float[] scores, int pos) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (better(scores[parent], items[parent], scores[pos], items[pos])) {
                swap(items, scores, parent, pos);
                pos = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] items, float[] scores, int size) {
        int pos = 0;
        while (true) {
            int left = 2 * pos + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && better(scores[worst], items[worst], scores[right], items[right])) {
                worst = right;
            }
            if (better(scores[pos], items[pos], scores[worst], items[worst])) {
                swap(items, scores, pos, worst);
                pos = worst;
            } else {
                return;
            }
        }
    }

    private static void swap(int[] items, float[] scores, int a, int b) {
        int ti = items[a];
        items[a] = items[b];
        items[b] = ti;
        float ts = scores[a];
        scores[a] = scores[b];
        scores[b] = ts;
    }
}
