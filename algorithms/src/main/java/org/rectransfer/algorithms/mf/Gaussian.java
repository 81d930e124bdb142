package org.rectransfer.algorithms.mf;

import java.util.SplittableRandom;

/**
 * Gaussian draws for factor initialisation by the Box-Muller transform: each pair of uniforms
 * {@code (u1, u2)} from the stream gives {@code r cos(2 pi u2)} and {@code r sin(2 pi u2)} with
 * {@code r = std sqrt(-2 ln(1 - u1))}. One implementation for every trainer, so the same stream
 * gives the same factors everywhere. Stateless.
 */
public final class Gaussian {
    private Gaussian() {
    }

    /** {@code n} draws of N(0, std^2), as floats. */
    public static float[] draws(int n, double std, SplittableRandom rng) {
        float[] out = new float[n];
        fill(out, 0, n, std, rng);
        return out;
    }

    /** Fills {@code out[from, to)} with draws of N(0, std^2). */
    public static void fill(float[] out, int from, int to, double std, SplittableRandom rng) {
        for (int i = from; i < to; i += 2) {
            double u1 = 1.0 - rng.nextDouble(); // (0, 1]
            double u2 = rng.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1)) * std;
            out[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < to) {
                out[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
    }
}
