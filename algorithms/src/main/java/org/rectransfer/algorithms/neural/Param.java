package org.rectransfer.algorithms.neural;

import java.util.Objects;

/**
 * A named block of trainable parameters and the gradient accumulated for it, both flat
 * {@code double} arrays of the same length. Layers own their parameters; optimisers
 * ({@link Adam}) read {@link #grad} and update {@link #value}.
 *
 * <p>Thread safety: mutable, confined to the thread that trains the network.
 */
public final class Param {
    private final String name;
    private final double[] value;
    private final double[] grad;

    public Param(String name, int size) {
        this.name = Objects.requireNonNull(name, "name");
        if (size < 1) {
            throw new IllegalArgumentException("parameter '" + name + "' must have size >= 1, was " + size);
        }
        this.value = new double[size];
        this.grad = new double[size];
    }

    public String name() {
        return name;
    }

    public int size() {
        return value.length;
    }

    /** The live parameter values (not a copy). */
    public double[] value() {
        return value;
    }

    /** The live gradient accumulator (not a copy). */
    public double[] grad() {
        return grad;
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        java.util.Arrays.fill(grad, 0.0);
    }
}
