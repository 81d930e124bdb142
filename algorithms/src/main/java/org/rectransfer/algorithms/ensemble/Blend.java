package org.rectransfer.algorithms.ensemble;

import java.util.Arrays;

/**
 * Linear blend weights {@code y = intercept + sum_j weights[j] * x_j} and their fit (linear
 * stacking: Wolpert, "Stacked generalization", Neural Networks 5(2), 1992; Breiman, "Stacked
 * regressions", Machine Learning 24(1), 1996).
 *
 * <p>The fit minimises {@code (1/n) sum_r (y_r - intercept - sum_j w_j x_jr)^2 + ridge |w|^2}
 * (the intercept is not penalised), optionally subject to {@code w >= 0} (Breiman's
 * non-negativity constraint, solved by {@link Nnls}). With an intercept the columns and the
 * target are centred first and the intercept recovered as {@code ybar - w . xbar}; without one,
 * the raw second moments are used. {@code ridge} is per rating (the penalty is added to the
 * mean, not the sum, of squared errors), so its effect does not grow or shrink with the size of
 * the held-out set. A relative jitter of {@code 1e-12} times the mean diagonal keeps a fully
 * collinear system solvable when {@code ridge = 0}.
 *
 * @param intercept the constant term (0 when fitted without intercept)
 * @param weights   one weight per component, in component order
 */
record Blend(double intercept, double[] weights) {

    Blend {
        weights = weights.clone();
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("blend intercept must be finite, was " + intercept);
        }
        for (double w : weights) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("blend weights must be finite, were " + Arrays.toString(weights));
            }
        }
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    double weight(int j) {
        return weights[j];
    }

    int size() {
        return weights.length;
    }

    /** The plain average of {@code m} components: the fallback when there is nothing to fit on. */
    static Blend uniform(int m) {
        double[] w = new double[m];
        Arrays.fill(w, 1.0 / m);
        return new Blend(0, w);
    }

    /**
     * Fits the blend.
     *
     * @param x           component predictions, {@code x[j][r]} for component j and held-out rating r
     * @param y           held-out ratings, length n >= 1
     * @param ridge       L2 penalty on the weights per rating, >= 0
     * @param nonNegative constrain the weights to be >= 0
     * @param intercept   fit a constant term
     */
    static Blend fit(double[][] x, double[] y, double ridge, boolean nonNegative, boolean intercept) {
        int m = x.length;
        int n = y.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a blend on 0 ratings");
        }
        double[] xbar = new double[m];
        double ybar = 0;
        if (intercept) {
            for (int r = 0; r < n; r++) {
                ybar += y[r];
            }
            ybar /= n;
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += x[j][r];
                }
                xbar[j] = s / n;
            }
        }
        double[][] g = new double[m][m];
        double[] c = new double[m];
        for (int j = 0; j < m; j++) {
            double[] xj = x[j];
            double sc = 0;
            for (int r = 0; r < n; r++) {
                sc += (xj[r] - xbar[j]) * (y[r] - ybar);
            }
            c[j] = sc / n;
            for (int k = 0; k <= j; k++) {
                double[] xk = x[k];
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += (xj[r] - xbar[j]) * (xk[r] - xbar[k]);
                }
                g[j][k] = s / n;
                g[k][j] = s / n;
            }
        }
        double trace = 0;
        for (int j = 0; j < m; j++) {
            trace += g[j][j];
        }
        double jitter = 1e-12 * trace / m;
        for (int j = 0; j < m; j++) {
            g[j][j] += ridge + jitter;
        }
        double[] w = nonNegative ? Nnls.solveGram(g, c) : LinearSolve.solve(g, c);
        double b = 0;
        if (intercept) {
            b = ybar;
            for (int j = 0; j < m; j++) {
                b -= w[j] * xbar[j];
            }
        }
        return new Blend(b, w);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Blend other && Double.compare(intercept, other.intercept) == 0
                && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(intercept) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "Blend[intercept=" + intercept + ", weights=" + Arrays.toString(weights) + "]";
    }
}
