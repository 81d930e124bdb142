package org.rectransfer.algorithms.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class UserMappingTest {
    private static final double EXACT = 1e-9;

    @Test
    void ridgeWithoutPenaltyRecoversAKnownLinearMapAndPenaltyShrinksIt() {
        // y = x W with W = [[2, -1], [0.5, 3]] exactly; lambda = 0 must recover W.
        SplittableRandom rng = new SplittableRandom(1);
        DMatrixRMaj x = new DMatrixRMaj(20, 2);
        DMatrixRMaj y = new DMatrixRMaj(20, 2);
        double[][] w = {{2, -1}, {0.5, 3}};
        for (int r = 0; r < 20; r++) {
            double x0 = rng.nextDouble(-1, 1);
            double x1 = rng.nextDouble(-1, 1);
            x.set(r, 0, x0);
            x.set(r, 1, x1);
            y.set(r, 0, x0 * w[0][0] + x1 * w[1][0]);
            y.set(r, 1, x0 * w[0][1] + x1 * w[1][1]);
        }
        DMatrixRMaj got = UserMapping.ridge(x, y, 0.0);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(got.get(i, j)).isCloseTo(w[i][j], within(EXACT));
            }
        }
        DMatrixRMaj shrunk = UserMapping.ridge(x, y, 5.0);
        assertThat(norm(shrunk)).isLessThan(norm(got));
    }

    @Test
    void ridgeMatchesTheOneDimensionalClosedForm() {
        // One input, one output: w = sum(x y) / (sum(x^2) + lambda).
        // x = (1, 2, 3), y = (2, 3, 7): sum xy = 2 + 6 + 21 = 29, sum x^2 = 14; lambda 1 -> 29 / 15.
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1}, {2}, {3}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{2}, {3}, {7}});
        assertThat(UserMapping.ridge(x, y, 1.0).get(0, 0)).isCloseTo(29.0 / 15, within(EXACT));
    }

    private static double norm(DMatrixRMaj m) {
        double s = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            s += m.get(i) * m.get(i);
        }
        return s;
    }
}
