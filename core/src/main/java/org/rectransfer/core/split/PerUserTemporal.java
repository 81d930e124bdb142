package org.rectransfer.core.split;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Per-user temporal split: within each user's target row of {@code n} interactions, the latest
 * {@code t} go to test and the {@code v} before them to validation, with the counts and rounding
 * rule of {@link PerUserHoldout} ({@code t = min(round(testFraction * n), n - 1)},
 * {@code v = min(round(validationFraction * n), n - 1 - t)}; users with one interaction stay in
 * train). "Later" means a larger timestamp, and among equal timestamps a <em>lower</em> item
 * index, the same rule as {@link LeaveOneOut.Mode#LAST}. So per user, no training interaction is
 * later than a validation one and no validation interaction later than a test one (timestamps
 * may be equal across parts). Requires timestamps; the stream is not used.
 *
 * <p><b>Leakage.</b> The cut is per user, not global: user A's training data can be later than
 * user B's test data, so a model trained on it sees the "future" of B's test period (popularity
 * trends, items released later). This global-future leakage is why per-user temporal splits
 * and latest-item leave-one-out are criticised (Meng et al. 2020, RecSys; Ji et al. 2023, TOIS).
 * {@link GlobalTemporal} has a single cut for all users and does not leak.
 *
 * @param testFraction       in (0, 1)
 * @param validationFraction in [0, 1), with {@code testFraction + validationFraction < 1}
 */
public record PerUserTemporal(double testFraction, double validationFraction) implements SplitSpec {
    public PerUserTemporal {
        Splits.checkTestAndValidation(testFraction, validationFraction);
    }

    @Override
    public String describe() {
        return "per-user-temporal(test=" + testFraction + ",validation=" + validationFraction + ")";
    }

    @Override
    public TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold) {
        Splits.checkFold(this, fold);
        Splits.requireTimestamps(data, "per-user-temporal split");
        InteractionMatrix all = data.target().interactions();
        byte[] role = new byte[all.nnz()];
        // earliest first; equal timestamps: higher column (= earlier by the rule) first
        Comparator<Integer> byRecency = Comparator.<Integer>comparingLong(all::timestamp)
                .thenComparing(Comparator.<Integer>comparingInt(all::col).reversed());
        for (int u = 0; u < all.numRows(); u++) {
            int n = all.rowSize(u);
            int[] tv = Splits.perUserCounts(testFraction, validationFraction, n);
            if (tv[0] + tv[1] == 0) {
                continue;
            }
            Integer[] pos = new Integer[n];
            for (int k = 0; k < n; k++) {
                pos[k] = all.rowStart(u) + k;
            }
            Arrays.sort(pos, byRecency);
            for (int k = n - tv[0]; k < n; k++) {
                role[pos[k]] = Splits.TEST;
            }
            for (int k = n - tv[0] - tv[1]; k < n - tv[0]; k++) {
                role[pos[k]] = Splits.VALIDATION;
            }
        }
        return Splits.assemble(this, all, role, fold);
    }
}
