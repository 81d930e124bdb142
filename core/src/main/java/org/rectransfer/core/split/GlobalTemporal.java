package org.rectransfer.core.split;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Global temporal split: one point in time for all users. All target interactions are ordered
 * by (timestamp, user, item); with {@code n} interactions, the last {@code t = round(testFraction * n)}
 * go to test and the {@code v = round(validationFraction * n)} before them to validation
 * ({@link Math#round}, halves up). Because it uses a single global cut, no training interaction
 * is later than any validation or test interaction, and no validation interaction is later than
 * any test interaction: the model never sees the future. This is the leakage-free protocol
 * recommended by Meng et al. 2020 ("Exploring Data Splitting Strategies for the Evaluation of
 * Recommendation Models", RecSys) and Ji et al. 2023 ("A Critical Study on Data Leakage in
 * Recommender System Offline Evaluation", TOIS), unlike {@link PerUserTemporal} and
 * {@link LeaveOneOut}.
 *
 * <p>Ties at a cut go to the later side: let {@code T} be the timestamp of the first test
 * interaction in that order (rank {@code n - t}) and {@code V} that of the first validation
 * interaction (rank {@code n - t - v}, only if {@code v > 0}); then test holds every interaction
 * with timestamp {@code >= T}, validation every one with {@code V <= timestamp < T}, train every
 * one with timestamp {@code < V} (or {@code < T} without validation). Hence
 * {@code max(train) < min(validation)}, {@code max(validation) < min(test)} and
 * {@code max(train) < min(test)}, strictly; test and validation can be larger than {@code t} and
 * {@code v} (and validation can even be empty if its whole window shares the timestamp {@code T}).
 * The assignment depends on the timestamps only; the stream is not used.
 *
 * @param testFraction       in (0, 1); {@code round(testFraction * n)} must be at least 1
 * @param validationFraction in [0, 1), with {@code testFraction + validationFraction < 1}
 */
public record GlobalTemporal(double testFraction, double validationFraction) implements SplitSpec {
    public GlobalTemporal {
        Splits.checkTestAndValidation(testFraction, validationFraction);
    }

    @Override
    public String describe() {
        return "global-temporal(test=" + testFraction + ",validation=" + validationFraction + ")";
    }

    @Override
    public TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold) {
        Splits.checkFold(this, fold);
        Splits.requireTimestamps(data, "global-temporal split");
        InteractionMatrix all = data.target().interactions();
        int n = all.nnz();
        int t = (int) Math.round(testFraction * n);
        int v = (int) Math.round(validationFraction * n);
        if (t < 1) {
            throw new IllegalArgumentException("global-temporal split with testFraction=" + testFraction + " of " + n
                    + " target interactions leaves no test interaction");
        }
        // Only the timestamps at the cut ranks matter: ties there go to the later side, so the
        // (user, item) tie-break of the order never changes the assignment.
        long[] sorted = new long[n];
        for (int p = 0; p < n; p++) {
            sorted[p] = all.timestamp(p);
        }
        Arrays.sort(sorted);
        long testCut = sorted[n - t];
        long validCut = v > 0 ? sorted[n - t - v] : testCut;
        byte[] role = new byte[n];
        for (int p = 0; p < n; p++) {
            long ts = all.timestamp(p);
            if (ts >= testCut) {
                role[p] = Splits.TEST;
            } else if (ts >= validCut) {
                role[p] = Splits.VALIDATION;
            }
        }
        return Splits.assemble(this, all, role, fold);
    }
}
