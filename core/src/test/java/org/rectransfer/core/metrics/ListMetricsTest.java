package org.rectransfer.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;

/** Hand-computed cases for {@link ListMetrics} and {@link CosineItemSimilarity}. */
class ListMetricsTest {

    private static final double EPS = 1e-12;
    private static final double LOG2_10 = Math.log(10) / Math.log(2);

    @Test
    void noveltyIsMeanSelfInformationWithPopZeroCountedAsOne() {
        int[] pop = {10, 5, 0, 1};
        int n = 10;
        // k = 2: items 0, 1 -> (log2(10/10) + log2(10/5)) / 2 = (0 + 1) / 2
        assertThat(ListMetrics.novelty(new int[] {0, 1, 2}, 2, pop, n)).isCloseTo(0.5, within(EPS));
        // k = 3: item 2 has pop 0, counted as 1 -> log2(10/1); (0 + 1 + log2 10) / 3
        assertThat(ListMetrics.novelty(new int[] {0, 1, 2}, 3, pop, n)).isCloseTo((1 + LOG2_10) / 3, within(EPS));
        // k beyond the list: the mean is over the 3 items there are
        assertThat(ListMetrics.novelty(new int[] {0, 1, 2}, 50, pop, n)).isCloseTo((1 + LOG2_10) / 3, within(EPS));
        // pop 1 and pop 0 are equally novel: the maximum log2 N
        assertThat(ListMetrics.novelty(new int[] {3}, 1, pop, n)).isCloseTo(LOG2_10, within(EPS));
        // the most popular possible item: exactly +0.0, not -0.0
        assertThat(Double.doubleToRawLongBits(ListMetrics.novelty(new int[] {0}, 1, pop, n))).isZero();
        // empty list: undefined
        assertThat(ListMetrics.novelty(new int[0], 5, pop, n)).isNaN();
        assertThatThrownBy(() -> ListMetrics.novelty(new int[] {0}, 1, pop, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListMetrics.novelty(new int[] {0}, 1, pop, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListMetrics.novelty(new int[] {0}, 0, pop, n)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intraListDiversityIsTheMeanPairwiseDissimilarity() {
        // sim(0,1) = 0.5, sim(0,2) = 0, sim(1,2) = 1
        double[][] table = {{1, 0.5, 0}, {0.5, 1, 1}, {0, 1, 1}};
        ItemSimilarity sim = (a, b) -> table[a][b];
        // k = 3: pairs (0,1) (0,2) (1,2): dissimilarities 0.5, 1, 0 -> 1.5 / 3
        assertThat(ListMetrics.intraListDiversity(new int[] {0, 1, 2}, 3, sim)).isCloseTo(0.5, within(EPS));
        // k = 2: only (0,1): 0.5; the order within the list does not matter
        assertThat(ListMetrics.intraListDiversity(new int[] {0, 1, 2}, 2, sim)).isCloseTo(0.5, within(EPS));
        assertThat(ListMetrics.intraListDiversity(new int[] {2, 0, 1}, 3, sim)).isCloseTo(0.5, within(EPS));
        // k = 2 on [1, 2]: 1 - 1 = 0; k beyond the list: all 3 pairs
        assertThat(ListMetrics.intraListDiversity(new int[] {1, 2, 0}, 2, sim)).isEqualTo(0.0);
        assertThat(ListMetrics.intraListDiversity(new int[] {1, 2, 0}, 10, sim)).isCloseTo(0.5, within(EPS));
        // fewer than two items: no pair, undefined
        assertThat(ListMetrics.intraListDiversity(new int[] {0, 1, 2}, 1, sim)).isNaN();
        assertThat(ListMetrics.intraListDiversity(new int[0], 5, sim)).isNaN();
        // cumulative sums give the same bits as the direct value for every prefix
        double[] cumulative = ListMetrics.cumulativeDissimilarity(new int[] {0, 1, 2}, 3, sim);
        assertThat(cumulative).containsExactly(0, 0, 0.5, 1.5);
    }

    @Test
    void coverageAndGiniOfExposure() {
        int[][] lists = {{0, 1}, {1, 2}, null, {}};
        int numItems = 5;
        // k = 1: first items 0, 1 -> 2 distinct of 5; k = 2: {0, 1, 2} -> 3 of 5
        assertThat(ListMetrics.coverage(lists, 1, numItems)).isCloseTo(0.4, within(EPS));
        assertThat(ListMetrics.coverage(lists, 2, numItems)).isCloseTo(0.6, within(EPS));
        assertThat(ListMetrics.coverage(lists, 9, numItems)).isCloseTo(0.6, within(EPS));
        // exposure at k = 2 over all 5 items (null list skipped, empty list adds nothing): [1, 2, 1, 0, 0]
        assertThat(ListMetrics.exposureCounts(lists, 2, numItems)).containsExactly(1, 2, 1, 0, 0);
        // Gini: sorted [0, 0, 1, 1, 2], n = 5, total 4
        //   sum (2j - n - 1) c_(j) = (-4)0 + (-2)0 + (0)1 + (2)1 + (4)2 = 10 -> 10 / ((5 - 1) * 4) = 0.625
        //   check: sum over ordered pairs |ci - cj| = 2 * (4*1 + 2*2 + 2*1) = 20 -> 20 / (2 * 4 * 4) = 0.625
        assertThat(ListMetrics.gini(lists, 2, numItems)).isCloseTo(0.625, within(EPS));
        // k = 1: [1, 1, 0, 0, 0] sorted [0, 0, 0, 1, 1]: (2)1 + (4)1 = 6 -> 6 / (4 * 2) = 0.75
        assertThat(ListMetrics.gini(lists, 1, numItems)).isCloseTo(0.75, within(EPS));
        // equal exposure -> 0; one item gets everything -> exactly 1: (2*3 - 3 - 1) * 7 / (2 * 7)
        assertThat(ListMetrics.gini(new long[] {3, 3, 3})).isEqualTo(0.0);
        assertThat(ListMetrics.gini(new long[] {0, 7, 0})).isEqualTo(1.0);
        assertThat(ListMetrics.gini(new long[] {4})).isEqualTo(0.0);
        // nothing recommended / no list at all: undefined
        assertThat(ListMetrics.gini(new long[] {0, 0})).isNaN();
        assertThat(ListMetrics.gini(new int[][] {{}, null}, 3, 4)).isNaN();
        assertThat(ListMetrics.coverage(new int[][] {null, null}, 3, 4)).isNaN();
        assertThat(ListMetrics.coverage(new int[][] {{}}, 3, 4)).isEqualTo(0.0);
        assertThatThrownBy(() -> ListMetrics.gini(new long[] {1, -1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itemPopularityCountsUsersPerItem() {
        InteractionMatrix train = InteractionMatrix.builder(3, 4, true, false)
                .add(0, 0, 1f).add(0, 1, 2f).add(1, 0, 2f).add(2, 0, 5f).add(2, 3, 1f).build(DuplicatePolicy.ERROR);
        assertThat(ListMetrics.itemPopularity(train)).containsExactly(3, 1, 0, 1);
    }

    @Test
    void cosineOverTrainingColumns() {
        // columns (users 0..2): i0 = (1, 2, 0), i1 = (2, 0, 2), i2 = (0, 0, 0)
        InteractionMatrix train = InteractionMatrix.builder(3, 3, true, false)
                .add(0, 0, 1f).add(1, 0, 2f).add(0, 1, 2f).add(2, 1, 2f).build(DuplicatePolicy.ERROR);
        CosineItemSimilarity sim = new CosineItemSimilarity(train);
        // <i0, i1> = 1*2 = 2; |i0| = sqrt 5, |i1| = sqrt 8 -> 2 / sqrt 40
        assertThat(sim.similarity(0, 1)).isCloseTo(2 / Math.sqrt(40), within(EPS));
        assertThat(sim.similarity(1, 0)).isEqualTo(sim.similarity(0, 1));
        assertThat(sim.similarity(0, 0)).isEqualTo(1.0);
        // an item without training data is similar to nothing, itself included
        assertThat(sim.similarity(0, 2)).isEqualTo(0.0);
        assertThat(sim.similarity(2, 2)).isEqualTo(0.0);
        assertThat(sim.numItems()).isEqualTo(3);
        // implicit data: binary columns i0 = (1, 1, 0), i1 = (1, 0, 1) -> 1 / 2
        InteractionMatrix implicit = InteractionMatrix.builder(3, 3, false, false)
                .add(0, 0, 0f).add(1, 0, 0f).add(0, 1, 0f).add(2, 1, 0f).build(DuplicatePolicy.ERROR);
        assertThat(new CosineItemSimilarity(implicit).similarity(0, 1)).isCloseTo(0.5, within(EPS));
    }
}
