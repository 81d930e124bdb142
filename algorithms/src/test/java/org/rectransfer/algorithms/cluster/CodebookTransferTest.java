package org.rectransfer.algorithms.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;

/** Unit tests of the CBT parts: codebook, co-clustering, expansion, config validation. */
class CodebookTransferTest {
    private static final double EXACT = 1e-12;

    private static InteractionMatrix matrix(double[][] cells) {
        InteractionMatrix.Builder b = InteractionMatrix.builder(cells.length, cells[0].length, true, false);
        for (int u = 0; u < cells.length; u++) {
            for (int i = 0; i < cells[u].length; i++) {
                if (!Double.isNaN(cells[u][i])) {
                    b.add(u, i, (float) cells[u][i]);
                }
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    /**
     * 4x4 matrix, users {0,1} / {2,3}, items {0,1} / {2,3}; block (1,1) has no observed entry.
     * Hand-computed: B00 = (5+4+5)/3, B01 = (1+2+1)/3, B10 = (1+2+2)/3, B11 = the row-cluster-1
     * mean (1+2+2)/3 (fallback for an empty cell).
     */
    @Test
    void codebookIsTheBlockMeanWithRowMeanFallback() {
        double n = Double.NaN;
        InteractionMatrix m = matrix(new double[][] {
            {5, 4, 1, n},
            {5, n, 2, 1},
            {1, 2, n, n},
            {n, 2, n, n}});
        double[] b = CoClustering.codebook(m, new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 1}, 2, 2);
        assertThat(b[0]).isCloseTo(14.0 / 3, within(EXACT));
        assertThat(b[1]).isCloseTo(4.0 / 3, within(EXACT));
        assertThat(b[2]).isCloseTo(5.0 / 3, within(EXACT));
        assertThat(b[3]).isCloseTo(5.0 / 3, within(EXACT));
        // Squared error by hand: each observed block has deviations {1/3, 2/3, 1/3}, i.e. 6/9 per block.
        double expected = 6.0 / 9 + 6.0 / 9 + 6.0 / 9;
        assertThat(CoClustering.squaredError(m, new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 1}, b, 2))
                .isCloseTo(expected, within(1e-9));
    }

    /** Planted 2 x 3 block structure (levels 1..5, noise 0.2, 60 % observed) is recovered exactly up to labels. */
    @Test
    void coClusteringRecoversPlantedBlocks() {
        double[][] levels = {{1, 3, 5}, {5, 2, 4}};
        int users = 40;
        int items = 30;
        SplittableRandom rng = new SplittableRandom(3);
        int[] trueRow = new int[users];
        int[] trueCol = new int[items];
        for (int i = 0; i < items; i++) {
            trueCol[i] = i % 3;
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(users, items, true, false);
        for (int u = 0; u < users; u++) {
            trueRow[u] = u % 2;
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() < 0.6) {
                    b.add(u, i, (float) (levels[trueRow[u]][trueCol[i]] + 0.2 * (rng.nextDouble() - 0.5)));
                }
            }
        }
        InteractionMatrix m = b.build(DuplicatePolicy.ERROR);
        CoClustering cc = CoClustering.fit(m, 2, 3, 30, 5, new SplittableRandom(9));
        assertThat(sameClustering(cc.rowCluster, trueRow)).as("user clusters").isTrue();
        assertThat(sameClustering(cc.colCluster, trueCol)).as("item clusters").isTrue();
        // Residual error is the noise only: at most (0.1)^2 per observed entry.
        assertThat(cc.error).isLessThan(0.01 * m.nnz());
    }

    /**
     * Expansion of a known codebook into a target drawn from it: half the users start from their
     * (true) source cluster, the others without one; the alternating assignment recovers every
     * user's and item's planted row / column exactly.
     */
    @Test
    void expansionRecoversPlantedAssignments() {
        int k = 3;
        int l = 3;
        double[] codebook = {1, 3, 5, 5, 1, 3, 3, 5, 1};
        int users = 30;
        int items = 24;
        SplittableRandom rng = new SplittableRandom(5);
        int[] trueRow = new int[users];
        int[] trueCol = new int[items];
        int[] initial = new int[users];
        for (int i = 0; i < items; i++) {
            trueCol[i] = rng.nextInt(l);
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(users, items, true, false);
        for (int u = 0; u < users; u++) {
            trueRow[u] = rng.nextInt(k);
            initial[u] = u % 2 == 0 ? trueRow[u] : -1;
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() < 0.5) {
                    b.add(u, i, (float) (codebook[trueRow[u] * l + trueCol[i]] + 0.3 * (rng.nextDouble() - 0.5)));
                }
            }
        }
        InteractionMatrix target = b.build(DuplicatePolicy.ERROR);
        CodebookTransfer.Expansion ex = CodebookTransfer.expand(target, codebook, k, l, initial, true, 20,
                new SplittableRandom(1));
        assertThat(ex.userCluster()).containsExactly(trueRow);
        assertThat(ex.itemCluster()).containsExactly(trueCol);
    }

    @Test
    void configNamesTheBadParameter() {
        assertThatThrownBy(() -> new CodebookTransfer.Config(0, 20, 30, 3, 30, true, true, true, 25, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userClusters").hasMessageContaining("0");
        assertThatThrownBy(() -> new CodebookTransfer.Config(20, 20, 30, 3, 30, true, true, true, -1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itemDamping");
    }

    /** True when {@code found} is {@code truth} up to a one-to-one relabelling. */
    private static boolean sameClustering(int[] found, int[] truth) {
        Map<Integer, Integer> forward = new HashMap<>();
        Map<Integer, Integer> backward = new HashMap<>();
        for (int i = 0; i < found.length; i++) {
            Integer f = forward.putIfAbsent(truth[i], found[i]);
            Integer g = backward.putIfAbsent(found[i], truth[i]);
            if ((f != null && f != found[i]) || (g != null && g != truth[i])) {
                return false;
            }
        }
        return true;
    }
}
