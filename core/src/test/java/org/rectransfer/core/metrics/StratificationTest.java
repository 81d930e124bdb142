package org.rectransfer.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;

class StratificationTest {

    private static final double EPS = 1e-12;

    @Test
    void meansPerActivityBucket() {
        // user:      0    1    2    3    4    5    6     7
        // activity:  0    0    3    5    6    20   21    100
        // value:     0.1  0.3  0.5  NaN  0.2  0.4  0.9   0.7
        int[] activity = {0, 0, 3, 5, 6, 20, 21, 100, 42}; // user 8 is not evaluated
        int[] users = {0, 1, 2, 3, 4, 5, 6, 7};
        double[] values = {0.1, 0.3, 0.5, Double.NaN, 0.2, 0.4, 0.9, 0.7};
        List<Stratification.Bucket> b = Stratification.stratify(users, values, activity, Stratification.defaultUpperBounds());
        assertThat(b).extracting(Stratification.Bucket::label).containsExactly("0", "1-5", "6-20", ">20");
        assertThat(b).extracting(Stratification.Bucket::min).containsExactly(0, 1, 6, 21);
        assertThat(b).extracting(Stratification.Bucket::max).containsExactly(0, 5, 20, Integer.MAX_VALUE);
        assertThat(b).extracting(Stratification.Bucket::users).containsExactly(2, 2, 2, 2);
        // user 3's NaN is not averaged: bucket 1-5 has one defined value
        assertThat(b).extracting(Stratification.Bucket::usersWithValue).containsExactly(2, 1, 2, 2);
        assertThat(b.get(0).mean()).isCloseTo((0.1 + 0.3) / 2, within(EPS));
        assertThat(b.get(1).mean()).isCloseTo(0.5, within(EPS));
        assertThat(b.get(2).mean()).isCloseTo((0.2 + 0.4) / 2, within(EPS));
        assertThat(b.get(3).mean()).isCloseTo((0.9 + 0.7) / 2, within(EPS));
    }

    @Test
    void customBoundsEmptyBucketsAndEvaluationInput() {
        // bounds {2, 4}: [0, 2], [3, 4], >4; nobody in [3, 4] -> NaN mean, 0 users
        List<Stratification.Bucket> b = Stratification.stratify(new int[] {0, 1}, new double[] {1, 3},
                new int[] {2, 9}, new int[] {2, 4});
        assertThat(b).extracting(Stratification.Bucket::label).containsExactly("0-2", "3-4", ">4");
        assertThat(b.get(1).users()).isZero();
        assertThat(b.get(1).mean()).isNaN();
        assertThat(b.get(2).mean()).isEqualTo(3.0);

        Evaluation e = new Evaluation(Map.of(), Map.of(), new int[] {1, 2}, Map.of("ndcg@5", new double[] {0.25, 0.75}));
        InteractionMatrix train = InteractionMatrix.builder(3, 2, false, false).add(2, 0, 0f).add(2, 1, 0f)
                .build(DuplicatePolicy.ERROR);
        assertThat(Stratification.activity(train)).containsExactly(0, 0, 2);
        List<Stratification.Bucket> fromEval = Stratification.stratify(e, "ndcg@5", Stratification.activity(train),
                new int[] {0, 5});
        assertThat(fromEval.get(0).mean()).isEqualTo(0.25);
        assertThat(fromEval.get(1).mean()).isEqualTo(0.75);
        assertThat(fromEval.get(2).users()).isZero();
        assertThatThrownBy(() -> Stratification.stratify(e, "auc", new int[3], new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidBoundsAreRejected() {
        int[] u = {0};
        double[] v = {1};
        int[] a = {0};
        assertThatThrownBy(() -> Stratification.stratify(u, v, a, new int[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stratification.stratify(u, v, a, new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stratification.stratify(u, v, a, new int[] {5, 5})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stratification.stratify(u, new double[2], a, new int[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stratification.stratify(u, v, new int[] {-3}, new int[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
