package org.rectransfer.algorithms.knn;

import java.util.Arrays;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.util.Parallel;

/**
 * Computes the top-{@code M} neighbour lists of every entity (row of an entity x context
 * matrix) under a {@link Similarity}.
 *
 * <p>Row {@code a} is computed on its own: for each context {@code c} of {@code a}, in
 * ascending order, and each other entity {@code b} of {@code c}, the co-rating sums of the pair
 * are accumulated into dense per-thread scratch arrays (time
 * {@code O(sum_c |R(c)|^2)} overall; no entities x entities matrix is kept), then the measure is
 * evaluated for every touched {@code b}, shrunk, and the best {@code M} positive values are
 * selected with a bounded heap. Rows are processed in fixed blocks of {@value #BLOCK} through
 * {@link Parallel#forBlocks}; each row writes only its own slots, so the result is
 * bit-identical for any thread count. The contributions to a pair arrive in ascending context
 * order whichever of its two rows is computed, so {@code s(a, b)} and {@code s(b, a)} are
 * bit-identical too.
 */
final class Neighborhoods {
    /** Rows per parallel block (fixed, so results do not depend on the thread count). */
    static final int BLOCK = 32;
    /** Relative variance below which a Pearson operand counts as constant. */
    private static final double TINY = 1e-12;

    private Neighborhoods() {
    }

    /**
     * Item neighbourhoods (entities = items, contexts = users) of {@code train} (users x items).
     *
     * @param damped the damped baseline, used as the offset of {@link Similarity#BASELINE_PEARSON}
     */
    static NeighborLists items(InteractionMatrix train, Similarity measure, double shrinkage, int maxSize,
                               BaselineTerms damped, RunContext ctx) {
        InteractionMatrix byItem = train.transpose();
        double[] xTrain;
        double[] xByItem;
        switch (measure) {
            case ADJUSTED_COSINE: {
                float[] userMean = BaselineTerms.rowMeans(train, 0);
                xTrain = residuals(train, (u, i) -> userMean[u]);
                xByItem = residuals(byItem, (i, u) -> userMean[u]);
                break;
            }
            case BASELINE_PEARSON:
                xTrain = residuals(train, damped::at);
                xByItem = residuals(byItem, (i, u) -> damped.at(u, i));
                break;
            default:
                xTrain = residuals(train, (u, i) -> 0.0);
                xByItem = residuals(byItem, (i, u) -> 0.0);
        }
        return compute(byItem, xByItem, train, xTrain, measure, shrinkage, maxSize, ctx);
    }

    /**
     * User neighbourhoods (entities = users, contexts = items) of {@code train} (users x items).
     *
     * @param damped the damped baseline, used as the offset of {@link Similarity#BASELINE_PEARSON}
     */
    static NeighborLists users(InteractionMatrix train, Similarity measure, double shrinkage, int maxSize,
                               BaselineTerms damped, RunContext ctx) {
        InteractionMatrix byItem = train.transpose();
        double[] xTrain;
        double[] xByItem;
        switch (measure) {
            case ADJUSTED_COSINE: {
                float[] itemMean = BaselineTerms.rowMeans(byItem, 0);
                xTrain = residuals(train, (u, i) -> itemMean[i]);
                xByItem = residuals(byItem, (i, u) -> itemMean[i]);
                break;
            }
            case BASELINE_PEARSON:
                xTrain = residuals(train, damped::at);
                xByItem = residuals(byItem, (i, u) -> damped.at(u, i));
                break;
            default:
                xTrain = residuals(train, (u, i) -> 0.0);
                xByItem = residuals(byItem, (i, u) -> 0.0);
        }
        return compute(train, xTrain, byItem, xByItem, measure, shrinkage, maxSize, ctx);
    }

    /** An offset subtracted from the value at (row, col). */
    @FunctionalInterface
    interface Offset {
        double at(int row, int col);
    }

    /** {@code m.value(p) - offset(row, col)} for every position {@code p} of {@code m}. */
    static double[] residuals(InteractionMatrix m, Offset offset) {
        double[] x = new double[m.nnz()];
        for (int r = 0; r < m.numRows(); r++) {
            for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
                x[p] = m.value(p) - offset.at(r, m.col(p));
            }
        }
        return x;
    }

    /**
     * @param rows      entity x context ratings
     * @param xRows     value used for each entry of {@code rows} (raw rating or residual), by position
     * @param cols      {@code rows.transpose()}
     * @param xCols     value used for each entry of {@code cols}, by position
     * @param measure   the similarity
     * @param shrinkage support shrinkage {@code s}: similarities are multiplied by {@code n / (n + s)}
     * @param maxSize   neighbours kept per entity, {@code >= 1}
     * @param ctx       thread budget and cancellation
     */
    static NeighborLists compute(InteractionMatrix rows, double[] xRows, InteractionMatrix cols, double[] xCols,
                                 Similarity measure, double shrinkage, int maxSize, RunContext ctx) {
        int n = rows.numRows();
        int m = Math.max(0, Math.min(maxSize, n - 1));
        if ((long) n * m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " entities x " + m + " neighbours do not fit in one array; "
                    + "lower modelSize");
        }
        double[] norm = new double[n];
        if (measure == Similarity.COSINE) {
            for (int a = 0; a < n; a++) {
                double s = 0;
                for (int p = rows.rowStart(a); p < rows.rowEnd(a); p++) {
                    s += xRows[p] * xRows[p];
                }
                norm[a] = Math.sqrt(s);
            }
        }
        int[] slotIdx = new int[n * m];
        float[] slotSim = new float[n * m];
        int[] count = new int[n];
        ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(n, m));
        Parallel.forBlocks(n, BLOCK, ctx.threads(), (block, from, to) -> {
            ctx.checkCancelled("similarities");
            Scratch s = scratch.get();
            for (int a = from; a < to; a++) {
                count[a] = row(a, rows, xRows, cols, xCols, measure, shrinkage, norm, m, s, slotIdx, slotSim);
            }
        });
        scratch.remove(); // the calling thread may have run blocks; pool threads are gone
        int[] ptr = new int[n + 1];
        for (int a = 0; a < n; a++) {
            ptr[a + 1] = ptr[a] + count[a];
        }
        int[] idx = new int[ptr[n]];
        float[] sim = new float[ptr[n]];
        for (int a = 0; a < n; a++) {
            System.arraycopy(slotIdx, a * m, idx, ptr[a], count[a]);
            System.arraycopy(slotSim, a * m, sim, ptr[a], count[a]);
        }
        return new NeighborLists(ptr, idx, sim);
    }

    /** Computes row {@code a} into its slots; returns the number of neighbours kept. */
    private static int row(int a, InteractionMatrix rows, double[] xRows, InteractionMatrix cols, double[] xCols,
                           Similarity measure, double shrinkage, double[] norm, int m, Scratch s, int[] slotIdx,
                           float[] slotSim) {
        int touchedCount = 0;
        int[] cnt = s.cnt;
        double[] sab = s.sab;
        double[] saa = s.saa;
        double[] sbb = s.sbb;
        double[] sa = s.sa;
        double[] sb = s.sb;
        int[] touched = s.touched;
        for (int p = rows.rowStart(a); p < rows.rowEnd(a); p++) {
            int c = rows.col(p);
            double xa = xRows[p];
            for (int q = cols.rowStart(c); q < cols.rowEnd(c); q++) {
                int b = cols.col(q);
                if (b == a) {
                    continue;
                }
                if (cnt[b]++ == 0) {
                    touched[touchedCount++] = b;
                }
                double xb = xCols[q];
                sab[b] += xa * xb;
                saa[b] += xa * xa;
                sbb[b] += xb * xb;
                sa[b] += xa;
                sb[b] += xb;
            }
        }
        long[] heap = s.heap;
        int heapSize = 0;
        int sizeA = rows.rowSize(a);
        for (int t = 0; t < touchedCount; t++) {
            int b = touched[t];
            int nc = cnt[b];
            double v = value(measure, nc, sab[b], saa[b], sbb[b], sa[b], sb[b], norm[a], norm[b], sizeA,
                    rows.rowSize(b));
            cnt[b] = 0;
            sab[b] = 0;
            saa[b] = 0;
            sbb[b] = 0;
            sa[b] = 0;
            sb[b] = 0;
            float shrunk = (float) (v * (nc / (nc + shrinkage)));
            if (!(shrunk > 0f) || m == 0) { // also drops NaN (undefined)
                continue;
            }
            long key = key(shrunk, b);
            if (heapSize < m) {
                heap[heapSize] = key;
                siftUp(heap, heapSize);
                heapSize++;
            } else if (key < heap[0]) {
                heap[0] = key;
                siftDown(heap, heapSize);
            }
        }
        Arrays.sort(heap, 0, heapSize);
        int base = a * m;
        for (int k = 0; k < heapSize; k++) {
            slotIdx[base + k] = (int) heap[k];
            slotSim[base + k] = Float.intBitsToFloat(Integer.MAX_VALUE - (int) (heap[k] >>> 32));
        }
        return heapSize;
    }

    /**
     * The unshrunk similarity from the pair's co-rating sums (see {@link Similarity}); NaN when
     * undefined. Symmetric in (a, b) operation by operation.
     */
    static double value(Similarity measure, int n, double sab, double saa, double sbb, double sa, double sb,
                        double normA, double normB, int sizeA, int sizeB) {
        switch (measure) {
            case COSINE: {
                double den = normA * normB;
                return den > 0 ? sab / den : Double.NaN;
            }
            case PEARSON: {
                double cov = sab - sa * sb / n;
                double va = saa - sa * sa / n;
                double vb = sbb - sb * sb / n;
                if (!(va > TINY * saa) || !(vb > TINY * sbb)) {
                    return Double.NaN;
                }
                return cov / Math.sqrt(va * vb);
            }
            case ADJUSTED_COSINE:
            case BASELINE_PEARSON: {
                double den = saa * sbb;
                return den > 0 ? sab / Math.sqrt(den) : Double.NaN;
            }
            case JACCARD:
                return n / (double) (sizeA + sizeB - n);
            default:
                throw new AssertionError(measure);
        }
    }

    /**
     * Sort key: ascending keys are descending similarity, then ascending index. Valid for
     * positive finite floats, whose bit patterns order like their values.
     */
    private static long key(float sim, int b) {
        return ((long) (Integer.MAX_VALUE - Float.floatToIntBits(sim)) << 32) | b;
    }

    // Max-heap on keys: the root is the worst kept neighbour.
    private static void siftUp(long[] h, int pos) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (h[parent] < h[pos]) {
                long t = h[parent];
                h[parent] = h[pos];
                h[pos] = t;
                pos = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(long[] h, int size) {
        int pos = 0;
        while (true) {
            int left = 2 * pos + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            if (left + 1 < size && h[left + 1] > h[left]) {
                worst = left + 1;
            }
            if (h[worst] > h[pos]) {
                long t = h[worst];
                h[worst] = h[pos];
                h[pos] = t;
                pos = worst;
            } else {
                return;
            }
        }
    }

    /** Per-thread accumulators, all zero between rows. */
    private static final class Scratch {
        final int[] cnt;
        final double[] sab;
        final double[] saa;
        final double[] sbb;
        final double[] sa;
        final double[] sb;
        final int[] touched;
        final long[] heap;

        Scratch(int n, int m) {
            cnt = new int[n];
            sab = new double[n];
            saa = new double[n];
            sbb = new double[n];
            sa = new double[n];
            sb = new double[n];
            touched = new int[n];
            heap = new long[Math.max(1, m)];
        }
    }
}
