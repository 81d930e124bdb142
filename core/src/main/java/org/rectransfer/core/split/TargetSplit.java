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
 * @param fold                 which fold of {@code spec} this is, in {@code [0, spec.folds())}
 * @param coldValidationItems  items whose every target interaction is in validation under an
 *                             item cold-start protocol (sorted; empty otherwise)
 * @param coldTestItems        items whose every target interaction is in test under an item
 *                             cold-start protocol (sorted; empty otherwise)
 */
public record TargetSplit(SplitSpec spec, InteractionMatrix train, InteractionMatrix validation, InteractionMatrix test,
                          int[] coldValidationUsers, int[] coldTestUsers, int fold, int[] coldValidationItems,
                          int[] coldTestItems) {

    private static final int[] NONE = new int[0];

    public TargetSplit {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(coldValidationUsers, "coldValidationUsers");
        Objects.requireNonNull(coldTestUsers, "coldTestUsers");
        Objects.requireNonNull(coldValidationItems, "coldValidationItems");
        Objects.requireNonNull(coldTestItems, "coldTestItems");
        if (train.numRows() != test.numRows() || train.numCols() != test.numCols()
                || validation.numRows() != test.numRows() || validation.numCols() != test.numCols()) {
            throw new IllegalArgumentException("train, validation and test must have the same shape");
        }
        if (fold < 0 || fold >= spec.folds()) {
            throw new IllegalArgumentException("fold must be in [0, " + spec.folds() + "), was " + fold);
        }
    }

    /** A split of fold 0 without cold items (the shape before multi-fold and item cold-start protocols). */
    public TargetSplit(SplitSpec spec, InteractionMatrix train, InteractionMatrix validation, InteractionMatrix test,
                       int[] coldValidationUsers, int[] coldTestUsers) {
        this(spec, train, validation, test, coldValidationUsers, coldTestUsers, 0, NONE, NONE);
    }

    /**
     * SHA-256 over the protocol ({@link SplitSpec#describe()}), the content of the three parts and
     * the fold. Fold 0 hashes exactly as before folds existed ({@code describe|train|validation|test}),
     * so fingerprints stored by earlier runs stay valid; other folds append {@code |fold=f}. The
     * cold user and item sets are not hashed separately: every protocol derives them from the parts.
     */
    public String fingerprint() {
        String base = spec.describe() + "|" + train.contentHash() + "|" + validation.contentHash() + "|"
                + test.contentHash();
        return Hashing.sha256Hex(fold == 0 ? base : base + "|fold=" + fold);
    }
}
