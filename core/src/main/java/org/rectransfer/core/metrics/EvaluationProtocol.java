package org.rectransfer.core.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * How held-out data is scored.
 *
 * <ul>
 *   <li>Rating error: RMSE and MAE over all held-out ratings (micro average, the convention of
 *   EMCDR and PTUPCDR), predictions clamped to {@code [minRating, maxRating]} when both are
 *   finite (set both to {@code NaN} to disable clamping).</li>
 *   <li>Relevance (binary): on explicit data a held-out item is relevant when its rating is
 *   {@code >= relevanceThreshold}; on implicit data every held-out item is relevant. Users with
 *   no relevant held-out item are skipped by the ranking metrics and counted.</li>
 *   <li>Candidates: {@link #candidatePolicy()}. By default {@link CandidatePolicy.FullRanking}:
 *   all target items minus the items the user has in the excluded matrices (training, and
 *   validation when scoring test). With {@link CandidatePolicy.SampledNegatives} the
 *   {@link Evaluator} ranks against persisted {@link CandidateSets} of that policy.</li>
 * </ul>
 *
 * @param minRating          lower end of the rating scale, or NaN
 * @param maxRating          upper end of the rating scale, or NaN
 * @param relevanceThreshold minimum held-out rating that counts as relevant (explicit data)
 * @param cutoffs            list lengths k of the top-k metrics (may be empty: no ranking metrics at all,
 *                           AUC included)
 * @param candidatePolicy    which items are ranked (non-null)
 */
public record EvaluationProtocol(double minRating, double maxRating, double relevanceThreshold, int[] cutoffs,
                                 CandidatePolicy candidatePolicy) {
    public EvaluationProtocol {
        Objects.requireNonNull(candidatePolicy, "candidatePolicy");
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

    /** A full-ranking protocol (the default candidate policy). */
    public EvaluationProtocol(double minRating, double maxRating, double relevanceThreshold, int[] cutoffs) {
        this(minRating, maxRating, relevanceThreshold, cutoffs, CandidatePolicy.fullRanking());
    }

    /** This protocol with another candidate policy. */
    public EvaluationProtocol withCandidatePolicy(CandidatePolicy policy) {
        return new EvaluationProtocol(minRating, maxRating, relevanceThreshold, cutoffs, policy);
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

    /**
     * Stable text for provenance. Under full ranking it is unchanged from the protocol without a
     * candidate policy ({@code ...,candidates=all-target-items-minus-seen}); a sampled policy
     * shows as {@code ...,candidates=sampled-negatives(n=100,sampling=uniform)}. The seed and
     * fingerprint of the {@link CandidateSets} actually used belong in the run record beside it.
     */
    public String describe() {
        return "clamp=[" + minRating + "," + maxRating + "],relevance>=" + relevanceThreshold + ",cutoffs="
                + Arrays.toString(cutoffs) + ",candidates=" + candidatePolicy.describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationProtocol p && Double.compare(minRating, p.minRating) == 0
                && Double.compare(maxRating, p.maxRating) == 0
                && Double.compare(relevanceThreshold, p.relevanceThreshold) == 0 && Arrays.equals(cutoffs, p.cutoffs)
                && candidatePolicy.equals(p.candidatePolicy);
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
