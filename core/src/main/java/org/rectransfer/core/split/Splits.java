package org.rectransfer.core.split;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/** Shared mechanics of the split protocols. Stateless. */
final class Splits {

    static final byte TRAIN = 0;
    static final byte VALIDATION = 1;
    static final byte TEST = 2;
    static final int[] NONE = new int[0];

    private Splits() {
    }

    static void checkFold(SplitSpec spec, int fold) {
        if (fold < 0 || fold >= spec.folds()) {
            throw new IllegalArgumentException("fold must be in [0, " + spec.folds() + ") for " + spec.describe()
                    + ", was " + fold);
        }
    }

    /** Requires {@code 0 < x < 1}; the message names the parameter. */
    static void checkOpenFraction(String name, double x) {
        if (!(x > 0 && x < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), was " + x);
        }
    }

    /** Requires {@code 0 <= x < 1}; the message names the parameter. */
    static void checkHalfOpenFraction(String name, double x) {
        if (!(x >= 0 && x < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), was " + x);
        }
    }

    /** testFraction in (0, 1), validationFraction in [0, 1) and their sum below 1. */
    static void checkTestAndValidation(double testFraction, double validationFraction) {
        checkOpenFraction("testFraction", testFraction);
        if (!(validationFraction >= 0 && testFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be >= 0 with testFraction + validationFraction < 1,"
                    + " was " + validationFraction);
        }
    }

    static void requireTimestamps(CrossDomainData data, String protocol) {
        if (!data.target().interactions().hasTimestamps()) {
            throw new IllegalArgumentException(protocol + " needs timestamps, but target domain '" + data.target().name()
                    + "' has none");
        }
    }

    /**
     * Per-user counts of a row of {@code n} interactions: {@code t = round(testFraction * n)} and
     * {@code v = round(validationFraction * n)} ({@link Math#round}, halves up), then
     * {@code t = min(t, n - 1)} and {@code v = min(v, n - 1 - t)} so at least one interaction
     * stays in train (test has priority). Returns {@code {t, v}}.
     */
    static int[] perUserCounts(double testFraction, double validationFraction, int n) {
        if (n <= 1) {
            return new int[] {0, 0};
        }
        int t = Math.min((int) Math.round(testFraction * n), n - 1);
        int v = Math.min((int) Math.round(validationFraction * n), n - 1 - t);
        return new int[] {t, v};
    }

    /** Moves {@code m} uniformly drawn elements of {@code a} to its front (partial Fisher-Yates, m draws). */
    static void partialShuffle(int[] a, int m, SplittableRandom rng) {
        for (int i = 0; i < m && i < a.length - 1; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Full Fisher-Yates shuffle, drawing from the last position down (as {@link ColdStartUsers}). */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code 0, 1, ..., n-1}. */
    static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * Moves {@code round(fraction * c)} of the {@code c} training positions, drawn at random, to
     * validation: the training positions are listed in CSR order and shuffled with {@code rng}.
     */
    static void carveValidation(byte[] role, double fraction, SplittableRandom rng) {
        if (fraction == 0) {
            return;
        }
        int[] candidates = positionsWithRole(role, TRAIN);
        int m = (int) Math.round(fraction * candidates.length);
        shuffle(candidates, rng);
        for (int i = 0; i < m; i++) {
            role[candidates[i]] = VALIDATION;
        }
    }

    static int[] positionsWithRole(byte[] role, byte r) {
        int count = 0;
        for (byte b : role) {
            if (b == r) {
                count++;
            }
        }
        int[] out = new int[count];
        int q = 0;
        for (int p = 0; p < role.length; p++) {
            if (role[p] == r) {
                out[q++] = p;
            }
        }
        return out;
    }

    /** Users with at least one target interaction, increasing. */
    static int[] nonEmptyRows(InteractionMatrix m) {
        int[] out = new int[m.numRows()];
        int count = 0;
        for (int u = 0; u < m.numRows(); u++) {
            if (m.rowSize(u) > 0) {
                out[count++] = u;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Sorted copy of {@code a[from, to)}. */
    static int[] sortedRange(int[] a, int from, int to) {
        int[] out = Arrays.copyOfRange(a, from, to);
        Arrays.sort(out);
        return out;
    }

    /** Builds the split from one role per CSR position of the target matrix. */
    static TargetSplit assemble(SplitSpec spec, InteractionMatrix all, byte[] role, int fold, int[] coldValidationUsers,
                                int[] coldTestUsers, int[] coldValidationItems, int[] coldTestItems) {
        int nnz = all.nnz();
        boolean[] train = new boolean[nnz];
        boolean[] valid = new boolean[nnz];
        boolean[] test = new boolean[nnz];
        for (int p = 0; p < nnz; p++) {
            switch (role[p]) {
                case VALIDATION -> valid[p] = true;
                case TEST -> test[p] = true;
                default -> train[p] = true;
            }
        }
        return new TargetSplit(spec, all.select(train), all.select(valid), all.select(test), coldValidationUsers,
                coldTestUsers, fold, coldValidationItems, coldTestItems);
    }

    /** A warm split (no cold user or item sets). */
    static TargetSplit assemble(SplitSpec spec, InteractionMatrix all, byte[] role, int fold) {
        return assemble(spec, all, role, fold, NONE, NONE, NONE, NONE);
    }
}
