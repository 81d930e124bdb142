package org.rectransfer.algorithms.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

class FunkSvdTest {

    private static final FunkSvd FUNK = new FunkSvd();

    @Test
    void reachesALowTrainingErrorOnAnExactlyLowRankMatrix() {
        // offset 0: a pure rank-2 matrix, which the bias-free model can represent exactly
        InteractionMatrix train = Fixtures.lowRank(200, 100, 2, 0.0, 0.3, 3);
        FactorModel m = FUNK.fit(train, new FunkSvd.Config(4, 150, 0.02, 0.0005, 0.1, false), RunContext.of(1));
        assertThat(Fixtures.rmse(m, train)).isLessThan(0.1 * Fixtures.spread(train));
    }

    @Test
    void predictionIsThePlainDotProductWithoutBiases() {
        InteractionMatrix train = Fixtures.lowRank(40, 30, 2, 3.0, 0.4, 4, 0);
        for (boolean center : new boolean[] {false, true}) {
            FactorModel m = FUNK.fit(train, new FunkSvd.Config(3, 10, 0.01, 0.05, 0.1, center), RunContext.of(1));
            double mu = center ? train.meanValue() : 0.0;
            float[] p = new float[3];
            float[] q = new float[3];
            for (int u = 0; u < 40; u++) {
                m.copyUserFactors(u, p, 0);
                assertThat(m.userBias(u)).isZero();
                for (int i = 0; i < 30; i++) {
                    m.copyItemFactors(i, q, 0);
                    double dot = (double) p[0] * q[0] + (double) p[1] * q[1] + (double) p[2] * q[2];
                    assertThat(m.predict(u, i)).isCloseTo(mu + dot, within(1e-12));
                }
            }
            // user 0 has no training data: mu (or 0) everywhere
            assertThat(m.predict(0, 5)).isEqualTo(mu);
            Fixtures.assertScoresFiniteAndConsistent(m, 1e-5);
        }
    }

    @Test
    void sameSeedIsBitIdenticalAndAnotherSeedDiffers() {
        InteractionMatrix train = Fixtures.lowRank(80, 40, 2, 3.0, 0.3, 6);
        FactorModel a = FUNK.fit(train, FUNK.defaultConfig(), RunContext.of(1));
        FactorModel b = FUNK.fit(train, FUNK.defaultConfig(), RunContext.of(1).withThreads(4));
        FactorModel c = FUNK.fit(train, FUNK.defaultConfig(), RunContext.of(2));
        assertThat(Fixtures.sameScores(a, b)).isTrue();
        assertThat(Fixtures.sameScores(a, c)).isFalse();
    }
}
