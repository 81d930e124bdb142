package org.rectransfer.algorithms.knn;

/**
 * Precomputed neighbour lists in compressed form: for each entity {@code a} in
 * {@code [0, numEntities())}, up to {@code maxSize} other entities with strictly positive
 * (shrunk) similarity, best first (higher similarity first, ties by lower index). Memory is
 * {@code O(numEntities x maxSize)}: one {@code int} and one {@code float} per stored neighbour.
 *
 * <p>Thread safety: immutable, safe to share.
 */
public final class NeighborLists {
    private final int[] ptr;
    private final int[] idx;
    private final float[] sim;

    NeighborLists(int[] ptr, int[] idx, float[] sim) {
        this.ptr = ptr;
        this.idx = idx;
        this.sim = sim;
    }

    public int numEntities() {
        return ptr.length - 1;
    }

    /** Number of stored neighbours of {@code a}. */
    public int size(int a) {
        return ptr[a + 1] - ptr[a];
    }

    /** Total number of stored neighbours. */
    public int totalSize() {
        return ptr[ptr.length - 1];
    }

    /** The neighbour of {@code a} at {@code rank} in {@code [0, size(a))}, best first. */
    public int neighbor(int a, int rank) {
        return idx[checked(a, rank)];
    }

    /** The shrunk similarity of {@code a} to its neighbour at {@code rank}. */
    public float similarity(int a, int rank) {
        return sim[checked(a, rank)];
    }

    /** The stored similarity of {@code a} to {@code b}, or 0 if {@code b} is not among its neighbours. */
    public float similarityTo(int a, int b) {
        for (int p = ptr[a]; p < ptr[a + 1]; p++) {
            if (idx[p] == b) {
                return sim[p];
            }
        }
        return 0f;
    }

    private int checked(int a, int rank) {
        if (rank < 0 || rank >= size(a)) {
            throw new IndexOutOfBoundsException("rank " + rank + " outside [0, " + size(a) + ") for entity " + a);
        }
        return ptr[a] + rank;
    }

    // Raw access for the models' hot loops.
    int start(int a) {
        return ptr[a];
    }

    int end(int a) {
        return ptr[a + 1];
    }

    int idxAt(int p) {
        return idx[p];
    }

    float simAt(int p) {
        return sim[p];
    }
}
