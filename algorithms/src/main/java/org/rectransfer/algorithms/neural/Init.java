package org.rectransfer.algorithms.neural;

import java.util.SplittableRandom;

/**
 * Seeded weight initialisation; the random stream always comes from a
 * {@link org.rectransfer.core.spi.RunContext}.
 * <ul>
 *   <li>{@link #xavierUniform}: Glorot &amp; Bengio (AISTATS 2010), U(-a, a) with
 *   {@code a = sqrt(6 / (fanIn + fanOut))}; for tanh and linear layers.</li>
 *   <li>{@link #heNormal}: He, Zhang, Ren &amp; Sun (ICCV 2015), N(0, 2 / fanIn); for ReLU layers.</li>
 * </ul>
 * Draws are consumed in array order, so the result depends only on the stream's state.
 */
public final class Init {
    private Init() {
    }

    /** Fills {@code w} with U(-a, a), {@code a = sqrt(6 / (fanIn + fanOut))}. */
    public static void xavierUniform(double[] w, int fanIn, int fanOut, SplittableRandom rng) {
        double a = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextDouble(-a, a);
        }
    }

    /** Fills {@code w} with N(0, 2 / fanIn) draws (Box-Muller). */
    public static void heNormal(double[] w, int fanIn, SplittableRandom rng) {
        gaussian(w, Math.sqrt(2.0 / fanIn), rng);
    }

    /** Fills {@code w} with N(0, std^2) draws by the Box-Muller transform. */
    public static void gaussian(double[] w, double std, SplittableRandom rng) {
        for (int i = 0; i < w.length; i += 2) {
            double u1 = 1.0 - rng.nextDouble(); // (0, 1]
            double u2 = rng.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1)) * std;
            w[i] = r * Math.cos(2 * Math.PI * u2);
            if (i + 1 < w.length) {
                w[i + 1] = r * Math.sin(2 * Math.PI * u2);
            }
        }
    }
}
