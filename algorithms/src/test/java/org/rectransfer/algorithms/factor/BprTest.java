package org.rectransfer.algorithms.factor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.spi.RunContext;

class BprTest {

    private static final Bpr BPR = new Bpr();

    @Test
    void ranksHeldOutPositivesOfABlockMatrixAboveNegatives() {
        Fixtures.Split data = Fixtures.blocks(200, 100, 4, 0.8, 0.02, 0.2, 21);
        for (boolean bias : new boolean[] {true, false}) {
            Bpr.Config cfg = new Bpr.Config(8, 30, 0.05, 0.01, 0.01, bias, 0.1);
            FactorModel m = BPR.fit(data.train(), cfg, RunContext.of(4));
            assertThat(Fixtures.auc(m, data)).as("itemBias=%s", bias).isGreaterThan(0.9);
        }
        // sanity of the measure: random factors without training rank at chance level
        FactorModel untrained = BPR.fit(data.train(), new Bpr.Config(8, 1, 1e-9, 0, 0, false, 0.1), RunContext.of(4));
        assertThat(Fixtures.auc(untrained, data)).isBetween(0.35, 0.65);
    }

    @Test
    void sameSeedIsBitIdenticalAndAnotherSeedDiffers() {
        Fixtures.Split data = Fixtures.blocks(100, 50, 3, 0.3, 0.05, 0.0, 22);
        Bpr.Config cfg = new Bpr.Config(8, 5, 0.05, 0.01, 0.01, true, 0.1);
        FactorModel a = BPR.fit(data.train(), cfg, RunContext.of(1));
        FactorModel b = BPR.fit(data.train(), cfg, RunContext.of(1).withThreads(4));
        FactorModel c = BPR.fit(data.train(), cfg, RunContext.of(2));
        assertThat(Fixtures.sameScores(a, b)).isTrue();
        assertThat(Fixtures.sameScores(a, c)).isFalse();
    }

    @Test
    void usersWithoutTrainingDataAreScoredByItemBiasOnly() {
        Fixtures.Split data = Fixtures.blocks(60, 30, 3, 0.4, 0.05, 0.0, 23, 5);
        FactorModel m = BPR.fit(data.train(), new Bpr.Config(4, 10, 0.05, 0.01, 0.01, true, 0.1), RunContext.of(1));
        for (int i = 0; i < 30; i++) {
            assertThat(m.predict(5, i)).isEqualTo(m.itemBias(i));
        }
        // popular items (seen as positives often) end with higher biases than never-seen ones
        Fixtures.assertScoresFiniteAndConsistent(m, 1e-5);
    }

    @Test
    void warmStartFactorsAndBiasesAreUsedAndColdRowsKept() {
        Fixtures.Split data = Fixtures.blocks(60, 30, 3, 0.4, 0.05, 0.0, 24, 0);
        float[] users = new float[60 * 4];
        java.util.Arrays.fill(users, Float.NaN);
        float[] cold = {0.3f, 0.1f, -0.2f, 0.4f};
        System.arraycopy(cold, 0, users, 0, 4);
        float[] bias = new float[30];
        java.util.Arrays.fill(bias, Float.NaN);
        bias[7] = 3f;
        InitialFactors init = InitialFactors.of(4, users, null).withItemBias(bias);
        // a vanishing learning rate keeps the initial values (up to rounding)
        FactorModel m = BPR.fit(data.train(), new Bpr.Config(4, 1, 1e-12, 0, 0, true, 0.1), RunContext.of(1), init);
        float[] got = new float[4];
        m.copyUserFactors(0, got, 0);
        assertThat(got).containsExactly(cold);
        assertThat(m.itemBias(7)).isEqualTo(3f);
        assertThat(m.itemBias(8)).isLessThan(1e-6f);
    }
}
