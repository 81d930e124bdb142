package org.rectransfer.core.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectransfer.core.split.SplitTesting.SEEDS;
import static org.rectransfer.core.split.SplitTesting.assertDeterministic;
import static org.rectransfer.core.split.SplitTesting.assertPartition;
import static org.rectransfer.core.split.SplitTesting.coarse;
import static org.rectransfer.core.split.SplitTesting.data;
import static org.rectransfer.core.split.SplitTesting.handMade;
import static org.rectransfer.core.split.SplitTesting.items;
import static org.rectransfer.core.split.SplitTesting.perUserCounts;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.split.LeaveOneOut.Mode;

/** {@link PerUserHoldout} and {@link LeaveOneOut}. */
class PerUserSplitsTest {

    // ---------------------------------------------------------------- per-user holdout

    @Test
    void perUserHoldoutTakesTheRoundedShareOfEveryUser() {
        double[][] fractions = {{0.2, 0.1}, {0.25, 0.25}, {0.5, 0.4}, {0.3, 0.0}};
        for (long seed = 0; seed < SEEDS; seed++) {
            CrossDomainData d = data(seed);
            double[] f = fractions[(int) (seed % fractions.length)];
            PerUserHoldout spec = new PerUserHoldout(f[0], f[1]);
            TargetSplit s = spec.split(d, new SplittableRandom(seed));
            InteractionMatrix all = d.target().interactions();
            assertPartition(all, s);
            for (int u = 0; u < all.numRows(); u++) {
                int n = all.rowSize(u);
                int[] tv = perUserCounts(f[0], f[1], n);
                assertThat(s.test().rowSize(u)).as("seed %d user %d", seed, u).isEqualTo(tv[0]);
                assertThat(s.validation().rowSize(u)).isEqualTo(tv[1]);
                if (n > 0) {
                    assertThat(s.train().rowSize(u)).isPositive();
                }
            }
            assertThat(s.coldTestUsers()).isEmpty();
            assertDeterministic(spec, d, seed, true, s);
        }
    }

    @Test
    void perUserHoldoutRoundingByHand() {
        // rows of 1..6 interactions; {n, test, validation}
        // (0.25, 0.25): n=2: round(0.5)=1 test, round(0.5)=1 -> min(1, 2-1-1)=0 validation;
        //               n=5: round(1.25)=1, 1; n=6: round(1.5)=2, 2 (halves up)
        assertCounts(0.25, 0.25, new int[][] {{1, 0, 0}, {2, 1, 0}, {3, 1, 1}, {4, 1, 1}, {5, 1, 1}, {6, 2, 2}});
        // (0.5, 0.4): n=5: round(2.5)=3 test, round(2.0)=2 -> min(2, 5-1-3)=1 validation: one stays in train
        //             n=2: 1 test, round(0.8)=1 -> 0 validation
        assertCounts(0.5, 0.4, new int[][] {{1, 0, 0}, {2, 1, 0}, {3, 2, 0}, {4, 2, 1}, {5, 3, 1}, {6, 3, 2}});
        // (0.2, 0): a user needs 3 interactions before one goes to test (round(0.4) = 0, round(0.6) = 1)
        assertCounts(0.2, 0.0, new int[][] {{2, 0, 0}, {3, 1, 0}, {7, 1, 0}, {8, 2, 0}});
    }

    private static void assertCounts(double tf, double vf, int[][] cases) {
        long[][][] rows = new long[cases.length][][];
        for (int u = 0; u < cases.length; u++) {
            rows[u] = new long[cases[u][0]][];
            for (int i = 0; i < cases[u][0]; i++) {
                rows[u][i] = new long[] {i, 1 + i % 5, 100 + i};
            }
        }
        CrossDomainData d = handMade(10, true, rows);
        for (long seed = 0; seed < 5; seed++) {
            TargetSplit s = new PerUserHoldout(tf, vf).split(d, new SplittableRandom(seed));
            assertPartition(d.target().interactions(), s);
            for (int u = 0; u < cases.length; u++) {
                assertThat(new int[] {cases[u][0], s.test().rowSize(u), s.validation().rowSize(u)})
                        .as("(%s, %s) row of %d", tf, vf, cases[u][0]).containsExactly(cases[u]);
            }
        }
    }

    @Test
    void perUserHoldoutRejectsInvalidFractions() {
        assertThatThrownBy(() -> new PerUserHoldout(0, 0.1)).hasMessageContaining("testFraction");
        assertThatThrownBy(() -> new PerUserHoldout(Double.NaN, 0.1)).hasMessageContaining("testFraction");
        assertThatThrownBy(() -> new PerUserHoldout(0.5, 0.5)).hasMessageContaining("validationFraction");
        assertThatThrownBy(() -> new PerUserHoldout(0.2, -0.1)).hasMessageContaining("validationFraction");
    }

    // ---------------------------------------------------------------- leave-one-out

    @Test
    void leaveOneOutHoldsOutOnePerEligibleUser() {
        for (long seed = 0; seed < SEEDS; seed++) {
            // every other seed with coarse timestamps (~10 distinct values): many ties
            CrossDomainData d = seed % 2 == 0 ? data(seed) : coarse(data(seed), 100_000);
            InteractionMatrix all = d.target().interactions();
            for (Mode mode : Mode.values()) {
                for (boolean validation : new boolean[] {false, true}) {
                    LeaveOneOut spec = new LeaveOneOut(mode, validation);
                    TargetSplit s = spec.split(d, new SplittableRandom(seed));
                    assertPartition(all, s);
                    int eligible = 0;
                    for (int u = 0; u < all.numRows(); u++) {
                        int n = all.rowSize(u);
                        boolean isEligible = n >= (validation ? 3 : 2);
                        eligible += isEligible ? 1 : 0;
                        assertThat(s.test().rowSize(u)).isEqualTo(isEligible ? 1 : 0);
                        assertThat(s.validation().rowSize(u)).isEqualTo(isEligible && validation ? 1 : 0);
                        assertThat(s.train().rowSize(u)).isEqualTo(n - (isEligible ? (validation ? 2 : 1) : 0));
                        if (isEligible && mode == Mode.LAST) {
                            int test = s.test().rowStart(u);
                            for (int p = s.train().rowStart(u); p < s.train().rowEnd(u); p++) {
                                assertThat(isLater(s.test(), test, s.train(), p)).isTrue();
                            }
                            if (validation) {
                                int v = s.validation().rowStart(u);
                                assertThat(isLater(s.test(), test, s.validation(), v)).isTrue();
                                for (int p = s.train().rowStart(u); p < s.train().rowEnd(u); p++) {
                                    assertThat(isLater(s.validation(), v, s.train(), p)).isTrue();
                                }
                            }
                        }
                    }
                    assertThat(s.test().nnz()).isEqualTo(eligible);
                    if (mode == Mode.LAST || eligible >= 3) { // with very few eligible users two seeds may coincide
                        assertDeterministic(spec, d, seed, mode == Mode.RANDOM, s);
                    }
                }
            }
        }
    }

    /** Entry a at position pa of ma is later than entry b: larger timestamp, or equal and lower item. */
    private static boolean isLater(InteractionMatrix ma, int pa, InteractionMatrix mb, int pb) {
        long ta = ma.timestamp(pa);
        long tb = mb.timestamp(pb);
        return ta > tb || (ta == tb && ma.col(pa) < mb.col(pb));
    }

    @Test
    void leaveOneOutLastBreaksTiesByLowerItem() {
        CrossDomainData d = handMade(6, true, new long[][][] {
                {{0, 4, 5}, {1, 4, 9}, {2, 3, 9}, {3, 5, 1}}, // latest 9 twice: item 1 to test, then item 2
                {{2, 4, 7}, {4, 1, 7}, {5, 2, 7}},            // all tied: item 2 test, item 4 validation
                {{0, 1, 3}, {5, 2, 8}},                       // too few for validation: all train
                {{3, 1, 1}}});
        TargetSplit s = new LeaveOneOut(Mode.LAST, true).split(d, new SplittableRandom(1));
        assertThat(items(s.test(), 0)).containsExactly(1);
        assertThat(items(s.validation(), 0)).containsExactly(2);
        assertThat(items(s.train(), 0)).containsExactly(0, 3);
        assertThat(items(s.test(), 1)).containsExactly(2);
        assertThat(items(s.validation(), 1)).containsExactly(4);
        assertThat(items(s.train(), 2)).containsExactly(0, 5);
        assertThat(items(s.train(), 3)).containsExactly(3);
        TargetSplit noValidation = new LeaveOneOut(Mode.LAST, false).split(d, new SplittableRandom(1));
        assertThat(items(noValidation.test(), 2)).containsExactly(5);
        assertThat(noValidation.test().rowSize(3)).isZero();
        assertThat(noValidation.validation().nnz()).isZero();
    }

    @Test
    void leaveOneOutLastNeedsTimestamps() {
        CrossDomainData d = handMade(3, false, new long[][][] {{{0, 4}, {1, 4}}, {{2, 1}}});
        assertThatThrownBy(() -> new LeaveOneOut(Mode.LAST, false).split(d, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamps")
                .hasMessageContaining("'t'");
        // RANDOM does not need them
        TargetSplit s = new LeaveOneOut(Mode.RANDOM, false).split(d, new SplittableRandom(1));
        assertPartition(d.target().interactions(), s);
        assertThat(s.test().nnz()).isEqualTo(1);
        assertThatThrownBy(() -> new LeaveOneOut(null, false)).hasMessageContaining("mode");
    }

    @Test
    void leaveOneOutRandomIsRoughlyUniform() {
        // one user with 4 items: each is the test item in about a quarter of 4000 seeds
        CrossDomainData d = handMade(4, true, new long[][][] {{{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 1, 4}}});
        int[] counts = new int[4];
        for (long seed = 0; seed < 4000; seed++) {
            counts[new LeaveOneOut(Mode.RANDOM, true).split(d, new SplittableRandom(seed)).test().col(0)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(1000 - 150, 1000 + 150); // sd ~ 27
        }
    }
}
