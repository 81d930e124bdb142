package org.rectransfer.algorithms.neural;

/**
 * Element-wise activations and their derivatives on array slices. Backward passes overwrite
 * {@code dx}; in-place use ({@code dx == dy} with the same offset) is allowed.
 */
public final class Activations {
    private Activations() {
    }

    /** {@code y = max(0, x)}. */
    public static void relu(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xo + i];
            y[yo + i] = v > 0 ? v : 0.0;
        }
    }

    /** {@code dx = dy * [x > 0]} where {@code x} is the ReLU's input (subgradient 0 at 0). */
    public static void reluBackward(double[] x, int xo, double[] dy, int dyo, double[] dx, int dxo, int n) {
        for (int i = 0; i < n; i++) {
            dx[dxo + i] = x[xo + i] > 0 ? dy[dyo + i] : 0.0;
        }
    }

    /** {@code y = tanh(x)}. */
    public static void tanh(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = Math.tanh(x[xo + i]);
        }
    }

    /** {@code dx = dy * (1 - y^2)} where {@code y} is the tanh's output. */
    public static void tanhBackward(double[] y, int yo, double[] dy, int dyo, double[] dx, int dxo, int n) {
        for (int i = 0; i < n; i++) {
            double t = y[yo + i];
            dx[dxo + i] = dy[dyo + i] * (1.0 - t * t);
        }
    }

    /** Numerically stable softmax of {@code x[xo .. xo+n)} into {@code y} (max subtracted first). */
    public static void softmax(double[] x, int xo, double[] y, int yo, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[xo + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(x[xo + i] - max);
            y[yo + i] = e;
            sum += e;
        }
        for (int i = 0; i < n; i++) {
            y[yo + i] /= sum;
        }
    }
}
