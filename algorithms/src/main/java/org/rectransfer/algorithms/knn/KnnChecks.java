package org.rectransfer.algorithms.knn;

import org.rectransfer.core.data.InteractionMatrix;

/** Preconditions shared by the neighbourhood algorithms. */
final class KnnChecks {
    private KnnChecks() {
    }

    static void trainable(String id, InteractionMatrix train, Similarity similarity) {
        if (train.nnz() == 0) {
            throw new IllegalArgumentException(id + " needs at least one training interaction");
        }
        if (similarity.needsRatings() && !train.isExplicit()) {
            throw new IllegalArgumentException(id + ": similarity " + similarity
                    + " needs rating values; use COSINE or JACCARD on implicit data");
        }
    }
}
