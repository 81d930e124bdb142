package org.rectransfer.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
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

    @Test
    void ridgeRecoversAKnownLinearMap() throws Exception {
        // y = x W with W = [[2, -1], [0.5, 3]] exactly; lambda = 0 must recover W.
        SplittableRandom rng = new SplittableRandom(1);
        DMatrixRMaj x = new DMatrixRMaj(20, 2);
        DMatrixRMaj y = new DMatrixRMaj(20, 2);
        double[][] w = {{2, -1}, {0.5, 3}};
        for (int r = 0; r < 20; r++) {
            double x0 = rng.nextDouble(-1, 1);
            double x1 = rng.nextDouble(-1, 1);
            x.set(r, 0, x0);
            x.set(r, 1, x1);
            y.set(r, 0, x0 * w[0][0] + x1 * w[1][0]);
            y.set(r, 1, x0 * w[0][1] + x1 * w[1][1]);
        }
        var method = org.rectransfer.algorithms.transfer.Emcdr.class.getDeclaredMethod("ridge", DMatrixRMaj.class,
                DMatrixRMaj.class, double.class);
        method.setAccessible(true);
        DMatrixRMaj got = (DMatrixRMaj) method.invoke(null, x, y, 0.0);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(got.get(i, j)).isCloseTo(w[i][j], within(1e-9));
            }
        }
        // With lambda > 0 the solution shrinks: |W_lambda| < |W|.
        DMatrixRMaj shrunk = (DMatrixRMaj) method.invoke(null, x, y, 5.0);
        double n0 = 0;
        double n1 = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                n0 += w[i][j] * w[i][j];
                n1 += shrunk.get(i, j) * shrunk.get(i, j);
            }
        }
        assertThat(n1).isLessThan(n0);
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
