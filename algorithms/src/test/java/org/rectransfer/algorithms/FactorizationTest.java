package org.rectransfer.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

class FactorizationTest {

    /** Ratings from an exact rank-2 model plus biases, a fraction {@code density} observed. */
    static InteractionMatrix lowRank(int users, int items, double density, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] p = new double[users][2];
        double[][] q = new double[items][2];
        for (double[] row : p) {
            row[0] = rng.nextDouble(-1, 1);
            row[1] = rng.nextDouble(-1, 1);
        }
        for (double[] row : q) {
            row[0] = rng.nextDouble(-1, 1);
            row[1] = rng.nextDouble(-1, 1);
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(users, items, true, false);
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() < density) {
                    b.add(u, i, (float) (3 + p[u][0] * q[i][0] + p[u][1] * q[i][1]));
                }
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    static double rmse(FactorModel m, InteractionMatrix data) {
        double se = 0;
        for (int u = 0; u < data.numRows(); u++) {
            for (int p = data.rowStart(u); p < data.rowEnd(u); p++) {
                double e = m.predict(u, data.col(p)) - data.value(p);
                se += e * e;
            }
        }
        return Math.sqrt(se / data.nnz());
    }

    @Test
    void biasedMfFitsALowRankMatrix() {
        InteractionMatrix train = lowRank(200, 100, 0.3, 3);
        double spread = Math.sqrt(variance(train));
        BiasedMf.Config cfg = new BiasedMf.Config(4, 60, 0.02, 0.005, 0.0, 0.1);
        FactorModel m = new BiasedMf().fit(train, cfg, RunContext.of(11));
        // The ratings' own spread is about 0.5; a rank-4 fit must explain most of it.
        assertThat(rmse(m, train)).isLessThan(0.25 * spread);
    }

    @Test
    void sameSeedIsBitIdenticalAndAnotherSeedDiffers() {
        InteractionMatrix train = lowRank(100, 60, 0.3, 5);
        BiasedMf.Config cfg = new BiasedMf().defaultConfig();
        FactorModel a = new BiasedMf().fit(train, cfg, RunContext.of(1));
        FactorModel b = new BiasedMf().fit(train, cfg, RunContext.of(1));
        FactorModel c = new BiasedMf().fit(train, cfg, RunContext.of(2));
        float[] sa = new float[60];
        float[] sb = new float[60];
        float[] sc = new float[60];
        boolean anyDiff = false;
        for (int u = 0; u < 100; u++) {
            a.scoreAll(u, sa);
            b.scoreAll(u, sb);
            c.scoreAll(u, sc);
            assertThat(sb).containsExactly(sa);
            anyDiff |= !java.util.Arrays.equals(sa, sc);
        }
        assertThat(anyDiff).isTrue();
    }

    @Test
    void scoreAllAgreesWithPredict() {
        InteractionMatrix train = lowRank(50, 40, 0.3, 9);
        FactorModel m = new BiasedMf().fit(train, new BiasedMf().defaultConfig(), RunContext.of(3));
        float[] out = new float[40];
        for (int u = 0; u < 50; u++) {
            m.scoreAll(u, out);
            for (int i = 0; i < 40; i++) {
                assertThat((double) out[i]).isCloseTo(m.predict(u, i), within(1e-5));
                assertThat(Float.isFinite(out[i])).isTrue();
            }
        }
    }

    @Test
    void userWithoutTrainingDataIsPredictedByMeanAndItemBias() {
        InteractionMatrix train = lowRank(30, 20, 0.5, 4);
        // drop user 0's row by rebuilding without it
        boolean[] keep = new boolean[train.nnz()];
        for (int p = 0; p < keep.length; p++) {
            keep[p] = p >= train.rowEnd(0);
        }
        InteractionMatrix without = train.select(keep);
        FactorModel m = new BiasedMf().fit(without, new BiasedMf().defaultConfig(), RunContext.of(5));
        for (int i = 0; i < 20; i++) {
            assertThat(m.predict(0, i)).isEqualTo(m.globalMean() + m.itemBias(i));
        }
        assertThat(m.userBias(0)).isZero();
    }

    @Test
    void implicitDataIsRefused() {
        InteractionMatrix implicit = InteractionMatrix.builder(2, 2, false, false).add(0, 0, 1)
                .build(DuplicatePolicy.ERROR);
        assertThatThrownBy(() -> new BiasedMf().fit(implicit, new BiasedMf().defaultConfig(), RunContext.of(1)))
                .hasMessageContaining("explicit");
    }

    private static double variance(InteractionMatrix m) {
        double mean = m.meanValue();
        double s = 0;
        for (int p = 0; p < m.nnz(); p++) {
            s += (m.value(p) - mean) * (m.value(p) - mean);
        }
        return s / m.nnz();
    }
}
