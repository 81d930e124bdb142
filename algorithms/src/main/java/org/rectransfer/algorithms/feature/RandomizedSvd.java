package org.rectransfer.algorithms.feature;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Truncated SVD of a sparse matrix by the randomized range finder with power iterations
 * (Halko, Martinsson &amp; Tropp, "Finding structure with randomness", SIAM Review 2011,
 * Algorithms 4.4 and 5.1): {@code Y = X Omega} with a Gaussian test matrix of
 * {@code rank + oversampling} columns, {@code powerIterations} rounds of
 * {@code Q = orth(X orth(X' Q))}, then the exact SVD of the small matrix {@code X' Q} (EJML).
 * Only the right singular vectors (loadings) and singular values are returned. The sparse
 * matrix is given in CSR arrays; dense work is {@code O((rows + cols) * (rank + oversampling))}.
 *
 * <p>Thread safety: stateless.
 */
final class RandomizedSvd {

    /**
     * @param loadings cols x rank, row-major; column c is the c-th right singular vector
     * @param values   the rank largest singular values, descending
     */
    record Result(int rank, double[] loadings, double[] values) {
    }

    private RandomizedSvd() {
    }

    static Result compute(int rows, int cols, int[] rowPtr, int[] colIdx, double[] vals, int rank, int oversampling,
                          int powerIterations, SplittableRandom rng) {
        int l = Math.min(rank + oversampling, Math.min(rows, cols));
        int r = Math.min(rank, l);
        if (l == 0) {
            return new Result(0, new double[0], new double[0]);
        }
        DMatrixRMaj omega = new DMatrixRMaj(cols, l);
        for (int i = 0; i < omega.getNumElements(); i++) {
            omega.data[i] = gaussian(rng);
        }
        DMatrixRMaj q = orth(times(rows, rowPtr, colIdx, vals, omega));
        for (int it = 0; it < powerIterations; it++) {
            DMatrixRMaj z = orth(transposeTimes(rows, cols, rowPtr, colIdx, vals, q));
            q = orth(times(rows, rowPtr, colIdx, vals, z));
        }
        DMatrixRMaj bt = transposeTimes(rows, cols, rowPtr, colIdx, vals, q); // cols x l = X' Q
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(cols, l, true, true, true);
        if (!svd.decompose(bt)) {
            throw new IllegalStateException("SVD did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        double[] loadings = new double[cols * r];
        double[] values = new double[r];
        for (int c = 0; c < r; c++) {
            values[c] = w.get(c, c);
            for (int i = 0; i < cols; i++) {
                loadings[i * r + c] = u.get(i, c);
            }
        }
        return new Result(r, loadings, values);
    }

    /** X * m for the CSR matrix X (rows x cols) and dense m (cols x l). */
    private static DMatrixRMaj times(int rows, int[] rowPtr, int[] colIdx, double[] vals, DMatrixRMaj m) {
        int l = m.numCols;
        DMatrixRMaj out = new DMatrixRMaj(rows, l);
        for (int u = 0; u < rows; u++) {
            int o = u * l;
            for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
                double v = vals[p];
                int mi = colIdx[p] * l;
                for (int c = 0; c < l; c++) {
                    out.data[o + c] += v * m.data[mi + c];
                }
            }
        }
        return out;
    }

    /** X' * m for the CSR matrix X (rows x cols) and dense m (rows x l). */
    private static DMatrixRMaj transposeTimes(int rows, int cols, int[] rowPtr, int[] colIdx, double[] vals,
                                              DMatrixRMaj m) {
        int l = m.numCols;
        DMatrixRMaj out = new DMatrixRMaj(cols, l);
        for (int u = 0; u < rows; u++) {
            int mu = u * l;
            for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
                double v = vals[p];
                int o = colIdx[p] * l;
                for (int c = 0; c < l; c++) {
                    out.data[o + c] += v * m.data[mu + c];
                }
            }
        }
        return out;
    }

    /** An orthonormal basis of the columns of {@code y} (thin Householder QR). */
    private static DMatrixRMaj orth(DMatrixRMaj y) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(y.numRows, y.numCols);
        if (!qr.decompose(y.copy())) {
            throw new IllegalStateException("QR failed");
        }
        return qr.getQ(null, true);
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
