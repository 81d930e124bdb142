package org.rectransfer.core.split;

import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Random holdout over target interactions: each interaction independently goes to test with
 * probability {@code testFraction}, else to validation with probability
 * {@code validationFraction}, else to train. Draws happen in CSR order, so the split depends
 * only on the data and the stream.
 *
 * @param testFraction       in (0, 1)
 * @param validationFraction in [0, 1), with {@code testFraction + validationFraction < 1}
 */
public record RandomHoldout(double testFraction, double validationFraction) implements SplitSpec {
    public RandomHoldout {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), was " + testFraction);
        }
        if (!(validationFraction >= 0 && testFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be >= 0 with testFraction + validationFraction < 1, was "
                    + validationFraction);
        }
    }

    @Override
    public String describe() {
        return "random-holdout(test=" + testFraction + ",validation=" + validationFraction + ")";
    }

    @Override
    public TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold) {
        Splits.checkFold(this, fold);
        InteractionMatrix all = data.target().interactions();
        int nnz = all.nnz();
        boolean[] train = new boolean[nnz];
        boolean[] valid = new boolean[nnz];
        boolean[] test = new boolean[nnz];
        for (int p = 0; p < nnz; p++) {
            double x = rng.nextDouble();
            if (x < testFraction) {
                test[p] = true;
            } else if (x < testFraction + validationFraction) {
                valid[p] = true;
            } else {
                train[p] = true;
            }
        }
        return new TargetSplit(this, all.select(train), all.select(valid), all.select(test), new int[0], new int[0]);
    }
}
