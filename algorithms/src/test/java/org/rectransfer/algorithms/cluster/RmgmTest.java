package org.rectransfer.algorithms.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.testing.TestData;

/** Unit tests of RMGM's EM ({@link RmgmEm}) and rating levels ({@link RatingGrid}). */
class RmgmTest {
    /** Sums of probabilities: accumulated rounding only. */
    private static final double SUM_TOLERANCE = 1e-9;
    /** Allowed decrease of a monotone objective between iterations, relative: rounding only. */
    private static final double MONOTONE_SLACK = 1e-10;

    private static List<InteractionMatrix> domains() {
        CrossDomainData d = TestData.crossDomain(4, 80, 40, 30, 0.25, 0.6);
        return List.of(d.sources().get(0).interactions(), d.target().interactions());
    }

    private static RmgmEm fit(List<InteractionMatrix> domains, int k, int l, int iterations, double am, double ar) {
        return RmgmEm.fit(domains, k, l, RatingGrid.of(domains, 11), iterations, 0, am, ar, new SplittableRandom(8),
                RunContext.of(1));
    }

    @Test
    void objectiveNeverDecreasesWithSmoothing() {
        RmgmEm em = fit(domains(), 4, 3, 60, 0.1, 1.0);
        assertMonotone(em.objectiveTrace);
        assertThat(em.objectiveTrace[em.objectiveTrace.length - 1]).isGreaterThan(em.objectiveTrace[0]);
    }

    @Test
    void logLikelihoodNeverDecreasesWithoutSmoothing() {
        RmgmEm em = fit(domains(), 4, 3, 60, 0, 0);
        assertThat(em.objectiveTrace).containsExactly(em.logLikelihoodTrace);
        assertMonotone(em.logLikelihoodTrace);
        assertThat(em.logLikelihoodTrace[59]).isGreaterThan(em.logLikelihoodTrace[0]);
    }

    @Test
    void logLikelihoodNeverDecreasesOnContinuousRatings() {
        // Continuous ratings are split between two levels (fractional weights): EM must stay monotone.
        InteractionMatrix.Builder b = InteractionMatrix.builder(30, 20, true, false);
        SplittableRandom rng = new SplittableRandom(2);
        for (int u = 0; u < 30; u++) {
            for (int i = 0; i < 20; i++) {
                if (rng.nextDouble() < 0.4) {
                    b.add(u, i, (float) (1 + 4 * rng.nextDouble()));
                }
            }
        }
        RmgmEm em = fit(List.of(b.build(DuplicatePolicy.ERROR)), 3, 3, 40, 0, 0);
        assertMonotone(em.logLikelihoodTrace);
    }

    @Test
    void probabilitiesSumToOne() {
        RmgmEm em = fit(domains(), 4, 3, 20, 0.1, 1.0);
        assertRowsAreDistributions(em.userMembership, em.k);
        assertRowsAreDistributions(em.itemMembership, em.l);
        int kl = em.k * em.l;
        for (int c = 0; c < kl; c++) {
            double s = 0;
            for (int r = 0; r < em.numLevels; r++) {
                double p = em.ratingModel[r * kl + c];
                assertThat(p).isBetween(0.0, 1.0);
                s += p;
            }
            assertThat(s).as("P(.|cluster pair %d)", c).isCloseTo(1.0, within(SUM_TOLERANCE));
        }
    }

    /**
     * With one user and one item cluster the model is a single level distribution: after one EM
     * step {@code P(r) = (n_r + a) / (N + R a)}. Ratings 1, 1, 2, 5 (levels 1..5), a = 1:
     * P = (3, 2, 1, 1, 2) / 9, and the prediction is (3 + 4 + 3 + 4 + 10) / 9 = 24 / 9.
     */
    @Test
    void oneClusterPairIsTheSmoothedLevelHistogram() {
        InteractionMatrix m = InteractionMatrix.builder(2, 2, true, false).add(0, 0, 1f).add(0, 1, 1f).add(1, 0, 2f)
                .add(1, 1, 5f).build(DuplicatePolicy.ERROR);
        RatingGrid grid = RatingGrid.of(List.of(m), 11);
        RmgmEm em = RmgmEm.fit(List.of(m), 1, 1, grid, 1, 0, 0.5, 1.0, new SplittableRandom(1), RunContext.of(1));
        double[] expected = {3.0 / 9, 2.0 / 9, 1.0 / 9, 1.0 / 9, 2.0 / 9};
        for (int r = 0; r < 5; r++) {
            assertThat(em.ratingModel[r]).isCloseTo(expected[r], within(1e-12));
        }
        assertThat(em.predict(em.expectedRatings(grid), 1, 0)).isCloseTo(24.0 / 9, within(1e-12));
    }

    @Test
    void ratingGridOfIntegerAndContinuousData() {
        InteractionMatrix ints = InteractionMatrix.builder(1, 3, true, false).add(0, 0, 1f).add(0, 1, 3f).add(0, 2, 5f)
                .build(DuplicatePolicy.ERROR);
        RatingGrid g = RatingGrid.of(List.of(ints), 11);
        assertThat(g.size()).isEqualTo(5);
        assertThat(g.level(0)).isEqualTo(1.0);
        assertThat(g.level(4)).isEqualTo(5.0);
        assertThat(g.lower(3.0)).isEqualTo(2);
        assertThat(g.upperWeight(3.0)).isEqualTo(0.0);
        assertThat(g.lower(5.0)).isEqualTo(3);
        assertThat(g.upperWeight(5.0)).isEqualTo(1.0);
        // 3.25 splits 0.75 / 0.25 between levels 3 and 4: its expected level is the rating.
        assertThat(g.lower(3.25)).isEqualTo(2);
        assertThat(g.upperWeight(3.25)).isCloseTo(0.25, within(1e-12));
        // A wide range is capped at maxLevels evenly spaced levels.
        InteractionMatrix wide = InteractionMatrix.builder(1, 2, true, false).add(0, 0, -2f).add(0, 1, 38f)
                .build(DuplicatePolicy.ERROR);
        RatingGrid w = RatingGrid.of(List.of(wide), 11);
        assertThat(w.size()).isEqualTo(11);
        assertThat(w.level(10)).isCloseTo(38.0, within(1e-12));
        assertThat(w.level(1)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void configNamesTheBadParameter() {
        assertThatThrownBy(() -> new Rmgm.Config(20, 20, 100, 1e-4, -0.5, 1.0, 11, false, 25, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("membershipSmoothing")
                .hasMessageContaining("-0.5");
        assertThatThrownBy(() -> new Rmgm.Config(20, 20, 100, 1e-4, 0.1, 1.0, 1, false, 25, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLevels");
    }

    private static void assertMonotone(double[] trace) {
        assertThat(trace.length).isGreaterThan(1);
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).as("objective at iteration %d (previous %f)", t, trace[t - 1])
                    .isGreaterThanOrEqualTo(trace[t - 1] - MONOTONE_SLACK * Math.abs(trace[t - 1]));
        }
    }

    private static void assertRowsAreDistributions(double[] p, int width) {
        for (int row = 0; row < p.length / width; row++) {
            double s = 0;
            for (int a = 0; a < width; a++) {
                assertThat(p[row * width + a]).isBetween(0.0, 1.0);
                s += p[row * width + a];
            }
            assertThat(s).as("row %d", row).isCloseTo(1.0, within(SUM_TOLERANCE));
        }
    }
}
