package org.rectransfer.algorithms.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.testing.ColdStartWorld;
import org.rectransfer.core.spi.RunContext;

/** Config validation and the helpers of {@link Tca}. */
class TcaTest {

    private static Tca.Config base() {
        return new Tca().defaultConfig();
    }

    @Test
    void configRejectsBadValuesNamingTheParameter() {
        Tca.Config c = base();
        assertThatThrownBy(() -> new Tca.Config(null, 0, 1, 10, 10, 5, true, 3000, 1, 20, 30, 0.01, 0.05, 0.01, 0.1,
                true)).hasMessageContaining("kernel");
        assertThatThrownBy(() -> new Tca.Config(c.kernel(), -1, 1, 10, 10, 5, true, 3000, 1, 20, 30, 0.01, 0.05, 0.01,
                0.1, true)).hasMessageContaining("gamma").hasMessageContaining("-1");
        assertThatThrownBy(() -> new Tca.Config(c.kernel(), 0, 0, 10, 10, 5, true, 3000, 1, 20, 30, 0.01, 0.05, 0.01,
                0.1, true)).hasMessageContaining("mu");
        assertThatThrownBy(() -> new Tca.Config(c.kernel(), 0, 1, 0, 10, 5, true, 3000, 1, 20, 30, 0.01, 0.05, 0.01,
                0.1, true)).hasMessageContaining("dimensions");
        assertThatThrownBy(() -> new Tca.Config(c.kernel(), 0, 1, 10, 0, 5, true, 3000, 1, 20, 30, 0.01, 0.05, 0.01,
                0.1, true)).hasMessageContaining("featureRank");
        assertThatThrownBy(() -> new Tca.Config(c.kernel(), 0, 1, 10, 10, 5, true, 1, 1, 20, 30, 0.01, 0.05, 0.01,
                0.1, true)).hasMessageContaining("maxKernelSamples");
        assertThatThrownBy(() -> new Tca.Config(c.kernel(), 0, 1, 10, 10, 5, true, 3000, -0.5, 20, 30, 0.01, 0.05,
                0.01, 0.1, true)).hasMessageContaining("mappingRegularization");
        assertThatThrownBy(() -> new Tca.Config(c.kernel(), 0, 1, 10, 10, 5, true, 3000, 1, 0, 30, 0.01, 0.05, 0.01,
                0.1, true)).hasMessageContaining("factors");
    }

    @Test
    void landmarkSampleIsStratifiedSortedAndDistinct() {
        int[] all = Tca.trainingSample(30, 20, 100, new SplittableRandom(1));
        assertThat(all).hasSize(50);
        int[] s = Tca.trainingSample(600, 400, 100, new SplittableRandom(1));
        assertThat(s).hasSize(100).isSorted().doesNotHaveDuplicates();
        long groupA = java.util.Arrays.stream(s).filter(i -> i < 600).count();
        assertThat(groupA).isEqualTo(60); // 60 % of the sample, as in the population
        assertThat(s[s.length - 1]).isLessThan(1000);
        // a tiny group keeps one landmark
        int[] t = Tca.trainingSample(999, 1, 10, new SplittableRandom(2));
        assertThat(t[t.length - 1]).isEqualTo(999);
    }

    @Test
    void standardiseUsesTheFitRowsOnly() {
        double[][] x = {{1, 5}, {3, 5}, {10, 7}};
        Tca.standardise(x, 2);
        assertThat(x[0]).containsExactly(-1, 0);
        assertThat(x[1]).containsExactly(1, 0);
        assertThat(x[2]).containsExactly(8, 2); // mean 2 / sd 1; the constant column is only centred
    }

    @Test
    void rejectsATaskWithoutSources() {
        ColdStartWorld w = ColdStartWorld.generate(3, 60, 0.3);
        var t = w.task();
        var noSource = new org.rectransfer.core.spi.TransferTask(t.users(), java.util.List.of(), t.targetName(),
                t.targetItems(), t.targetTrain());
        assertThatThrownBy(() -> new Tca().fit(noSource, base(), RunContext.of(1)))
                .hasMessageContaining("source");
    }
}
