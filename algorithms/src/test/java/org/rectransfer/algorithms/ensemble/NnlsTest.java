package org.rectransfer.algorithms.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link Nnls} and {@link LinearSolve} on hand-computed and random problems. */
class NnlsTest {
    private static final double EXACT = 1e-12;
    private static final double KKT = 1e-9;

    /**
     * A = [[1,0],[0,1],[1,1]], b = [2,-1,1]. Unconstrained LS: A'A = [[2,1],[1,2]], A'b = [3,0],
     * w = [2,-1] (infeasible). With w2 held at 0 the best w1 minimises (w1-2)^2 + 1 + (w1-1)^2, so
     * w1 = 1.5; at that point the gradient of w2, (A'b - A'A w)_2 = 0 - 1.5 < 0: optimal.
     */
    @Test
    void handComputedCaseWithAnActiveBound() {
        double[][] a = {{1, 0}, {0, 1}, {1, 1}};
        double[] b = {2, -1, 1};
        assertThat(LinearSolve.solve(new double[][] {{2, 1}, {1, 2}}, new double[] {3, 0}))
                .containsExactly(new double[] {2, -1}, within(EXACT));
        assertThat(Nnls.solve(a, b)).containsExactly(new double[] {1.5, 0}, within(EXACT));
    }

    @Test
    void allNegativeCorrelationsGiveZero() {
        double[][] a = {{1, 0}, {0, 1}};
        assertThat(Nnls.solve(a, new double[] {-1, -2})).containsExactly(new double[] {0, 0}, within(0.0));
    }

    @Test
    void interiorSolutionEqualsUnconstrainedLeastSquares() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] a = new double[40][4];
        double[] truth = {1, 2, 0.5, 3};
        double[] b = new double[40];
        for (int r = 0; r < 40; r++) {
            for (int j = 0; j < 4; j++) {
                a[r][j] = rng.nextDouble() * 2 - 1;
                b[r] += a[r][j] * truth[j];
            }
            b[r] += 0.05 * (rng.nextDouble() - 0.5);
        }
        double[][] g = new double[4][4];
        double[] c = new double[4];
        for (int r = 0; r < 40; r++) {
            for (int j = 0; j < 4; j++) {
                c[j] += a[r][j] * b[r];
                for (int k = 0; k < 4; k++) {
                    g[j][k] += a[r][j] * a[r][k];
                }
            }
        }
        double[] ls = LinearSolve.solve(g, c);
        for (double v : ls) {
            assertThat(v).isPositive();
        }
        assertThat(Nnls.solve(a, b)).containsExactly(ls, within(1e-10));
    }

    /** KKT conditions on random problems whose unconstrained optimum has negative entries. */
    @Test
    void satisfiesKktOnRandomProblems() {
        SplittableRandom rng = new SplittableRandom(9);
        int activeSeen = 0;
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + rng.nextInt(6);
            int n = m + rng.nextInt(20);
            double[][] a = new double[n][m];
            double[] b = new double[n];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < m; j++) {
                    a[r][j] = rng.nextDouble() * 2 - 1;
                }
                b[r] = rng.nextDouble() * 2 - 1;
            }
            double[] w = Nnls.solve(a, b);
            for (int j = 0; j < m; j++) {
                double grad = 0; // (A'b - A'A w)_j
                for (int r = 0; r < n; r++) {
                    double res = b[r];
                    for (int k = 0; k < m; k++) {
                        res -= a[r][k] * w[k];
                    }
                    grad += a[r][j] * res;
                }
                assertThat(w[j]).isGreaterThanOrEqualTo(0);
                if (w[j] > 0) {
                    assertThat(grad).as("trial %d free variable %d", trial, j).isCloseTo(0, within(KKT));
                } else {
                    activeSeen++;
                    assertThat(grad).as("trial %d bound variable %d", trial, j).isLessThanOrEqualTo(KKT);
                }
            }
        }
        assertThat(activeSeen).as("the random problems exercise the bound").isGreaterThan(50);
    }

    @Test
    void singularSystemSetsTheUndeterminedUnknownToZero() {
        double[] x = LinearSolve.solve(new double[][] {{1, 1}, {1, 1}}, new double[] {2, 2});
        assertThat(x[0] + x[1]).isCloseTo(2, within(EXACT));
    }
}
