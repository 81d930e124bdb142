package org.rectransfer.core.metrics;

import org.rectransfer.core.data.InteractionMatrix;

/**
 * Cosine similarity of two items' columns of a training matrix:
 * {@code sim(a, b) = <x_a, x_b> / (||x_a|| ||x_b||)}, where {@code x_i} is item i's column (one
 * entry per user: the stored value, 1 for implicit data, 0 for an empty cell).
 *
 * <p>Computed on demand by merging the two sorted user lists of a private copy of the item-major
 * transpose ({@code O(pop(a) + pop(b))} per call, no allocation); the copy ({@code nnz} ints and
 * floats) and the column norms ({@code numItems} doubles) are made once. No items x items matrix is ever built.
 *
 * <p>Conventions: an item without training interactions (zero column) has similarity 0 with
 * every item, itself included (it counts as maximally dissimilar in ILD). For two non-zero
 * columns the value is in [0, 1] for non-negative values (every rating scale in the project) and
 * in [-1, 1] in general (clamped there against rounding); {@code sim(a, a) = 1} exactly. Sums are in {@code double} and symmetric
 * bit-for-bit (the merge visits the common users in the same order either way).
 *
 * <p>Thread safety: immutable after construction; safe to share.
 */
public final class CosineItemSimilarity implements ItemSimilarity {
    private final int[] ptr;
    private final int[] users;
    private final float[] values;
    private final double[] norms;

    /** Similarity over the columns of {@code train} (users x items). */
    public CosineItemSimilarity(InteractionMatrix train) {
        InteractionMatrix byItem = train.transpose();
        int numItems = byItem.numRows();
        int nnz = byItem.nnz();
        // private flat copies of the item-major structure: the merge below runs on plain arrays
        this.ptr = new int[numItems + 1];
        this.users = new int[nnz];
        this.values = new float[nnz];
        this.norms = new double[numItems];
        for (int i = 0; i < numItems; i++) {
            double sq = 0;
            for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                users[p] = byItem.col(p);
                values[p] = byItem.value(p);
                double v = values[p];
                sq += v * v;
            }
            ptr[i + 1] = byItem.rowEnd(i);
            norms[i] = Math.sqrt(sq);
        }
    }

    /** Number of items. */
    public int numItems() {
        return norms.length;
    }

    @Override
    public double similarity(int a, int b) {
        double na = norms[a];
        double nb = norms[b];
        if (na == 0 || nb == 0) {
            return 0.0;
        }
        if (a == b) {
            return 1.0;
        }
        // both columns are visited in increasing user order whatever the argument order, so the
        // common users are summed in the same order and the value is symmetric bit for bit
        int p = ptr[a];
        int pEnd = ptr[a + 1];
        int q = ptr[b];
        int qEnd = ptr[b + 1];
        double dot = 0;
        while (p < pEnd && q < qEnd) {
            int ua = users[p];
            int ub = users[q];
            if (ua == ub) {
                dot += (double) values[p] * values[q];
            }
            // branch-free advance (the comparison outcome is unpredictable in a merge)
            p += ua <= ub ? 1 : 0;
            q += ub <= ua ? 1 : 0;
        }
        // na * nb is commutative; clamp rounding overshoot
        return Math.max(-1.0, Math.min(1.0, dot / (na * nb)));
    }
}
