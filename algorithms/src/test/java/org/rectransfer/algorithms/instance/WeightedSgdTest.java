package org.rectransfer.algorithms.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.CollectiveSgd;
import org.rectransfer.algorithms.mf.SgdParams;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.testing.TestData;

class WeightedSgdTest {
    private static final SgdParams P = new SgdParams(5, 10, 0.01, 0.05, 0.01, 0.1);

    private static InteractionMatrix[] domains() {
        CrossDomainData d = TestData.crossDomain(3, 40, 20, 25, 0.3, 0.6);
        return new InteractionMatrix[] {d.target().interactions(), d.sources().get(0).interactions()};
    }

    @Test
    void unitWeightsAreExactlyCollectiveSgd() {
        InteractionMatrix[] m = domains();
        CollectiveSgd.Result a = CollectiveSgd.train(m, new double[] {1, 1}, true, P, RunContext.of(9));
        float[][] ones = {null, new float[m[1].nnz()]};
        java.util.Arrays.fill(ones[1], 1f);
        CollectiveSgd.Result b = WeightedSgd.train(m, ones, true, P, RunContext.of(9));
        assertThat(b.userFactors()).containsExactly(a.userFactors());
        assertThat(b.itemFactors()[0]).containsExactly(a.itemFactors()[0]);
        assertThat(b.itemBias()[1]).containsExactly(a.itemBias()[1]);
        assertThat(b.userBias()[0]).containsExactly(a.userBias()[0]);
    }

    @Test
    void aUniformPerUserWeightLeavesThatUsersStepsUnchanged() {
        // scaling every rating of every domain by the same constant changes no step (w / wbar = 1)
        InteractionMatrix[] m = domains();
        float[][] half = {new float[m[0].nnz()], new float[m[1].nnz()]};
        java.util.Arrays.fill(half[0], 0.5f);
        java.util.Arrays.fill(half[1], 0.5f);
        CollectiveSgd.Result a = WeightedSgd.train(m, new float[2][], false, P, RunContext.of(4));
        CollectiveSgd.Result b = WeightedSgd.train(m, half, false, P, RunContext.of(4));
        assertThat(b.userFactors()).containsExactly(a.userFactors());
    }

    @Test
    void zeroWeightedSourceLeavesItsItemsUntrainedAndBadWeightsAreRejected() {
        InteractionMatrix[] m = domains();
        CollectiveSgd.Result r = WeightedSgd.train(m, new float[][] {null, new float[m[1].nnz()]}, false, P,
                RunContext.of(2));
        for (float f : r.itemFactors()[1]) {
            assertThat(f).isZero();
        }
        float[] nan = new float[m[1].nnz()];
        nan[0] = Float.NaN;
        assertThatThrownBy(() -> WeightedSgd.train(m, new float[][] {null, nan}, true, P, RunContext.of(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedSgd.train(m, new float[][] {null, new float[1]}, true, P, RunContext.of(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
