package org.rectransfer.algorithms.linear;

import org.ejml.data.DMatrixRMaj;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.util.Parallel;

/**
 * The dense item-item Gram matrix {@code X^T X} of a users x items interaction matrix, where
 * {@code X} holds the stored values ({@code binary = false}) or 1 for every stored entry
 * ({@code binary = true}) and 0 elsewhere. Used by EASE and PureSVD.
 *
 * <p>Row {@code i} is {@code sum_{u in U(i)} x_ui x_u}, computed from the item-major transpose;
 * rows are computed in fixed blocks in parallel and each row is summed in user order, so the
 * result is bit-identical for any thread count. Cost {@code O(sum_u |N(u)|^2)} time and
 * {@code 8 n^2} bytes for {@code n} items.
 *
 * <p>Thread safety: stateless.
 */
public final class ItemGram {

    static final int BLOCK = 64;

    /** Largest item count whose {@code n x n} matrix fits a Java array. */
    public static final int MAX_DENSE_ITEMS = 46_340;

    private ItemGram() {
    }

    /** {@code X^T X} as a dense {@code numItems x numItems} matrix. */
    public static DMatrixRMaj compute(InteractionMatrix train, boolean binary, int threads) {
        int n = train.numCols();
        if (n > MAX_DENSE_ITEMS) {
            throw new IllegalArgumentException("a dense " + n + " x " + n + " item matrix does not fit a Java array");
        }
        InteractionMatrix byItem = train.transpose();
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        double[] data = g.data;
        Parallel.forBlocks(n, BLOCK, threads, (block, from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i * n;
                for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                    int u = byItem.col(p);
                    double xi = binary ? 1.0 : byItem.value(p);
                    for (int q = train.rowStart(u); q < train.rowEnd(u); q++) {
                        data[row + train.col(q)] += binary ? xi : xi * train.value(q);
                    }
                }
            }
        });
        return g;
    }
}
