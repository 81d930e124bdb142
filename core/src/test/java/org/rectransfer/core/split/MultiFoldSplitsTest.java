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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

/** {@link KFold} and {@link Predefined}. */
class MultiFoldSplitsTest {

    // ---------------------------------------------------------------- k-fold by interaction

    @Test
    void kFoldTestPartsPartitionTheTarget() {
        for (long seed = 0; seed < SEEDS; seed++) {
            CrossDomainData d = data(seed);
            InteractionMatrix all = d.target().interactions();
            int k = 2 + (int) (seed % 4);
            double vf = seed % 2 == 0 ? 0.0 : 0.15;
            KFold spec = new KFold(k, false, vf);
            assertThat(spec.folds()).isEqualTo(k);
            int[] timesTested = new int[all.nnz()];
            Set<String> fingerprints = new HashSet<>();
            for (int f = 0; f < k; f++) {
                TargetSplit s = spec.split(d, new SplittableRandom(seed), f);
                assertPartition(all, s);
                assertThat(s.fold()).isEqualTo(f);
                // balanced: sizes differ by at most one
                assertThat(s.test().nnz()).isBetween(all.nnz() / k, (all.nnz() + k - 1) / k);
                assertThat(s.validation().nnz()).isEqualTo((int) Math.round(vf * (all.nnz() - s.test().nnz())));
                countEntries(all, s.test(), timesTested);
                fingerprints.add(s.fingerprint());
                assertDeterministic(spec, d, seed, true, s);
            }
            for (int p = 0; p < all.nnz(); p++) {
                assertThat(timesTested[p]).as("seed %d: position %d tested once over the folds", seed, p).isEqualTo(1);
            }
            assertThat(fingerprints).hasSize(k);
        }
    }

    /** Adds 1 to {@code counts[p]} for every position p of {@code all} present in {@code part}. */
    private static void countEntries(InteractionMatrix all, InteractionMatrix part, int[] counts) {
        for (int u = 0; u < part.numRows(); u++) {
            for (int q = part.rowStart(u); q < part.rowEnd(u); q++) {
                counts[all.find(u, part.col(q))]++;
            }
        }
    }

    @Test
    void kFoldWithTheRunContextStreamIsOneAssignment() {
        // the harness' usage: ctx.random("split") returns the same stream on every call
        CrossDomainData d = data(3);
        RunContext ctx = RunContext.of(42);
        KFold spec = new KFold(5, false, 0.1);
        int[] timesTested = new int[d.target().interactions().nnz()];
        for (int f = 0; f < 5; f++) {
            countEntries(d.target().interactions(), spec.split(d, ctx.random("split"), f).test(), timesTested);
        }
        assertThat(timesTested).containsOnly(1);
        // split(data, rng) is fold 0
        assertThat(spec.split(d, ctx.random("split")).fingerprint())
                .isEqualTo(spec.split(d, ctx.random("split"), 0).fingerprint());
    }

    // ---------------------------------------------------------------- k-fold by user

    @Test
    void kFoldByUserTestsWholeUsers() {
        for (long seed = 0; seed < SEEDS; seed++) {
            CrossDomainData d = data(seed);
            InteractionMatrix all = d.target().interactions();
            int k = 2 + (int) (seed % 4);
            double vf = new double[] {0.0, 0.2, 0.5}[(int) (seed % 3)];
            KFold spec = new KFold(k, true, vf);
            Set<Integer> users = nonEmptyRows(all);
            int[] timesTested = new int[all.numRows()];
            for (int f = 0; f < k; f++) {
                TargetSplit s = spec.split(d, new SplittableRandom(seed), f);
                assertPartition(all, s);
                Set<Integer> testUsers = set(s.coldTestUsers());
                Set<Integer> validUsers = set(s.coldValidationUsers());
                assertThat(s.coldTestUsers()).isSorted();
                assertThat(s.coldValidationUsers()).isSorted();
                assertThat(nonEmptyRows(s.test())).isEqualTo(testUsers);
                assertThat(nonEmptyRows(s.validation())).isEqualTo(validUsers);
                assertThat(testUsers.size()).isBetween(users.size() / k, (users.size() + k - 1) / k);
                assertThat(validUsers.size()).isEqualTo((int) Math.round(vf * (users.size() - testUsers.size())));
                Set<Integer> both = new HashSet<>(testUsers);
                both.retainAll(validUsers);
                assertThat(both).isEmpty();
                for (int u : testUsers) { // whole rows
                    assertThat(s.test().rowSize(u)).isEqualTo(all.rowSize(u));
                    timesTested[u]++;
                }
                for (int u : validUsers) {
                    assertThat(s.validation().rowSize(u)).isEqualTo(all.rowSize(u));
                }
                assertDeterministic(spec, d, seed, true, s);
            }
            for (int u = 0; u < all.numRows(); u++) {
                assertThat(timesTested[u]).isEqualTo(users.contains(u) ? 1 : 0);
            }
        }
    }

    @Test
    void kFoldRejectsBadParametersFoldsAndTooLittleData() {
        assertThatThrownBy(() -> new KFold(1, false, 0)).hasMessageContaining("k must be >= 2");
        assertThatThrownBy(() -> new KFold(5, false, 1)).hasMessageContaining("validationFraction");
        assertThatThrownBy(() -> new KFold(5, true, -0.1)).hasMessageContaining("validationFraction");
        CrossDomainData d = data(1);
        KFold spec = new KFold(3, false, 0);
        assertThatThrownBy(() -> spec.split(d, new SplittableRandom(1), 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fold must be in [0, 3)");
        assertThatThrownBy(() -> spec.split(d, new SplittableRandom(1), -1)).hasMessageContaining("fold");
        CrossDomainData tiny = handMade(3, true, new long[][][] {{{0, 1, 1}, {1, 1, 1}}, {{2, 1, 1}}});
        assertThatThrownBy(() -> new KFold(4, false, 0).split(tiny, new SplittableRandom(1)))
                .hasMessageContaining("at least 4 target interactions");
        assertThatThrownBy(() -> new KFold(3, true, 0).split(tiny, new SplittableRandom(1)))
                .hasMessageContaining("at least 3 users");
    }

    // ---------------------------------------------------------------- predefined

    /** {@code k} disjoint folds of the target: position p goes to fold {@code p mod k} (a fixed, non-random rule). */
    private static List<InteractionMatrix> folds(InteractionMatrix all, int k) {
        List<InteractionMatrix> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            InteractionMatrix.Builder b = InteractionMatrix.builder(all.numRows(), all.numCols(), true, false);
            for (int u = 0; u < all.numRows(); u++) {
                for (int p = all.rowStart(u); p < all.rowEnd(u); p++) {
                    if (p % k == f) {
                        b.add(u, all.col(p), all.value(p));
                    }
                }
            }
            out.add(b.build(DuplicatePolicy.ERROR));
        }
        return out;
    }

    @Test
    void predefinedTestsExactlyTheGivenFolds() {
        for (long seed = 0; seed < SEEDS; seed++) {
            CrossDomainData d = data(seed);
            InteractionMatrix all = d.target().interactions();
            List<InteractionMatrix> given = folds(all, 5);
            double vf = seed % 2 == 0 ? 0.0 : 0.2;
            Predefined spec = new Predefined("u", given, vf);
            assertThat(spec.folds()).isEqualTo(5);
            for (int f = 0; f < 5; f++) {
                TargetSplit s = spec.split(d, new SplittableRandom(seed), f);
                assertPartition(all, s);
                InteractionMatrix test = s.test();
                InteractionMatrix g = given.get(f);
                assertThat(test.nnz()).isEqualTo(g.nnz());
                for (int u = 0; u < g.numRows(); u++) {
                    assertThat(SplitTesting.items(test, u)).isEqualTo(SplitTesting.items(g, u));
                    for (int q = g.rowStart(u); q < g.rowEnd(u); q++) {
                        int p = test.find(u, g.col(q));
                        assertThat(test.value(p)).isEqualTo(g.value(q));
                        // the target's timestamp, which the fold matrix does not have
                        assertThat(test.timestamp(p)).isEqualTo(all.timestamp(all.find(u, g.col(q))));
                    }
                }
                assertThat(s.validation().nnz()).isEqualTo((int) Math.round(vf * (all.nnz() - g.nnz())));
                assertDeterministic(spec, d, seed, vf > 0, s);
            }
        }
    }

    @Test
    void predefinedRejectsAFoldThatIsNotASubsetNamingTheEntry() {
        CrossDomainData d = handMade(4, true, new long[][][] {{{0, 4, 1}, {1, 3, 2}}, {{2, 5, 3}, {3, 1, 4}}});
        InteractionMatrix ok = matrix(2, 4, new int[][] {{0, 0, 4}, {1, 3, 1}});
        InteractionMatrix missing = matrix(2, 4, new int[][] {{0, 1, 3}, {1, 1, 2}, {1, 2, 5}});
        InteractionMatrix wrongValue = matrix(2, 4, new int[][] {{0, 0, 4}, {1, 2, 4}});
        Predefined spec = new Predefined("hand", List.of(ok, missing, wrongValue), 0);
        TargetSplit s = spec.split(d, new SplittableRandom(1), 0);
        assertThat(s.test().nnz()).isEqualTo(2);
        assertThatThrownBy(() -> spec.split(d, new SplittableRandom(1), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fold 1").hasMessageContaining("(1, 1)").hasMessageContaining("not in");
        assertThatThrownBy(() -> spec.split(d, new SplittableRandom(1), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fold 2").hasMessageContaining("(1, 2)").hasMessageContaining("value 4.0")
                .hasMessageContaining("has 5.0");
        InteractionMatrix wrongShape = matrix(2, 3, new int[][] {{0, 0, 4}});
        assertThatThrownBy(() -> new Predefined("x", List.of(wrongShape), 0).split(d, new SplittableRandom(1)))
                .hasMessageContaining("2x3").hasMessageContaining("2x4");
        // an implicit fold names cells only
        InteractionMatrix.Builder b = InteractionMatrix.builder(2, 4, false, false);
        InteractionMatrix cells = b.add(1, 3, 0f).build(DuplicatePolicy.ERROR);
        TargetSplit implicit = new Predefined("cells", List.of(cells), 0).split(d, new SplittableRandom(1));
        assertThat(implicit.test().get(1, 3)).isEqualTo(1f);
    }

    private static InteractionMatrix matrix(int rows, int cols, int[][] entries) {
        InteractionMatrix.Builder b = InteractionMatrix.builder(rows, cols, true, false);
        for (int[] e : entries) {
            b.add(e[0], e[1], e[2]);
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    @Test
    void predefinedDescribesNameAndFoldHashes() {
        InteractionMatrix all = data(2).target().interactions();
        List<InteractionMatrix> given = folds(all, 3);
        Predefined spec = new Predefined("ml-100k-u", given, 0.1);
        assertThat(spec.describe()).startsWith("predefined(name=ml-100k-u,").contains(given.get(0).contentHash())
                .contains(given.get(2).contentHash()).endsWith("validation=0.1)");
        assertThat(new Predefined("ml-100k-u", folds(all, 4), 0.1).describe()).isNotEqualTo(spec.describe());
        assertThat(new Predefined("other", given, 0.1).describe()).isNotEqualTo(spec.describe());
        assertThatThrownBy(() -> new Predefined(" ", given, 0)).hasMessageContaining("name");
        assertThatThrownBy(() -> new Predefined("u", List.of(), 0)).hasMessageContaining("testFolds");
        assertThatThrownBy(() -> new Predefined("u", given, 1.0)).hasMessageContaining("validationFraction");
        List<InteractionMatrix> mixed = List.of(given.get(0), InteractionMatrix.empty(all.numRows() + 1, all.numCols(), true));
        assertThatThrownBy(() -> new Predefined("u", mixed, 0)).hasMessageContaining("testFolds must have one shape");
    }
}
