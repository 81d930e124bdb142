package org.rectransfer.core.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectransfer.core.split.SplitTesting.assertPartition;
import static org.rectransfer.core.split.SplitTesting.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.testing.TestData;

class SplitPropertiesTest {

    private static final int SEEDS = 50;

    // ---------------------------------------------------------------- random holdout

    @Test
    void randomHoldoutPartitionsTheTargetForManySeeds() {
        RandomHoldout spec = new RandomHoldout(0.2, 0.1);
        for (long seed = 0; seed < SEEDS; seed++) {
            CrossDomainData d = data(seed);
            TargetSplit s = spec.split(d, new SplittableRandom(seed + 1000));
            assertPartition(d.target().interactions(), s);
            assertThat(s.coldValidationUsers()).isEmpty();
            assertThat(s.coldTestUsers()).isEmpty();
            assertThat(s.spec()).isSameAs(spec);
            assertThat(spec.split(d, new SplittableRandom(seed + 1000)).fingerprint()).isEqualTo(s.fingerprint());
            assertThat(spec.split(d, new SplittableRandom(seed + 2000)).fingerprint()).isNotEqualTo(s.fingerprint());
        }
    }

    @Test
    void randomHoldoutFractionsAreRespected() {
        CrossDomainData d = TestData.crossDomain(3, 400, 100, 0.25, 0.5);
        int nnz = d.target().interactions().nnz();
        TargetSplit s = new RandomHoldout(0.2, 0.1).split(d, new SplittableRandom(77));
        // binomial(nnz, p): allow 5 standard deviations
        assertThat(nnz).isGreaterThan(5000);
        assertWithinSigmas(s.test().nnz(), nnz, 0.2, 5);
        assertWithinSigmas(s.validation().nnz(), nnz, 0.1, 5);
        TargetSplit noValidation = new RandomHoldout(0.3, 0).split(d, new SplittableRandom(77));
        assertThat(noValidation.validation().nnz()).isZero();
        assertWithinSigmas(noValidation.test().nnz(), nnz, 0.3, 5);
    }

    private static void assertWithinSigmas(int count, int n, double p, double sigmas) {
        double sd = Math.sqrt(n * p * (1 - p));
        assertThat((double) count).isBetween(n * p - sigmas * sd, n * p + sigmas * sd);
    }

    @Test
    void randomHoldoutRejectsInvalidFractions() {
        for (double[] f : new double[][] {{0, 0.1}, {1, 0}, {-0.1, 0.1}, {Double.NaN, 0.1}, {0.5, 0.5}, {0.2, -0.1},
                {0.2, Double.NaN}}) {
            assertThatThrownBy(() -> new RandomHoldout(f[0], f[1])).as(Arrays.toString(f))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---------------------------------------------------------------- cold-start users

    private static int expectedCold(double beta, int overlap) {
        return Math.max(2, Math.min(overlap - 1, (int) Math.round(beta * overlap)));
    }

    private static int expectedValid(double share, int cold) {
        return Math.max(1, Math.min(cold - 1, (int) Math.round(share * cold)));
    }

    @Test
    void coldStartUsersPropertiesForManySeeds() {
        double[] betas = {0.1, 0.2, 0.5, 0.8, 0.95};
        for (long seed = 0; seed < SEEDS; seed++) {
            CrossDomainData d = data(seed);
            double beta = betas[(int) (seed % betas.length)];
            double share = 0.3 + 0.4 * (seed % 3) / 2.0; // 0.3, 0.5, 0.7
            ColdStartUsers spec = new ColdStartUsers(beta, share);
            TargetSplit s = spec.split(d, new SplittableRandom(seed * 7 + 1));
            InteractionMatrix all = d.target().interactions();
            assertPartition(all, s);

            int[] overlap = d.overlappingUsers();
            Set<Integer> overlapSet = set(overlap);
            int[] valid = s.coldValidationUsers();
            int[] test = s.coldTestUsers();
            int cold = expectedCold(beta, overlap.length);
            assertThat(valid.length + test.length).as("seed %d", seed).isEqualTo(cold);
            assertThat(valid.length).isEqualTo(expectedValid(share, cold));
            assertThat(valid).isSorted();
            assertThat(test).isSorted();
            assertThat(overlapSet).containsAll(set(valid)).containsAll(set(test));
            Set<Integer> both = set(valid);
            both.retainAll(set(test));
            assertThat(both).as("validation and test users disjoint").isEmpty();

            Set<Integer> coldUsers = set(valid);
            coldUsers.addAll(set(test));
            for (int u = 0; u < all.numRows(); u++) {
                int full = all.rowSize(u);
                if (set(valid).contains(u)) {
                    assertThat(s.train().rowSize(u)).isZero();
                    assertThat(s.validation().rowSize(u)).isEqualTo(full).isPositive();
                    assertThat(s.test().rowSize(u)).isZero();
                } else if (set(test).contains(u)) {
                    assertThat(s.train().rowSize(u)).isZero();
                    assertThat(s.validation().rowSize(u)).isZero();
                    assertThat(s.test().rowSize(u)).isEqualTo(full).isPositive();
                } else {
                    // warm overlapping users and target-only users keep everything in train
                    assertThat(s.train().rowSize(u)).isEqualTo(full);
                }
                // source data is untouched by the split: cold users keep their source rows
                if (coldUsers.contains(u)) {
                    assertThat(d.sources().get(0).interactions().rowSize(u)).isPositive();
                }
            }
            // at least one warm overlapping user is left for training a transfer
            assertThat(overlap.length - cold).isPositive();

            // determinism of the stream
            assertThat(spec.split(d, new SplittableRandom(seed * 7 + 1)).fingerprint()).isEqualTo(s.fingerprint());
            assertThat(spec.split(d, new SplittableRandom(seed * 7 + 2)).fingerprint()).isNotEqualTo(s.fingerprint());
        }
    }

    @Test
    void targetOnlyUsersKeepAllTheirDataInTrain() {
        CrossDomainData d = TestData.crossDomain(12, 60, 20, 0.2, 0.5);
        TargetSplit s = new ColdStartUsers(0.5, 0.5).split(d, new SplittableRandom(3));
        InteractionMatrix source = d.sources().get(0).interactions();
        InteractionMatrix target = d.target().interactions();
        int targetOnly = 0;
        for (int u = 0; u < target.numRows(); u++) {
            if (source.rowSize(u) == 0 && target.rowSize(u) > 0) {
                targetOnly++;
                assertThat(s.train().rowSize(u)).isEqualTo(target.rowSize(u));
                assertThat(s.validation().rowSize(u) + s.test().rowSize(u)).isZero();
            }
        }
        // 60 users, 30 overlapping; the other 30 alternate source-only / target-only
        assertThat(targetOnly).isEqualTo(15);
    }

    @Test
    void clampingOnSmallOverlaps() {
        // overlap 3, beta 0.1: round(0.3) = 0 -> clamped up to 2 cold users (1 validation, 1 test), 1 warm
        TargetSplit s = new ColdStartUsers(0.1, 0.5).split(overlapData(3, 2), new SplittableRandom(1));
        assertThat(s.coldValidationUsers()).hasSize(1);
        assertThat(s.coldTestUsers()).hasSize(1);
        // overlap 10, beta 0.99: round(9.9) = 10 -> clamped down to 9, one warm user stays;
        // share 0.99: round(0.99 * 9) = 9 -> clamped to 8 validation users, 1 test user
        TargetSplit t = new ColdStartUsers(0.99, 0.99).split(overlapData(10, 0), new SplittableRandom(1));
        assertThat(t.coldValidationUsers()).hasSize(8);
        assertThat(t.coldTestUsers()).hasSize(1);
        // overlap 2 cannot leave a warm overlapping user: rejected
        assertThatThrownBy(() -> new ColdStartUsers(0.5, 0.5).split(overlapData(2, 3), new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlapping");
    }

    /** {@code overlapping} users in both domains, then {@code targetOnly} users in the target only. */
    private static CrossDomainData overlapData(int overlapping, int targetOnly) {
        int n = overlapping + targetOnly;
        IdIndex users = IdIndex.of(TestData.numericIds(n));
        IdIndex items = IdIndex.of("a", "b");
        InteractionMatrix.Builder src = InteractionMatrix.builder(n, 2, true, false);
        InteractionMatrix.Builder tgt = InteractionMatrix.builder(n, 2, true, false);
        for (int u = 0; u < n; u++) {
            if (u < overlapping) {
                src.add(u, 0, 3f);
            }
            tgt.add(u, u % 2, 4f);
        }
        InteractionMatrix s = src.build(DuplicatePolicy.ERROR);
        InteractionMatrix t = tgt.build(DuplicatePolicy.ERROR);
        CrossDomainData d = new CrossDomainData(users, List.of(new DomainData("s", items, s, "s")),
                new DomainData("t", items, t, "t"));
        assertThat(d.overlappingUsers()).hasSize(overlapping);
        return d;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, -0.2, 1.5, Double.NaN})
    void coldStartRejectsInvalidBetaAndShare(double bad) {
        assertThatThrownBy(() -> new ColdStartUsers(bad, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta");
        assertThatThrownBy(() -> new ColdStartUsers(0.5, bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validationShare");
    }

    @Test
    void descriptionsDifferByParameters() {
        assertThat(new ColdStartUsers(0.2, 0.5).describe()).isNotEqualTo(new ColdStartUsers(0.3, 0.5).describe());
        assertThat(new RandomHoldout(0.2, 0.1).describe()).isNotEqualTo(new RandomHoldout(0.2, 0.0).describe());
        // same content, different protocols -> different fingerprints
        CrossDomainData d = TestData.crossDomain(5, 30, 10, 0.3, 0.6);
        TargetSplit a = new ColdStartUsers(0.2, 0.5).split(d, new SplittableRandom(1));
        TargetSplit b = new TargetSplit(new ColdStartUsers(0.2, 0.6), a.train(), a.validation(), a.test(),
                a.coldValidationUsers(), a.coldTestUsers());
        assertThat(b.fingerprint()).isNotEqualTo(a.fingerprint());
    }

    private static Set<Integer> set(int[] a) {
        Set<Integer> s = new HashSet<>();
        IntStream.of(a).forEach(s::add);
        return s;
    }
}
