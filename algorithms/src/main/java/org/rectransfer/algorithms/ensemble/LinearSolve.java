package org.rectransfer.algorithms.ensemble;

/**
 * Gaussian elimination with partial pivoting for the tiny dense systems of blending (one
 * unknown per component). A pivot that is zero up to round-off (relative to the largest entry)
 * marks a direction the data does not determine: that unknown is set to 0 (the minimum-effort
 * solution for a singular, consistent system). Deterministic; the inputs are not modified.
 */
final class LinearSolve {
    private LinearSolve() {
    }

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] y = b.clone();
        double maxAbs = 0;
        for (int r = 0; r < n; r++) {
            m[r] = a[r].clone();
            for (double v : m[r]) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        double tiny = 1e-13 * Math.max(maxAbs, Double.MIN_NORMAL);
        boolean[] singular = new boolean[n];
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(m[piv][col]) <= tiny) {
                singular[col] = true;
                continue;
            }
            double[] tr = m[piv];
            m[piv] = m[col];
            m[col] = tr;
            double ty = y[piv];
            y[piv] = y[col];
            y[col] = ty;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                if (f != 0) {
                    for (int k = col; k < n; k++) {
                        m[r][k] -= f * m[col][k];
                    }
                    y[r] -= f * y[col];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            if (singular[r]) {
                x[r] = 0;
                continue;
            }
            double s = y[r];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
