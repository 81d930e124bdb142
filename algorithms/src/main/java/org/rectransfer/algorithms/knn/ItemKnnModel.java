package org.rectransfer.algorithms.knn;

import java.util.Arrays;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;

/**
 * A fitted {@link ItemKnn}: the item neighbour lists, the prediction offset and the training
 * matrix (the users' rated items). See {@link ItemKnn} for the formulas.
 *
 * <p>{@link #predict} looks each neighbour up in the user's row by binary search;
 * {@link #scoreAll} scatters the user's residuals into a per-thread dense buffer of
 * {@code numItems} doubles (allocated once per thread, not per call) and accumulates in the
 * same order as {@code predict}, so both give identical values.
 *
 * <p>Thread safety: immutable apart from the per-thread buffers; safe for concurrent use.
 */
public final class ItemKnnModel implements Recommender {
    private final InteractionMatrix train;
    private final BaselineTerms offset; // null for implicit data
    private final NeighborLists lists;
    private final int k;
    private final ThreadLocal<double[]> profile;

    ItemKnnModel(InteractionMatrix train, BaselineTerms offset, NeighborLists lists, int k) {
        this.train = train;
        this.offset = offset;
        this.lists = lists;
        this.k = k;
        int n = train.numCols();
        this.profile = ThreadLocal.withInitial(() -> {
            double[] buf = new double[n];
            Arrays.fill(buf, Double.NaN);
            return buf;
        });
    }

    @Override
    public int numUsers() {
        return train.numRows();
    }

    @Override
    public int numItems() {
        return train.numCols();
    }

    /** The stored neighbour lists (items, best first). */
    public NeighborLists neighbors() {
        return lists;
    }

    @Override
    public double predict(int u, int i) {
        double num = 0;
        double den = 0;
        int used = 0;
        for (int p = lists.start(i), end = lists.end(i); p < end && used < k; p++) {
            int j = lists.idxAt(p);
            int q = train.find(u, j);
            if (q < 0) {
                continue;
            }
            double s = lists.simAt(p);
            if (offset != null) {
                num += s * (train.value(q) - offset.at(u, j));
            }
            den += s;
            used++;
        }
        return finish(u, i, num, den, used);
    }

    @Override
    public void scoreAll(int u, float[] out) {
        double[] residual = profile.get();
        int from = train.rowStart(u);
        int to = train.rowEnd(u);
        for (int q = from; q < to; q++) {
            int j = train.col(q);
            residual[j] = offset != null ? train.value(q) - offset.at(u, j) : 0.0;
        }
        try {
            int n = train.numCols();
            for (int i = 0; i < n; i++) {
                double num = 0;
                double den = 0;
                int used = 0;
                for (int p = lists.start(i), end = lists.end(i); p < end && used < k; p++) {
                    double r = residual[lists.idxAt(p)];
                    if (r != r) { // NaN: not rated
                        continue;
                    }
                    double s = lists.simAt(p);
                    if (offset != null) {
                        num += s * r;
                    }
                    den += s;
                    used++;
                }
                out[i] = (float) finish(u, i, num, den, used);
            }
        } finally {
            for (int q = from; q < to; q++) {
                residual[train.col(q)] = Double.NaN;
            }
        }
    }

    private double finish(int u, int i, double num, double den, int used) {
        if (offset == null) {
            return den;
        }
        double b = offset.at(u, i);
        return used == 0 ? b : b + num / den;
    }
}
