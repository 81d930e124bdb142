package org.rectransfer.core.split;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Sparse target (few-shot) users: every overlapping user ({@link CrossDomainData#overlappingUsers()})
 * keeps only {@code keepPerUser} random target interactions for training (all of them if they
 * have no more), the setting between {@link ColdStartUsers} (nothing kept) and a warm split, where
 * transfer from the source is expected to help most. Non-overlapping users keep their whole target
 * row in train; source domains are untouched.
 *
 * <p>The removed interactions are evaluated per user: the <em>reduced</em> users (overlapping
 * users with more than {@code keepPerUser} target interactions) are split into validation users,
 * a random {@code round(validationShare * reduced)} clamped to {@code [1, reduced - 1]} (hence at
 * least 2 reduced users are required), and test users, the rest. The removed interactions of a
 * validation user go to validation, of a test user to test, so validation and test users are
 * disjoint. These users keep training data, so they are not cold: the cold user sets of the
 * {@link TargetSplit} stay empty (the users are those with validation / test rows).
 *
 * <p>Randomness: reduced users in increasing index order, each with a partial Fisher-Yates over
 * its row's positions (in column order) choosing the {@code keepPerUser} kept ones; then the
 * reduced users, in increasing order, are shuffled to pick the validation users.
 *
 * @param keepPerUser     target training interactions kept per overlapping user, {@code >= 1}
 *                        (use {@link ColdStartUsers} for none)
 * @param validationShare share of the reduced users used for validation, in (0, 1)
 */
public record SparseTarget(int keepPerUser, double validationShare) implements SplitSpec {
    public SparseTarget {
        if (keepPerUser < 1) {
            throw new IllegalArgumentException("keepPerUser must be >= 1 (ColdStartUsers keeps none), was " + keepPerUser);
        }
        Splits.checkOpenFraction("validationShare", validationShare);
    }

    @Override
    public String describe() {
        return "sparse-target(keepPerUser=" + keepPerUser + ",validationShare=" + validationShare + ")";
    }

    @Override
    public TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold) {
        Splits.checkFold(this, fold);
        InteractionMatrix all = data.target().interactions();
        int[] overlap = data.overlappingUsers();
        int[] reduced = new int[overlap.length];
        int numReduced = 0;
        byte[] role = new byte[all.nnz()];
        for (int u : overlap) {
            int n = all.rowSize(u);
            if (n <= keepPerUser) {
                continue;
            }
            reduced[numReduced++] = u;
            int[] pos = new int[n];
            for (int k = 0; k < n; k++) {
                pos[k] = all.rowStart(u) + k;
            }
            Splits.partialShuffle(pos, keepPerUser, rng);
            for (int k = keepPerUser; k < n; k++) {
                role[pos[k]] = Splits.TEST; // provisional: validation users are re-labelled below
            }
        }
        if (numReduced < 2) {
            throw new IllegalArgumentException("sparse-target split with keepPerUser=" + keepPerUser
                    + " needs at least 2 overlapping users with more target interactions, found " + numReduced);
        }
        reduced = Arrays.copyOf(reduced, numReduced);
        Splits.shuffle(reduced, rng);
        int numValid = Math.max(1, Math.min(numReduced - 1, (int) Math.round(validationShare * numReduced)));
        for (int k = 0; k < numValid; k++) {
            int u = reduced[k];
            for (int p = all.rowStart(u); p < all.rowEnd(u); p++) {
                if (role[p] == Splits.TEST) {
                    role[p] = Splits.VALIDATION;
                }
            }
        }
        return Splits.assemble(this, all, role, fold);
    }
}
