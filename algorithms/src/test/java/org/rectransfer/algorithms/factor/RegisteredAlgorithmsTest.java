package org.rectransfer.algorithms.factor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.core.spi.RunContext;

/** Properties every algorithm of the factor, linear and popularity packages must have. */
class RegisteredAlgorithmsTest {

    static final List<String> IDS = List.of("user-mean", "item-mean", "most-popular", "random", "svd-plus-plus",
            "funk-svd", "nmf", "als", "wrmf", "bpr", "pure-svd", "ease", "slim");

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Recommender fit(Algorithm a, InteractionMatrix train, RunContext ctx) {
        return a.fit(train, a.defaultConfig(), ctx);
    }

    @Test
    void allAreRegisteredWithValidDefaultsAndScoreEveryUserFinitely() {
        Registry registry = Registry.load();
        assertThat(registry.algorithmIds()).containsAll(IDS);
        // 300 users (several parallel blocks), users 0 and 150 without training data, ratings in about [1, 5]
        InteractionMatrix train = Fixtures.lowRank(300, 60, 2, 3.0, 0.15, 42, 0, 150);
        for (String id : IDS) {
            Algorithm<?> a = registry.algorithm(id);
            assertThat(a.id()).isEqualTo(id);
            assertThat(a.configType()).isEqualTo(a.defaultConfig().getClass());
            assertThat(a.determinism()).as(id).isEqualTo(Determinism.BIT_IDENTICAL);
            Recommender r = fit(a, train, RunContext.of(1));
            assertThat(r.numUsers()).isEqualTo(300);
            assertThat(r.numItems()).isEqualTo(60);
            Fixtures.assertScoresFiniteAndConsistent(r, 1e-4);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalScoresForOneAndFourThreads() {
        Registry registry = Registry.load();
        InteractionMatrix train = Fixtures.lowRank(300, 60, 2, 3.0, 0.15, 43, 7);
        for (String id : IDS) {
            Algorithm<?> a = registry.algorithm(id);
            Recommender one = fit(a, train, RunContext.of(5));
            Recommender four = fit(a, train, RunContext.of(5).withThreads(4));
            assertThat(Fixtures.sameScores(one, four)).as(id).isTrue();
        }
    }
}
