package org.rectransfer.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

class TopKTest {

    /** Few distinct values so that ties are frequent; NaN and the infinities included. */
    private static final float[] VALUES = {
        -1.5f, 0f, 0.5f, 2f, 3f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN};

    /** Naive reference: sort every admissible index (NaN last, then score descending, then index). */
    private static int[] naiveTop(float[] scores, int n, int k, IntPredicate exclude) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (exclude == null || !exclude.test(i)) {
                idx.add(i);
            }
        }
        Comparator<Integer> byNan = Comparator.comparing(i -> Float.isNaN(scores[i]));
        Comparator<Integer> order = byNan
                .thenComparing((a, b) -> Float.isNaN(scores[a]) ? 0 : Float.compare(scores[b], scores[a]))
                .thenComparing(Comparator.naturalOrder());
        idx.sort(order);
        return idx.stream().limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void matchesNaiveFullSortWithManyTies() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int trial = 0; trial < 500; trial++) {
            int n = rng.nextInt(0, 60);
            float[] scores = new float[n + rng.nextInt(3)]; // buffer may be longer than numItems
            for (int i = 0; i < scores.length; i++) {
                scores[i] = VALUES[rng.nextInt(VALUES.length)];
            }
            boolean[] excluded = new boolean[scores.length];
            double pExclude = rng.nextDouble() * 0.5;
            for (int i = 0; i < excluded.length; i++) {
                excluded[i] = rng.nextDouble() < pExclude;
            }
            IntPredicate exclude = trial % 3 == 0 ? null : i -> excluded[i];
            int k = rng.nextInt(0, n + 5); // includes k = 0 and k > n
            TopK top = TopK.select(scores, n, k, exclude);
            int[] expected = naiveTop(scores, n, k, exclude);
            assertThat(top.items()).as("trial %d", trial).containsExactly(expected);
            assertThat(top.size()).isEqualTo(expected.length);
            for (int r = 0; r < expected.length; r++) {
                // reported scores are the raw scores (NaN stays NaN)
                assertThat(Float.floatToIntBits(top.scores()[r])).isEqualTo(Float.floatToIntBits(scores[expected[r]]));
            }
        }
    }

    @Test
    void handCase() {
        float[] s = {1f, 3f, 3f, Float.NaN, 2f, Float.NEGATIVE_INFINITY, 3f};
        // ranking: 3 at items 1, 2, 6 (by index), then 2 (item 4), 1 (item 0), -inf (item 5), NaN (item 3)
        assertThat(TopK.select(s, 7, 10, null).items()).containsExactly(1, 2, 6, 4, 0, 5, 3);
        assertThat(TopK.select(s, 7, 2, null).items()).containsExactly(1, 2);
        // excluding item 2 and 4
        assertThat(TopK.select(s, 7, 3, i -> i == 2 || i == 4).items()).containsExactly(1, 6, 0);
        // numItems limits the candidates to the first 5
        assertThat(TopK.select(s, 5, 5, null).items()).containsExactly(1, 2, 4, 0, 3);
    }

    @Test
    void nanRanksAfterNegativeInfinity() {
        float[] s = {Float.NaN, Float.NEGATIVE_INFINITY, Float.NaN, Float.NEGATIVE_INFINITY};
        TopK top = TopK.select(s, 4, 4, null);
        assertThat(top.items()).containsExactly(1, 3, 0, 2);
        assertThat(TopK.select(s, 4, 1, null).items()).containsExactly(1);
        assertThat(top.scores()[3]).isNaN();
    }

    @Test
    void kZeroAndEmptyAndAllExcluded() {
        float[] s = {1f, 2f};
        assertThat(TopK.select(s, 2, 0, null).items()).isEmpty();
        assertThat(TopK.select(new float[0], 0, 3, null).items()).isEmpty();
        assertThat(TopK.select(s, 2, 3, i -> true).items()).isEmpty();
        assertThatThrownBy(() -> TopK.select(s, 2, -1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
