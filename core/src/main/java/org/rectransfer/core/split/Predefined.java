package org.rectransfer.core.split;

import java.util.List;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Test sets fixed by the data set's publishers, e.g. MovieLens 100K's {@code u1.test..u5.test}
 * (five disjoint folds) or {@code ua.test}/{@code ub.test}: fold {@code f} tests on exactly the
 * entries of {@code testFolds.get(f)}, taken from the target matrix (so with the target's values
 * and timestamps). Of the remaining {@code c} target interactions, {@code round(validationFraction * c)},
 * drawn at random (their positions in CSR order shuffled with the stream), go to validation, the
 * rest to train.
 *
 * <p>Each fold matrix must have the target's shape and be a subset of it: every entry must exist
 * in the target, and for an explicit fold matrix with the same value; otherwise {@link #split}
 * throws naming the first offending (row, column) in CSR order. An implicit fold matrix names
 * cells only. The folds need not be disjoint.
 *
 * @param name               what the folds are, e.g. {@code "ml-100k-u"}; non-blank
 * @param testFolds          one test matrix per fold over the shared users x target items, non-empty
 * @param validationFraction in [0, 1): share of the non-test interactions for validation
 */
public record Predefined(String name, List<InteractionMatrix> testFolds, double validationFraction) implements SplitSpec {
    public Predefined {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be non-blank");
        }
        if (testFolds == null || testFolds.isEmpty()) {
            throw new IllegalArgumentException("testFolds must hold at least one fold");
        }
        for (int f = 0; f < testFolds.size(); f++) {
            InteractionMatrix m = testFolds.get(f);
            if (m == null) {
                throw new IllegalArgumentException("testFolds[" + f + "] is null");
            }
            InteractionMatrix first = testFolds.get(0);
            if (m.numRows() != first.numRows() || m.numCols() != first.numCols()) {
                throw new IllegalArgumentException("testFolds must have one shape: fold 0 is " + first.numRows() + "x"
                        + first.numCols() + ", fold " + f + " is " + m.numRows() + "x" + m.numCols());
            }
        }
        testFolds = List.copyOf(testFolds);
        Splits.checkHalfOpenFraction("validationFraction", validationFraction);
    }

    @Override
    public int folds() {
        return testFolds.size();
    }

    /** Includes the name and the {@link InteractionMatrix#contentHash()} of every fold, in order. */
    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("predefined(name=").append(name).append(",folds=[");
        for (int f = 0; f < testFolds.size(); f++) {
            sb.append(f == 0 ? "" : ",").append(testFolds.get(f).contentHash());
        }
        return sb.append("],validation=").append(validationFraction).append(')').toString();
    }

    @Override
    public TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold) {
        Splits.checkFold(this, fold);
        InteractionMatrix all = data.target().interactions();
        InteractionMatrix given = testFolds.get(fold);
        String where = "predefined split '" + name + "' fold " + fold;
        if (given.numRows() != all.numRows() || given.numCols() != all.numCols()) {
            throw new IllegalArgumentException(where + " is " + given.numRows() + "x" + given.numCols()
                    + " but target domain '" + data.target().name() + "' is " + all.numRows() + "x" + all.numCols());
        }
        byte[] role = new byte[all.nnz()];
        for (int u = 0; u < given.numRows(); u++) {
            for (int q = given.rowStart(u); q < given.rowEnd(u); q++) {
                int i = given.col(q);
                int p = all.find(u, i);
                if (p < 0) {
                    throw new IllegalArgumentException(where + ": entry (" + u + ", " + i
                            + ") is not in target domain '" + data.target().name() + "'");
                }
                if (given.isExplicit() && Float.compare(given.value(q), all.value(p)) != 0) {
                    throw new IllegalArgumentException(where + ": entry (" + u + ", " + i + ") has value " + given.value(q)
                            + " but target domain '" + data.target().name() + "' has " + all.value(p));
                }
                role[p] = Splits.TEST;
            }
        }
        Splits.carveValidation(role, validationFraction, rng);
        return Splits.assemble(this, all, role, fold);
    }
}
