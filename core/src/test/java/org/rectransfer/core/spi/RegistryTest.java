package org.rectransfer.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;

class RegistryTest {

    private static final String SERVICES = "META-INF/services/";

    /**
     * A class loader that loads classes from the test class path but reads service files from
     * {@code prefix + "META-INF/services/..."} (none at all when {@code prefix} is null), so the
     * test fixtures are visible only to these tests.
     */
    private static final class FixtureLoader extends ClassLoader {
        private final String prefix;

        FixtureLoader(String prefix) {
            super(RegistryTest.class.getClassLoader());
            this.prefix = prefix;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.startsWith(SERVICES)) {
                return prefix == null ? Collections.emptyEnumeration() : getParent().getResources(prefix + name);
            }
            return super.getResources(name);
        }
    }

    private static Registry fixtures() {
        return Registry.load(new FixtureLoader("registry-fixture/"));
    }

    @Test
    void emptyRegistryNamesTheUnknownIdAndWhatExists() {
        Registry empty = Registry.load(new FixtureLoader(null));
        assertThat(empty.algorithmIds()).isEmpty();
        assertThat(empty.strategyIds()).isEmpty();
        assertThat(empty.wrapperIds()).isEmpty();
        assertThatThrownBy(() -> empty.algorithm("biased-mf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'biased-mf'").hasMessageContaining("[]");
        assertThatThrownBy(() -> empty.strategy("cmf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cmf'").hasMessageContaining("[]");
    }

    @Test
    void findsRegisteredServices() {
        Registry r = fixtures();
        assertThat(r.algorithmIds()).containsExactly("constant", "mean");
        assertThat(r.strategyIds()).containsExactly("joint-test");
        assertThat(r.wrapperIds()).containsExactly("target-only-test");
        assertThat(r.algorithm("mean")).isInstanceOf(RegistryFixtures.MeanAlgorithm.class);
        assertThat(r.algorithms()).containsOnlyKeys("constant", "mean");
        assertThatThrownBy(() -> r.algorithms().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.strategy("joint-test").family()).isEqualTo(Family.COLLECTIVE);
    }

    @Test
    void wrapperOfAlgorithmResolvesAndFits() {
        Registry r = fixtures();
        TransferStrategy<?> s = r.strategy("target-only-test(mean)");
        assertThat(s.id()).isEqualTo("target-only-test(mean)");
        assertThat(s.family()).isEqualTo(Family.NONE);
        assertThat(s.configType()).isEqualTo(RegistryFixtures.MeanAlgorithm.Config.class);

        // fit through the wrapper: the mean of the target training ratings (2 + 4) / 2 = 3
        InteractionMatrix train = InteractionMatrix.builder(2, 3, true, false).add(0, 1, 2f).add(1, 2, 4f)
                .build(DuplicatePolicy.ERROR);
        TransferTask task = new TransferTask(IdIndex.of("1", "2"), List.of(), "t", IdIndex.of("a", "b", "c"), train);
        Recommender rec = fitDefault(s, task);
        assertThat(rec.predict(1, 0)).isEqualTo(3.0);
        assertThat(rec.numItems()).isEqualTo(3);
    }

    private static <C extends Record> Recommender fitDefault(TransferStrategy<C> s, TransferTask task) {
        return s.fit(task, s.defaultConfig(), RunContext.of(1));
    }

    @Test
    void unknownIdsListWhatExists() {
        Registry r = fixtures();
        assertThatThrownBy(() -> r.strategy("emcdr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'emcdr'")
                .hasMessageContaining("[joint-test]")
                .hasMessageContaining("[target-only-test]")
                .hasMessageContaining("[constant, mean]");
        assertThatThrownBy(() -> r.strategy("pooled(mean)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pooled'")
                .hasMessageContaining("[target-only-test]");
        assertThatThrownBy(() -> r.strategy("target-only-test(svd)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'svd'")
                .hasMessageContaining("[constant, mean]");
        assertThatThrownBy(() -> r.algorithm("svd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'svd'").hasMessageContaining("[constant, mean]");
    }

    @Test
    void twoClassesWithOneIdAreRejected() {
        assertThatThrownBy(() -> Registry.load(new FixtureLoader("registry-duplicate/")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'constant'")
                .hasMessageContaining("ImpostorAlgorithm");
    }

    @Test
    void defaultLoaderOfCoreSeesNoTestFixtures() {
        // the fixtures must not leak into the real META-INF/services of the core test-jar
        Registry r = Registry.load();
        assertThat(r.algorithmIds()).doesNotContain("constant", "mean");
        assertThat(r.wrapperIds()).doesNotContain("target-only-test");
    }
}
