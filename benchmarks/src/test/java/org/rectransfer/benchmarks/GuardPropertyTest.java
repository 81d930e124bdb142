package org.rectransfer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.benchmarks.harness.BuildInfo;
import org.rectransfer.benchmarks.harness.ConfigBinder;
import org.rectransfer.benchmarks.harness.ExperimentRunner;
import org.rectransfer.benchmarks.harness.Experiments;
import org.rectransfer.benchmarks.harness.StandardDatasets;
import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.core.spi.TransferStrategy;

/**
 * The negative-transfer guard end to end, through the experiment runner, for every registered
 * transfer strategy (defaults, 10 factors where the config has them) on synthetic cold-start
 * data with a known answer:
 * <ul>
 *   <li>unrelated domains (rho = 0): negative transfer never goes unflagged. A strategy whose
 *   cold-start test RMSE is worse than target-only's by more than {@value #HARM} must have been
 *   flagged by the guard on validation (the guard sees only validation data);</li>
 *   <li>related domains (rho = 1): the guard does not cry wolf. No strategy whose test RMSE
 *   beats target-only by more than {@value #CLEAR_GAIN} is flagged.</li>
 * </ul>
 * Tagged slow: every strategy is fitted on two data sets. CI runs it.
 */
@Tag("slow")
class GuardPropertyTest {
    /** Relative test-RMSE loss beyond which the guard must have flagged the strategy. */
    private static final double HARM = 0.01;
    /** Relative test-RMSE gain beyond which the guard must not flag the strategy. */
    private static final double CLEAR_GAIN = 0.03;
    private static final String BASELINE = "target-only(biased-mf)";

    @Test
    void flagsNegativeTransferOnUnrelatedDomainsAndNothingClearlyHelpfulOnRelatedOnes(@TempDir Path dir)
            throws IOException {
        Registry registry = Registry.load();
        ObjectMapper json = ConfigBinder.mapper();
        ObjectNode cfg = json.createObjectNode();
        cfg.put("name", "guard-property");
        cfg.putArray("seeds").add(1);
        ArrayNode datasets = cfg.putArray("datasets");
        for (double rho : new double[] {0.0, 1.0}) {
            ObjectNode d = datasets.addObject();
            d.put("label", "rho=" + rho);
            d.put("type", "synthetic");
            ObjectNode p = d.putObject("params");
            p.put("numUsers", 1000);
            p.put("numSourceItems", 500);
            p.put("numTargetItems", 500);
            p.put("relatedness", rho);
            p.put("seed", 2026);
        }
        ObjectNode split = cfg.putObject("split");
        split.put("type", "cold-start-users");
        split.put("beta", 0.5);
        split.put("validationShare", 0.3);
        cfg.putObject("evaluation").putArray("cutoffs").add(10);
        ObjectNode guard = cfg.putObject("guard");
        guard.put("baseline", "target-only");
        guard.put("fallback", false);
        ArrayNode strategies = cfg.putArray("strategies");
        List<String> ids = new ArrayList<>();
        ids.add(BASELINE);
        ids.add("pooled(biased-mf)");
        TransferPropertyTest.libraryStrategies().forEach(ids::add);
        for (String id : ids) {
            ObjectNode s = strategies.addObject();
            s.put("label", id.equals(BASELINE) ? "target-only" : id);
            s.put("strategy", id);
            TransferStrategy<?> strategy = registry.strategy(id);
            JsonNode defaults = json.valueToTree(strategy.defaultConfig());
            if (defaults.has("factors")) {
                s.putObject("params").put("factors", 10);
            }
        }
        ExperimentRunner runner = new ExperimentRunner(registry, StandardDatasets.create(null),
                new BuildInfo("test", "abc", false));
        List<RunRecord> records = runner.run(Experiments.parse(json.writeValueAsString(cfg), "guard.json"), dir,
                ExperimentRunner.Listener.NONE).records();

        Map<String, List<RunRecord>> byDataset = records.stream()
                .collect(Collectors.groupingBy(RunRecord::dataset));
        List<String> unflaggedHarm = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        for (Map.Entry<String, List<RunRecord>> e : byDataset.entrySet()) {
            RunRecord base = e.getValue().stream().filter(r -> r.strategyLabel().equals("target-only"))
                    .findFirst().orElseThrow();
            double baseRmse = base.metrics().get("rmse");
            for (RunRecord r : e.getValue()) {
                if (r == base) {
                    continue;
                }
                double gain = (baseRmse - r.metrics().get("rmse")) / baseRmse;
                boolean flagged = json.readTree(r.selection()).path("guard").path("flagged").asBoolean(false);
                String line = String.format("%s on %s: test gain %.2f %%, flagged %s", r.strategyLabel(), e.getKey(),
                        100 * gain, flagged);
                if (e.getKey().equals("rho=0.0") && gain < -HARM && !flagged) {
                    unflaggedHarm.add(line);
                }
                if (e.getKey().equals("rho=1.0") && gain > CLEAR_GAIN && flagged) {
                    falseAlarms.add(line);
                }
            }
        }
        assertThat(records).hasSize(2 * ids.size());
        assertThat(unflaggedHarm).as("negative transfer the guard missed").isEmpty();
        assertThat(falseAlarms).as("clear gains the guard flagged").isEmpty();
    }
}
