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

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/** {@link GlobalTemporal} and {@link PerUserTemporal}. */
class TemporalSplitsTest {

    private static long min(InteractionMatrix m) {
        long v = Long.MAX_VALUE;
        for (int p = 0; p < m.nnz(); p++) {
            v = Math.min(v, m.timestamp(p));
        }
        return v;
    }

    private static long max(InteractionMatrix m) {
        long v = Long.MIN_VALUE;
        for (int p = 0; p < m.nnz(); p++) {
            v = Math.max(v, m.timestamp(p));
        }
        return v;
    }

    // ---------------------------------------------------------------- global temporal

    @Test
    void globalTemporalNeverTrainsOnTheFuture() {
        double[][] fractions = {{0.2, 0.1}, {0.1, 0.0}, {0.3, 0.2}};
        for (long seed = 0; seed < SEEDS; seed++) {
            // fine timestamps, ~10 distinct values, ~3 distinct values
            long bucket = new long[] {1, 100_000, 400_000}[(int) (seed % 3)];
            CrossDomainData d = coarse(data(seed), bucket);
            double[] f = fractions[(int) (seed / 3 % fractions.length)];
            GlobalTemporal spec = new GlobalTemporal(f[0], f[1]);
            TargetSplit s = spec.split(d, new SplittableRandom(seed));
            InteractionMatrix all = d.target().interactions();
            assertPartition(all, s);
            assertThat(s.test().nnz()).isPositive();
            if (s.train().nnz() > 0) {
                assertThat(max(s.train())).isLessThan(min(s.test()));
            }
            if (s.validation().nnz() > 0) {
                assertThat(max(s.validation())).isLessThan(min(s.test()));
                if (s.train().nnz() > 0) {
                    assertThat(max(s.train())).isLessThan(min(s.validation()));
                }
            }
            // the cut by rank, ties to the later side
            int n = all.nnz();
            int t = (int) Math.round(f[0] * n);
            int v = (int) Math.round(f[1] * n);
            long[] sorted = new long[n];
            for (int p = 0; p < n; p++) {
                sorted[p] = all.timestamp(p);
            }
            Arrays.sort(sorted);
            long testCut = sorted[n - t];
            assertThat(min(s.test())).isEqualTo(testCut);
            assertThat(s.test().nnz()).isEqualTo((int) Arrays.stream(sorted).filter(x -> x >= testCut).count())
                    .isGreaterThanOrEqualTo(t);
            if (v > 0) {
                long validCut = sorted[n - t - v];
                assertThat(s.validation().nnz() + s.test().nnz())
                        .isEqualTo((int) Arrays.stream(sorted).filter(x -> x >= validCut).count())
                        .isGreaterThanOrEqualTo(t + v);
            } else {
                assertThat(s.validation().nnz()).isZero();
            }
            if (bucket == 1 && Arrays.stream(sorted).distinct().count() == n) { // no ties: exact counts
                assertThat(s.test().nnz()).isEqualTo(t);
                assertThat(s.validation().nnz()).isEqualTo(v);
            }
            assertDeterministic(spec, d, seed, false, s);
        }
    }

    @Test
    void globalTemporalTiesAtTheCutGoLater() {
        // 10 interactions, timestamps 1..6, 7, 7, 7, 8 (user u has item 0 at time ts[u])
        long[] ts = {3, 1, 7, 2, 8, 4, 7, 5, 6, 7};
        long[][][] rows = new long[ts.length][][];
        for (int u = 0; u < ts.length; u++) {
            rows[u] = new long[][] {{0, 3, ts[u]}};
        }
        CrossDomainData d = handMade(1, true, rows);
        // t = round(0.2 * 10) = 2: ranks 8, 9 (times 7, 8), but all three 7s go to test
        TargetSplit a = new GlobalTemporal(0.2, 0.3).split(d, new SplittableRandom(1));
        assertThat(timesOf(a.test())).containsExactly(7, 7, 7, 8);
        // v = 3: ranks 5..7 (times 6, 7, 7), cut time 6; the 7s are already test
        assertThat(timesOf(a.validation())).containsExactly(6);
        assertThat(timesOf(a.train())).containsExactly(1, 2, 3, 4, 5);
        // v = 2: ranks 6, 7 both have the test cut time 7: validation is empty
        TargetSplit b = new GlobalTemporal(0.2, 0.2).split(d, new SplittableRandom(1));
        assertThat(b.validation().nnz()).isZero();
        assertThat(b.test().nnz()).isEqualTo(4);
        // t = round(0.15 * 10) = round(1.5) = 2 (halves up)
        TargetSplit c = new GlobalTemporal(0.15, 0).split(d, new SplittableRandom(1));
        assertThat(timesOf(c.test())).containsExactly(7, 7, 7, 8);
        // t = round(0.1 * 10) = 1: only the 8
        assertThat(timesOf(new GlobalTemporal(0.1, 0).split(d, new SplittableRandom(1)).test())).containsExactly(8);
    }

    /** Timestamps of all entries, sorted. */
    private static long[] timesOf(InteractionMatrix m) {
        long[] out = new long[m.nnz()];
        for (int p = 0; p < out.length; p++) {
            out[p] = m.timestamp(p);
        }
        Arrays.sort(out);
        return out;
    }

    @Test
    void globalTemporalRejectsWhatItCannotSplit() {
        CrossDomainData noTime = handMade(2, false, new long[][][] {{{0, 1}, {1, 2}}});
        assertThatThrownBy(() -> new GlobalTemporal(0.5, 0).split(noTime, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamps");
        CrossDomainData three = handMade(3, true, new long[][][] {{{0, 1, 1}, {1, 2, 2}, {2, 2, 3}}});
        assertThatThrownBy(() -> new GlobalTemporal(0.1, 0).split(three, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no test interaction");
        assertThatThrownBy(() -> new GlobalTemporal(1, 0)).hasMessageContaining("testFraction");
        assertThatThrownBy(() -> new GlobalTemporal(0.5, 0.5)).hasMessageContaining("validationFraction");
    }

    // ---------------------------------------------------------------- per-user temporal

    @Test
    void perUserTemporalCutsEachUserAtTheirOwnTime() {
        double[][] fractions = {{0.2, 0.1}, {0.34, 0.33}, {0.5, 0.0}};
        for (long seed = 0; seed < SEEDS; seed++) {
            CrossDomainData d = seed % 2 == 0 ? data(seed) : coarse(data(seed), 200_000);
            double[] f = fractions[(int) (seed % fractions.length)];
            PerUserTemporal spec = new PerUserTemporal(f[0], f[1]);
            TargetSplit s = spec.split(d, new SplittableRandom(seed));
            InteractionMatrix all = d.target().interactions();
            assertPartition(all, s);
            for (int u = 0; u < all.numRows(); u++) {
                int[] tv = perUserCounts(f[0], f[1], all.rowSize(u));
                assertThat(s.test().rowSize(u)).isEqualTo(tv[0]);
                assertThat(s.validation().rowSize(u)).isEqualTo(tv[1]);
                // strict recency order (time, then lower item = later) across the user's parts
                assertAllLater(s.test(), s.validation(), u);
                assertAllLater(s.validation(), s.train(), u);
                assertAllLater(s.test(), s.train(), u);
            }
            assertDeterministic(spec, d, seed, false, s);
        }
    }

    /** Every entry of row u in {@code later} is later than every entry of row u in {@code earlier}. */
    private static void assertAllLater(InteractionMatrix later, InteractionMatrix earlier, int u) {
        for (int p = later.rowStart(u); p < later.rowEnd(u); p++) {
            for (int q = earlier.rowStart(u); q < earlier.rowEnd(u); q++) {
                long a = later.timestamp(p);
                long b = earlier.timestamp(q);
                assertThat(a > b || (a == b && later.col(p) < earlier.col(q)))
                        .as("user %d: (%d @%d) later than (%d @%d)", u, later.col(p), a, earlier.col(q), b).isTrue();
            }
        }
    }

    @Test
    void perUserTemporalTiesByHand() {
        // times 3, 7, 7, 7, 1 for items 0..4; t = round(0.4 * 5) = 2, v = round(0.2 * 5) = 1
        // recency, earliest first: item 4 (1), item 0 (3), item 3, item 2, item 1 (7: lower item = later)
        CrossDomainData d = handMade(5, true, new long[][][] {{{0, 1, 3}, {1, 1, 7}, {2, 1, 7}, {3, 1, 7}, {4, 1, 1}}});
        TargetSplit s = new PerUserTemporal(0.4, 0.2).split(d, new SplittableRandom(1));
        assertThat(items(s.test(), 0)).containsExactly(1, 2);
        assertThat(items(s.validation(), 0)).containsExactly(3);
        assertThat(items(s.train(), 0)).containsExactly(0, 4);
        // consistent with leave-one-out LAST
        TargetSplit loo = new LeaveOneOut(LeaveOneOut.Mode.LAST, true).split(d, new SplittableRandom(1));
        assertThat(items(loo.test(), 0)).containsExactly(1);
        assertThat(items(loo.validation(), 0)).containsExactly(2);
    }

    @Test
    void perUserTemporalLeaksTheFutureAcrossUsersGlobalDoesNot() {
        // user 0 is active early (times 1, 2), user 1 late (times 10, 20)
        CrossDomainData d = handMade(2, true, new long[][][] {{{0, 1, 1}, {1, 1, 2}}, {{0, 1, 10}, {1, 1, 20}}});
        TargetSplit perUser = new PerUserTemporal(0.5, 0).split(d, new SplittableRandom(1));
        assertThat(max(perUser.train())).isEqualTo(10).isGreaterThan(min(perUser.test())); // trains on time 10, tests at 2
        TargetSplit global = new GlobalTemporal(0.5, 0).split(d, new SplittableRandom(1));
        assertThat(max(global.train())).isLessThan(min(global.test()));
        assertThat(timesOf(global.test())).containsExactly(10, 20);
    }

    @Test
    void perUserTemporalNeedsTimestampsAndValidFractions() {
        CrossDomainData noTime = handMade(2, false, new long[][][] {{{0, 1}, {1, 2}}});
        assertThatThrownBy(() -> new PerUserTemporal(0.5, 0).split(noTime, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamps");
        assertThatThrownBy(() -> new PerUserTemporal(-0.1, 0)).hasMessageContaining("testFraction");
        assertThatThrownBy(() -> new PerUserTemporal(0.6, 0.4)).hasMessageContaining("validationFraction");
    }
}
