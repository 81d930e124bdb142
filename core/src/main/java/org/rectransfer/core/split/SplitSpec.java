package org.rectransfer.core.split;

import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;

/**
 * How the target domain's interactions are divided into train, validation and test. Source
 * domains are never split: every protocol keeps all source data for training. Each spec is a
 * validated record; {@link #split} is a pure function of the data, the random stream and the
 * fold, and draws from the stream in a deterministic order (CSR order or sorted index order).
 *
 * <p>Multi-fold protocols ({@link KFold}, {@link Predefined}) have {@link #folds()} {@code > 1}.
 * The caller passes, for every fold of one seed, a fresh stream in the same state (e.g.
 * {@code ctx.random("split")}, which is the same stream on every call): the fold assignment is
 * then one permutation, and the test parts of the folds partition the data.
 */
public sealed interface SplitSpec
        permits RandomHoldout, PerUserHoldout, KFold, LeaveOneOut, GlobalTemporal, PerUserTemporal, Predefined,
        ColdStartUsers, ColdStartItems, SparseTarget {

    /** Short, stable description of the protocol and all its parameters (goes into provenance). */
    String describe();

    /** Number of folds; a split is defined for each fold in {@code [0, folds())}. 1 unless multi-fold. */
    default int folds() {
        return 1;
    }

    /**
     * Splits {@code data}'s target domain for fold {@code fold}, drawing randomness only from
     * {@code rng}.
     *
     * @throws IllegalArgumentException if {@code fold} is outside {@code [0, folds())}, or the data
     *                                  does not allow this protocol (too few users, no timestamps...)
     */
    TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold);

    /** Fold 0 of {@link #split(CrossDomainData, SplittableRandom, int)}: the split of single-fold protocols. */
    default TargetSplit split(CrossDomainData data, SplittableRandom rng) {
        return split(data, rng, 0);
    }
}
