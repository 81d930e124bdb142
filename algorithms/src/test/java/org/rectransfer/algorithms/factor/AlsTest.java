package org.rectransfer.algorithms.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

class AlsTest {

    private static final Als ALS = new Als();

    @Test
    void reachesALowTrainingErrorOnAnExactlyLowRankMatrix() {
        InteractionMatrix train = Fixtures.lowRank(200, 100, 2, 3.0, 0.3, 3);
        Als.Config cfg = new Als.Config(4, 30, 0.002, true, 0.01);
        FactorModel m = ALS.fit(train, cfg, RunContext.of(1));
        // the ratings spread about 0.5 around 3; an exact rank-2 structure must be (almost) recovered
        assertThat(Fixtures.rmse(m, train)).isLessThan(0.05 * Fixtures.spread(train));
    }

    @Test
    void itemRowsAreTheClosedFormWeightedRidgeSolutionGivenTheUserFactors() {
        // The last half-step solves the items, so every item row must be
        // (P_i^T P_i + lambda n_i I)^-1 P_i^T (r_i - mu) for the final user factors: computed here with EJML.
        InteractionMatrix train = Fixtures.lowRank(60, 40, 3, 3.0, 0.4, 8);
        double lambda = 0.3;
        for (boolean center : new boolean[] {false, true}) {
            Als.Config cfg = new Als.Config(5, 3, lambda, center, 0.1);
            FactorModel m = ALS.fit(train, cfg, RunContext.of(2));
            double mu = center ? train.meanValue() : 0.0;
            InteractionMatrix byItem = train.transpose();
            float[] pu = new float[5];
            float[] qi = new float[5];
            for (int i = 0; i < 40; i++) {
                int n = byItem.rowSize(i);
                DMatrixRMaj x = new DMatrixRMaj(n, 5);
                DMatrixRMaj y = new DMatrixRMaj(n, 1);
                for (int p = byItem.rowStart(i), r = 0; p < byItem.rowEnd(i); p++, r++) {
                    m.copyUserFactors(byItem.col(p), pu, 0);
                    for (int f = 0; f < 5; f++) {
                        x.set(r, f, pu[f]);
                    }
                    y.set(r, 0, byItem.value(p) - mu);
                }
                DMatrixRMaj a = new DMatrixRMaj(5, 5);
                CommonOps_DDRM.multTransA(x, x, a);
                for (int f = 0; f < 5; f++) {
                    a.add(f, f, lambda * n);
                }
                DMatrixRMaj b = new DMatrixRMaj(5, 1);
                CommonOps_DDRM.multTransA(x, y, b);
                DMatrixRMaj sol = new DMatrixRMaj(5, 1);
                assertThat(CommonOps_DDRM.solve(a, b, sol)).isTrue();
                m.copyItemFactors(i, qi, 0);
                for (int f = 0; f < 5; f++) {
                    assertThat((double) qi[f]).as("item %d factor %d", i, f)
                            .isCloseTo(sol.get(f, 0), within(1e-5 * Math.max(1, Math.abs(sol.get(f, 0)))));
                }
            }
        }
    }

    @Test
    void bitIdenticalForAnyThreadCountAndSeedDependent() {
        InteractionMatrix train = Fixtures.lowRank(400, 300, 3, 3.0, 0.1, 4);
        Als.Config cfg = ALS.defaultConfig();
        FactorModel one = ALS.fit(train, cfg, RunContext.of(7));
        FactorModel four = ALS.fit(train, cfg, RunContext.of(7).withThreads(4));
        FactorModel again = ALS.fit(train, cfg, RunContext.of(7).withThreads(3));
        FactorModel other = ALS.fit(train, cfg, RunContext.of(8));
        assertThat(Fixtures.sameScores(one, four)).isTrue();
        assertThat(Fixtures.sameScores(one, again)).isTrue();
        assertThat(Fixtures.sameScores(one, other)).isFalse();
    }

    @Test
    void usersWithoutTrainingDataArePredictedTheMeanOrZero() {
        InteractionMatrix train = Fixtures.lowRank(50, 30, 2, 3.0, 0.4, 5, 0, 7);
        FactorModel centred = ALS.fit(train, new Als.Config(4, 5, 0.1, true, 0.01), RunContext.of(1));
        FactorModel raw = ALS.fit(train, new Als.Config(4, 5, 0.1, false, 0.01), RunContext.of(1));
        for (int i = 0; i < 30; i++) {
            assertThat(centred.predict(0, i)).isEqualTo(train.meanValue());
            assertThat(raw.predict(7, i)).isZero();
        }
        Fixtures.assertScoresFiniteAndConsistent(centred, 1e-5);
        Fixtures.assertScoresFiniteAndConsistent(raw, 1e-5);
    }

    @Test
    void warmStartUsesGivenFactorsAndKeepsThemForColdUsers() {
        InteractionMatrix train = Fixtures.lowRank(80, 40, 2, 3.0, 0.4, 6, 0);
        Als.Config cfg = new Als.Config(4, 20, 0.05, false, 0.01);
        FactorModel converged = ALS.fit(train, cfg, RunContext.of(1));

        float[] items = new float[40 * 4];
        for (int i = 0; i < 40; i++) {
            converged.copyItemFactors(i, items, i * 4);
        }
        float[] users = new float[80 * 4];
        java.util.Arrays.fill(users, Float.NaN); // no initial value ...
        float[] cold = {0.5f, -0.25f, 1f, 2f};
        System.arraycopy(cold, 0, users, 0, 4); // ... except for the cold user 0
        Als.Config oneIteration = new Als.Config(4, 1, 0.05, false, 0.01);
        FactorModel warm = ALS.fit(train, oneIteration, RunContext.of(99), InitialFactors.of(4, users, items));
        FactorModel coldStart = ALS.fit(train, oneIteration, RunContext.of(99));

        // one sweep from converged item factors stays at the optimum; from scratch it does not
        assertThat(Fixtures.rmse(warm, train)).isCloseTo(Fixtures.rmse(converged, train), within(1e-3));
        assertThat(Fixtures.rmse(coldStart, train)).isGreaterThan(Fixtures.rmse(converged, train) + 1e-3);
        float[] got = new float[4];
        warm.copyUserFactors(0, got, 0);
        assertThat(got).containsExactly(cold);
    }

    @Test
    void warmStartShapesAreValidated() {
        InteractionMatrix train = Fixtures.lowRank(10, 8, 2, 3.0, 0.5, 1);
        assertThatThrownBy(() -> ALS.fit(train, new Als.Config(4, 1, 0.1, false, 0.01), RunContext.of(1),
                InitialFactors.of(3, new float[30], null))).hasMessageContaining("k = 3");
        assertThatThrownBy(() -> ALS.fit(train, new Als.Config(4, 1, 0.1, false, 0.01), RunContext.of(1),
                InitialFactors.of(4, null, new float[4 * 7]))).hasMessageContaining("8 items");
    }

    @Test
    void refusesImplicitDataAndInvalidConfigs() {
        InteractionMatrix implicit = InteractionMatrix.builder(2, 2, false, false).add(0, 0, 1).build(DuplicatePolicy.ERROR);
        assertThatThrownBy(() -> ALS.fit(implicit, ALS.defaultConfig(), RunContext.of(1))).hasMessageContaining("explicit");
        assertThatThrownBy(() -> new Als.Config(0, 1, 0.1, false, 0.01)).hasMessageContaining("factors");
        assertThatThrownBy(() -> new Als.Config(4, 1, 0.0, false, 0.01)).hasMessageContaining("regularization");
    }
}
