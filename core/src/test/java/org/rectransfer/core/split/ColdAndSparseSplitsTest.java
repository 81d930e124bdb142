package org.rectransfer.core.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectransfer.core.split.SplitTesting.SEEDS;
import static org.rectransfer.core.split.SplitTesting.assertDeterministic;
import static org.rectransfer.core.split.SplitTesting.assertPartition;
import static org.rectransfer.core.split.SplitTesting.data;
import static org.rectransfer.core.split.SplitTesting.handMade;
import static org.rectransfer.core.split.SplitTesting.nonEmptyRows;
import static org.rectransfer.core.split.SplitTesting.set;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/** {@link ColdStartItems} and {@link SparseTarget}. */
class ColdAndSparseSplitsTest {

    // ---------------------------------------------------------------- cold-start items

    @Test
    void coldItemsLoseAllTheirTrainingData() {
        double[] fractions = {0.1, 0.2, 0.5, 0.8};
        for (long seed = 0; seed < SEEDS; seed++) {
            CrossDomainData d = data(seed);
            double fraction = fractions[(int) (seed % fractions.length)];
            double share = seed % 2 == 0 ? 0.5 : 0.3;
            ColdStartItems spec = new ColdStartItems(fraction, share);
            TargetSplit s = spec.split(d, new SplittableRandom(seed));
            InteractionMatrix all = d.target().interactions();
            assertPartition(all, s);
            assertThat(s.coldValidationUsers()).isEmpty();
            assertThat(s.coldTestUsers()).isEmpty();
            int[] valid = s.coldValidationItems();
            int[] test = s.coldTestItems();
            assertThat(valid).isSorted();
            assertThat(test).isSorted();
            Set<Integer> both = set(valid);
            both.retainAll(set(test));
            assertThat(both).as("validation and test items disjoint").isEmpty();

            Set<Integer> candidates = nonEmptyRows(all.transpose());
            int cold = Math.max(2, Math.min(candidates.size() - 1, (int) Math.round(fraction * candidates.size())));
            assertThat(valid.length + test.length).isEqualTo(cold);
            assertThat(valid.length).isEqualTo(Math.max(1, Math.min(cold - 1, (int) Math.round(share * cold))));
            assertThat(candidates).containsAll(set(valid)).containsAll(set(test));

            InteractionMatrix train = s.train().transpose();
            InteractionMatrix validation = s.validation().transpose();
            InteractionMatrix testT = s.test().transpose();
            InteractionMatrix allT = all.transpose();
            for (int i = 0; i < all.numCols(); i++) {
                if (set(valid).contains(i)) {
                    assertThat(train.rowSize(i)).isZero();
                    assertThat(validation.rowSize(i)).isEqualTo(allT.rowSize(i)).isPositive();
                } else if (set(test).contains(i)) {
                    assertThat(train.rowSize(i)).isZero();
                    assertThat(testT.rowSize(i)).isEqualTo(allT.rowSize(i)).isPositive();
                } else {
                    assertThat(train.rowSize(i)).isEqualTo(allT.rowSize(i));
                }
            }
            // the cold item sets are determined by the parts (so the fingerprint covers them)
            assertThat(nonEmptyRows(validation)).isEqualTo(set(valid));
            assertThat(nonEmptyRows(testT)).isEqualTo(set(test));
            assertDeterministic(spec, d, seed, true, s);
        }
    }

    @Test
    void coldItemsClampOnFewItems() {
        // 3 items with data (item 3 has none): fraction 0.1 -> round(0.3) = 0 -> 2 cold (1 validation, 1 test), 1 warm
        CrossDomainData d = handMade(4, true, new long[][][] {{{0, 4, 1}, {1, 3, 2}}, {{1, 5, 3}, {2, 1, 4}}});
        TargetSplit s = new ColdStartItems(0.1, 0.9).split(d, new SplittableRandom(4));
        assertThat(s.coldValidationItems()).hasSize(1);
        assertThat(s.coldTestItems()).hasSize(1);
        assertThat(set(s.coldValidationItems())).doesNotContain(3);
        assertThat(set(s.coldTestItems())).doesNotContain(3);
        assertThat(s.train().nnz()).isPositive();
        CrossDomainData twoItems = handMade(2, true, new long[][][] {{{0, 4, 1}, {1, 3, 2}}});
        assertThatThrownBy(() -> new ColdStartItems(0.5, 0.5).split(twoItems, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 target items");
        assertThatThrownBy(() -> new ColdStartItems(0, 0.5)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new ColdStartItems(1, 0.5)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new ColdStartItems(0.5, 1)).hasMessageContaining("validationShare");
        assertThatThrownBy(() -> new ColdStartItems(0.5, Double.NaN)).hasMessageContaining("validationShare");
    }

    // ---------------------------------------------------------------- sparse target

    @Test
    void sparseTargetKeepsFewInteractionsOfOverlappingUsers() {
        for (long seed = 0; seed < SEEDS; seed++) {
            CrossDomainData d = data(seed);
            int keep = 1 + (int) (seed % 3);
            double share = seed % 2 == 0 ? 0.5 : 0.2;
            InteractionMatrix all = d.target().interactions();
            Set<Integer> overlap = set(d.overlappingUsers());
            int reduced = (int) overlap.stream().filter(u -> all.rowSize(u) > keep).count();
            SparseTarget spec = new SparseTarget(keep, share);
            if (reduced < 2) {
                long sd = seed;
                assertThatThrownBy(() -> spec.split(d, new SplittableRandom(sd))).hasMessageContaining("at least 2");
                continue;
            }
            TargetSplit s = spec.split(d, new SplittableRandom(seed));
            assertPartition(all, s);
            Set<Integer> validUsers = nonEmptyRows(s.validation());
            Set<Integer> testUsers = nonEmptyRows(s.test());
            for (int u = 0; u < all.numRows(); u++) {
                int n = all.rowSize(u);
                if (overlap.contains(u)) {
                    assertThat(s.train().rowSize(u)).as("seed %d user %d", seed, u).isEqualTo(Math.min(keep, n));
                    // the removed ones all go to one side
                    assertThat(s.validation().rowSize(u) + s.test().rowSize(u)).isEqualTo(n - Math.min(keep, n));
                } else {
                    assertThat(s.train().rowSize(u)).isEqualTo(n);
                }
            }
            Set<Integer> both = new HashSet<>(validUsers);
            both.retainAll(testUsers);
            assertThat(both).as("validation and test users disjoint").isEmpty();
            assertThat(validUsers.size() + testUsers.size()).isEqualTo(reduced);
            assertThat(validUsers.size()).isEqualTo(Math.max(1, Math.min(reduced - 1, (int) Math.round(share * reduced))));
            assertThat(s.coldValidationUsers()).isEmpty();
            assertThat(s.coldTestUsers()).isEmpty();
            assertDeterministic(spec, d, seed, true, s);
        }
    }

    @Test
    void sparseTargetByHand() {
        // users 0 and 1 have 3 and 4 interactions, user 2 has 1 (nothing removed with keep 1)
        CrossDomainData d = handMade(4, true, new long[][][] {
                {{0, 4, 1}, {1, 3, 2}, {2, 1, 3}}, {{0, 5, 3}, {1, 1, 4}, {2, 2, 5}, {3, 2, 6}}, {{3, 1, 1}}});
        TargetSplit s = new SparseTarget(1, 0.5).split(d, new SplittableRandom(9));
        assertThat(new int[] {s.train().rowSize(0), s.train().rowSize(1), s.train().rowSize(2)}).containsExactly(1, 1, 1);
        // round(0.5 * 2) = 1 validation user, the other is the test user
        assertThat(s.validation().nonEmptyRows()).isEqualTo(1);
        assertThat(s.test().nonEmptyRows()).isEqualTo(1);
        assertThat(s.validation().rowSize(2) + s.test().rowSize(2)).isZero();
        assertThatThrownBy(() -> new SparseTarget(3, 0.5).split(d, new SplittableRandom(9)))
                .hasMessageContaining("at least 2 overlapping users");
        assertThatThrownBy(() -> new SparseTarget(0, 0.5)).hasMessageContaining("keepPerUser");
        assertThatThrownBy(() -> new SparseTarget(2, 0)).hasMessageContaining("validationShare");
    }
}
