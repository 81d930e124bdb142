package org.rectransfer.core.split;

import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Cold-start items, the item-side counterpart of {@link ColdStartUsers} (the new-item setting of
 * Schein et al. 2002, "Methods and Metrics for Cold-Start Recommendations", SIGIR): a fraction
 * of the target items lose all their target training data. Of these cold items a share
 * {@code validationShare} are validation items and the rest test items (disjoint sets); every
 * target interaction with a validation item goes to validation, with a test item to test. All
 * other target interactions are training data, and source domains are untouched.
 *
 * <p>Candidates are the target items with at least one target interaction, in increasing index
 * order, shuffled with the stream (Fisher-Yates). {@code round(fraction * candidates)} are cold,
 * clamped to {@code [2, candidates - 1]} (at least one validation item, one test item and one warm
 * item; hence at least 3 candidates are required), of which {@code round(validationShare * cold)},
 * clamped to {@code [1, cold - 1]}, are validation items. The cold sets are reported, sorted, as
 * {@link TargetSplit#coldValidationItems()} and {@link TargetSplit#coldTestItems()}.
 *
 * @param fraction        fraction of the target items made cold, in (0, 1)
 * @param validationShare share of the cold items used for validation, in (0, 1)
 */
public record ColdStartItems(double fraction, double validationShare) implements SplitSpec {
    public ColdStartItems {
        Splits.checkOpenFraction("fraction", fraction);
        Splits.checkOpenFraction("validationShare", validationShare);
    }

    @Override
    public String describe() {
        return "cold-start-items(fraction=" + fraction + ",validationShare=" + validationShare + ")";
    }

    @Override
    public TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold) {
        Splits.checkFold(this, fold);
        InteractionMatrix all = data.target().interactions();
        int[] items = Splits.nonEmptyRows(all.transpose());
        if (items.length < 3) {
            throw new IllegalArgumentException("cold-start-items split needs at least 3 target items with interactions,"
                    + " found " + items.length);
        }
        Splits.shuffle(items, rng);
        int numCold = Math.max(2, Math.min(items.length - 1, (int) Math.round(fraction * items.length)));
        int numValid = Math.max(1, Math.min(numCold - 1, (int) Math.round(validationShare * numCold)));
        int[] validItems = Splits.sortedRange(items, 0, numValid);
        int[] testItems = Splits.sortedRange(items, numValid, numCold);
        byte[] itemRole = new byte[all.numCols()];
        for (int i : validItems) {
            itemRole[i] = Splits.VALIDATION;
        }
        for (int i : testItems) {
            itemRole[i] = Splits.TEST;
        }
        byte[] role = new byte[all.nnz()];
        for (int p = 0; p < role.length; p++) {
            role[p] = itemRole[all.col(p)];
        }
        return Splits.assemble(this, all, role, fold, Splits.NONE, Splits.NONE, validItems, testItems);
    }
}
