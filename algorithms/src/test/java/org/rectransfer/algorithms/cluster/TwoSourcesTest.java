package org.rectransfer.algorithms.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;
import org.rectransfer.core.testing.TestData;

/** Several sources are used (concatenated by CBT, pooled by RMGM); no source is a clear error. */
class TwoSourcesTest {

    private static TransferTask task(int copies) {
        CrossDomainData d = TestData.crossDomain(6, 50, 20, 25, 0.3, 0.6);
        DomainData s = d.sources().get(0);
        List<DomainData> sources = copies == 0 ? List.of() : copies == 1 ? List.of(s)
                : List.of(s, new DomainData("source2", s.items(), s.interactions(), s.fingerprint() + "2"));
        return new TransferTask(d.users(), sources, d.target().name(), d.target().items(), d.target().interactions());
    }

    @Test
    void bothStrategiesUseTwoSources() {
        for (var strategy : List.of("cbt", "rmgm")) {
            Recommender r = strategy.equals("cbt")
                    ? new CodebookTransfer().fit(task(2), new CodebookTransfer().defaultConfig(), RunContext.of(3))
                    : new Rmgm().fit(task(2), new Rmgm().defaultConfig(), RunContext.of(3));
            float[] out = new float[r.numItems()];
            for (int u = 0; u < r.numUsers(); u++) {
                r.scoreAll(u, out);
                for (float v : out) {
                    assertThat(Float.isFinite(v)).as("%s score of user %d", strategy, u).isTrue();
                }
            }
        }
    }

    @Test
    void noSourceIsAClearError() {
        assertThatThrownBy(() -> new CodebookTransfer().fit(task(0), new CodebookTransfer().defaultConfig(),
                RunContext.of(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> new Rmgm().fit(task(0), new Rmgm().defaultConfig(), RunContext.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
    }
}
