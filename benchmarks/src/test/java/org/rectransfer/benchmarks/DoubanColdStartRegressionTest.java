package org.rectransfer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.benchmarks.harness.BuildInfo;
import org.rectransfer.benchmarks.harness.ExperimentConfig;
import org.rectransfer.benchmarks.harness.ExperimentRunner;
import org.rectransfer.benchmarks.harness.Experiments;
import org.rectransfer.benchmarks.harness.StandardDatasets;
import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.core.spi.Registry;

/**
 * Accuracy regression on real data (LensKit-style pin of measured values): Douban music -> book,
 * cold-start users with beta = 0.5, three seeds, validation-only selection of the
 * regularisation. Measured on 2026-11-30: target-only 0.8413 ± 0.0104 RMSE on the cold test
 * users, EMCDR with bias transfer 0.8320 ± 0.0095 (+1.1 %, better on each seed), in line with the
 * 1-3 % bias-transfer gain on this pair reported in METHODS.md.
 *
 * <p>Pins: target-only's cold-user RMSE lies in [{@value #TARGET_ONLY_MIN}, {@value #TARGET_ONLY_MAX}]
 * (a fallback to mean + item bias on 1-5 star data; far outside means the split or the model
 * broke), and EMCDR beats it on every seed. Tagged slow: CI runs it, local runs skip it.
 */
@Tag("slow")
class DoubanColdStartRegressionTest {
    private static final double TARGET_ONLY_MIN = 0.80;
    private static final double TARGET_ONLY_MAX = 0.89;

    private static final String CONFIG = """
            {
              "name": "douban-regression",
              "seeds": [1, 2, 3],
              "threads": 2,
              "datasets": [{"label": "douban", "type": "douban", "params": {"source": "music", "target": "book"}}],
              "split": {"type": "cold-start-users", "beta": 0.5, "validationShare": 0.2},
              "evaluation": {"cutoffs": []},
              "strategies": [
                {"label": "target-only", "strategy": "target-only(biased-mf)", "params": {"factors": 20},
                 "search": {"regularization": [0.02, 0.05, 0.1]}},
                {"label": "EMCDR", "strategy": "emcdr", "params": {"factors": 20},
                 "search": {"regularization": [0.02, 0.05, 0.1]}}
              ]
            }
            """;

    @Test
    void emcdrWithBiasTransferBeatsTargetOnlyOnColdUsers(@TempDir Path dir) throws IOException {
        ExperimentConfig cfg = Experiments.parse(CONFIG, "douban-regression");
        ExperimentRunner runner = new ExperimentRunner(Registry.load(), StandardDatasets.create(null),
                new BuildInfo("test", "test", false));
        ExperimentRunner.Result result = runner.run(cfg, dir, ExperimentRunner.Listener.NONE);
        assertThat(result.records()).hasSize(6);
        for (long seed = 1; seed <= 3; seed++) {
            double targetOnly = rmse(result, "target-only", seed);
            double emcdr = rmse(result, "EMCDR", seed);
            assertThat(targetOnly).as("target-only RMSE, seed %d", seed).isBetween(TARGET_ONLY_MIN, TARGET_ONLY_MAX);
            assertThat(emcdr).as("EMCDR RMSE vs target-only %f, seed %d", targetOnly, seed).isLessThan(targetOnly);
        }
    }

    private static double rmse(ExperimentRunner.Result result, String label, long seed) {
        RunRecord r = result.records().stream()
                .filter(x -> x.strategyLabel().equals(label) && x.masterSeed() == seed)
                .findFirst().orElseThrow();
        assertThat(r.counts().get("users")).isGreaterThan(500L);
        return r.metrics().get("rmse");
    }
}
