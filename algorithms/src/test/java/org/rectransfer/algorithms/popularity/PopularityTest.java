package org.rectransfer.algorithms.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.factor.Fixtures;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TopK;

class PopularityTest {

    /**
     * 4 users x 3 items, user 3 without data:
     * u0: i0=5, i1=3;  u1: i0=4;  u2: i1=1, i2=2.   mu = 15 / 5 = 3.
     */
    private static InteractionMatrix tiny() {
        return InteractionMatrix.builder(4, 3, true, false)
                .add(0, 0, 5).add(0, 1, 3).add(1, 0, 4).add(2, 1, 1).add(2, 2, 2)
                .build(DuplicatePolicy.ERROR);
    }

    @Test
    void itemMeanIsDampedTowardTheGlobalMean() {
        // damping 2: i0 = (9 + 6) / 4 = 3.75; i1 = (4 + 6) / 4 = 2.5; i2 = (2 + 6) / 3 = 8/3
        Recommender r = new ItemMean().fit(tiny(), new ItemMean.Config(2), RunContext.of(1));
        assertThat(r.predict(3, 0)).isCloseTo(3.75, within(1e-6));
        assertThat(r.predict(0, 1)).isCloseTo(2.5, within(1e-6));
        assertThat(r.predict(1, 2)).isCloseTo(8.0 / 3, within(1e-6));
        Recommender plain = new ItemMean().fit(tiny(), new ItemMean.Config(0), RunContext.of(1));
        assertThat(plain.predict(0, 0)).isCloseTo(4.5, within(1e-6));
        Fixtures.assertScoresFiniteAndConsistent(r, 0);
    }

    @Test
    void itemWithoutRatingsGetsTheGlobalMean() {
        InteractionMatrix m = InteractionMatrix.builder(2, 3, true, false).add(0, 0, 5).add(1, 1, 1)
                .build(DuplicatePolicy.ERROR);
        Recommender r = new ItemMean().fit(m, new ItemMean.Config(0), RunContext.of(1));
        assertThat(r.predict(0, 2)).isEqualTo(3.0);
    }

    @Test
    void userMeanIsDampedTowardTheGlobalMeanAndColdUsersGetIt() {
        // damping 1: u0 = (8 + 3) / 3 = 11/3; u1 = (4 + 3) / 2 = 3.5; u2 = (3 + 3) / 3 = 2; u3 = 3
        Recommender r = new UserMean().fit(tiny(), new UserMean.Config(1), RunContext.of(1));
        assertThat(r.predict(0, 2)).isCloseTo(11.0 / 3, within(1e-6));
        assertThat(r.predict(1, 0)).isCloseTo(3.5, within(1e-6));
        assertThat(r.predict(2, 1)).isCloseTo(2.0, within(1e-6));
        float[] out = new float[3];
        r.scoreAll(3, out);
        assertThat(out).containsOnly(3f);
        assertThatThrownBy(() -> new UserMean.Config(-1)).hasMessageContaining("damping");
    }

    @Test
    void mostPopularRanksByTrainingCountWithTiesByIndex() {
        Fixtures.Split data = Fixtures.blocks(120, 40, 4, 0.5, 0.1, 0.0, 9, 3);
        InteractionMatrix train = data.train();
        Recommender r = new MostPopular().fit(train, new MostPopular.Config(), RunContext.of(1));
        int[] counts = new int[40];
        for (int p = 0; p < train.nnz(); p++) {
            counts[train.col(p)]++;
        }
        Integer[] expected = new Integer[40];
        for (int i = 0; i < 40; i++) {
            expected[i] = i;
        }
        Arrays.sort(expected, Comparator.<Integer>comparingInt(i -> -counts[i]).thenComparingInt(i -> i));
        for (int u : new int[] {0, 3, 77}) { // the same order for everyone, including cold user 3
            TopK top = r.recommend(u, 40, null, new float[40]);
            assertThat(Arrays.stream(top.items()).boxed().toArray(Integer[]::new)).containsExactly(expected);
        }
        assertThat(r.predict(5, expected[0])).isEqualTo(counts[expected[0]]);
        // exclusion works as with every recommender: the most popular item removed
        TopK top = r.recommend(0, 1, i -> i == expected[0], new float[40]);
        assertThat(top.items()).containsExactly(expected[1]);
    }

    @Test
    void randomScoresAreSeededUniformAndConsistent() {
        InteractionMatrix train = Fixtures.blocks(50, 200, 2, 0.2, 0.1, 0.0, 1).train();
        RandomScores alg = new RandomScores();
        Recommender a = alg.fit(train, alg.defaultConfig(), RunContext.of(1));
        Recommender b = alg.fit(train, alg.defaultConfig(), RunContext.of(1).withThreads(4));
        Recommender c = alg.fit(train, alg.defaultConfig(), RunContext.of(2));
        assertThat(Fixtures.sameScores(a, b)).isTrue();
        assertThat(Fixtures.sameScores(a, c)).isFalse();
        Fixtures.assertScoresFiniteAndConsistent(a, 0);
        float[] out = new float[200];
        double sum = 0;
        int below = 0;
        float[] previous = null;
        for (int u = 0; u < 50; u++) {
            a.scoreAll(u, out);
            for (float s : out) {
                assertThat(s).isBetween(0f, 1f).isLessThan(1f);
                sum += s;
                below += s < 0.25 ? 1 : 0;
            }
            if (previous != null) {
                assertThat(out).isNotEqualTo(previous); // users get different orders
            }
            previous = out.clone();
        }
        assertThat(sum / 10_000).isCloseTo(0.5, within(0.02));
        assertThat(below / 10_000.0).isCloseTo(0.25, within(0.02));
    }
}
