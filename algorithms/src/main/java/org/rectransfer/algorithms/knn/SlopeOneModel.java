package org.rectransfer.algorithms.knn;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;

/**
 * A fitted {@link SlopeOne}: per item {@code j} the co-rated items {@code i} (ascending), the
 * summed differences {@code D_ji} and supports {@code c_ji}. See {@link SlopeOne} for the
 * formulas.
 *
 * <p>{@link #predict} merges the user's row with item {@code j}'s pair list; {@link #scoreAll}
 * walks the user's items in ascending order and pushes each one's pairs into per-thread
 * accumulators of {@code numItems} doubles (allocated once per thread, not per call), using
 * {@code D_ji = -D_ij}, which holds exactly. Both add the same terms in the same order.
 *
 * <p>Thread safety: immutable apart from the per-thread buffers; safe for concurrent use.
 */
public final class SlopeOneModel implements Recommender {
    private final InteractionMatrix train;
    private final int[] ptr;
    private final int[] idx;
    private final float[] diff;
    private final int[] count;
    private final boolean weighted;
    private final float[] userMean; // NaN for users without ratings
    private final float[] itemMean;
    private final ThreadLocal<double[][]> scratch;

    SlopeOneModel(InteractionMatrix train, int[] ptr, int[] idx, float[] diff, int[] count, boolean weighted,
                  float[] userMean, float[] itemMean) {
        this.train = train;
        this.ptr = ptr;
        this.idx = idx;
        this.diff = diff;
        this.count = count;
        this.weighted = weighted;
        this.userMean = userMean;
        this.itemMean = itemMean;
        int n = train.numCols();
        this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[n], new double[n]});
    }

    @Override
    public int numUsers() {
        return train.numRows();
    }

    @Override
    public int numItems() {
        return train.numCols();
    }

    /** Number of users who rated both {@code j} and {@code i} ({@code j != i}). */
    public int support(int j, int i) {
        int p = pair(j, i);
        return p < 0 ? 0 : count[p];
    }

    /** The average deviation {@code dev_ji = D_ji / c_ji}, or NaN when no user rated both. */
    public double deviation(int j, int i) {
        int p = pair(j, i);
        return p < 0 ? Double.NaN : (double) diff[p] / count[p];
    }

    private int pair(int j, int i) {
        int p = java.util.Arrays.binarySearch(idx, ptr[j], ptr[j + 1], i);
        return p < 0 ? -1 : p;
    }

    @Override
    public double predict(int u, int j) {
        double num = 0;
        double den = 0;
        int q = train.rowStart(u);
        int qe = train.rowEnd(u);
        int p = ptr[j];
        int pe = ptr[j + 1];
        while (q < qe && p < pe) {
            int i = train.col(q);
            int ip = idx[p];
            if (i < ip) {
                q++;
            } else if (i > ip) {
                p++;
            } else {
                double r = train.value(q);
                if (weighted) {
                    num += diff[p] + r * count[p];
                    den += count[p];
                } else {
                    num += (double) diff[p] / count[p] + r;
                    den += 1;
                }
                q++;
                p++;
            }
        }
        return den > 0 ? num / den : fallback(u, j);
    }

    @Override
    public void scoreAll(int u, float[] out) {
        double[][] acc = scratch.get();
        double[] num = acc[0];
        double[] den = acc[1];
        for (int q = train.rowStart(u), qe = train.rowEnd(u); q < qe; q++) {
            int i = train.col(q);
            double r = train.value(q);
            for (int p = ptr[i], pe = ptr[i + 1]; p < pe; p++) {
                int j = idx[p];
                double dji = -diff[p]; // D_ji = -D_ij exactly
                if (weighted) {
                    num[j] += dji + r * count[p];
                    den[j] += count[p];
                } else {
                    num[j] += dji / count[p] + r;
                    den[j] += 1;
                }
            }
        }
        int n = train.numCols();
        for (int j = 0; j < n; j++) {
            out[j] = (float) (den[j] > 0 ? num[j] / den[j] : fallback(u, j));
            num[j] = 0;
            den[j] = 0;
        }
    }

    private double fallback(int u, int j) {
        float m = userMean[u];
        return m == m ? m : itemMean[j];
    }
}
