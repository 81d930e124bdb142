package org.rectransfer.algorithms.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * {@link TransferComponents}, measured on small inputs. Figures when written (seed 7 clouds):
 * normalised group-mean distance in the input space 1.2333; linear TCA (mu 1, m 2) 0.0004
 * (ratio 0.0003); RBF TCA (gamma 0.1, mu 0.01, m 3) 0.0007 (ratio 0.0006); kernel PCA without
 * the MMD term 1.1426. Eigen-equation relative residuals: exact path (n 120) below 6e-15,
 * subspace iteration (n 500, m 8) at most 1.3e-9.
 */
class TransferComponentsTest {
    /** Group-mean distance in TCA space over that in input space, both over the total spread. */
    static final double MAX_MMD_RATIO = 0.05;
    /** Relative residual |KHK w - theta (KLK + mu I) w| / |KHK w| of every kept eigenpair. */
    static final double EIGEN_TOLERANCE = 1e-6;
    /** Out-of-sample map of a training point against its in-sample component. */
    static final double TRANSFORM_TOLERANCE = 1e-9;

    @Test
    void mmdMatrixHasTheStatedEntriesAndSumsToZero() {
        int na = 3;
        int nb = 2;
        double[] l = TransferComponents.mmdMatrix(na, nb);
        int n = na + nb;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i < na && j < na ? 1.0 / 9 : i >= na && j >= na ? 1.0 / 4 : -1.0 / 6;
                assertThat(l[i * n + j]).as("L[%d][%d]", i, j).isCloseTo(expected, within(1e-15));
                sum += l[i * n + j];
            }
        }
        assertThat(Math.abs(sum)).isLessThan(1e-14);
        // every row sums to zero too (L 1 = 0), since e'1 = 0
        double e = 0;
        for (double x : TransferComponents.mmdVector(na, nb)) {
            e += x;
        }
        assertThat(Math.abs(e)).isLessThan(1e-15);
    }

    /** Two 3-d unit Gaussian clouds of 60 points, the second shifted by 3 along the first axis. */
    static double[][] clouds(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[120][3];
        for (int i = 0; i < 120; i++) {
            for (int c = 0; c < 3; c++) {
                x[i][c] = normal(rng) + (i >= 60 && c == 0 ? 3.0 : 0.0);
            }
        }
        return x;
    }

    /** |mean_a - mean_b| / sqrt(trace of the pooled covariance) of rows (group a = first numA). */
    static double normalisedMeanDistance(double[][] z, int numA) {
        int n = z.length;
        int p = z[0].length;
        double dist = 0;
        double trace = 0;
        for (int c = 0; c < p; c++) {
            double ma = 0;
            double mb = 0;
            double m = 0;
            for (int i = 0; i < n; i++) {
                if (i < numA) {
                    ma += z[i][c];
                } else {
                    mb += z[i][c];
                }
                m += z[i][c];
            }
            ma /= numA;
            mb /= n - numA;
            m /= n;
            dist += (ma - mb) * (ma - mb);
            for (int i = 0; i < n; i++) {
                trace += (z[i][c] - m) * (z[i][c] - m) / n;
            }
        }
        return Math.sqrt(dist / trace);
    }

    static double[][] components(TransferComponents t) {
        double[][] z = new double[t.numSamples()][t.dimensions()];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < t.dimensions(); j++) {
                z[i][j] = t.component(i, j);
            }
        }
        return z;
    }

    @Test
    void componentsCloseTheGapBetweenShiftedClouds() {
        double[][] x = clouds(7);
        double input = normalisedMeanDistance(x, 60);
        TransferComponents linear = TransferComponents.fit(x, 60, Tca.Kernel.LINEAR, 0, 1.0, 2, true,
                new SplittableRandom(1));
        TransferComponents rbf = TransferComponents.fit(x, 60, Tca.Kernel.RBF, 0.1, 0.01, 3, true,
                new SplittableRandom(1));
        TransferComponents kpca = TransferComponents.fit(x, 60, Tca.Kernel.LINEAR, 0, 1.0, 2, false,
                new SplittableRandom(1));
        double lin = normalisedMeanDistance(components(linear), 60);
        double rb = normalisedMeanDistance(components(rbf), 60);
        double pca = normalisedMeanDistance(components(kpca), 60);
        if (Boolean.getBoolean("transfer.print")) {
            System.err.printf("input %.4f linear %.4f rbf %.4f kpca %.4f%n", input, lin, rb, pca);
        }
        assertThat(input).isGreaterThan(1.0);
        assertThat(lin / input).as("linear TCA ratio (input %.4f, tca %.4f)", input, lin).isLessThan(MAX_MMD_RATIO);
        assertThat(rb / input).as("RBF TCA ratio (input %.4f, tca %.4f)", input, rb).isLessThan(MAX_MMD_RATIO);
        // without the MMD term (kernel PCA) the shift is the leading direction and stays
        assertThat(pca / input).as("kernel PCA keeps the shift (%.4f)", pca).isGreaterThan(0.5);
    }

    @Test
    void eigenvectorsSatisfyTheEigenEquationOnBothSolverPaths() {
        check(clouds(3), 60, 5); // exact path (n = 120)
        SplittableRandom rng = new SplittableRandom(9);
        double[][] big = new double[TransferComponents.EXACT_MAX + 100][4];
        for (int i = 0; i < big.length; i++) {
            for (int c = 0; c < 4; c++) {
                big[i][c] = normal(rng) + (i >= 200 && c == 1 ? 1.5 : 0.0);
            }
        }
        check(big, 200, 8); // subspace iteration
    }

    private static void check(double[][] x, int numA, int m) {
        int n = x.length;
        double mu = 0.5;
        double gamma = 0.2;
        TransferComponents t = TransferComponents.fit(x, numA, Tca.Kernel.RBF, gamma, mu, m, true,
                new SplittableRandom(4));
        assertThat(t.dimensions()).isEqualTo(m);
        DMatrixRMaj k = DMatrixRMaj.wrap(n, n, TransferComponents.kernelMatrix(x, Tca.Kernel.RBF, gamma));
        DMatrixRMaj l = DMatrixRMaj.wrap(n, n, TransferComponents.mmdMatrix(numA, n - numA));
        DMatrixRMaj h = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.add(h, -1.0 / n, ones(n), h);
        DMatrixRMaj a = triple(k, h);
        DMatrixRMaj b = triple(k, l);
        for (int i = 0; i < n; i++) {
            b.add(i, i, mu);
        }
        DMatrixRMaj w = DMatrixRMaj.wrap(n, m, t.weights());
        DMatrixRMaj aw = new DMatrixRMaj(n, m);
        DMatrixRMaj bw = new DMatrixRMaj(n, m);
        CommonOps_DDRM.mult(a, w, aw);
        CommonOps_DDRM.mult(b, w, bw);
        double[] theta = t.eigenvalues();
        for (int j = 0; j < m; j++) {
            double r = 0;
            double s = 0;
            for (int i = 0; i < n; i++) {
                double d = aw.get(i, j) - theta[j] * bw.get(i, j);
                r += d * d;
                s += aw.get(i, j) * aw.get(i, j);
            }
            if (Boolean.getBoolean("transfer.print")) {
                System.err.printf("n %d pair %d residual %.3g%n", n, j, Math.sqrt(r / s));
            }
            assertThat(Math.sqrt(r / s)).as("eigenpair %d of %d (n = %d)", j, m, n).isLessThan(EIGEN_TOLERANCE);
        }
        // constraint W' K H K W = n I
        DMatrixRMaj g = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(w, aw, g);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                assertThat(g.get(i, j) / n).as("W'KHKW/n [%d][%d]", i, j)
                        .isCloseTo(i == j ? 1.0 : 0.0, within(1e-6));
            }
        }
        // the leading ones: independent route through the Cholesky factor of B
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        assertThat(chol.decompose(b.copy())).isTrue();
        DMatrixRMaj cinv = new DMatrixRMaj(n, n);
        CommonOps_DDRM.invert(chol.getT(null), cinv);
        DMatrixRMaj tmp = new DMatrixRMaj(n, n);
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(cinv, a, tmp);
        CommonOps_DDRM.multTransB(tmp, cinv, s);
        DMatrixRMaj st = CommonOps_DDRM.transpose(s, null);
        CommonOps_DDRM.add(0.5, s, 0.5, st, s);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertThat(eig.decompose(s)).isTrue();
        double[] all = new double[n];
        for (int i = 0; i < n; i++) {
            all[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(all);
        for (int j = 0; j < m; j++) {
            assertThat(theta[j]).as("eigenvalue %d", j)
                    .isCloseTo(all[n - 1 - j], within(1e-7 * all[n - 1]));
        }
    }

    @Test
    void outOfSampleMapOfATrainingPointEqualsItsComponent() {
        double[][] x = clouds(5);
        for (Tca.Kernel kernel : Tca.Kernel.values()) {
            TransferComponents t = TransferComponents.fit(x, 60, kernel, 0.3, 1.0, 3, true, new SplittableRandom(2));
            for (int i = 0; i < x.length; i += 7) {
                double[] z = t.transform(x[i].clone());
                for (int j = 0; j < t.dimensions(); j++) {
                    assertThat(z[j]).as("%s point %d component %d", kernel, i, j)
                            .isCloseTo(t.component(i, j), within(
                                    TRANSFORM_TOLERANCE * (1 + Math.abs(t.component(i, j)))));
                }
            }
        }
    }

    @Test
    void linearKernelKeepsOnlyNonNullComponents() {
        // 3 features: K H K has rank <= 3, so asking for 6 components keeps at most 3
        TransferComponents t = TransferComponents.fit(clouds(5), 60, Tca.Kernel.LINEAR, 0, 1.0, 6, true,
                new SplittableRandom(2));
        assertThat(t.dimensions()).isEqualTo(3);
        for (double[] row : components(t)) {
            for (double v : row) {
                assertThat(v).isFinite();
            }
        }
    }

    private static DMatrixRMaj ones(int n) {
        DMatrixRMaj o = new DMatrixRMaj(n, n);
        CommonOps_DDRM.fill(o, 1.0);
        return o;
    }

    /** K M K. */
    private static DMatrixRMaj triple(DMatrixRMaj k, DMatrixRMaj mid) {
        int n = k.numRows;
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(k, mid, t);
        CommonOps_DDRM.mult(t, k, out);
        return out;
    }

    private static double normal(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
