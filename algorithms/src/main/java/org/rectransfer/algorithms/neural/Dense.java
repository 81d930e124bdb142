package org.rectransfer.algorithms.neural;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected layer {@code y = W x + b} with {@code W} stored row-major as
 * {@code out x in} ({@code W[o * in + i]}) and an optional bias. Forward and backward passes
 * work on caller-owned buffers with offsets, so a training loop allocates nothing per sample.
 *
 * <p>Thread safety: parameters are mutable; a trained layer may be used for concurrent
 * {@link #forward} calls as long as nobody trains it.
 */
public final class Dense {
    private final int in;
    private final int out;
    private final Param weight;
    private final Param bias;

    /**
     * @param name    prefix of the parameter names ({@code name.W}, {@code name.b})
     * @param in      input width, >= 1
     * @param out     output width, >= 1
     * @param hasBias whether the layer adds a bias vector
     */
    public Dense(String name, int in, int out, boolean hasBias) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("layer '" + name + "' needs in >= 1 and out >= 1, was "
                    + in + "x" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = new Param(name + ".W", in * out);
        this.bias = hasBias ? new Param(name + ".b", out) : null;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Param weight() {
        return weight;
    }

    /** The bias, or null for a layer without bias. */
    public Param bias() {
        return bias;
    }

    /** The trainable parameters: W, then b if present. */
    public List<Param> params() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /** Xavier-uniform weights (tanh / linear layers), zero bias. */
    public Dense initXavier(SplittableRandom rng) {
        Init.xavierUniform(weight.value(), in, out, rng);
        if (bias != null) {
            java.util.Arrays.fill(bias.value(), 0.0);
        }
        return this;
    }

    /** He-normal weights (ReLU layers), zero bias. */
    public Dense initHe(SplittableRandom rng) {
        Init.heNormal(weight.value(), in, rng);
        if (bias != null) {
            java.util.Arrays.fill(bias.value(), 0.0);
        }
        return this;
    }

    /** {@code y[yo .. yo+out) = W x[xo .. xo+in) + b}. */
    public void forward(double[] x, int xo, double[] y, int yo) {
        double[] w = weight.value();
        double[] b = bias == null ? null : bias.value();
        for (int o = 0, row = 0; o < out; o++, row += in) {
            double s = b == null ? 0.0 : b[o];
            for (int i = 0; i < in; i++) {
                s += w[row + i] * x[xo + i];
            }
            y[yo + o] = s;
        }
    }

    /**
     * Back-propagates {@code dy = dL/dy}: <em>adds</em> {@code dy x^T} to the weight gradient and
     * {@code dy} to the bias gradient, and, when {@code dx != null}, <em>overwrites</em>
     * {@code dx[dxo .. dxo+in)} with {@code W^T dy}.
     *
     * @param x the input the forward pass saw
     */
    public void backward(double[] x, int xo, double[] dy, int dyo, double[] dx, int dxo) {
        double[] w = weight.value();
        double[] gw = weight.grad();
        if (dx != null) {
            java.util.Arrays.fill(dx, dxo, dxo + in, 0.0);
        }
        for (int o = 0, row = 0; o < out; o++, row += in) {
            double g = dy[dyo + o];
            if (g == 0.0) {
                continue;
            }
            for (int i = 0; i < in; i++) {
                gw[row + i] += g * x[xo + i];
            }
            if (dx != null) {
                for (int i = 0; i < in; i++) {
                    dx[dxo + i] += w[row + i] * g;
                }
            }
        }
        if (bias != null) {
            double[] gb = bias.grad();
            for (int o = 0; o < out; o++) {
                gb[o] += dy[dyo + o];
            }
        }
    }
}
