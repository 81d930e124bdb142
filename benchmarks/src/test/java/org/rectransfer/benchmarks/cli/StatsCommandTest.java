package org.rectransfer.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rectransfer.benchmarks.harness.ExperimentConfig;
import org.rectransfer.benchmarks.harness.Experiments;
import org.rectransfer.benchmarks.harness.StandardDatasets;
import org.rectransfer.core.data.CrossDomainData;

class StatsCommandTest {

    @Test
    void statisticsOfAnExperimentsDatasetsMatchTheData() {
        ExperimentConfig cfg = Experiments.parse("""
                {"name": "s", "seeds": [1],
                 "datasets": [{"label": "syn", "type": "synthetic",
                               "params": {"numUsers": 100, "numSourceItems": 40, "numTargetItems": 30, "seed": 3}}],
                 "split": {"type": "random-holdout"},
                 "strategies": [{"strategy": "target-only(global-mean)"}]}
                """, "s.json");
        StandardDatasets datasets = StandardDatasets.create(null);
        CrossDomainData data = datasets.load(cfg.datasets().get(0)).data();
        String md = Main.datasetStatistics(cfg, datasets);
        assertThat(md).contains("## syn (synthetic)");
        // every user is in both domains by default: the pair row shows all 100 users
        assertThat(md).contains("| source & target | 100 |");
        assertThat(md).contains(String.format("%,d", data.target().interactions().nnz()));
        assertThat(md).contains(String.format("%,d", data.sources().get(0).interactions().nnz()));
    }
}
