package org.rectransfer.algorithms.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.algorithms.mf.Gaussian;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

class WrmfTest {

    private static final Wrmf WRMF = new Wrmf();
    private static final int K = 6;

    /** The exact solution of row r's system computed with EJML from the dense definition. */
    private static double[] exactByEjml(InteractionMatrix m, int r, float[] y, int numCols, double alpha, double lambda) {
        // A = Y^T C_r Y + lambda I over all columns, b = Y^T C_r p_r
        DMatrixRMaj a = new DMatrixRMaj(K, K);
        DMatrixRMaj b = new DMatrixRMaj(K, 1);
        for (int i = 0; i < numCols; i++) {
            int p = m.find(r, i);
            double c = p < 0 ? 1.0 : 1.0 + alpha * m.value(p);
            for (int f = 0; f < K; f++) {
                for (int g = 0; g < K; g++) {
                    a.add(f, g, c * y[i * K + f] * y[i * K + g]);
                }
                if (p >= 0) {
                    b.add(f, 0, c * y[i * K + f]);
                }
            }
        }
        for (int f = 0; f < K; f++) {
            a.add(f, f, lambda);
        }
        DMatrixRMaj x = new DMatrixRMaj(K, 1);
        assertThat(CommonOps_DDRM.solve(a, b, x)).isTrue();
        double[] out = new double[K];
        for (int f = 0; f < K; f++) {
            out[f] = x.get(f, 0);
        }
        return out;
    }

    private static InteractionMatrix oneRow(int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        InteractionMatrix.Builder b = InteractionMatrix.builder(1, cols, true, false);
        for (int i = 0; i < cols; i++) {
            if (rng.nextDouble() < 0.3) {
                b.add(0, i, (float) (1 + rng.nextInt(5)));
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    private static float[] randomFactors(int n, long seed) {
        float[] y = new float[n * K];
        Gaussian.fill(y, 0, y.length, 0.5, new SplittableRandom(seed));
        return y;
    }

    private static double distance(float[] x, double[] ref) {
        double s = 0;
        for (int f = 0; f < K; f++) {
            s += (x[f] - ref[f]) * (x[f] - ref[f]);
        }
        return Math.sqrt(s);
    }

    @Test
    void conjugateGradientReachesTheExactSolveAndWarmStartedStepsImproveIt() {
        int cols = 40;
        double alpha = 2.0;
        double lambda = 0.5;
        InteractionMatrix m = oneRow(cols, 3);
        float[] y = randomFactors(cols, 4);
        double[] exact = exactByEjml(m, 0, y, cols, alpha, lambda);
        double[] gram = Wrmf.gramPlusRidge(y, cols, K, lambda, 1);
        double[] s1 = new double[K * K];
        double[] s2 = new double[K];
        double[] s3 = new double[K];
        double[] s4 = new double[K];

        // exact Cholesky path
        float[] x = new float[K];
        Wrmf.exactRow(m, 0, y, gram, alpha, K, x, s1, s2);
        assertThat(distance(x, exact)).isLessThan(1e-5);

        // K CG steps from zero solve a K-dimensional SPD system (exactly in exact arithmetic)
        float[] cg = new float[K];
        Wrmf.cgRow(m, 0, y, gram, alpha, K, K, cg, s2, s3, s4, s1);
        assertThat(distance(cg, exact)).isLessThan(1e-4);

        // 3 steps warm-started near the solution get much closer
        float[] warm = new float[K];
        SplittableRandom noise = new SplittableRandom(5);
        for (int f = 0; f < K; f++) {
            warm[f] = (float) (exact[f] + noise.nextDouble(-0.2, 0.2));
        }
        double before = distance(warm, exact);
        Wrmf.cgRow(m, 0, y, gram, alpha, K, 3, warm, s2, s3, s4, s1);
        assertThat(distance(warm, exact)).isLessThan(0.2 * before);
    }

    @Test
    void exactModeItemRowsSolveHusNormalEquationsGivenTheUserFactors() {
        Fixtures.Split data = Fixtures.blocks(60, 30, 3, 0.5, 0.05, 0.0, 2);
        double alpha = 3;
        double lambda = 0.2;
        FactorModel m = WRMF.fit(data.train(), new Wrmf.Config(K, 4, alpha, lambda, 0, 0.1), RunContext.of(1));
        float[] users = new float[60 * K];
        for (int u = 0; u < 60; u++) {
            m.copyUserFactors(u, users, u * K);
        }
        InteractionMatrix byItem = data.train().transpose();
        float[] qi = new float[K];
        for (int i = 0; i < 30; i++) {
            if (byItem.rowSize(i) == 0) {
                continue;
            }
            double[] exact = exactByEjml(byItem, i, users, 60, alpha, lambda);
            m.copyItemFactors(i, qi, 0);
            assertThat(distance(qi, exact)).as("item %d", i).isLessThan(1e-4);
        }
    }

    @Test
    void ranksHeldOutPositivesAboveNegatives() {
        Fixtures.Split data = Fixtures.blocks(200, 100, 4, 0.8, 0.02, 0.2, 11);
        FactorModel m = WRMF.fit(data.train(), new Wrmf.Config(8, 10, 5.0, 1.0, 3, 0.01), RunContext.of(3));
        assertThat(Fixtures.auc(m, data)).isGreaterThan(0.9);
    }

    @Test
    void bitIdenticalForAnyThreadCountInBothSolverModes() {
        Fixtures.Split data = Fixtures.blocks(600, 300, 5, 0.1, 0.01, 0.0, 12);
        for (int steps : new int[] {0, 3}) {
            Wrmf.Config cfg = new Wrmf.Config(10, 3, 2.0, 1.0, steps, 0.01);
            FactorModel one = WRMF.fit(data.train(), cfg, RunContext.of(5));
            FactorModel four = WRMF.fit(data.train(), cfg, RunContext.of(5).withThreads(4));
            FactorModel other = WRMF.fit(data.train(), cfg, RunContext.of(6).withThreads(4));
            assertThat(Fixtures.sameScores(one, four)).isTrue();
            assertThat(Fixtures.sameScores(one, other)).isFalse();
        }
    }

    @Test
    void usersWithoutTrainingDataScoreZeroAndWarmStartedOnesKeepTheirFactors() {
        Fixtures.Split data = Fixtures.blocks(40, 20, 2, 0.5, 0.05, 0.0, 13, 0, 1);
        float[] users = new float[40 * 4];
        java.util.Arrays.fill(users, Float.NaN);
        float[] given = {1f, 0f, -1f, 0.5f};
        System.arraycopy(given, 0, users, 4, 4); // cold user 1 gets a vector, cold user 0 does not
        Wrmf.Config cfg = new Wrmf.Config(4, 3, 1.0, 1.0, 3, 0.01);
        FactorModel m = WRMF.fit(data.train(), cfg, RunContext.of(1), InitialFactors.of(4, users, null));
        float[] out = new float[20];
        m.scoreAll(0, out);
        assertThat(out).containsOnly(0f);
        float[] got = new float[4];
        m.copyUserFactors(1, got, 0);
        assertThat(got).containsExactly(given);
        Fixtures.assertScoresFiniteAndConsistent(m, 1e-5);
    }

    @Test
    void refusesNegativeValues() {
        InteractionMatrix neg = InteractionMatrix.builder(2, 2, true, false).add(0, 0, -1).build(DuplicatePolicy.ERROR);
        assertThatThrownBy(() -> WRMF.fit(neg, WRMF.defaultConfig(), RunContext.of(1))).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new Wrmf.Config(4, 1, 1, 1, -1, 0.1)).hasMessageContaining("cgSteps");
    }

    @Test
    void gramIsTheSameForAnyThreadCount() {
        float[] y = randomFactors(10_000, 9);
        double[] a = Wrmf.gramPlusRidge(y, 10_000, K, 0.0, 1);
        double[] b = Wrmf.gramPlusRidge(y, 10_000, K, 0.0, 4);
        assertThat(b).containsExactly(a);
        double direct = 0;
        for (int r = 0; r < 10_000; r++) {
            direct += (double) y[r * K] * y[r * K + 1];
        }
        assertThat(a[1]).isCloseTo(direct, within(1e-9 * Math.abs(direct) + 1e-9));
    }
}
