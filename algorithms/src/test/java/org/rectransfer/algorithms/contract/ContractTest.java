package org.rectransfer.algorithms.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.testing.TestData;

/**
 * Runs {@link StrategyContract} on every registered strategy, and on {@code target-only(a)}
 * and {@code pooled(a)} for every registered algorithm {@code a}, with default configs, on a
 * small random cross-domain data set that has warm users, cold users (source data only) and
 * one user with no data at all. New algorithms are covered as soon as they are registered.
 */
class ContractTest {

    /**
     * Algorithms whose fit draws no random numbers: for them another seed must give identical
     * scores; for all others it must change them.
     */
    private static final Set<String> DETERMINISTIC = Set.of("global-mean", "bias-baseline", "user-mean", "item-mean",
            "most-popular", "item-knn", "user-knn", "slope-one", "pure-svd", "ease", "slim");

    /**
     * Strategies that accept exactly one source domain, as their paper defines them; every other
     * strategy must use a second source (its scores must change when one is added).
     */
    private static final Set<String> SINGLE_SOURCE = Set.of("ptupcdr",
            "fine-tune" /* with its default IDENTITY mapping; mapping LINEAR takes several */);

    /**
     * Strategies that may drop a whole source judged inconsistent with the target; the random
     * second source of the check is such a source, so for them only finite scores are required.
     */
    private static final Set<String> SELECTIVE = Set.of("instance-selection");

    /**
     * Algorithms that need rating values with their default config: under {@code implicit(...)}
     * they must refuse the binarised matrix with a clear error instead of fitting on ones (the
     * KNNs accept it with COSINE or JACCARD similarity).
     */
    private static final Set<String> EXPLICIT_ONLY = Set.of("biased-mf", "funk-svd", "svd-plus-plus", "als",
            "slope-one", "item-knn", "user-knn");

    /** Algorithms whose target-item scores cannot depend on other columns, so pooling adds nothing. */
    private static final Set<String> COLUMN_LOCAL = Set.of("most-popular", "random");

    static Stream<String> strategyIds() {
        Registry r = Registry.load();
        List<String> ids = new ArrayList<>(r.strategyIds());
        for (String a : r.algorithmIds()) {
            for (String w : r.wrapperIds()) {
                ids.add(w + "(" + a + ")");
            }
        }
        return ids.stream().sorted();
    }

    static CrossDomainData data() {
        CrossDomainData d = TestData.crossDomain(7, 60, 25, 30, 0.3, 0.6);
        return withUserWithoutData(d);
    }

    /** The same data with one extra user ("zz-nobody", sorted last) who has no interaction anywhere. */
    static CrossDomainData withUserWithoutData(CrossDomainData d) {
        List<String> ids = new ArrayList<>();
        for (int u = 0; u < d.users().size(); u++) {
            ids.add(d.users().rawId(u));
        }
        ids.add("zz-nobody");
        IdIndex users = IdIndex.of(ids);
        int[] map = new int[d.users().size()];
        for (int u = 0; u < map.length; u++) {
            map[u] = users.require(d.users().rawId(u));
        }
        List<DomainData> sources = new ArrayList<>();
        for (DomainData s : d.sources()) {
            sources.add(remap(s, users.size(), map));
        }
        return new CrossDomainData(users, sources, remap(d.target(), users.size(), map));
    }

    private static DomainData remap(DomainData d, int numUsers, int[] map) {
        InteractionMatrix m = d.interactions().remapRows(numUsers, map);
        return new DomainData(d.name(), d.items(), m, d.fingerprint() + "+nobody");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategyIds")
    void meetsTheContract(String id) throws Exception {
        CrossDomainData data = data();
        assertThat(StrategyContract.countColdUsers(data)).isPositive();
        assertThat(StrategyContract.countUsersWithoutData(data)).isEqualTo(1);
        TransferStrategy<?> s = Registry.load().strategy(id);
        String algorithm = id.contains("(") ? id.substring(id.indexOf('(') + 1, id.length() - 1) : id;
        if (id.startsWith("implicit(") && EXPLICIT_ONLY.contains(algorithm)) {
            assertThatThrownBy(() -> StrategyContract.fit(s, s.defaultConfig(), StrategyContract.task(data),
                    RunContext.of(17))).as("%s must refuse implicit data", id)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageMatching("(?s).*(explicit|rating values).*");
            return;
        }
        boolean stochastic = !DETERMINISTIC.contains(algorithm);
        StrategyContract.check(s, s.defaultConfig(), data, stochastic);
    }

    /**
     * Multi-source support: with a second source domain (a random matrix over the same users,
     * its own items), a strategy either uses it (finite scores for every user, and different from
     * the single-source fit) or, if it is one of {@link #SINGLE_SOURCE}, refuses with an error
     * that says so. {@code target-only(...)} and {@code implicit(...)} ignore sources by definition, and so do the
     * {@link #COLUMN_LOCAL} algorithms under any wrapper.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strategyIds")
    void usesOrRefusesASecondSource(String id) {
        if (id.startsWith("target-only(") || id.startsWith("implicit(") || COLUMN_LOCAL.stream().anyMatch(a -> id.endsWith("(" + a + ")"))) {
            return;
        }
        CrossDomainData one = data();
        InteractionMatrix extra = TestData.matrix(99, one.users().size(), 20, 0.3);
        IdIndex extraItems = IdIndex.of(TestData.numericIds(20));
        DomainData second = new DomainData("second", extraItems, extra,
                DomainData.contentFingerprint(one.users(), extraItems, extra));
        CrossDomainData two = new CrossDomainData(one.users(), List.of(one.sources().get(0), second), one.target());
        TransferStrategy<?> s = Registry.load().strategy(id);
        if (SINGLE_SOURCE.contains(id)) {
            assertThatThrownBy(() -> StrategyContract.fit(s, s.defaultConfig(), StrategyContract.task(two),
                    RunContext.of(17))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
            return;
        }
        float[][] withOne = StrategyContract.scores(StrategyContract.fit(s, s.defaultConfig(),
                StrategyContract.task(one), RunContext.of(17)));
        float[][] withTwo = StrategyContract.scores(StrategyContract.fit(s, s.defaultConfig(),
                StrategyContract.task(two), RunContext.of(17)));
        for (float[] row : withTwo) {
            for (float v : row) {
                assertThat(Float.isFinite(v)).as("%s with two sources: finite scores", id).isTrue();
            }
        }
        if (!SELECTIVE.contains(id)) {
            assertThat(java.util.Arrays.deepEquals(withOne, withTwo)).as("%s must use the second source", id).isFalse();
        }
    }
}
