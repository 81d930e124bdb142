package org.rectransfer.algorithms.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.testing.ColdStartWorld;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;

/**
 * Measured properties of the {@link TriFactorization} kernel: the core step is the closed-form
 * ridge solution (checked against a hand formula for k = 1 and against an explicitly built
 * Kronecker design matrix for k = 2 with a shared column), every block step of the ALS never
 * increases the objective, the CSVD retraction keeps U and V orthonormal, and the TCF
 * binarisation encodes like / dislike at the class means.
 */
class TriFactorizationTest {
    /** Relative tolerance for comparing two solutions of the same small linear system. */
    private static final double SOLVE_TOLERANCE = 1e-10;
    /** Allowed relative objective increase per block step (floating-point rounding only). */
    private static final double MONOTONE_SLACK = 1e-10;
    /** Tolerance on |U^T U - I| entries after the CSVD retraction. */
    private static final double ORTHONORMAL_TOLERANCE = 1e-10;
    /** Core penalty per observation used in these tests (the strategies' default). */
    private static final double BETA = 0.003;

    private static InteractionMatrix matrix(int rows, int cols, double[][] entries) {
        InteractionMatrix.Builder b = InteractionMatrix.builder(rows, cols, true, false);
        for (double[] e : entries) {
            b.add((int) e[0], (int) e[1], (float) e[2]);
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    private static TriFactorization.Params params(int k, int k0, boolean biases, boolean shared, boolean ortho) {
        return new TriFactorization.Params(k, k0, 10, 0.1, 2.0, BETA, 0.1, biases, shared, ortho);
    }

    @Test
    void coreStepWithOneFactorIsTheHandComputedRidgeSolution() {
        // 2 users x 2 items, k = 1, no biases: B = sum (r - mu) u v / (sum u^2 v^2 + beta * nnz)
        InteractionMatrix r = matrix(2, 2, new double[][] {{0, 0, 4}, {0, 1, 2}, {1, 1, 3}});
        TriFactorization t = new TriFactorization(new InteractionMatrix[] {r}, new double[] {1.0},
                params(1, 0, false, true, false));
        t.u[0] = 0.5;
        t.u[1] = -1.0;
        t.v[0][0] = 2.0;
        t.v[0][1] = 1.5;
        t.coreStep();
        double mu = 3.0;
        double num = (4 - mu) * 0.5 * 2.0 + (2 - mu) * 0.5 * 1.5 + (3 - mu) * -1.0 * 1.5;
        double den = 0.25 * 4.0 + 0.25 * 2.25 + 1.0 * 2.25 + BETA * 3;
        assertThat(t.cores[0][0]).isCloseTo(num / den, within(SOLVE_TOLERANCE));
        assertThat(num / den).isCloseTo(0.25 / 3.8215, within(1e-15)); // by hand: 0.0654193...
    }

    @Test
    void coreStepEqualsTheExplicitKroneckerLeastSquaresSolution() {
        // two domains, k = 2, first core column shared, user and item biases fixed at non-zero values
        SplittableRandom rng = new SplittableRandom(3);
        int users = 5;
        int[] items = {4, 3};
        InteractionMatrix[] domains = new InteractionMatrix[2];
        for (int d = 0; d < 2; d++) {
            List<double[]> e = new ArrayList<>();
            for (int x = 0; x < users; x++) {
                for (int i = 0; i < items[d]; i++) {
                    if (rng.nextDouble() < 0.6) {
                        e.add(new double[] {x, i, 1 + rng.nextInt(5)});
                    }
                }
            }
            domains[d] = matrix(users, items[d], e.toArray(new double[0][]));
        }
        double[] w = {1.0, 0.7};
        TriFactorization t = new TriFactorization(domains, w, params(2, 1, true, false, false));
        for (int j = 0; j < t.u.length; j++) {
            t.u[j] = rng.nextDouble() - 0.5;
        }
        for (int j = 0; j < t.userBias.length; j++) {
            t.userBias[j] = rng.nextDouble() - 0.5;
        }
        for (int d = 0; d < 2; d++) {
            for (int j = 0; j < t.v[d].length; j++) {
                t.v[d][j] = rng.nextDouble() - 0.5;
            }
            for (int j = 0; j < t.itemBias[d].length; j++) {
                t.itemBias[d][j] = rng.nextDouble() - 0.5;
            }
        }
        // parameters: S0 (2 x 1) then domain 0's specific (2 x 1) then domain 1's (2 x 1)
        int np = 6;
        assertThat(t.numCoreParameters()).isEqualTo(np);
        DMatrixRMaj xtx = new DMatrixRMaj(np, np);
        DMatrixRMaj xty = new DMatrixRMaj(np, 1);
        for (int d = 0; d < 2; d++) {
            InteractionMatrix m = domains[d];
            for (int x = 0; x < users; x++) {
                for (int q = m.rowStart(x); q < m.rowEnd(x); q++) {
                    int i = m.col(q);
                    double[] f = new double[np];
                    for (int a = 0; a < 2; a++) {
                        f[a] = t.u[x * 2 + a] * t.v[d][i * 2];                 // shared column b = 0
                        f[2 + 2 * d + a] = t.u[x * 2 + a] * t.v[d][i * 2 + 1]; // specific column b = 1
                    }
                    double y = m.value(q) - t.means[d] - t.userBias[x * 2 + d] - t.itemBias[d][i];
                    for (int p = 0; p < np; p++) {
                        xty.add(p, 0, w[d] * f[p] * y);
                        for (int s = 0; s < np; s++) {
                            xtx.add(p, s, w[d] * f[p] * f[s]);
                        }
                    }
                }
            }
        }
        // per-observation core penalty: beta * (weighted count of the observations a parameter explains)
        double n0 = domains[0].nnz();
        double n1 = 0.7 * domains[1].nnz();
        double[] penalty = {n0 + n1, n0 + n1, n0, n0, n1, n1};
        for (int p = 0; p < np; p++) {
            xtx.add(p, p, BETA * penalty[p]);
        }
        DMatrixRMaj theta = new DMatrixRMaj(np, 1);
        assertThat(CommonOps_DDRM.solve(xtx, xty, theta)).isTrue();
        t.coreStep();
        for (int d = 0; d < 2; d++) {
            for (int a = 0; a < 2; a++) {
                assertThat(t.cores[d][a * 2]).isCloseTo(theta.get(a, 0), within(SOLVE_TOLERANCE));
                assertThat(t.cores[d][a * 2 + 1]).isCloseTo(theta.get(2 + 2 * d + a, 0), within(SOLVE_TOLERANCE));
            }
        }
    }

    /** Runs the ALS block by block and asserts that no block step increases the objective. */
    private static int assertMonotone(TriFactorization.Params p) {
        ColdStartWorld world = ColdStartWorld.generate(4, 200, 0.3);
        TransferTask task = world.task();
        InteractionMatrix[] domains = {task.targetTrain(), task.sources().get(0).interactions()};
        TriFactorization t = new TriFactorization(domains, new double[] {1.0, 0.5}, p);
        t.initialise(new SplittableRandom(9));
        double previous = t.objective();
        double first = previous;
        int steps = 0;
        for (int it = 0; it < p.iterations(); it++) {
            for (int step = 0; step < 4; step++) {
                switch (step) {
                    case 0 -> t.userStep(1);
                    case 1 -> t.itemStep(0, 1);
                    case 2 -> t.itemStep(1, 1);
                    default -> t.coreStep();
                }
                double j = t.objective();
                assertThat(j).as("iteration %d step %d", it, step).isLessThanOrEqualTo(previous * (1 + MONOTONE_SLACK));
                previous = j;
                steps++;
            }
        }
        assertThat(previous).as("the objective must actually go down").isLessThan(0.5 * first);
        return steps;
    }

    @Test
    void objectiveNeverIncreasesOverAlsSteps() {
        assertThat(assertMonotone(params(4, 0, true, true, false))).isEqualTo(40);   // TCF / CMTF
        assertMonotone(params(4, 2, true, false, false));                             // CLFM, per-domain biases
        assertMonotone(params(3, 3, false, true, false));                             // fully shared pattern, no biases
    }

    @Test
    void csvdKeepsUserAndItemFactorsOrthonormal() {
        ColdStartWorld world = ColdStartWorld.generate(4, 200, 0.3);
        TransferTask task = world.task();
        InteractionMatrix[] domains = {task.targetTrain(), task.sources().get(0).interactions()};
        TriFactorization t = TriFactorization.fit(domains, new double[] {1.0, 1.0}, params(4, 0, true, true, true),
                RunContext.of(3), null);
        assertOrthonormal(t.u, 200, 4);
        assertOrthonormal(t.v[0], domains[0].numCols(), 4);
        assertOrthonormal(t.v[1], domains[1].numCols(), 4);
        assertThatThrownBy(() -> params(4, 1, true, true, true)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertOrthonormal(double[] x, int n, int k) {
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += x[r * k + a] * x[r * k + b];
                }
                assertThat(s).isCloseTo(a == b ? 1.0 : 0.0, within(ORTHONORMAL_TOLERANCE));
            }
        }
    }

    @Test
    void binaryAuxiliaryFeedbackUsesClassMeans() {
        InteractionMatrix s = matrix(2, 3, new double[][] {{0, 0, 1}, {0, 1, 5}, {1, 1, 2}, {1, 2, 4}});
        // source mean 3: likes {5, 4} -> 4.5, dislikes {1, 2} -> 1.5
        InteractionMatrix b = Tcf.auxiliary(s, Tcf.AuxiliaryFeedback.BINARY_SOURCE_MEAN, 0);
        assertThat(new float[] {b.get(0, 0), b.get(0, 1), b.get(1, 1), b.get(1, 2)})
                .containsExactly(1.5f, 4.5f, 1.5f, 4.5f);
        // fixed threshold 5: only the 5 is a like; dislikes {1, 2, 4} -> 7/3
        InteractionMatrix f = Tcf.auxiliary(s, Tcf.AuxiliaryFeedback.BINARY_FIXED, 5);
        assertThat(f.get(0, 1)).isEqualTo(5f);
        assertThat(f.get(1, 2)).isEqualTo((float) (7.0 / 3));
        assertThat(Tcf.auxiliary(s, Tcf.AuxiliaryFeedback.NUMERIC, 0)).isSameAs(s);
    }

    @Test
    void configsNameTheBadParameter() {
        assertThatThrownBy(() -> new Clfm.Config(4, 5, 10, 0.1, 5, 1, 0.1, 1, true, true))
                .hasMessageContaining("sharedDimension").hasMessageContaining("5");
        assertThatThrownBy(() -> new Tcf.Config(10, 15, 0.1, 5, 1, 0.1, 0, Tcf.AuxiliaryFeedback.NUMERIC, 4, true,
                true, Tcf.Variant.CMTF)).hasMessageContaining("auxiliaryWeight");
    }
}
