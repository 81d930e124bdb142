package org.rectransfer.core.split;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * k-fold cross-validation over the target domain. Fold {@code f} tests on the {@code f}-th of
 * {@code k} disjoint parts and trains on the rest, so over the {@code k} folds every unit is
 * tested exactly once.
 *
 * <ul>
 *   <li>By interaction ({@code byUser = false}): the target positions in CSR order are shuffled
 *   (Fisher-Yates); the interaction at shuffled rank {@code r} belongs to part {@code r mod k}, so
 *   part sizes differ by at most one (as in MovieLens' u1..u5 five-fold files). Validation:
 *   {@code round(validationFraction * c)} of the {@code c} non-test interactions, drawn at random
 *   (their positions in CSR order, shuffled).</li>
 *   <li>By user ({@code byUser = true}): users with at least one target interaction, in increasing
 *   order, are shuffled; user at rank {@code r} belongs to part {@code r mod k} and their whole
 *   target row is tested in that fold. Test users are then cold in the target, and are reported
 *   as {@link TargetSplit#coldTestUsers()}. Validation: {@code round(validationFraction * c)} of the
 *   {@code c} other users with target data, drawn at random, with their whole rows
 *   ({@link TargetSplit#coldValidationUsers()}).</li>
 * </ul>
 *
 * <p>The part assignment is the first use of the stream; the validation draws come after it.
 * Given the same stream state for every fold (the contract of {@link SplitSpec}), all folds of
 * one seed share one assignment and their test parts partition the target.
 *
 * @param k                  number of folds, {@code >= 2}
 * @param byUser             assign whole users rather than single interactions to folds
 * @param validationFraction in [0, 1): share of the non-test interactions (or users) for validation
 */
public record KFold(int k, boolean byUser, double validationFraction) implements SplitSpec {
    public KFold {
        if (k < 2) {
            throw new IllegalArgumentException("k must be >= 2, was " + k);
        }
        Splits.checkHalfOpenFraction("validationFraction", validationFraction);
    }

    @Override
    public int folds() {
        return k;
    }

    @Override
    public String describe() {
        return "k-fold(k=" + k + ",byUser=" + byUser + ",validation=" + validationFraction + ")";
    }

    @Override
    public TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold) {
        Splits.checkFold(this, fold);
        InteractionMatrix all = data.target().interactions();
        byte[] role = new byte[all.nnz()];
        if (!byUser) {
            if (all.nnz() < k) {
                throw new IllegalArgumentException("k-fold by interaction with k=" + k + " needs at least " + k
                        + " target interactions, found " + all.nnz());
            }
            int[] order = Splits.range(all.nnz());
            Splits.shuffle(order, rng);
            for (int r = fold; r < order.length; r += k) {
                role[order[r]] = Splits.TEST;
            }
            Splits.carveValidation(role, validationFraction, rng);
            return Splits.assemble(this, all, role, fold);
        }
        int[] users = Splits.nonEmptyRows(all);
        if (users.length < k) {
            throw new IllegalArgumentException("k-fold by user with k=" + k + " needs at least " + k
                    + " users with target interactions, found " + users.length);
        }
        Splits.shuffle(users, rng);
        int[] testUsers = new int[(users.length - fold + k - 1) / k];
        int[] others = new int[users.length - testUsers.length];
        int nt = 0;
        int no = 0;
        for (int r = 0; r < users.length; r++) {
            if (r % k == fold) {
                testUsers[nt++] = users[r];
            } else {
                others[no++] = users[r];
            }
        }
        Arrays.sort(testUsers);
        Arrays.sort(others); // draw validation users in increasing index order
        int numValid = (int) Math.round(validationFraction * others.length);
        int[] validUsers = new int[0];
        if (numValid > 0) {
            Splits.shuffle(others, rng);
            validUsers = Splits.sortedRange(others, 0, numValid);
        }
        for (int u : testUsers) {
            for (int p = all.rowStart(u); p < all.rowEnd(u); p++) {
                role[p] = Splits.TEST;
            }
        }
        for (int u : validUsers) {
            for (int p = all.rowStart(u); p < all.rowEnd(u); p++) {
                role[p] = Splits.VALIDATION;
            }
        }
        return Splits.assemble(this, all, role, fold, validUsers, testUsers, Splits.NONE, Splits.NONE);
    }
}
