package org.rectransfer.algorithms.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class KmmSolverTest {
    private static final double TOL = 1e-6;

    @Test
    void identityKernelUpperSumBoundSolvedByHand() {
        // K = I, kappa = (3, 1), B = 2, n = 2, eps = 0.1: sum b in [1.8, 2.2].
        // Unconstrained b = kappa; projection b = clip(kappa - tau, 0, 2) with sum 2.2:
        // b1 = min(2, 3 - tau) = 2, b2 = 1 - tau = 0.2 -> tau = 0.8, b = (2, 0.2).
        double[] b = KmmSolver.solve(new double[] {1, 0, 0, 1}, new double[] {3, 1}, 2, 0.1, 5000, 1e-12);
        assertThat(b[0]).isCloseTo(2.0, within(TOL));
        assertThat(b[1]).isCloseTo(0.2, within(TOL));
    }

    @Test
    void identityKernelLowerSumBoundSolvedByHand() {
        // K = I, kappa = (0.2, 0.1), B = 2, eps = 0.1: unconstrained sum 0.3 < 1.8, so
        // b = kappa - tau with 0.3 - 2 tau = 1.8 -> tau = -0.75, b = (0.95, 0.85).
        double[] b = KmmSolver.solve(new double[] {1, 0, 0, 1}, new double[] {0.2, 0.1}, 2, 0.1, 5000, 1e-12);
        assertThat(b[0]).isCloseTo(0.95, within(TOL));
        assertThat(b[1]).isCloseTo(0.85, within(TOL));
    }

    @Test
    void interiorSolutionSolvesTheLinearSystem() {
        // K = [[2, 1], [1, 2]], kappa = (3, 3): K b = kappa at b = (1, 1); sum 2 in [1.8, 2.2], inside the box.
        double[] b = KmmSolver.solve(new double[] {2, 1, 1, 2}, new double[] {3, 3}, 5, 0.1, 5000, 1e-12);
        assertThat(b[0]).isCloseTo(1.0, within(TOL));
        assertThat(b[1]).isCloseTo(1.0, within(TOL));
    }

    @Test
    void rbfCaseMeetsTheKktConditions() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 12;
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = rng.nextDouble(-2, 2);
            row[1] = rng.nextDouble(-2, 2);
        }
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d0 = x[i][0] - x[j][0];
                double d1 = x[i][1] - x[j][1];
                k[i * n + j] = Math.exp(-(d0 * d0 + d1 * d1) / 2);
            }
        }
        // kappa from a "target" concentrated near (1, 1): some weights hit 0, some hit B
        double[] kappa = new double[n];
        for (int i = 0; i < n; i++) {
            double d0 = x[i][0] - 1;
            double d1 = x[i][1] - 1;
            kappa[i] = 4 * Math.exp(-(d0 * d0 + d1 * d1) / 0.5);
        }
        double upper = 3;
        double eps = 0.2;
        double[] b = KmmSolver.solve(k, kappa, upper, eps, 200000, 1e-14);
        double sum = 0;
        for (double v : b) {
            assertThat(v).isBetween(-1e-12, upper + 1e-12);
            sum += v;
        }
        assertThat(sum).isBetween(n * (1 - eps) - 1e-9, n * (1 + eps) + 1e-9);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = -kappa[i];
            for (int j = 0; j < n; j++) {
                g[i] += k[i * n + j] * b[j];
            }
        }
        // KKT: g_i + nu = 0 for free b_i, >= 0 at b_i = 0, <= 0 at b_i = B; nu from a free coordinate.
        double nu = Double.NaN;
        int free = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] > 1e-6 && b[i] < upper - 1e-6) {
                nu = -g[i];
                free++;
            }
        }
        assertThat(free).isPositive();
        for (int i = 0; i < n; i++) {
            if (b[i] > 1e-6 && b[i] < upper - 1e-6) {
                assertThat(g[i] + nu).isCloseTo(0, within(1e-5));
            } else if (b[i] <= 1e-6) {
                assertThat(g[i] + nu).isGreaterThan(-1e-5);
            } else {
                assertThat(g[i] + nu).isLessThan(1e-5);
            }
        }
        // the sum multiplier: nu >= 0 at the upper sum bound, <= 0 at the lower, 0 strictly inside
        if (sum > n * (1 + eps) - 1e-7) {
            assertThat(nu).isGreaterThan(-1e-5);
        } else if (sum < n * (1 - eps) + 1e-7) {
            assertThat(nu).isLessThan(1e-5);
        } else {
            assertThat(nu).isCloseTo(0, within(1e-5));
        }
    }

    @Test
    void projectionMeetsBoxAndSum() {
        double[] v = {5, -1, 0.5, 2};
        double[] out = new double[4];
        KmmSolver.project(v, 1.0, 1.0, 2.0, out);
        double s = 0;
        for (double x : out) {
            assertThat(x).isBetween(0.0, 1.0);
            s += x;
        }
        assertThat(s).isCloseTo(2.0, within(1e-9));
        // clip(v - tau): tau = 1.5 gives (1, 0, 0, 0.5) -> sum 1.5; tau = 1 gives (1, 0, 0, 1) -> 2
        assertThat(out).containsExactly(new double[] {1, 0, 0, 1}, within(1e-9));
    }

    @Test
    void infeasibleBoundIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KmmSolver.solve(new double[] {1, 0, 0, 1},
                new double[] {1, 1}, 0.5, 0.1, 10, 1e-9)).isInstanceOf(IllegalArgumentException.class);
    }
}
