package org.rectransfer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.benchmarks.harness.BuildInfo;
import org.rectransfer.benchmarks.harness.ExperimentConfig;
import org.rectransfer.benchmarks.harness.ExperimentRunner;
import org.rectransfer.benchmarks.harness.Experiments;
import org.rectransfer.benchmarks.harness.SplitFactory;
import org.rectransfer.benchmarks.harness.StandardDatasets;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;
import org.rectransfer.core.split.TargetSplit;

/**
 * Validation-only model selection, proven on what a strategy can reach: the runner hands a
 * strategy a {@link TransferTask} whose only target data is the training part. A strategy that
 * tries to read test (or validation) data finds none of it: no test or validation interaction is
 * in the task's target matrix, and the task's type has no component that could carry them.
 */
class ValidationOnlyTest {
    private static final String CONFIG = """
            {
              "name": "spy",
              "seeds": [11],
              "datasets": [{"label": "syn", "type": "synthetic",
                            "params": {"numUsers": 200, "numSourceItems": 80, "numTargetItems": 80, "seed": 9}}],
              "split": {"type": "cold-start-users", "beta": 0.5, "validationShare": 0.3},
              "strategies": [{"label": "spy", "strategy": "spy"}]
            }
            """;

    @Test
    void aStrategyCannotReachValidationOrTestData(@TempDir Path dir) throws IOException {
        SpyStrategy.SEEN.clear();
        ExperimentConfig cfg = Experiments.parse(CONFIG, "spy.json");
        StandardDatasets datasets = StandardDatasets.create(null);
        new ExperimentRunner(Registry.load(), datasets, new BuildInfo("t", "t", false))
                .run(cfg, dir, ExperimentRunner.Listener.NONE);
        assertThat(SpyStrategy.SEEN).hasSize(1);
        TransferTask seen = SpyStrategy.SEEN.get(0);

        // Re-derive the runner's split independently: same seed, same dataset label, same stream.
        CrossDomainData data = datasets.load(cfg.datasets().get(0)).data();
        RunContext splitCtx = new RunContext(11, "split/syn", 1, RunContext.Progress.NONE);
        TargetSplit split = SplitFactory.create(cfg.split(), "syn", l -> null).split(data, splitCtx.random("split"), 0);
        assertThat(split.test().nnz()).isPositive();
        assertThat(split.validation().nnz()).isPositive();

        InteractionMatrix train = seen.targetTrain();
        assertThat(train.contentHash()).isEqualTo(split.train().contentHash());
        assertThat(countShared(train, split.test())).isZero();
        assertThat(countShared(train, split.validation())).isZero();
        for (int u : split.coldTestUsers()) {
            assertThat(train.rowSize(u)).isZero();
        }
        // Sources are complete and carry no target data.
        for (DomainData s : seen.sources()) {
            assertThat(s.name()).isNotEqualTo(data.target().name());
        }
        // The task type itself has nothing but users, sources, target name, items and training data.
        assertThat(Arrays.stream(TransferTask.class.getRecordComponents()).map(RecordComponent::getType).toList())
                .containsExactly(IdIndex.class, java.util.List.class, String.class, IdIndex.class, InteractionMatrix.class);
    }

    private static int countShared(InteractionMatrix a, InteractionMatrix b) {
        int shared = 0;
        for (int u = 0; u < b.numRows(); u++) {
            for (int p = b.rowStart(u); p < b.rowEnd(u); p++) {
                if (a.find(u, b.col(p)) >= 0) {
                    shared++;
                }
            }
        }
        return shared;
    }
}
