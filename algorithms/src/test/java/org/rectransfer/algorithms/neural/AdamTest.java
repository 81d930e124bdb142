package org.rectransfer.algorithms.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AdamTest {

    /**
     * f(x) = 0.5 (x - c)^T A (x - c) with A symmetric positive definite (condition number 10):
     * the known minimum is c.
     */
    @Test
    void convergesToTheMinimumOfAConvexQuadratic() {
        double[][] a = {{4, 1, 0}, {1, 3, 0.5}, {0, 0.5, 0.5}};
        double[] c = {1.5, -2.0, 0.75};
        Param x = new Param("x", 3);
        Adam adam = new Adam(List.of(x), 0.05, 0.0);
        for (int step = 0; step < 4000; step++) {
            adam.zeroGrad();
            for (int i = 0; i < 3; i++) {
                double g = 0;
                for (int j = 0; j < 3; j++) {
                    g += a[i][j] * (x.value()[j] - c[j]);
                }
                x.grad()[i] = g;
            }
            adam.step();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(x.value()[i]).as("x[%d]", i).isCloseTo(c[i], within(1e-6));
        }
        assertThat(adam.steps()).isEqualTo(4000);
    }

    /** With bias correction the first step is lr * g / (|g| + eps): lr in the gradient's direction. */
    @Test
    void firstStepIsBiasCorrected() {
        Param x = new Param("x", 2);
        x.grad()[0] = 1e-3;
        x.grad()[1] = -250;
        new Adam(List.of(x), 0.1, 0.0).step();
        assertThat(x.value()[0]).isCloseTo(-0.1, within(1e-6));
        assertThat(x.value()[1]).isCloseTo(0.1, within(1e-9));
    }

    /** Coupled weight decay adds wd * theta to the gradient: at theta = c with zero loss gradient it still shrinks. */
    @Test
    void weightDecayShrinksTowardsZero() {
        Param x = new Param("x", 1);
        x.value()[0] = 2.0;
        Adam adam = new Adam(List.of(x), 0.01, 0.1);
        for (int i = 0; i < 3000; i++) {
            adam.zeroGrad();
            adam.step();
        }
        assertThat(Math.abs(x.value()[0])).isLessThan(0.02);
    }

    @Test
    void rejectsBadHyperParametersNamingThem() {
        Param x = new Param("x", 1);
        assertThatThrownBy(() -> new Adam(List.of(x), 0.0, 0.0)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new Adam(List.of(x), 0.1, -1.0)).hasMessageContaining("weightDecay");
        assertThatThrownBy(() -> new Adam(List.of(x), 0.1, 1.0, 0.999, 1e-8, 0)).hasMessageContaining("beta1");
    }

    @Test
    void initialisationIsSeededAndScaled() {
        double[] a = new double[20000];
        double[] b = new double[20000];
        Init.xavierUniform(a, 100, 100, new SplittableRandom(9));
        Init.xavierUniform(b, 100, 100, new SplittableRandom(9));
        assertThat(b).containsExactly(a);
        double bound = Math.sqrt(6.0 / 200);
        double var = 0;
        for (double v : a) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
            var += v * v;
        }
        // Var of U(-a, a) is a^2 / 3 = 2 / (fanIn + fanOut) = 0.01
        assertThat(var / a.length).isCloseTo(0.01, within(0.0005));
        Init.heNormal(a, 50, new SplittableRandom(10));
        var = 0;
        for (double v : a) {
            var += v * v;
        }
        assertThat(var / a.length).isCloseTo(2.0 / 50, within(0.002));
    }
}
