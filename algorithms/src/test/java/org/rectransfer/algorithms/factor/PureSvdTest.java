package org.rectransfer.algorithms.factor;

import static org.assertj.core.api.Assertions.assertThat;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

class PureSvdTest {

    private static final PureSvd PURE = new PureSvd();

    private static DMatrixRMaj dense(InteractionMatrix m) {
        DMatrixRMaj r = new DMatrixRMaj(m.numRows(), m.numCols());
        for (int u = 0; u < m.numRows(); u++) {
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                r.set(u, m.col(p), m.value(p));
            }
        }
        return r;
    }

    /** r_u V_k V_k^T for every user, with V_k the top-k right singular vectors from EJML's SVD of the dense R. */
    private static DMatrixRMaj naiveScores(InteractionMatrix m, int k) {
        DMatrixRMaj r = dense(m);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(r.numRows, r.numCols, false, true,
                false);
        assertThat(svd.decompose(r.copy())).isTrue();
        double[] sv = svd.getSingularValues();
        DMatrixRMaj v = svd.getV(null, false); // n x n, columns are right singular vectors
        Integer[] idx = new Integer[sv.length];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = j;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(sv[b], sv[a]));
        DMatrixRMaj vk = new DMatrixRMaj(r.numCols, k);
        for (int f = 0; f < k; f++) {
            for (int i = 0; i < r.numCols; i++) {
                vk.set(i, f, v.get(i, idx[f]));
            }
        }
        DMatrixRMaj proj = new DMatrixRMaj(r.numCols, r.numCols);
        CommonOps_DDRM.multTransB(vk, vk, proj);
        DMatrixRMaj scores = new DMatrixRMaj(r.numRows, r.numCols);
        CommonOps_DDRM.mult(r, proj, scores);
        return scores;
    }

    private static void assertScoresMatch(FactorModel m, DMatrixRMaj expected, double tol) {
        float[] out = new float[m.numItems()];
        for (int u = 0; u < m.numUsers(); u++) {
            m.scoreAll(u, out);
            for (int i = 0; i < m.numItems(); i++) {
                assertThat(Math.abs(out[i] - expected.get(u, i))).as("score (%d, %d)", u, i).isLessThan(tol);
            }
        }
    }

    @Test
    void gramSolverScoresEqualRuQQtFromADenseSvd() {
        InteractionMatrix train = Fixtures.lowRank(40, 25, 6, 3.0, 0.5, 1, 4);
        FactorModel m = PURE.fit(train, new PureSvd.Config(5, PureSvd.Solver.GRAM, 0, 0), RunContext.of(1));
        assertThat(m.rank()).isEqualTo(5);
        assertScoresMatch(m, naiveScores(train, 5), 1e-4);
        float[] out = new float[25];
        m.scoreAll(4, out); // user 4 has no training data
        assertThat(out).containsOnly(0f);
    }

    @Test
    void randomizedSolverIsExactOnAMatrixOfLowRank() {
        // rank 3 + constant 3 = rank 4; with k = 4 the top-4 subspace is the whole row space
        InteractionMatrix train = Fixtures.lowRank(200, 120, 3, 3.0, 1.0, 2);
        FactorModel rand = PURE.fit(train, new PureSvd.Config(4, PureSvd.Solver.RANDOMIZED, 6, 2), RunContext.of(1));
        FactorModel exact = PURE.fit(train, new PureSvd.Config(4, PureSvd.Solver.GRAM, 0, 0), RunContext.of(1));
        DMatrixRMaj expected = naiveScores(train, 4);
        assertScoresMatch(rand, expected, 1e-3);
        assertScoresMatch(exact, expected, 1e-3);
    }

    @Test
    void randomizedSolverApproximatesTheTopSubspaceOfASparseMatrix() {
        InteractionMatrix train = Fixtures.blocks(150, 90, 3, 0.4, 0.05, 0.0, 7).train();
        FactorModel rand = PURE.fit(train, new PureSvd.Config(3, PureSvd.Solver.RANDOMIZED, 10, 6), RunContext.of(2));
        assertScoresMatch(rand, naiveScores(train, 3), 1e-3);
    }

    @Test
    void rankIsClampedToTheItemCountAndResultsAreThreadInvariant() {
        InteractionMatrix train = Fixtures.lowRank(300, 12, 2, 3.0, 0.5, 3);
        PureSvd.Config cfg = new PureSvd.Config(50, PureSvd.Solver.AUTO, 10, 4);
        FactorModel one = PURE.fit(train, cfg, RunContext.of(1));
        FactorModel four = PURE.fit(train, cfg, RunContext.of(1).withThreads(4));
        assertThat(one.rank()).isEqualTo(12);
        assertThat(Fixtures.sameScores(one, four)).isTrue();
        FactorModel randOne = PURE.fit(train, new PureSvd.Config(5, PureSvd.Solver.RANDOMIZED, 3, 2), RunContext.of(1));
        FactorModel randFour = PURE.fit(train, new PureSvd.Config(5, PureSvd.Solver.RANDOMIZED, 3, 2),
                RunContext.of(1).withThreads(4));
        assertThat(Fixtures.sameScores(randOne, randFour)).isTrue();
        Fixtures.assertScoresFiniteAndConsistent(one, 1e-5);
    }
}
