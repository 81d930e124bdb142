package org.rectransfer.core.split;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Cold-start users, the protocol of EMCDR (Man et al. 2017) and PTUPCDR (Zhu et al. 2022): a
 * fraction {@code beta} of the <em>overlapping</em> users (users with target interactions and
 * interactions in at least one source) lose all their target training data. Their source data
 * is kept. Of these cold users, a share {@code validationShare} form the validation users and
 * the rest the test users (disjoint sets); all target interactions of a cold user go to
 * validation or test respectively. All other target interactions (warm overlapping users and
 * target-only users) are training data.
 *
 * <p>Deviation from PTUPCDR's code: PTUPCDR has no validation users and picks the best epoch
 * on the test users; here model selection uses the validation users only. The training
 * overlap is {@code 1 - beta} of the overlapping users, as in the papers.
 *
 * <p>Users are drawn by shuffling the sorted overlapping users with the stream (Fisher-Yates);
 * {@code round(beta * overlap)} are cold, clamped to {@code [2, overlap - 1]} so that there is
 * at least one validation user, one test user and one warm overlapping user (hence at least 3
 * overlapping users are required), of which {@code round(validationShare * cold)}, clamped to
 * {@code [1, cold - 1]}, are validation users.
 *
 * <p>The papers report {@code beta} = 0.2, 0.5 and 0.8 (20 %, 50 %, 80 % of the overlapping users
 * are cold); each setting is one instance of this record, nothing else changes.
 *
 * @param beta            fraction of overlapping users made cold, in (0, 1)
 * @param validationShare share of the cold users used for validation, in (0, 1)
 */
public record ColdStartUsers(double beta, double validationShare) implements SplitSpec {
    public ColdStartUsers {
        if (!(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in (0, 1), was " + beta);
        }
        if (!(validationShare > 0 && validationShare < 1)) {
            throw new IllegalArgumentException("validationShare must be in (0, 1), was " + validationShare);
        }
    }

    @Override
    public String describe() {
        return "cold-start-users(beta=" + beta + ",validationShare=" + validationShare + ")";
    }

    @Override
    public TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold) {
        Splits.checkFold(this, fold);
        int[] overlap = data.overlappingUsers();
        if (overlap.length < 3) {
            // 2 cold users (1 validation, 1 test) and at least 1 warm overlapping user
            throw new IllegalArgumentException("cold-start-users split needs at least 3 overlapping users, found "
                    + overlap.length);
        }
        int[] shuffled = overlap.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        int numCold = (int) Math.round(beta * overlap.length);
        numCold = Math.max(2, Math.min(overlap.length - 1, numCold));
        int numValid = (int) Math.round(validationShare * numCold);
        numValid = Math.max(1, Math.min(numCold - 1, numValid));
        int[] validUsers = Arrays.copyOfRange(shuffled, 0, numValid);
        int[] testUsers = Arrays.copyOfRange(shuffled, numValid, numCold);
        Arrays.sort(validUsers);
        Arrays.sort(testUsers);

        InteractionMatrix all = data.target().interactions();
        byte[] role = new byte[all.numRows()]; // 0 train, 1 validation, 2 test
        for (int u : validUsers) {
            role[u] = 1;
        }
        for (int u : testUsers) {
            role[u] = 2;
        }
        int nnz = all.nnz();
        boolean[] train = new boolean[nnz];
        boolean[] valid = new boolean[nnz];
        boolean[] test = new boolean[nnz];
        for (int u = 0; u < all.numRows(); u++) {
            for (int p = all.rowStart(u); p < all.rowEnd(u); p++) {
                switch (role[u]) {
                    case 1 -> valid[p] = true;
                    case 2 -> test[p] = true;
                    default -> train[p] = true;
                }
            }
        }
        return new TargetSplit(this, all.select(train), all.select(valid), all.select(test), validUsers, testUsers);
    }
}
