package org.rectransfer.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * Standard normal draws from a {@link SplittableRandom} by the Box-Muller transform, using
 * {@link StrictMath} so the values are bit-identical on every JVM. Not thread-safe.
 */
final class Gaussian {
    private final SplittableRandom rng;
    private double spare;
    private boolean hasSpare;

    Gaussian(SplittableRandom rng) {
        this.rng = rng;
    }

    double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]: log is finite
        double u2 = rng.nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double theta = 2.0 * StrictMath.PI * u2;
        spare = r * StrictMath.sin(theta);
        hasSpare = true;
        return r * StrictMath.cos(theta);
    }
}
