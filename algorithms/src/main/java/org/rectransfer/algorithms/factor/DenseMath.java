package org.rectransfer.algorithms.factor;

/**
 * Small dense kernels on primitive arrays for the factor models: Cholesky solves of k x k
 * systems, dot products. Nothing here allocates.
 *
 * <p>Thread safety: stateless.
 */
public final class DenseMath {

    private DenseMath() {
    }

    /**
     * Solves {@code A x = b} for a symmetric positive-definite {@code A} ({@code k x k},
     * row-major, only the lower triangle is read) by Cholesky decomposition. {@code a} is
     * overwritten with the factor {@code L} (lower triangle), {@code b} with the solution.
     *
     * @return false if {@code A} is not numerically positive definite (then {@code b} is unchanged
     *         only up to the failing column and must not be used)
     */
    public static boolean choleskySolve(double[] a, double[] b, int k) {
        if (!cholesky(a, k)) {
            return false;
        }
        solveFactored(a, b, k);
        return true;
    }

    /**
     * In-place Cholesky factorisation of the symmetric positive-definite {@code k x k} matrix
     * whose lower triangle {@code a} holds (row-major): afterwards the lower triangle is {@code L}
     * with {@code A = L L^T}, for any number of {@link #solveFactored} calls.
     *
     * @return false if {@code A} is not numerically positive definite ({@code a} is then partly
     *         overwritten and must not be used)
     */
    public static boolean cholesky(double[] a, int k) {
        for (int j = 0; j < k; j++) {
            int rj = j * k;
            double d = a[rj + j];
            for (int p = 0; p < j; p++) {
                d -= a[rj + p] * a[rj + p];
            }
            if (!(d > 0)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            a[rj + j] = ljj;
            for (int i = j + 1; i < k; i++) {
                int ri = i * k;
                double s = a[ri + j];
                for (int p = 0; p < j; p++) {
                    s -= a[ri + p] * a[rj + p];
                }
                a[ri + j] = s / ljj;
            }
        }
        return true;
    }

    /** Solves {@code L L^T x = b} in place ({@code b} becomes {@code x}), {@code L} as left by {@link #cholesky}. */
    public static void solveFactored(double[] l, double[] b, int k) {
        // forward: L y = b
        for (int i = 0; i < k; i++) {
            int ri = i * k;
            double s = b[i];
            for (int p = 0; p < i; p++) {
                s -= l[ri + p] * b[p];
            }
            b[i] = s / l[ri + i];
        }
        // backward: L^T x = y
        for (int i = k - 1; i >= 0; i--) {
            double s = b[i];
            for (int p = i + 1; p < k; p++) {
                s -= l[p * k + i] * b[p];
            }
            b[i] = s / l[i * k + i];
        }
    }

    /** {@code a[ao..ao+k) . b[bo..bo+k)} accumulated in double. */
    static double dot(float[] a, int ao, float[] b, int bo, int k) {
        double s = 0;
        for (int f = 0; f < k; f++) {
            s += (double) a[ao + f] * b[bo + f];
        }
        return s;
    }

    /**
     * Adds {@code sum_r x_r x_r^T} over the rows {@code [from, to)} of the row-major {@code n x k}
     * matrix {@code x} to the lower triangle of {@code acc} ({@code k x k}, double).
     */
    static void addGramLower(float[] x, int from, int to, int k, double[] acc) {
        for (int r = from; r < to; r++) {
            int o = r * k;
            for (int i = 0; i < k; i++) {
                double xi = x[o + i];
                if (xi == 0) {
                    continue;
                }
                int ai = i * k;
                for (int j = 0; j <= i; j++) {
                    acc[ai + j] += xi * x[o + j];
                }
            }
        }
    }

    /** Copies the lower triangle of the square {@code k x k} matrix {@code a} into its upper triangle. */
    static void symmetrizeFromLower(double[] a, int k) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                a[j * k + i] = a[i * k + j];
            }
        }
    }

    /** Throws if any value of {@code a} is not finite; {@code what} names the array in the message. */
    static void requireFinite(float[] a, String what) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw new IllegalStateException(what + " became non-finite at index " + i
                        + " (the fit diverged: lower the learning rate or raise the regularisation)");
            }
        }
    }
}
