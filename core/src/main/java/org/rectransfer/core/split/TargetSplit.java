package org.rectransfer.core.split;

import java.util.Objects;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

/**
 * The target domain divided into disjoint train, validation and test matrices of identical
 * shape (shared users x target items); every target interaction is in exactly one of them.
 *
 * @param spec                 the protocol that produced this split
 * @param train                what strategies see
 * @param validation           for model selection only (never shown to a fit)
 * @param test                 for the final evaluation only
 * @param coldValidationUsers  users evaluated on validation under a cold-start protocol (sorted;
 *                             empty for warm protocols, where every user with validation data counts)
 * @param coldTestUsers        users evaluated on test under a cold-start protocol (sorted; empty for warm)
 */
public record TargetSplit(SplitSpec spec, InteractionMatrix train, InteractionMatrix validation, InteractionMatrix test,
                          int[] coldValidationUsers, int[] coldTestUsers) {
    public TargetSplit {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        if (train.numRows() != test.numRows() || train.numCols() != test.numCols()
                || validation.numRows() != test.numRows() || validation.numCols() != test.numCols()) {
            throw new IllegalArgumentException("train, validation and test must have the same shape");
        }
    }

    /** SHA-256 over the protocol and the content of the three parts. */
    public String fingerprint() {
        return Hashing.sha256Hex(spec.describe() + "|" + train.contentHash() + "|" + validation.contentHash() + "|"
                + test.contentHash());
    }
}
