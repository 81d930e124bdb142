package org.rectransfer.algorithms.ensemble;

/**
 * Non-negative least squares by the active-set method of Lawson &amp; Hanson ("Solving Least
 * Squares Problems", Prentice-Hall 1974, ch. 23, algorithm NNLS), written for the small
 * systems of model blending (a handful of unknowns). It works on the normal equations: it
 * minimises {@code 1/2 w'Gw - c'w} subject to {@code w >= 0}, which for {@code G = A'A},
 * {@code c = A'b} is {@code min |Aw - b|^2, w >= 0}; a ridge term is a multiple of the identity
 * added to {@code G}.
 *
 * <p>Algorithm: start with every variable at zero (all in the active set, held at the bound);
 * repeatedly free the bound variable with the largest positive negative-gradient
 * {@code (c - Gw)_j}, solve the unconstrained problem on the free set and, if that solution
 * leaves the feasible region, step back along the segment to the first bound hit and return the
 * variables that reached zero to the bound set. Stops when no bound variable has a positive
 * negative-gradient (the KKT conditions hold up to the tolerance). The number of outer steps is
 * capped at {@code 3m + 10} (finite termination holds in exact arithmetic; the cap guards against
 * round-off cycling).
 *
 * <p>Deterministic, no allocation beyond the result and small work arrays; not thread-shared.
 */
final class Nnls {
    private Nnls() {
    }

    /** {@code argmin |Aw - b|^2 subject to w >= 0}; {@code a} is row-major n x m. */
    static double[] solve(double[][] a, double[] b) {
        int m = a[0].length;
        double[][] g = new double[m][m];
        double[] c = new double[m];
        for (int r = 0; r < a.length; r++) {
            for (int j = 0; j < m; j++) {
                c[j] += a[r][j] * b[r];
                for (int k = 0; k < m; k++) {
                    g[j][k] += a[r][j] * a[r][k];
                }
            }
        }
        return solveGram(g, c);
    }

    /**
     * {@code argmin 1/2 w'Gw - c'w subject to w >= 0} for a symmetric positive semi-definite
     * {@code g} (m x m). Not modified.
     */
    static double[] solveGram(double[][] g, double[] c) {
        int m = c.length;
        double scale = 1;
        for (int j = 0; j < m; j++) {
            scale = Math.max(scale, Math.max(Math.abs(c[j]), Math.abs(g[j][j])));
        }
        double tol = 1e-12 * scale;
        double[] w = new double[m];
        boolean[] free = new boolean[m];
        int maxOuter = 3 * m + 10;
        for (int outer = 0; outer < maxOuter; outer++) {
            int enter = -1;
            double best = tol;
            for (int j = 0; j < m; j++) {
                if (!free[j]) {
                    double grad = c[j];
                    for (int k = 0; k < m; k++) {
                        grad -= g[j][k] * w[k];
                    }
                    if (grad > best) {
                        best = grad;
                        enter = j;
                    }
                }
            }
            if (enter < 0) {
                break;
            }
            free[enter] = true;
            for (int inner = 0; inner <= m; inner++) {
                double[] s = solveFree(g, c, free);
                double alpha = 1;
                boolean feasible = true;
                for (int j = 0; j < m; j++) {
                    if (free[j] && s[j] <= 0) {
                        feasible = false;
                        double denom = w[j] - s[j];
                        double step = denom > 0 ? w[j] / denom : 0;
                        alpha = Math.min(alpha, step);
                    }
                }
                if (feasible) {
                    System.arraycopy(s, 0, w, 0, m);
                    break;
                }
                for (int j = 0; j < m; j++) {
                    w[j] += alpha * (s[j] - w[j]);
                    if (free[j] && w[j] <= tol) {
                        free[j] = false;
                        w[j] = 0;
                    }
                }
            }
        }
        return w;
    }

    /** The unconstrained minimiser over the free variables (others held at 0). */
    private static double[] solveFree(double[][] g, double[] c, boolean[] free) {
        int m = c.length;
        int n = 0;
        int[] idx = new int[m];
        for (int j = 0; j < m; j++) {
            if (free[j]) {
                idx[n++] = j;
            }
        }
        double[][] sub = new double[n][n];
        double[] rhs = new double[n];
        for (int r = 0; r < n; r++) {
            rhs[r] = c[idx[r]];
            for (int k = 0; k < n; k++) {
                sub[r][k] = g[idx[r]][idx[k]];
            }
        }
        double[] x = LinearSolve.solve(sub, rhs);
        double[] s = new double[m];
        for (int r = 0; r < n; r++) {
            s[idx[r]] = x[r];
        }
        return s;
    }
}
