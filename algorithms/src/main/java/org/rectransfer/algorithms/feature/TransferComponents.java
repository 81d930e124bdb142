package org.rectransfer.algorithms.feature;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.rectransfer.algorithms.mf.Gaussian;

/**
 * Transfer component analysis (Pan, Tsang, Kwok &amp; Yang, "Domain Adaptation via Transfer
 * Component Analysis", IEEE Transactions on Neural Networks 22(2), 2011, Sec. IV): the
 * unsupervised kernel learning step, on the stacked samples {@code X = [X_a; X_b]} of two
 * distributions ({@code n_a} rows of group a first, then {@code n_b} rows of group b).
 *
 * <p>With the kernel matrix {@code K} ({@code n x n}, {@code n = n_a + n_b}), the MMD matrix
 * {@code L} ({@code L_ij = 1/n_a^2} when both i, j are in a, {@code 1/n_b^2} when both are in b,
 * {@code -1/(n_a n_b)} otherwise) and the centring matrix {@code H = I - 1 1'/n}, TCA solves
 * {@code min_W tr(W' K L K W) + mu tr(W' W)  s.t.  W' K H K W = I}, whose solution is the
 * {@code m} leading eigenvectors of {@code (K L K + mu I)^-1 K H K} (the paper's Eq. 8 and the
 * text after it); the transfer components of the samples are {@code Z = K W}, and a new point
 * {@code x} maps to {@code k(x, X) W} (its kernel row against the n training samples).
 *
 * <p>Eigen-solve. {@code L = e e'} with {@code e_i = 1/n_a} on group a and {@code -1/n_b} on
 * group b, so {@code B = K L K + mu I = mu I + v v'} with {@code v = K e} is a rank-one update of
 * a multiple of the identity, whose symmetric inverse square root has the closed form
 * {@code B^-1/2 = mu^-1/2 (I - c v v'/|v|^2)}, {@code c = 1 - sqrt(mu / (mu + |v|^2))}. The
 * generalised problem {@code K H K w = theta B w} is therefore symmetrised exactly as
 * {@code S y = theta y} with {@code S = B^-1/2 K H K B^-1/2} and {@code w = B^-1/2 y}. The
 * leading eigenpairs of the symmetric PSD matrix {@code S} are computed
 * <ul>
 *   <li>for {@code n <= EXACT_MAX}: by forming {@code S} and EJML's full symmetric
 *   eigendecomposition;</li>
 *   <li>otherwise: by block subspace iteration with Rayleigh-Ritz (block of
 *   {@code m + max(m, 10)} columns, start matrix Gaussian from the given random stream, EJML
 *   QR and small symmetric eigenproblems) until every wanted Ritz pair has residual
 *   {@code |S x - theta x| <= RESIDUAL_TOLERANCE * theta_1}, at most {@code MAX_ITERATIONS}
 *   rounds. {@code S} is applied as a product of {@code K}, {@code H} and {@code B^-1/2} in
 *   {@code O(n^2 l)}, never formed, so the cost is far below the {@code O(n^3)} of a full
 *   eigendecomposition.</li>
 * </ul>
 * Components with {@code theta_j <= RANK_TOLERANCE * theta_1} (null directions of
 * {@code K H K}, e.g. a linear kernel with fewer features than {@code m}) are dropped, so the
 * number of components {@link #dimensions()} can be below the requested {@code m}.
 *
 * <p>Scale (a deviation in normalisation only): each {@code w_j} is scaled so that the
 * component has unit centred variance over the training samples,
 * {@code z_j' H z_j / n = 1}, i.e. {@code W' K H K W = n I} instead of the paper's {@code I}: the
 * same directions, times {@code sqrt(n)}, so that downstream regressions see unit-scale inputs.
 * When a group is empty ({@code n_b = 0}) or the MMD term is switched off, {@code L = 0} and TCA
 * reduces to kernel PCA with the same constraint.
 *
 * <p>Thread safety: immutable after {@link #fit}; {@link #transform} is thread-safe.
 * Deterministic for a given random stream (single-threaded).
 */
final class TransferComponents {

    /** Largest sample count solved by a full symmetric eigendecomposition. */
    static final int EXACT_MAX = 400;
    /** Relative residual at which subspace iteration stops. */
    static final double RESIDUAL_TOLERANCE = 1e-9;
    /** Subspace iteration cap. */
    static final int MAX_ITERATIONS = 500;
    /** Eigenvalues below this fraction of the largest are null directions and dropped. */
    static final double RANK_TOLERANCE = 1e-9;

    private final Tca.Kernel kernel;
    private final double gamma;
    private final double[][] samples;
    private final double[] weights; // n x m, row-major
    private final double[] eigenvalues;
    private final double[] components; // n x m, row-major: Z = K W
    private final int m;

    private TransferComponents(Tca.Kernel kernel, double gamma, double[][] samples, double[] weights,
                               double[] eigenvalues, double[] components) {
        this.kernel = kernel;
        this.gamma = gamma;
        this.samples = samples;
        this.weights = weights;
        this.eigenvalues = eigenvalues;
        this.components = components;
        this.m = eigenvalues.length;
    }

    /**
     * Learns the transfer components.
     *
     * @param samples    n rows (copied by reference; callers must not mutate them afterwards):
     *                   group a first, then group b
     * @param numA       n_a, rows of group a
     * @param kernel     kernel type
     * @param gamma      RBF width, {@code k(x, y) = exp(-gamma |x - y|^2)} (unused for LINEAR)
     * @param mu         trade-off parameter, &gt; 0
     * @param dimensions m, wanted components
     * @param useMmd     false drops the MMD term (kernel PCA)
     * @param rng        stream of the subspace iteration's start matrix
     */
    static TransferComponents fit(double[][] samples, int numA, Tca.Kernel kernel, double gamma, double mu,
                                  int dimensions, boolean useMmd, SplittableRandom rng) {
        int n = samples.length;
        if (numA < 0 || numA > n) {
            throw new IllegalArgumentException("numA must be in [0, " + n + "], was " + numA);
        }
        if (n == 0) {
            return new TransferComponents(kernel, gamma, samples, new double[0], new double[0], new double[0]);
        }
        double[] k = kernelMatrix(samples, kernel, gamma);
        int numB = n - numA;
        double[] v = new double[n];
        if (useMmd && numA > 0 && numB > 0) {
            double[] e = mmdVector(numA, numB);
            for (int i = 0; i < n; i++) {
                double s = 0;
                int o = i * n;
                for (int j = 0; j < n; j++) {
                    s += k[o + j] * e[j];
                }
                v[i] = s;
            }
        }
        InverseRoot root = new InverseRoot(v, mu);
        int want = Math.min(dimensions, n);
        Eigen eig = n <= EXACT_MAX ? exact(k, n, root, want) : subspace(k, n, root, want, rng);
        int kept = 0;
        double top = eig.values.length == 0 ? 0 : eig.values[0];
        while (kept < eig.values.length && top > 0 && eig.values[kept] > RANK_TOLERANCE * top) {
            kept++;
        }
        double[] w = new double[n * kept];
        double[] vals = new double[kept];
        double[] col = new double[n];
        for (int j = 0; j < kept; j++) {
            vals[j] = eig.values[j];
            for (int i = 0; i < n; i++) {
                col[i] = eig.vectors[i * eig.cols + j];
            }
            double[] wj = root.apply(col);
            double scale = Math.sqrt(n / vals[j]);
            for (int i = 0; i < n; i++) {
                w[i * kept + j] = wj[i] * scale;
            }
        }
        double[] z = new double[n * kept];
        for (int i = 0; i < n; i++) {
            int o = i * n;
            for (int r = 0; r < n; r++) {
                double kv = k[o + r];
                if (kv != 0) {
                    int wr = r * kept;
                    for (int j = 0; j < kept; j++) {
                        z[i * kept + j] += kv * w[wr + j];
                    }
                }
            }
        }
        return new TransferComponents(kernel, gamma, samples, w, vals, z);
    }

    /** Number of components kept (at most the requested m). */
    int dimensions() {
        return m;
    }

    /** The eigenvalues theta_j of the kept components, descending. */
    double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** Training sample count n. */
    int numSamples() {
        return samples.length;
    }

    /** The coefficient matrix W (n x m, row-major), scaled as in the class comment. */
    double[] weights() {
        return weights.clone();
    }

    /** In-sample component j of training sample i, {@code (K W)_ij}. */
    double component(int i, int j) {
        return components[i * m + j];
    }

    /** Maps a point through its kernel row against the training samples: {@code k(x, X) W}. */
    double[] transform(double[] x) {
        double[] out = new double[m];
        for (int r = 0; r < samples.length; r++) {
            double kv = kernel(x, samples[r], kernel, gamma);
            if (kv != 0) {
                int wr = r * m;
                for (int j = 0; j < m; j++) {
                    out[j] += kv * weights[wr + j];
                }
            }
        }
        return out;
    }

    static double kernel(double[] x, double[] y, Tca.Kernel type, double gamma) {
        if (type == Tca.Kernel.LINEAR) {
            double s = 0;
            for (int c = 0; c < x.length; c++) {
                s += x[c] * y[c];
            }
            return s;
        }
        double d = 0;
        for (int c = 0; c < x.length; c++) {
            double t = x[c] - y[c];
            d += t * t;
        }
        return Math.exp(-gamma * d);
    }

    /** The n x n kernel matrix, row-major (computed on the upper triangle and mirrored). */
    static double[] kernelMatrix(double[][] x, Tca.Kernel type, double gamma) {
        int n = x.length;
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = kernel(x[i], x[j], type, gamma);
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
        }
        return k;
    }

    /** e with {@code L = e e'}: {@code 1/n_a} on group a, {@code -1/n_b} on group b. */
    static double[] mmdVector(int numA, int numB) {
        double[] e = new double[numA + numB];
        for (int i = 0; i < e.length; i++) {
            e[i] = i < numA ? 1.0 / numA : -1.0 / numB;
        }
        return e;
    }

    /** The MMD matrix L (row-major, (n_a + n_b)^2 entries), for tests and documentation. */
    static double[] mmdMatrix(int numA, int numB) {
        double[] e = mmdVector(numA, numB);
        int n = e.length;
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                l[i * n + j] = e[i] * e[j];
            }
        }
        return l;
    }

    /** {@code B^-1/2 = mu^-1/2 (I - c u u')} for {@code B = mu I + v v'}, u = v/|v|. */
    private static final class InverseRoot {
        private final double[] u;
        private final double c;
        private final double scale;

        InverseRoot(double[] v, double mu) {
            double norm2 = 0;
            for (double x : v) {
                norm2 += x * x;
            }
            double norm = Math.sqrt(norm2);
            u = new double[v.length];
            if (norm > 0) {
                for (int i = 0; i < v.length; i++) {
                    u[i] = v[i] / norm;
                }
            }
            c = norm > 0 ? 1.0 - Math.sqrt(mu / (mu + norm2)) : 0.0;
            scale = 1.0 / Math.sqrt(mu);
        }

        double[] apply(double[] x) {
            double d = 0;
            for (int i = 0; i < x.length; i++) {
                d += u[i] * x[i];
            }
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = scale * (x[i] - c * d * u[i]);
            }
            return out;
        }

        /** In place on every column of the n x l row-major block. */
        void applyColumns(double[] x, int n, int l) {
            double[] d = new double[l];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < l; j++) {
                    d[j] += u[i] * x[i * l + j];
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < l; j++) {
                    x[i * l + j] = scale * (x[i * l + j] - c * d[j] * u[i]);
                }
            }
        }
    }

    /** Leading eigenpairs of S, descending; vectors n x cols row-major, first values.length columns wanted. */
    private record Eigen(double[] values, double[] vectors, int cols) {
    }

    /** {@code S X} for the n x l block X: {@code B^-1/2 K H K B^-1/2 X}. */
    private static double[] applyS(double[] k, int n, InverseRoot root, double[] x, int l) {
        double[] a = x.clone();
        root.applyColumns(a, n, l);
        double[] b = multiply(k, n, a, l);
        double[] mean = new double[l];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                mean[j] += b[i * l + j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                b[i * l + j] -= mean[j] / n;
            }
        }
        double[] c = multiply(k, n, b, l);
        root.applyColumns(c, n, l);
        return c;
    }

    private static double[] multiply(double[] k, int n, double[] x, int l) {
        double[] out = new double[n * l];
        for (int i = 0; i < n; i++) {
            int o = i * n;
            int oi = i * l;
            for (int r = 0; r < n; r++) {
                double kv = k[o + r];
                if (kv != 0) {
                    int xr = r * l;
                    for (int j = 0; j < l; j++) {
                        out[oi + j] += kv * x[xr + j];
                    }
                }
            }
        }
        return out;
    }

    private static Eigen exact(double[] k, int n, InverseRoot root, int want) {
        double[] identity = new double[n * n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 1;
        }
        double[] s = applyS(k, n, root, identity, n);
        DMatrixRMaj sm = DMatrixRMaj.wrap(n, n, s);
        symmetrise(sm);
        Eigen all = symmetricEig(sm);
        double[] vals = new double[want];
        System.arraycopy(all.values, 0, vals, 0, want);
        return new Eigen(vals, all.vectors, all.cols);
    }

    private static Eigen subspace(double[] k, int n, InverseRoot root, int want, SplittableRandom rng) {
        int l = Math.min(n, want + Math.max(want, 10));
        float[] start = Gaussian.draws(n * l, 1.0, rng);
        double[] q = new double[n * l];
        for (int i = 0; i < q.length; i++) {
            q[i] = start[i];
        }
        q = orth(q, n, l);
        Eigen ritz = null;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] y = applyS(k, n, root, q, l);
            DMatrixRMaj qm = DMatrixRMaj.wrap(n, l, q);
            DMatrixRMaj ym = DMatrixRMaj.wrap(n, l, y);
            DMatrixRMaj t = new DMatrixRMaj(l, l);
            CommonOps_DDRM.multTransA(qm, ym, t);
            symmetrise(t);
            Eigen small = symmetricEig(t);
            DMatrixRMaj um = DMatrixRMaj.wrap(l, l, small.vectors);
            DMatrixRMaj x = new DMatrixRMaj(n, l);
            CommonOps_DDRM.mult(qm, um, x);
            DMatrixRMaj sx = new DMatrixRMaj(n, l);
            CommonOps_DDRM.mult(ym, um, sx);
            double top = Math.max(small.values[0], 0);
            double worst = 0;
            for (int j = 0; j < want; j++) {
                double r = 0;
                for (int i = 0; i < n; i++) {
                    double d = sx.get(i, j) - small.values[j] * x.get(i, j);
                    r += d * d;
                }
                worst = Math.max(worst, Math.sqrt(r));
            }
            double[] vals = new double[want];
            System.arraycopy(small.values, 0, vals, 0, want);
            ritz = new Eigen(vals, x.data, l);
            if (worst <= RESIDUAL_TOLERANCE * top || top == 0) {
                break;
            }
            q = orth(sx.data, n, l);
        }
        return ritz;
    }

    /** All eigenpairs of a symmetric matrix, descending; vectors row-major, columns = eigenvectors. */
    private static Eigen symmetricEig(DMatrixRMaj a) {
        int n = a.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(a.copy())) {
            throw new IllegalStateException("symmetric eigendecomposition did not converge (n = " + n + ")");
        }
        Integer[] order = new Integer[n];
        double[] vals = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            vals[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(order, (p, r) -> {
            int c = Double.compare(vals[r], vals[p]);
            return c != 0 ? c : Integer.compare(p, r);
        });
        double[] sorted = new double[n];
        double[] vecs = new double[n * n];
        for (int j = 0; j < n; j++) {
            int src = order[j];
            sorted[j] = vals[src];
            DMatrixRMaj vec = eig.getEigenVector(src);
            for (int i = 0; i < n; i++) {
                vecs[i * n + j] = vec.get(i, 0);
            }
        }
        return new Eigen(sorted, vecs, n);
    }

    private static void symmetrise(DMatrixRMaj a) {
        int n = a.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (a.get(i, j) + a.get(j, i));
                a.set(i, j, v);
                a.set(j, i, v);
            }
        }
    }

    /** Orthonormal basis of the columns of the n x l block (thin Householder QR). */
    private static double[] orth(double[] y, int n, int l) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, l);
        if (!qr.decompose(DMatrixRMaj.wrap(n, l, y.clone()))) {
            throw new IllegalStateException("QR failed");
        }
        return qr.getQ(null, true).data;
    }
}
