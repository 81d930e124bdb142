package org.rectransfer.algorithms.knn;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;

/**
 * A fitted {@link UserKnn}: the user neighbour lists, the prediction offset and the training
 * matrix with its item-major transpose. See {@link UserKnn} for the formulas.
 *
 * <p>{@link #predict} walks u's list and finds each neighbour's rating by binary search in the
 * item's column; {@link #scoreAll} pushes each neighbour's ratings, in list order, into
 * per-thread accumulators of {@code numItems} entries (allocated once per thread, not per
 * call), which adds the same terms in the same order as {@code predict}.
 *
 * <p>Thread safety: immutable apart from the per-thread buffers; safe for concurrent use.
 */
public final class UserKnnModel implements Recommender {
    private final InteractionMatrix train;
    private final InteractionMatrix byItem;
    private final BaselineTerms offset; // null for implicit data
    private final NeighborLists lists;
    private final int k;
    private final ThreadLocal<Accumulators> scratch;

    UserKnnModel(InteractionMatrix train, BaselineTerms offset, NeighborLists lists, int k) {
        this.train = train;
        this.byItem = train.transpose();
        this.offset = offset;
        this.lists = lists;
        this.k = k;
        int n = train.numCols();
        this.scratch = ThreadLocal.withInitial(() -> new Accumulators(n));
    }

    @Override
    public int numUsers() {
        return train.numRows();
    }

    @Override
    public int numItems() {
        return train.numCols();
    }

    /** The stored neighbour lists (users, best first). */
    public NeighborLists neighbors() {
        return lists;
    }

    @Override
    public double predict(int u, int i) {
        double num = 0;
        double den = 0;
        int used = 0;
        for (int p = lists.start(u), end = lists.end(u); p < end && used < k; p++) {
            int v = lists.idxAt(p);
            int q = byItem.find(i, v);
            if (q < 0) {
                continue;
            }
            double s = lists.simAt(p);
            if (offset != null) {
                num += s * (byItem.value(q) - offset.at(v, i));
            }
            den += s;
            used++;
        }
        return finish(u, i, num, den, used);
    }

    @Override
    public void scoreAll(int u, float[] out) {
        Accumulators acc = scratch.get();
        double[] num = acc.num;
        double[] den = acc.den;
        int[] used = acc.used;
        for (int p = lists.start(u), end = lists.end(u); p < end; p++) {
            int v = lists.idxAt(p);
            double s = lists.simAt(p);
            for (int q = train.rowStart(v), qe = train.rowEnd(v); q < qe; q++) {
                int i = train.col(q);
                if (used[i] >= k) {
                    continue;
                }
                if (offset != null) {
                    num[i] += s * (train.value(q) - offset.at(v, i));
                }
                den[i] += s;
                used[i]++;
            }
        }
        int n = train.numCols();
        for (int i = 0; i < n; i++) {
            out[i] = (float) finish(u, i, num[i], den[i], used[i]);
            num[i] = 0;
            den[i] = 0;
            used[i] = 0;
        }
    }

    private double finish(int u, int i, double num, double den, int used) {
        if (offset == null) {
            return den;
        }
        double b = offset.at(u, i);
        return used == 0 ? b : b + num / den;
    }

    private static final class Accumulators {
        final double[] num;
        final double[] den;
        final int[] used;

        Accumulators(int n) {
            num = new double[n];
            den = new double[n];
            used = new int[n];
        }
    }
}
