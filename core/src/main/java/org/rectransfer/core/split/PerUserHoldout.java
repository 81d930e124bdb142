package org.rectransfer.core.split;

import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Per-user random holdout: within each user's target row of {@code n} interactions, a random
 * {@code t} go to test and {@code v} others to validation, the rest to train, so every user with
 * enough data is represented in each part in proportion (the "ratio-based" split of most
 * recommender toolkits).
 *
 * <p>Rounding rule: {@code t = round(testFraction * n)} and {@code v = round(validationFraction * n)}
 * with {@link Math#round} (halves round up: {@code 0.5 -> 1}, {@code 1.5 -> 2}), then clamped so that
 * at least one interaction stays in train, test first: {@code t = min(t, n - 1)},
 * {@code v = min(v, n - 1 - t)}. Users with one interaction therefore stay in train, and e.g.
 * with {@code testFraction = 0.2} a user needs 3 interactions before one goes to test.
 *
 * <p>Randomness: users in increasing index order; for each user with {@code t + v > 0}, a
 * partial Fisher-Yates shuffle of the row's positions (in column order) picks the first {@code t}
 * for test and the next {@code v} for validation.
 *
 * @param testFraction       in (0, 1)
 * @param validationFraction in [0, 1), with {@code testFraction + validationFraction < 1}
 */
public record PerUserHoldout(double testFraction, double validationFraction) implements SplitSpec {
    public PerUserHoldout {
        Splits.checkTestAndValidation(testFraction, validationFraction);
    }

    @Override
    public String describe() {
        return "per-user-holdout(test=" + testFraction + ",validation=" + validationFraction + ")";
    }

    @Override
    public TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold) {
        Splits.checkFold(this, fold);
        InteractionMatrix all = data.target().interactions();
        byte[] role = new byte[all.nnz()];
        for (int u = 0; u < all.numRows(); u++) {
            int n = all.rowSize(u);
            int[] tv = Splits.perUserCounts(testFraction, validationFraction, n);
            if (tv[0] + tv[1] == 0) {
                continue;
            }
            int[] pos = new int[n];
            for (int k = 0; k < n; k++) {
                pos[k] = all.rowStart(u) + k;
            }
            Splits.partialShuffle(pos, tv[0] + tv[1], rng);
            for (int k = 0; k < tv[0]; k++) {
                role[pos[k]] = Splits.TEST;
            }
            for (int k = tv[0]; k < tv[0] + tv[1]; k++) {
                role[pos[k]] = Splits.VALIDATION;
            }
        }
        return Splits.assemble(this, all, role, fold);
    }
}
