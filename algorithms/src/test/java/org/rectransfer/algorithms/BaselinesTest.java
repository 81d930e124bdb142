package org.rectransfer.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.baseline.BiasBaseline;
import org.rectransfer.algorithms.baseline.GlobalMean;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;

class BaselinesTest {
    private static final double EPS = 1e-6; // float storage of biases

    /**
     * 3 users x 3 items:
     * u0: i0=5, i1=3
     * u1: i0=4
     * u2: i1=1, i2=2
     * mu = (5+3+4+1+2)/5 = 3.
     */
    private static InteractionMatrix tiny() {
        return InteractionMatrix.builder(3, 3, true, false)
                .add(0, 0, 5).add(0, 1, 3).add(1, 0, 4).add(2, 1, 1).add(2, 2, 2)
                .build(DuplicatePolicy.ERROR);
    }

    @Test
    void globalMeanPredictsTheMean() {
        Recommender r = new GlobalMean().fit(tiny(), new GlobalMean.Config(), RunContext.of(1));
        assertThat(r.predict(0, 2)).isCloseTo(3.0, within(EPS));
        float[] out = new float[3];
        r.scoreAll(1, out);
        assertThat(out).containsExactly(3f, 3f, 3f);
    }

    @Test
    void dampedBiasesMatchHandComputation() {
        // itemDamping 1, userDamping 2:
        // b_i0 = ((5-3)+(4-3))/(1+2) = 1; b_i1 = ((3-3)+(1-3))/(1+2) = -2/3; b_i2 = (2-3)/(1+1) = -1/2
        // b_u0 = ((5-3-1)+(3-3+2/3))/(2+2) = (1+2/3)/4 = 5/12
        // b_u1 = (4-3-1)/(2+1) = 0
        // b_u2 = ((1-3+2/3)+(2-3+1/2))/(2+2) = (-4/3 - 1/2)/4 = -11/24
        Recommender r = new BiasBaseline().fit(tiny(), new BiasBaseline.Config(1, 2), RunContext.of(1));
        assertThat(r.predict(0, 0)).isCloseTo(3 + 5.0 / 12 + 1, within(EPS));
        assertThat(r.predict(1, 1)).isCloseTo(3 + 0 - 2.0 / 3, within(EPS));
        assertThat(r.predict(2, 2)).isCloseTo(3 - 11.0 / 24 - 0.5, within(EPS));
    }

    @Test
    void userWithoutTrainingDataGetsItemBiasOnly() {
        InteractionMatrix m = InteractionMatrix.builder(2, 2, true, false).add(0, 0, 5).add(0, 1, 1)
                .build(DuplicatePolicy.ERROR);
        // mu = 3, b_i0 = 2/(0+1) = 2 with itemDamping 0
        Recommender r = new BiasBaseline().fit(m, new BiasBaseline.Config(0, 0), RunContext.of(1));
        assertThat(r.predict(1, 0)).isCloseTo(5.0, within(EPS));
    }

    @Test
    void invalidConfigNamesTheParameter() {
        assertThatThrownBy(() -> new BiasBaseline.Config(-1, 0)).hasMessageContaining("itemDamping");
    }
}
