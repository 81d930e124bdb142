package org.rectransfer.algorithms.linear;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;

/**
 * Scores {@code x_u W} for a binary user history {@code x_u} (the training row) and an item-item
 * weight matrix {@code W}, dense (EASE) or sparse by rows (SLIM):
 * {@code score(u, j) = sum_{i in N(u)} W_ij}. Accumulated in double for {@link #predict}, in
 * float row additions for {@link #scoreAll} (no allocation).
 *
 * <p>Thread safety: immutable (the training matrix is immutable; arrays are owned).
 */
final class ItemItemModel implements Recommender {
    private final InteractionMatrix train;
    private final int numItems;
    // dense: w != null, n x n row-major
    private final float[] dense;
    // sparse CSR by rows i: entries (col, weight)
    private final int[] rowPtr;
    private final int[] cols;
    private final float[] weights;

    /** Dense weights, row-major {@code numItems x numItems}. */
    ItemItemModel(InteractionMatrix train, float[] dense) {
        this.train = train;
        this.numItems = train.numCols();
        if (dense.length != (long) numItems * numItems) {
            throw new IllegalArgumentException("weight matrix must be " + numItems + " x " + numItems);
        }
        this.dense = dense;
        this.rowPtr = null;
        this.cols = null;
        this.weights = null;
    }

    /** Sparse weights in CSR by rows (columns sorted within a row). */
    ItemItemModel(InteractionMatrix train, int[] rowPtr, int[] cols, float[] weights) {
        this.train = train;
        this.numItems = train.numCols();
        if (rowPtr.length != numItems + 1 || cols.length != weights.length || rowPtr[numItems] != cols.length) {
            throw new IllegalArgumentException("inconsistent sparse weight matrix");
        }
        this.dense = null;
        this.rowPtr = rowPtr;
        this.cols = cols;
        this.weights = weights;
    }

    @Override
    public int numUsers() {
        return train.numRows();
    }

    @Override
    public int numItems() {
        return numItems;
    }

    /** Number of non-zero weights (n^2 for the dense form). */
    long nonZeros() {
        return dense != null ? (long) numItems * numItems : cols.length;
    }

    /** Weight {@code W_ij}. */
    float weight(int i, int j) {
        if (dense != null) {
            return dense[i * numItems + j];
        }
        int lo = rowPtr[i];
        int hi = rowPtr[i + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = cols[mid];
            if (c < j) {
                lo = mid + 1;
            } else if (c > j) {
                hi = mid - 1;
            } else {
                return weights[mid];
            }
        }
        return 0f;
    }

    @Override
    public double predict(int u, int j) {
        double s = 0;
        for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
            s += weight(train.col(p), j);
        }
        return s;
    }

    @Override
    public void scoreAll(int u, float[] out) {
        java.util.Arrays.fill(out, 0, numItems, 0f);
        for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
            int i = train.col(p);
            if (dense != null) {
                int row = i * numItems;
                for (int j = 0; j < numItems; j++) {
                    out[j] += dense[row + j];
                }
            } else {
                for (int x = rowPtr[i]; x < rowPtr[i + 1]; x++) {
                    out[cols[x]] += weights[x];
                }
            }
        }
    }
}
