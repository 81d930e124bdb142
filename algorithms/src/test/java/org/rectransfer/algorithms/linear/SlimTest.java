package org.rectransfer.algorithms.linear;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.factor.Fixtures;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;

class SlimTest {

    private static final Slim SLIM = new Slim();

    /**
     * Checks the optimality (KKT) conditions of every column's non-negative elastic net, computed
     * here from the dense definition: with g_i = a_i . (a_j - A w_j) - l2 w_ij,
     * w_ij > 0 requires g_i = l1 and w_ij = 0 requires g_i <= l1; w_jj = 0 and w >= 0 always.
     */
    @Test
    void everyColumnSatisfiesTheNonNegativeElasticNetOptimalityConditions() {
        Fixtures.Split data = Fixtures.blocks(80, 30, 3, 0.4, 0.1, 0.0, 5);
        InteractionMatrix a = data.train();
        double l1 = 0.5;
        double l2 = 2.0;
        ItemItemModel m = (ItemItemModel) SLIM.fit(a, new Slim.Config(l1, l2, 100_000, 1e-12), RunContext.of(1));
        int n = 30;
        int users = 80;
        double[][] dense = new double[users][n];
        for (int u = 0; u < users; u++) {
            for (int p = a.rowStart(u); p < a.rowEnd(u); p++) {
                dense[u][a.col(p)] = 1.0;
            }
        }
        int positive = 0;
        for (int j = 0; j < n; j++) {
            assertThat(m.weight(j, j)).isZero();
            double[] residual = new double[users];
            for (int u = 0; u < users; u++) {
                double s = dense[u][j];
                for (int i = 0; i < n; i++) {
                    s -= dense[u][i] * m.weight(i, j);
                }
                residual[u] = s;
            }
            for (int i = 0; i < n; i++) {
                if (i == j) {
                    continue;
                }
                double w = m.weight(i, j);
                assertThat(w).isGreaterThanOrEqualTo(0.0);
                double g = -l2 * w;
                for (int u = 0; u < users; u++) {
                    g += dense[u][i] * residual[u];
                }
                if (w > 0) {
                    positive++;
                    assertThat(g).as("stationarity of w(%d, %d)", i, j).isCloseTo(l1, org.assertj.core.api.Assertions.within(1e-4));
                } else {
                    assertThat(g).as("w(%d, %d) = 0 must be optimal", i, j).isLessThanOrEqualTo(l1 + 1e-4);
                }
            }
        }
        assertThat(positive).isGreaterThan(20); // the test must not pass on an all-zero W
    }

    @Test
    void ranksHeldOutItemsWellAndIsThreadInvariant() {
        Fixtures.Split data = Fixtures.blocks(300, 150, 4, 0.8, 0.02, 0.2, 6, 0);
        Recommender one = SLIM.fit(data.train(), new Slim.Config(0.5, 5, 50, 1e-4), RunContext.of(1));
        Recommender four = SLIM.fit(data.train(), new Slim.Config(0.5, 5, 50, 1e-4), RunContext.of(1).withThreads(4));
        assertThat(Fixtures.auc(one, data)).isGreaterThan(0.9);
        assertThat(Fixtures.sameScores(one, four)).isTrue();
        Fixtures.assertScoresFiniteAndConsistent(one, 1e-4);
        float[] out = new float[150];
        one.scoreAll(0, out); // user 0 has no training data
        assertThat(out).containsOnly(0f);
    }

    @Test
    void largeL1GivesAnEmptyModel() {
        Fixtures.Split data = Fixtures.blocks(50, 20, 2, 0.4, 0.1, 0.0, 7);
        ItemItemModel m = (ItemItemModel) SLIM.fit(data.train(), new Slim.Config(1e6, 0, 10, 0), RunContext.of(1));
        assertThat(m.nonZeros()).isZero();
    }
}
