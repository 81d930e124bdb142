package org.rectransfer.core.split;

import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;

/**
 * How the target domain's interactions are divided into train, validation and test. Source
 * domains are never split: every protocol keeps all source data for training. Each spec is a
 * validated record; {@link #split} is a pure function of the data and the random stream.
 */
public sealed interface SplitSpec permits RandomHoldout, ColdStartUsers {

    /** Short, stable description of the protocol and its parameters (goes into provenance). */
    String describe();

    /** Splits {@code data}'s target domain, drawing randomness only from {@code rng}. */
    TargetSplit split(CrossDomainData data, SplittableRandom rng);
}
