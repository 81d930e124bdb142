package org.rectransfer.core.metrics;

import java.util.Arrays;

/**
 * How held-out data is scored.
 *
 * <ul>
 *   <li>Rating error: RMSE and MAE over all held-out ratings (micro average, the convention of
 *   EMCDR and PTUPCDR), predictions clamped to {@code [minRating, maxRating]} when both are
 *   finite (set both to {@code NaN} to disable clamping).</li>
 *   <li>Ranking: <b>full ranking</b> over all target items minus the items the user has in the
 *   excluded matrices (training, and validation when scoring test). An item is relevant when
 *   its held-out rating is {@code >= relevanceThreshold} (every held-out item of implicit data
 *   is relevant). Users with no relevant held-out item are skipped and counted.</li>
 * </ul>
 *
 * @param minRating          lower end of the rating scale, or NaN
 * @param maxRating          upper end of the rating scale, or NaN
 * @param relevanceThreshold minimum held-out rating that counts as relevant (explicit data)
 * @param cutoffs            list lengths k for NDCG@k and Recall@k (may be empty: no ranking)
 */
public record EvaluationProtocol(double minRating, double maxRating, double relevanceThreshold, int[] cutoffs) {
    public EvaluationProtocol {
        cutoffs = cutoffs.clone();
        for (int k : cutoffs) {
            if (k < 1) {
                throw new IllegalArgumentException("cutoff must be >= 1, was " + k);
            }
        }
        if (Double.isNaN(minRating) != Double.isNaN(maxRating) || minRating > maxRating) {
            throw new IllegalArgumentException("rating range [" + minRating + ", " + maxRating + "] is invalid");
        }
    }

    /** The cutoffs (a copy: the record stays immutable). */
    @Override
    public int[] cutoffs() {
        return cutoffs.clone();
    }

    /** Largest cutoff, 0 if none. */
    public int maxCutoff() {
        return Arrays.stream(cutoffs).max().orElse(0);
    }

    /** Stable text for provenance. */
    public String describe() {
        return "clamp=[" + minRating + "," + maxRating + "],relevance>=" + relevanceThreshold + ",cutoffs="
                + Arrays.toString(cutoffs) + ",candidates=all-target-items-minus-seen";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationProtocol p && Double.compare(minRating, p.minRating) == 0
                && Double.compare(maxRating, p.maxRating) == 0
                && Double.compare(relevanceThreshold, p.relevanceThreshold) == 0 && Arrays.equals(cutoffs, p.cutoffs);
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return "EvaluationProtocol[" + describe() + "]";
    }
}
