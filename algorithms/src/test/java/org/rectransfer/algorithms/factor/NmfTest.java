package org.rectransfer.algorithms.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

class NmfTest {

    private static final Nmf NMF = new Nmf();

    /** Ratings of an exact non-negative rank-3 model (factors uniform in [0, 1.2)). */
    static InteractionMatrix nonNegativeLowRank(int users, int items, double density, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] p = new double[users][3];
        double[][] q = new double[items][3];
        for (double[] row : p) {
            for (int f = 0; f < 3; f++) {
                row[f] = rng.nextDouble(0, 1.2);
            }
        }
        for (double[] row : q) {
            for (int f = 0; f < 3; f++) {
                row[f] = rng.nextDouble(0, 1.2);
            }
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(users, items, true, false);
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() < density) {
                    b.add(u, i, (float) (p[u][0] * q[i][0] + p[u][1] * q[i][1] + p[u][2] * q[i][2]));
                }
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    @Test
    void fitsAnExactlyNonNegativeLowRankMatrixWithNonNegativeFactors() {
        InteractionMatrix train = nonNegativeLowRank(150, 80, 0.4, 1);
        Nmf.Config cfg = new Nmf.Config(3, 400, 0.0, 0.0, 0.0, 1.0);
        FactorModel m = NMF.fit(train, cfg, RunContext.of(1));
        assertThat(Fixtures.rmse(m, train)).isLessThan(0.1 * Fixtures.spread(train));
        FactorModel fewer = NMF.fit(train, new Nmf.Config(3, 5, 0.0, 0.0, 0.0, 1.0), RunContext.of(1));
        assertThat(Fixtures.rmse(m, train)).isLessThan(Fixtures.rmse(fewer, train));
        float[] f = new float[3];
        for (int u = 0; u < 150; u++) {
            m.copyUserFactors(u, f, 0);
            for (float v : f) {
                assertThat(v).isGreaterThanOrEqualTo(0f);
            }
        }
        for (int i = 0; i < 80; i++) {
            m.copyItemFactors(i, f, 0);
            for (float v : f) {
                assertThat(v).isGreaterThanOrEqualTo(0f);
            }
        }
    }

    @Test
    void bitIdenticalForAnyThreadCountSeedDependentAndColdUsersScoreZero() {
        InteractionMatrix train = Fixtures.lowRank(400, 200, 2, 3.0, 0.1, 2, 0);
        FactorModel one = NMF.fit(train, NMF.defaultConfig(), RunContext.of(3));
        FactorModel four = NMF.fit(train, NMF.defaultConfig(), RunContext.of(3).withThreads(4));
        FactorModel other = NMF.fit(train, NMF.defaultConfig(), RunContext.of(4));
        assertThat(Fixtures.sameScores(one, four)).isTrue();
        assertThat(Fixtures.sameScores(one, other)).isFalse();
        float[] out = new float[200];
        one.scoreAll(0, out);
        assertThat(out).containsOnly(0f);
        Fixtures.assertScoresFiniteAndConsistent(one, 1e-5);
    }

    @Test
    void refusesNegativeRatingsAndBadInitRange() {
        InteractionMatrix neg = InteractionMatrix.builder(2, 2, true, false).add(0, 0, -1).build(DuplicatePolicy.ERROR);
        assertThatThrownBy(() -> NMF.fit(neg, NMF.defaultConfig(), RunContext.of(1))).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new Nmf.Config(3, 1, 0, 0, 1.0, 0.5)).hasMessageContaining("initHigh");
    }
}
