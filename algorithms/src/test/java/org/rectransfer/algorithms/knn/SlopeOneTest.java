package org.rectransfer.algorithms.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

/**
 * Slope One against hand computation.
 *
 * <pre>
 *          i0  i1  i2  i3
 *   u0      5   3   2   .
 *   u1      3   4   .   .
 *   u2      .   2   5   .
 *   u3      .   .   .   1
 *   u4      .   .   .   .
 * </pre>
 */
class SlopeOneTest {
    private static final double EPS = 1e-9;

    private static InteractionMatrix tiny() {
        return InteractionMatrix.builder(5, 4, true, false)
                .add(0, 0, 5).add(0, 1, 3).add(0, 2, 2)
                .add(1, 0, 3).add(1, 1, 4)
                .add(2, 1, 2).add(2, 2, 5)
                .add(3, 3, 1)
                .build(DuplicatePolicy.ERROR);
    }

    private static SlopeOneModel fit(boolean weighted) {
        return new SlopeOne().fit(tiny(), new SlopeOne.Config(weighted), RunContext.of(1));
    }

    @Test
    void deviationsAndSupports() {
        SlopeOneModel m = fit(true);
        // dev(2,0): u0 only: 2 - 5 = -3; dev(2,1): u0: 2 - 3 = -1, u2: 5 - 2 = 3 -> 2/2 = 1
        assertThat(m.deviation(2, 0)).isEqualTo(-3.0);
        assertThat(m.support(2, 0)).isEqualTo(1);
        assertThat(m.deviation(2, 1)).isEqualTo(1.0);
        assertThat(m.support(2, 1)).isEqualTo(2);
        // dev(0,1): u0: 5 - 3 = 2, u1: 3 - 4 = -1 -> 1/2; antisymmetric
        assertThat(m.deviation(0, 1)).isEqualTo(0.5);
        assertThat(m.deviation(1, 0)).isEqualTo(-0.5);
        assertThat(m.support(0, 3)).isZero();
        assertThat(m.deviation(0, 3)).isNaN();
    }

    @Test
    void weightedPrediction() {
        SlopeOneModel m = fit(true);
        // u1 -> i2 from i0 (3) and i1 (4): ((-3 + 3) * 1 + (1 + 4) * 2) / (1 + 2) = 10/3
        assertThat(m.predict(1, 2)).isCloseTo(10.0 / 3, within(EPS));
        // u2 -> i0 from i1 (2) and i2 (5): dev(0,1) = 1/2 (2 users), dev(0,2) = 3 (1 user)
        // ((1/2 + 2) * 2 + (3 + 5) * 1) / 3 = 13/3
        assertThat(m.predict(2, 0)).isCloseTo(13.0 / 3, within(EPS));
    }

    @Test
    void unweightedPrediction() {
        SlopeOneModel m = fit(false);
        // ((-3 + 3) + (1 + 4)) / 2 = 2.5 and ((1/2 + 2) + (3 + 5)) / 2 = 5.25
        assertThat(m.predict(1, 2)).isCloseTo(2.5, within(EPS));
        assertThat(m.predict(2, 0)).isCloseTo(5.25, within(EPS));
    }

    @Test
    void fallbacks() {
        SlopeOneModel m = fit(true);
        // u3 rated only i3, which no one else rated: no pair -> u3's mean 1
        assertThat(m.predict(3, 0)).isEqualTo(1.0);
        // u4 has no ratings -> item mean of i0 = (5 + 3) / 2 = 4
        assertThat(m.predict(4, 0)).isEqualTo(4.0);
    }

    @Test
    void scoreAllEqualsPredict() {
        for (boolean weighted : new boolean[] {true, false}) {
            SlopeOneModel m = fit(weighted);
            float[] out = new float[4];
            for (int u = 0; u < 5; u++) {
                m.scoreAll(u, out);
                for (int j = 0; j < 4; j++) {
                    assertThat(out[j]).as("u%d j%d", u, j).isEqualTo((float) m.predict(u, j));
                }
            }
        }
    }

    @Test
    void rejectsImplicitOrEmptyData() {
        InteractionMatrix implicit = InteractionMatrix.builder(1, 2, false, false).add(0, 0, 1).build(DuplicatePolicy.ERROR);
        assertThatThrownBy(() -> new SlopeOne().fit(implicit, new SlopeOne.Config(true), RunContext.of(1)))
                .hasMessageContaining("explicit");
        assertThatThrownBy(() -> new SlopeOne().fit(InteractionMatrix.empty(1, 1, true), new SlopeOne.Config(true),
                RunContext.of(1))).hasMessageContaining("at least one");
    }
}
