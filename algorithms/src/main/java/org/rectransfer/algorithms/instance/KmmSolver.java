package org.rectransfer.algorithms.instance;

/**
 * The kernel mean matching quadratic program of Huang, Smola, Gretton, Borgwardt &amp; Schölkopf
 * ("Correcting sample selection bias by unlabeled data", NIPS 2006, Eq. 6):
 *
 * <pre>
 *   min_b  1/2 b' K b - kappa' b
 *   s.t.   0 &lt;= b_i &lt;= B,   n (1 - eps) &lt;= sum_i b_i &lt;= n (1 + eps)
 * </pre>
 *
 * solved by accelerated projected gradient (FISTA, Beck &amp; Teboulle 2009) with the constant
 * step {@code 1 / L}, {@code L} the largest absolute row sum of {@code K} (Gershgorin bound on
 * its largest eigenvalue, so the step is always safe). The projection onto the feasible set
 * (box intersected with the slab {@code sum b in [lo, hi]}) is {@code clip(v - tau, 0, B)}
 * with the scalar {@code tau} found by bisection so that the sum meets the violated bound
 * (the KKT conditions of the projection). {@code K} must be symmetric positive semi-definite
 * (e.g. an RBF Gram matrix). Deterministic; no external QP library.
 *
 * <p>Thread safety: stateless.
 */
public final class KmmSolver {

    private KmmSolver() {
    }

    /**
     * @param k          n x n kernel matrix, row-major
     * @param kappa      linear term, length n
     * @param upper      B, &gt;= 1 - eps so that the set is not empty
     * @param eps        slack of the sum constraint, &gt;= 0
     * @param iterations maximum number of gradient steps
     * @param tol        stop when an iteration moves b by at most {@code tol * (1 + |b|)} (Euclidean)
     * @return the minimiser b
     */
    public static double[] solve(double[] k, double[] kappa, double upper, double eps, int iterations, double tol) {
        int n = kappa.length;
        if (k.length != (long) n * n) {
            throw new IllegalArgumentException("kernel matrix is not " + n + "x" + n);
        }
        double lo = n * (1 - eps);
        double hi = n * (1 + eps);
        if (upper * n < lo) {
            throw new IllegalArgumentException("infeasible: n * B = " + upper * n + " < n (1 - eps) = " + lo);
        }
        double lip = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.abs(k[i * n + j]);
            }
            lip = Math.max(lip, s);
        }
        double step = lip > 0 ? 1.0 / lip : 1.0;
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1.0);
        project(b, upper, lo, hi, b);
        double[] y = b.clone();
        double[] next = new double[n];
        double[] grad = new double[n];
        double t = 1;
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < n; i++) {
                double s = -kappa[i];
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    s += k[row + j] * y[j];
                }
                grad[i] = s;
            }
            for (int i = 0; i < n; i++) {
                next[i] = y[i] - step * grad[i];
            }
            project(next, upper, lo, hi, next);
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double mom = (t - 1) / tNext;
            double moved = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double d = next[i] - b[i];
                moved += d * d;
                norm += next[i] * next[i];
                y[i] = next[i] + mom * d;
                b[i] = next[i];
            }
            // y may leave the feasible set; the next projection brings the iterate back
            t = tNext;
            if (Math.sqrt(moved) <= tol * (1 + Math.sqrt(norm))) {
                break;
            }
        }
        return b;
    }

    /**
     * Euclidean projection of {@code v} onto {@code {0 <= x <= upper, lo <= sum x <= hi}},
     * written to {@code out} (may be {@code v}).
     */
    static void project(double[] v, double upper, double lo, double hi, double[] out) {
        double s0 = clippedSum(v, 0, upper);
        double tau = 0;
        if (s0 > hi || s0 < lo) {
            double target = s0 > hi ? hi : lo;
            double a;
            double c;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            if (s0 > hi) {
                a = 0;          // sum(a) > hi
                c = max;        // sum(c) = 0 <= hi
            } else {
                a = min - upper; // sum(a) = n * upper >= lo
                c = 0;           // sum(c) < lo
            }
            for (int it = 0; it < 200 && c - a > 1e-15 * (1 + Math.abs(a) + Math.abs(c)); it++) {
                double m = 0.5 * (a + c);
                if (clippedSum(v, m, upper) > target) {
                    a = m;
                } else {
                    c = m;
                }
            }
            tau = 0.5 * (a + c);
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.min(upper, Math.max(0, v[i] - tau));
        }
    }

    private static double clippedSum(double[] v, double tau, double upper) {
        double s = 0;
        for (double x : v) {
            s += Math.min(upper, Math.max(0, x - tau));
        }
        return s;
    }
}
