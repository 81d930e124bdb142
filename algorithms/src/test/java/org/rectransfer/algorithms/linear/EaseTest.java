package org.rectransfer.algorithms.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.factor.Fixtures;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;

class EaseTest {

    private static final Ease EASE = new Ease();

    @Test
    void twoItemCaseMatchesTheHandComputedClosedForm() {
        // users: u0 {0, 1}, u1 {0}, u2 {0, 1}, u3 {} (explicit values are ignored: X is binary)
        // G = [[3, 2], [2, 2]]; with lambda = 1, P = inv([[4, 2], [2, 3]]) = [[3, -2], [-2, 4]] / 8
        // B_01 = -P_01 / P_11 = 2/4 = 0.5; B_10 = -P_10 / P_00 = 2/3; diagonal 0
        InteractionMatrix train = InteractionMatrix.builder(4, 2, true, false)
                .add(0, 0, 5).add(0, 1, 1).add(1, 0, 2).add(2, 0, 4).add(2, 1, 4).build(DuplicatePolicy.ERROR);
        ItemItemModel m = (ItemItemModel) EASE.fit(train, new Ease.Config(1.0, 10), RunContext.of(1));
        assertThat(m.weight(0, 0)).isZero();
        assertThat(m.weight(1, 1)).isZero();
        assertThat((double) m.weight(0, 1)).isCloseTo(0.5, within(1e-7));
        assertThat((double) m.weight(1, 0)).isCloseTo(2.0 / 3, within(1e-7));
        // u1 has item 0: scores x_u B = [0, 0.5]; u0 has both: [2/3, 0.5]; u3 is cold: zeros
        assertThat(m.predict(1, 1)).isCloseTo(0.5, within(1e-7));
        float[] out = new float[2];
        m.scoreAll(0, out);
        assertThat((double) out[0]).isCloseTo(2.0 / 3, within(1e-6));
        assertThat((double) out[1]).isCloseTo(0.5, within(1e-6));
        m.scoreAll(3, out);
        assertThat(out).containsOnly(0f);
    }

    @Test
    void weightsMatchTheClosedFormFromAnEjmlInverse() {
        Fixtures.Split data = Fixtures.blocks(50, 20, 3, 0.4, 0.1, 0.0, 3);
        InteractionMatrix x = data.train();
        double lambda = 7.5;
        ItemItemModel m = (ItemItemModel) EASE.fit(x, new Ease.Config(lambda, 100), RunContext.of(1));
        DMatrixRMaj dense = new DMatrixRMaj(50, 20);
        for (int u = 0; u < 50; u++) {
            for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                dense.set(u, x.col(p), 1.0);
            }
        }
        DMatrixRMaj g = new DMatrixRMaj(20, 20);
        CommonOps_DDRM.multTransA(dense, dense, g);
        for (int i = 0; i < 20; i++) {
            g.add(i, i, lambda);
        }
        DMatrixRMaj p = new DMatrixRMaj(20, 20);
        assertThat(CommonOps_DDRM.invert(g, p)).isTrue();
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                double expected = i == j ? 0.0 : -p.get(i, j) / p.get(j, j);
                assertThat((double) m.weight(i, j)).as("B(%d, %d)", i, j).isCloseTo(expected, within(1e-6));
            }
        }
        // the defining property: B minimises |X - XB|^2 + lambda |B|^2 with zero diagonal, so for j
        // the off-diagonal gradient (G + lambda I) b_j - G e_j vanishes outside the diagonal entry
        for (int j = 0; j < 20; j++) {
            for (int i = 0; i < 20; i++) {
                if (i == j) {
                    continue;
                }
                double grad = -(g.get(i, j)); // G_ij (g already has lambda on its diagonal, i != j)
                for (int l = 0; l < 20; l++) {
                    grad += g.get(i, l) * m.weight(l, j);
                }
                assertThat(grad).as("gradient (%d, %d)", i, j).isCloseTo(0.0, within(1e-4));
            }
        }
    }

    @Test
    void ranksHeldOutItemsWellAndIsThreadInvariant() {
        Fixtures.Split data = Fixtures.blocks(300, 150, 4, 0.8, 0.02, 0.2, 4, 0);
        Recommender one = EASE.fit(data.train(), new Ease.Config(50, 1000), RunContext.of(1));
        Recommender four = EASE.fit(data.train(), new Ease.Config(50, 1000), RunContext.of(2).withThreads(4));
        assertThat(Fixtures.auc(one, data)).isGreaterThan(0.9);
        assertThat(Fixtures.sameScores(one, four)).isTrue();
        Fixtures.assertScoresFiniteAndConsistent(one, 1e-4);
    }

    @Test
    void refusesTooManyItemsNamingTheParameter() {
        InteractionMatrix train = InteractionMatrix.builder(2, 30, false, false).add(0, 0, 1).build(DuplicatePolicy.ERROR);
        assertThatThrownBy(() -> EASE.fit(train, new Ease.Config(1.0, 29), RunContext.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30 items exceed maxItems = 29")
                .hasMessageContaining("MB");
        assertThatThrownBy(() -> new Ease.Config(0.0, 10)).hasMessageContaining("lambda");
    }
}
