package org.rectransfer.core.metrics;

/**
 * Similarity of two items of one domain, used by intra-list diversity
 * ({@link ListMetrics#intraListDiversity}). Implementations must be symmetric
 * ({@code similarity(a, b) == similarity(b, a)}, bit for bit), deterministic, free of
 * allocation per call and safe for concurrent use by many threads. Values are expected in
 * [-1, 1] (in [0, 1] for non-negative data), so that {@code 1 - similarity} is a dissimilarity
 * in [0, 2].
 */
@FunctionalInterface
public interface ItemSimilarity {

    /** Similarity of items {@code a} and {@code b} (item indices of the domain). */
    double similarity(int a, int b);
}
