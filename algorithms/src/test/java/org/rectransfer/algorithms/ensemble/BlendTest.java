package org.rectransfer.algorithms.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link Blend#fit}: recovers known blends, honours the constraint, the intercept and the ridge. */
class BlendTest {
    private static final double RECOVERY = 1e-9;

    private static double[][] components(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[3][n];
        for (int r = 0; r < n; r++) {
            x[0][r] = 1 + 4 * rng.nextDouble();
            x[1][r] = 1 + 4 * rng.nextDouble();
            x[2][r] = 1 + 4 * rng.nextDouble();
        }
        return x;
    }

    @Test
    void recoversAnExactConvexBlend() {
        double[][] x = components(200, 1);
        double[][] ab = {x[0], x[1]};
        double[] y = new double[200];
        for (int r = 0; r < 200; r++) {
            y[r] = 0.7 * x[0][r] + 0.3 * x[1][r];
        }
        for (boolean nonNegative : new boolean[] {true, false}) {
            for (boolean intercept : new boolean[] {true, false}) {
                Blend b = Blend.fit(ab, y, 0, nonNegative, intercept);
                assertThat(b.weights()).containsExactly(new double[] {0.7, 0.3}, within(RECOVERY));
                assertThat(b.intercept()).isCloseTo(0, within(RECOVERY));
            }
        }
    }

    @Test
    void recoversAnInterceptAndANegativeWeightWhenUnconstrained() {
        double[][] x = components(200, 2);
        double[] y = new double[200];
        for (int r = 0; r < 200; r++) {
            y[r] = 0.5 + 1.2 * x[0][r] - 0.4 * x[1][r] + 0.1 * x[2][r];
        }
        Blend free = Blend.fit(x, y, 0, false, true);
        assertThat(free.intercept()).isCloseTo(0.5, within(RECOVERY));
        assertThat(free.weights()).containsExactly(new double[] {1.2, -0.4, 0.1}, within(RECOVERY));
        Blend nn = Blend.fit(x, y, 0, true, true);
        assertThat(nn.weight(1)).isEqualTo(0.0);
        assertThat(nn.weight(0)).isPositive();
    }

    @Test
    void ridgeShrinksTheWeights() {
        double[][] x = components(100, 3);
        double[] y = new double[100];
        for (int r = 0; r < 100; r++) {
            y[r] = 0.6 * x[0][r] + 0.4 * x[1][r];
        }
        Blend none = Blend.fit(x, y, 0, true, true);
        Blend some = Blend.fit(x, y, 0.5, true, true);
        double n0 = none.weight(0) + none.weight(1) + none.weight(2);
        double n1 = some.weight(0) + some.weight(1) + some.weight(2);
        assertThat(n1).isLessThan(n0 - 0.1);
    }

    @Test
    void uniformFallbackAndValidation() {
        assertThat(Blend.uniform(4).weights()).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThatThrownBy(() -> Blend.fit(new double[1][0], new double[0], 0, true, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 ratings");
    }
}
