package org.rectransfer.algorithms.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

/**
 * Similarities, shrinkage and predictions of {@link ItemKnn} and {@link UserKnn} against hand
 * computation on a tiny matrix.
 *
 * <pre>
 *          i0  i1  i2
 *   u0      5   3   4
 *   u1      4   2   .
 *   u2      1   5   2
 *   u3      .   4   5
 *   u4      .   .   .     (no ratings)
 * </pre>
 */
class KnnSimilarityTest {
    /** Similarities are stored as float. */
    private static final double EPS = 1e-6;

    static InteractionMatrix tiny(boolean explicit) {
        return InteractionMatrix.builder(5, 3, explicit, false)
                .add(0, 0, 5).add(0, 1, 3).add(0, 2, 4)
                .add(1, 0, 4).add(1, 1, 2)
                .add(2, 0, 1).add(2, 1, 5).add(2, 2, 2)
                .add(3, 1, 4).add(3, 2, 5)
                .build(DuplicatePolicy.ERROR);
    }

    private static NeighborLists items(Similarity s, double shrinkage) {
        return itemModel(s, shrinkage, 3, Centering.MEAN, tiny(true)).neighbors();
    }

    private static ItemKnnModel itemModel(Similarity s, double shrinkage, int k, Centering c, InteractionMatrix m) {
        return new ItemKnn().fit(m, new ItemKnn.Config(s, shrinkage, k, 10, c, 0, 0), RunContext.of(1));
    }

    private static UserKnnModel userModel(Similarity s, double shrinkage, int k, Centering c) {
        return new UserKnn().fit(tiny(true), new UserKnn.Config(s, shrinkage, k, 10, c, 0, 0), RunContext.of(1));
    }

    @Test
    void itemCosineUsesFullNorms() {
        // |i0| = sqrt(25+16+1) = sqrt(42), |i1| = sqrt(9+4+25+16) = sqrt(54), |i2| = sqrt(16+4+25) = sqrt(45)
        // i0.i1 over {u0,u1,u2} = 15+8+5 = 28; i0.i2 over {u0,u2} = 20+2 = 22; i1.i2 over {u0,u2,u3} = 12+10+20 = 42
        NeighborLists n = items(Similarity.COSINE, 0);
        assertThat(n.similarityTo(0, 1)).isCloseTo((float) (28 / Math.sqrt(42 * 54)), within(1e-6f)); // 0.58795
        assertThat(n.similarityTo(0, 2)).isCloseTo((float) (22 / Math.sqrt(42 * 45)), within(1e-6f)); // 0.50605
        assertThat(n.similarityTo(1, 2)).isCloseTo((float) (42 / Math.sqrt(54 * 45)), within(1e-6f)); // 0.85201
        // best first: i2's neighbours are i1 (0.852) then i0 (0.506)
        assertThat(n.neighbor(2, 0)).isEqualTo(1);
        assertThat(n.neighbor(2, 1)).isEqualTo(0);
    }

    @Test
    void shrinkageMultipliesBySupportOverSupportPlusS() {
        // s = 1: cos(i0,i1) * 3/(3+1), cos(i0,i2) * 2/(2+1)
        NeighborLists n = items(Similarity.COSINE, 1);
        assertThat(n.similarityTo(0, 1)).isCloseTo((float) (28 / Math.sqrt(42 * 54) * 3 / 4), within(1e-6f));
        assertThat(n.similarityTo(0, 2)).isCloseTo((float) (22 / Math.sqrt(42 * 45) * 2 / 3), within(1e-6f));
    }

    @Test
    void itemPearsonCentresOnCoRatedMeansAndDropsNegatives() {
        // i0,i2 over {u0,u2}: (5,1) mean 3 -> (2,-2); (4,2) mean 3 -> (1,-1); 4 / sqrt(8 * 2) = 1
        // i0,i1 over {u0,u1,u2}: (5,4,1), (3,2,5), both means 10/3: cov -48/9, vars 78/9, 42/9 -> -0.839 (dropped)
        // i1,i2 over {u0,u2,u3}: (3,5,4) mean 4, (4,2,5) mean 11/3: cov -2 -> negative (dropped)
        NeighborLists n = items(Similarity.PEARSON, 0);
        assertThat(n.similarityTo(0, 2)).isCloseTo(1f, within(1e-6f));
        assertThat(n.similarityTo(2, 0)).isCloseTo(1f, within(1e-6f));
        assertThat(n.size(0)).isEqualTo(1);
        assertThat(n.size(1)).isZero();
        assertThat(n.similarityTo(0, 1)).isZero();
    }

    @Test
    void adjustedCosineCentresOnUserMeans() {
        // user means: u0 4, u1 3, u2 8/3, u3 9/2
        // i0,i2 over {u0,u2}: i0 residuals (5-4, 1-8/3) = (1, -5/3); i2 residuals (4-4, 2-8/3) = (0, -2/3)
        // dot = 10/9; norms^2 = 34/9 and 4/9 -> (10/9) / (sqrt(136)/9) = 10/sqrt(136) = 0.85749
        NeighborLists n = items(Similarity.ADJUSTED_COSINE, 0);
        assertThat(n.similarityTo(0, 2)).isCloseTo((float) (10 / Math.sqrt(136)), within(1e-6f));
    }

    @Test
    void jaccardIgnoresValues() {
        // |R(i0)| = 3, |R(i1)| = 4, |R(i2)| = 3; co-rated 3, 2, 3
        NeighborLists n = items(Similarity.JACCARD, 0);
        assertThat(n.similarityTo(0, 1)).isEqualTo(0.75f); // 3 / (3+4-3)
        assertThat(n.similarityTo(0, 2)).isEqualTo(0.5f);  // 2 / (3+3-2)
        assertThat(n.similarityTo(1, 2)).isEqualTo(0.75f); // 3 / (4+3-3)
    }

    @Test
    void baselinePearsonCorrelatesBaselineResiduals() {
        // Dampings 0: mu = 35/10 = 3.5; b_i0 = 10/3 - 3.5 = -1/6, b_i1 = 0, b_i2 = 11/3 - 3.5 = 1/6
        // b_u0 = ((5-3.5+1/6) + (3-3.5) + (4-3.5-1/6)) / 3 = 1.5/3 = 1/2
        // b_u2 = ((1-3.5+1/6) + (5-3.5) + (2-3.5-1/6)) / 3 = -2.5/3 = -5/6
        // residuals z = r - mu - b_u - b_i: u0: i0 7/6, i2 -1/6; u2: i0 -3/2, i2 -5/6
        // i0,i2 over {u0,u2}: sum z z = -7/36 + 45/36 = 38/36; sum z^2 = 130/36 and 26/36
        // -> 38 / sqrt(130 * 26) = 0.65362
        NeighborLists n = items(Similarity.BASELINE_PEARSON, 0);
        assertThat(n.similarityTo(0, 2)).isCloseTo((float) (38 / Math.sqrt(130 * 26)), within(1e-6f));
    }

    @Test
    void itemKnnPredictsOffsetPlusWeightedResiduals() {
        // COSINE, item means: i0 10/3, i1 7/2, i2 11/3. u1 rated i0 = 4 and i1 = 2; i2's list: i1, i0.
        double c12 = (float) (42 / Math.sqrt(54 * 45));
        double c02 = (float) (22 / Math.sqrt(42 * 45));
        // k = 1: only i1 -> 11/3 + (2 - 7/2)
        assertThat(itemModel(Similarity.COSINE, 0, 1, Centering.MEAN, tiny(true)).predict(1, 2))
                .isCloseTo(11.0 / 3 - 1.5, within(EPS));
        // k = 2: 11/3 + (c12 (2 - 7/2) + c02 (4 - 10/3)) / (c12 + c02) = 2.97402
        double expected = 11.0 / 3 + (c12 * (2 - 3.5) + c02 * (4 - 10.0 / 3)) / (c12 + c02);
        assertThat(itemModel(Similarity.COSINE, 0, 2, Centering.MEAN, tiny(true)).predict(1, 2))
                .isCloseTo(expected, within(EPS));
    }

    @Test
    void noNeighbourFallsBackToTheOffset() {
        // u4 has no ratings: MEAN gives the item mean 10/3; BASELINE gives mu + b_i0 = 3.5 - 1/6 (b_u4 = 0)
        assertThat(itemModel(Similarity.COSINE, 0, 2, Centering.MEAN, tiny(true)).predict(4, 0))
                .isCloseTo(10.0 / 3, within(EPS));
        assertThat(itemModel(Similarity.COSINE, 0, 2, Centering.BASELINE, tiny(true)).predict(4, 0))
                .isCloseTo(3.5 - 1.0 / 6, within(EPS));
        assertThat(userModel(Similarity.COSINE, 0, 2, Centering.MEAN).predict(4, 0)).isCloseTo(3.5, within(EPS));
    }

    @Test
    void implicitScoreIsSummedSimilarityOfTheUsersItems() {
        // Jaccard on the pattern: s(i2,i1) = 3/4, s(i2,i0) = 1/2; u1 has i0 and i1
        ItemKnnModel m = itemModel(Similarity.JACCARD, 0, 2, Centering.MEAN, tiny(false));
        assertThat(m.predict(1, 2)).isCloseTo(1.25, within(EPS));
        assertThat(itemModel(Similarity.JACCARD, 0, 1, Centering.MEAN, tiny(false)).predict(1, 2))
                .isCloseTo(0.75, within(EPS));
        float[] out = new float[3];
        m.scoreAll(4, out);
        assertThat(out).containsExactly(0f, 0f, 0f);
    }

    @Test
    void userCosineAndPrediction() {
        // |u0| = sqrt(50), |u1| = sqrt(20), |u2| = sqrt(30), |u3| = sqrt(41)
        // u1.u0 over {i0,i1} = 20+6 = 26; u1.u2 = 4+10 = 14; u1.u3 over {i1} = 8
        UserKnnModel k1 = userModel(Similarity.COSINE, 0, 1, Centering.MEAN);
        NeighborLists n = k1.neighbors();
        double s10 = (float) (26 / Math.sqrt(1000)); // 0.82219
        double s12 = (float) (14 / Math.sqrt(600));  // 0.57155
        assertThat(n.similarityTo(1, 0)).isCloseTo((float) s10, within(1e-6f));
        assertThat(n.similarityTo(1, 2)).isCloseTo((float) s12, within(1e-6f));
        assertThat(n.similarityTo(1, 3)).isCloseTo((float) (8 / Math.sqrt(820)), within(1e-6f));
        // user means: u0 4, u1 3, u2 8/3. Raters of i2 in u1's list order: u0 (4), u2 (2), u3 (5)
        // k = 1: 3 + (4 - 4) = 3
        assertThat(k1.predict(1, 2)).isCloseTo(3.0, within(EPS));
        // k = 2: 3 + (s10 (4 - 4) + s12 (2 - 8/3)) / (s10 + s12) = 2.72661
        double expected = 3 + (s10 * 0 + s12 * (2 - 8.0 / 3)) / (s10 + s12);
        assertThat(userModel(Similarity.COSINE, 0, 2, Centering.MEAN).predict(1, 2)).isCloseTo(expected, within(EPS));
    }

    @Test
    void userAdjustedCosineCentresOnItemMeans() {
        // item means: i0 10/3, i1 7/2, i2 11/3. u1,u3 co-rate only i1: (2-7/2)(4-7/2) = -3/4 < 0 -> dropped
        // u0,u1 over {i0,i1}: u0 (5-10/3, 3-7/2) = (5/3, -1/2); u1 (4-10/3, 2-7/2) = (2/3, -3/2)
        // dot = 10/9 + 3/4 = 67/36; norms^2 = 25/9 + 1/4 = 109/36 and 4/9 + 9/4 = 97/36 -> 67 / sqrt(109 * 97)
        NeighborLists n = userModel(Similarity.ADJUSTED_COSINE, 0, 2, Centering.MEAN).neighbors();
        assertThat(n.similarityTo(1, 0)).isCloseTo((float) (67 / Math.sqrt(109 * 97)), within(1e-6f));
        assertThat(n.similarityTo(1, 3)).isZero();
    }

    @Test
    void configsAreValidated() {
        assertThatThrownBy(() -> new ItemKnn.Config(Similarity.COSINE, 0, 0, 10, Centering.MEAN, 0, 0))
                .hasMessageContaining("neighbors");
        assertThatThrownBy(() -> new ItemKnn.Config(Similarity.COSINE, -1, 5, 10, Centering.MEAN, 0, 0))
                .hasMessageContaining("shrinkage");
        assertThatThrownBy(() -> new UserKnn.Config(Similarity.COSINE, 0, 20, 10, Centering.MEAN, 0, 0))
                .hasMessageContaining("modelSize");
        assertThatThrownBy(() -> new UserKnn.Config(null, 0, 20, 20, Centering.MEAN, 0, 0))
                .hasMessageContaining("similarity");
        assertThatThrownBy(() -> new ItemKnn().fit(tiny(false), new ItemKnn().defaultConfig(), RunContext.of(1)))
                .hasMessageContaining("BASELINE_PEARSON").hasMessageContaining("implicit");
        assertThatThrownBy(() -> new ItemKnn().fit(InteractionMatrix.empty(2, 2, true), new ItemKnn().defaultConfig(),
                RunContext.of(1))).hasMessageContaining("at least one");
    }
}
