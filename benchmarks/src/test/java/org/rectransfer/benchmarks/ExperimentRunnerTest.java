package org.rectransfer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.benchmarks.harness.BuildInfo;
import org.rectransfer.benchmarks.harness.ExperimentConfig;
import org.rectransfer.benchmarks.harness.ExperimentRunner;
import org.rectransfer.benchmarks.harness.Experiments;
import org.rectransfer.benchmarks.harness.StandardDatasets;
import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.reports.RunRecordJson;

class ExperimentRunnerTest {

    private static final String SMALL = """
            {
              "name": "small",
              "seeds": [1, 2],
              "threads": %d,
              "datasets": [{"label": "syn", "type": "synthetic",
                            "params": {"numUsers": 300, "numSourceItems": 150, "numTargetItems": 150, "seed": 5}}],
              "split": {"type": "cold-start-users", "beta": 0.5, "validationShare": 0.3},
              "evaluation": {"cutoffs": [5, 10]},
              "strategies": [
                {"label": "target-only", "strategy": "target-only(biased-mf)", "params": {"factors": 5, "epochs": 10}},
                {"label": "CMF", "strategy": "cmf", "params": {"factors": 5, "epochs": 10},
                 "search": {"regularization": [0.02, 0.1]}},
                {"label": "EMCDR", "strategy": "emcdr", "params": {"factors": 5, "epochs": 10}}
              ]
            }
            """;

    private static ExperimentRunner runner() {
        return new ExperimentRunner(Registry.load(), StandardDatasets.create(null), new BuildInfo("test", "abc", false));
    }

    private static ExperimentConfig small(int threads) {
        return Experiments.parse(SMALL.formatted(threads), "small.json");
    }

    private static Map<String, Map<String, Double>> metricsByCell(List<RunRecord> records) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        for (RunRecord r : records) {
            out.put(r.cellKey(), r.metrics());
        }
        return out;
    }

    @Test
    void sameConfigAndSeedGiveIdenticalMetricsForAnyThreadCount(@TempDir Path dir) throws IOException {
        ExperimentRunner.Result a = runner().run(small(1), dir.resolve("a"), ExperimentRunner.Listener.NONE);
        ExperimentRunner.Result b = runner().run(small(1), dir.resolve("b"), ExperimentRunner.Listener.NONE);
        ExperimentRunner.Result c = runner().run(small(2), dir.resolve("c"), ExperimentRunner.Listener.NONE);
        assertThat(a.records()).hasSize(6);
        assertThat(metricsByCell(b.records())).isEqualTo(metricsByCell(a.records()));
        assertThat(metricsByCell(c.records())).isEqualTo(metricsByCell(a.records()));
        // Byte-identical metric values: compare the JSON text of the metric maps.
        for (int i = 0; i < a.records().size(); i++) {
            assertThat(RunRecordJson.toJsonLine(b.records().get(i)))
                    .contains(metricsJson(a.records().get(i)));
        }
    }

    private static String metricsJson(RunRecord r) {
        String line = RunRecordJson.toJsonLine(r);
        int start = line.indexOf("\"metrics\":");
        return line.substring(start, line.indexOf('}', start) + 1);
    }

    @Test
    void recordsCarryProvenanceAndTheValidationChoice(@TempDir Path dir) throws IOException {
        ExperimentRunner.Result r = runner().run(small(1), dir, ExperimentRunner.Listener.NONE);
        RunRecord cmf = r.records().stream().filter(x -> x.strategyLabel().equals("CMF")).findFirst().orElseThrow();
        assertThat(cmf.strategyId()).isEqualTo("cmf");
        assertThat(cmf.config()).contains("\"factors\":5").contains("\"sharedUserBias\":true");
        assertThat(cmf.configSha256()).hasSize(64);
        assertThat(cmf.selection()).contains("\"chosen\"").contains("validationScores");
        assertThat(cmf.validationMetrics()).containsKey("rmse");
        assertThat(cmf.metrics()).containsKeys("rmse", "mae", "ndcg@5", "ndcg@10", "recall@5", "recall@10");
        assertThat(cmf.datasetFingerprints()).containsKeys("source:source", "target:target", "crossDomain");
        assertThat(cmf.splitFingerprint()).hasSize(64);
        assertThat(cmf.environment().gitCommit()).isEqualTo("abc");
        // Strategies on the same seed are scored on the identical split.
        RunRecord target = r.records().stream()
                .filter(x -> x.strategyLabel().equals("target-only") && x.masterSeed() == cmf.masterSeed())
                .findFirst().orElseThrow();
        assertThat(target.splitFingerprint()).isEqualTo(cmf.splitFingerprint());
        assertThat(target.counts()).isEqualTo(cmf.counts());
    }

    @Test
    void interruptedRunResumesWithoutLosingOrDuplicatingCells(@TempDir Path dir) throws IOException {
        ExperimentRunner.Result full = runner().run(small(1), dir, ExperimentRunner.Listener.NONE);
        Path runs = full.runsFile();
        List<String> lines = Files.readAllLines(runs);
        // Simulate an interruption: the last two cells never finished, the one before was half written.
        String half = lines.get(3).substring(0, lines.get(3).length() / 2);
        Files.writeString(runs, String.join("\n", lines.subList(0, 3)) + "\n" + half);
        ExperimentRunner.Result resumed = runner().run(small(1), dir, ExperimentRunner.Listener.NONE);
        assertThat(resumed.resumedCells()).isEqualTo(3);
        assertThat(resumed.newCells()).isEqualTo(3);
        List<RunRecord> stored = RunRecordJson.readAll(runs);
        assertThat(stored).hasSize(6);
        assertThat(stored.stream().map(RunRecord::cellKey).distinct().count()).isEqualTo(6);
        assertThat(metricsByCell(stored)).isEqualTo(metricsByCell(full.records()));
    }

    private static final String PROTOCOLS = """
            {
              "name": "protocols",
              "seeds": [3],
              "datasets": [{"label": "unrelated", "type": "synthetic",
                            "params": {"numUsers": 300, "numSourceItems": 150, "numTargetItems": 150,
                                       "relatedness": 0.0, "seed": 5}}],
              "split": {"type": "k-fold", "k": 3, "byUser": true, "validationFraction": 0.2},
              "evaluation": {"cutoffs": [5], "candidates": {"type": "sampled", "negatives": 20, "sampling": "popularity"}},
              "guard": {"baseline": "target-only", "fallback": true},
              "strategies": [
                {"label": "fine-tune", "strategy": "fine-tune", "params": {"factors": 5, "epochs": 10}},
                {"label": "target-only", "strategy": "target-only(biased-mf)", "params": {"factors": 5, "epochs": 10}}
              ]
            }
            """;

    @Test
    void foldsSampledCandidatesPerUserFilesAndTheGuard(@TempDir Path dir) throws IOException {
        ExperimentRunner.Result r = runner().run(Experiments.parse(PROTOCOLS, "protocols.json"), dir,
                ExperimentRunner.Listener.NONE);
        // 3 folds x 2 strategies; the guard's baseline runs first in every fold.
        assertThat(r.records()).hasSize(6);
        assertThat(r.records()).extracting(RunRecord::fold).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(r.records().get(0).strategyLabel()).isEqualTo("target-only");
        for (RunRecord rec : r.records()) {
            assertThat(rec.protocol()).contains("sampled-negatives(n=20,sampling=popularity)");
            assertThat(rec.datasetFingerprints()).containsKeys("candidates:validation", "candidates:test");
            assertThat(rec.derivedSeeds()).containsKeys("split", "candidates:test");
            Path perUser = dir.resolve(rec.perUserFile());
            assertThat(perUser).exists();
            assertThat(org.rectransfer.reports.PerUserValues.sha256(perUser)).isEqualTo(rec.perUserSha256());
        }
        // Both strategies of a fold are ranked against the same stored candidates.
        for (int f = 0; f < 3; f++) {
            int fold = f;
            List<RunRecord> inFold = r.records().stream().filter(x -> x.fold() == fold).toList();
            assertThat(inFold.get(0).datasetFingerprints().get("candidates:test"))
                    .isEqualTo(inFold.get(1).datasetFingerprints().get("candidates:test"));
            assertThat(inFold.get(0).splitFingerprint()).isEqualTo(inFold.get(1).splitFingerprint());
        }
        try (var files = Files.list(dir.resolve("candidates"))) {
            assertThat(files.count()).isEqualTo(6);
        }
        // Unrelated domains: fine-tune is worse on validation, the guard flags it and falls back,
        // so its test metrics are exactly the baseline's.
        for (int f = 0; f < 3; f++) {
            RunRecord base = r.records().get(2 * f);
            RunRecord ft = r.records().get(2 * f + 1);
            assertThat(ft.selection()).contains("\"flagged\":true").contains("\"fellBack\":true");
            assertThat(ft.metrics()).isEqualTo(base.metrics());
            assertThat(ft.perUserFile()).isEqualTo(base.perUserFile());
            assertThat(ft.validationMetrics().get("rmse")).isGreaterThan(base.validationMetrics().get("rmse"));
        }
    }

    @Test
    void guardWithoutFallbackOnlyFlags(@TempDir Path dir) throws IOException {
        String cfg = PROTOCOLS.replace("\"fallback\": true", "\"fallback\": false");
        ExperimentRunner.Result r = runner().run(Experiments.parse(cfg, "p.json"), dir, ExperimentRunner.Listener.NONE);
        RunRecord base = r.records().get(0);
        RunRecord ft = r.records().get(1);
        assertThat(ft.selection()).contains("\"flagged\":true").contains("\"fellBack\":false");
        assertThat(ft.metrics()).isNotEqualTo(base.metrics());
    }

    @Test
    void randomSearchTriesTheSameSeededSampleOfGridPointsForEverySeed(@TempDir Path dir) throws IOException {
        String cfg = SMALL.formatted(1).replace("\"search\": {\"regularization\": [0.02, 0.1]}}",
                "\"search\": {\"regularization\": [0.01, 0.02, 0.1], \"learningRate\": [0.005, 0.01, 0.02]},"
                        + " \"searchSamples\": 4}");
        ExperimentRunner.Result r = runner().run(Experiments.parse(cfg, "r.json"), dir, ExperimentRunner.Listener.NONE);
        List<RunRecord> cmf = r.records().stream().filter(x -> x.strategyLabel().equals("CMF")).toList();
        assertThat(cmf).hasSize(2);
        for (RunRecord rec : cmf) {
            assertThat(rec.selection()).contains("\"randomSamples\":4");
            assertThat(rec.timingsSeconds().get("searchPoints")).isEqualTo(4.0);
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rec.selection());
            assertThat(tree.get("validationScores")).hasSize(4);
        }
        // The chosen point is one of the 9 grid points, and the sample does not depend on the seed.
        var points = org.rectransfer.benchmarks.harness.ExperimentRunnerAccess.points(
                Experiments.parse(cfg, "r.json").strategies().get(1));
        assertThat(points).hasSize(4);
        assertThat(points).isEqualTo(org.rectransfer.benchmarks.harness.ExperimentRunnerAccess.points(
                Experiments.parse(cfg, "r.json").strategies().get(1)));
    }

    @Test
    void unknownSplitTypeAndParameterAreNamed(@TempDir Path dir) {
        ExperimentConfig typo = Experiments.parse(SMALL.formatted(1).replace("cold-start-users", "cold-users"), "x.json");
        assertThatThrownBy(() -> runner().run(typo, dir, ExperimentRunner.Listener.NONE))
                .hasMessageContaining("unknown split type 'cold-users'").hasMessageContaining("cold-start-users");
        ExperimentConfig param = Experiments.parse(SMALL.formatted(1).replace("\"beta\"", "\"betta\""), "x.json");
        assertThatThrownBy(() -> runner().run(param, dir, ExperimentRunner.Listener.NONE))
                .hasMessageContaining("'betta'").hasMessageContaining("beta");
    }

    @Test
    void unknownStrategyIsNamedWithWhatExists(@TempDir Path dir) {
        ExperimentConfig cfg = Experiments.parse(SMALL.formatted(1).replace("\"cmf\"", "\"cfm\""), "x.json");
        assertThatThrownBy(() -> runner().run(cfg, dir, ExperimentRunner.Listener.NONE))
                .hasMessageContaining("unknown strategy 'cfm'")
                .hasMessageContaining("cmf")
                .hasMessageContaining("emcdr");
    }

    @Test
    void unknownAlgorithmInAWrapperIsNamedWithWhatExists(@TempDir Path dir) {
        ExperimentConfig cfg = Experiments.parse(SMALL.formatted(1).replace("target-only(biased-mf)",
                "target-only(svd)"), "x.json");
        assertThatThrownBy(() -> runner().run(cfg, dir, ExperimentRunner.Listener.NONE))
                .hasMessageContaining("unknown algorithm 'svd'")
                .hasMessageContaining("biased-mf");
    }

    @Test
    void unknownParameterIsNamedWithTheParameterList(@TempDir Path dir) {
        ExperimentConfig cfg = Experiments.parse(SMALL.formatted(1).replace("\"epochs\": 10}},",
                "\"epochs\": 10, \"learnRate\": 0.1}},"), "x.json");
        assertThatThrownBy(() -> runner().run(cfg, dir, ExperimentRunner.Listener.NONE))
                .hasMessageContaining("'learnRate'")
                .hasMessageContaining("learningRate")
                .hasMessageContaining("target-only");
    }

    @Test
    void invalidParameterValueIsExplained(@TempDir Path dir) {
        ExperimentConfig cfg = Experiments.parse(SMALL.formatted(1).replace("\"factors\": 5, \"epochs\": 10}},",
                "\"factors\": 0, \"epochs\": 10}},"), "x.json");
        assertThatThrownBy(() -> runner().run(cfg, dir, ExperimentRunner.Listener.NONE))
                .hasMessageContaining("factors must be >= 1");
    }

    @Test
    void unknownConfigFieldAndDatasetTypeAreNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> Experiments.parse(SMALL.formatted(1).replace("\"seeds\"", "\"seed\""), "x.json"))
                .hasMessageContaining("x.json").hasMessageContaining("'seed'").hasMessageContaining("seeds");
        ExperimentConfig cfg = Experiments.parse(SMALL.formatted(1).replace("\"synthetic\"", "\"movielens\""), "x.json");
        assertThatThrownBy(() -> runner().run(cfg, dir, ExperimentRunner.Listener.NONE))
                .hasMessageContaining("unknown dataset type 'movielens'").hasMessageContaining("douban");
    }
}
