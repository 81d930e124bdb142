package org.rectransfer.benchmarks.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.metrics.Evaluation;
import org.rectransfer.core.metrics.EvaluationProtocol;
import org.rectransfer.core.metrics.Evaluator;
import org.rectransfer.core.provenance.Hashing;
import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;
import org.rectransfer.core.split.ColdStartUsers;
import org.rectransfer.core.split.RandomHoldout;
import org.rectransfer.core.split.SplitSpec;
import org.rectransfer.core.split.TargetSplit;
import org.rectransfer.reports.RunRecordJson;

/**
 * Runs an {@link ExperimentConfig}: for every dataset, seed and strategy one cell, appended as a
 * {@link RunRecord} line to {@code runs.jsonl} as soon as it finishes.
 *
 * <p>Protocol guarantees:
 * <ul>
 *   <li>The split of a (dataset, seed) is drawn from a stream that depends on the seed and the
 *   dataset label only, so every strategy is scored on the identical split (paired comparison).</li>
 *   <li>A strategy sees a {@link TransferTask}: source domains and target <em>training</em> data
 *   only. Validation data is used by this runner alone, to choose among the points of a
 *   strategy's {@code search} grid; test data is read only to score the chosen model.</li>
 *   <li>Models are fitted on the training part only (not refitted on train + validation).</li>
 *   <li>Resume: a cell whose key is already in {@code runs.jsonl} is skipped, so an interrupted
 *   run continues where it stopped without losing or duplicating a cell.</li>
 * </ul>
 */
public final class ExperimentRunner {

    /** Progress of a run; called from the running thread. */
    public interface Listener {
        void cellStarted(String dataset, String strategy, long seed);

        void cellFinished(RunRecord record, boolean resumed);

        Listener NONE = new Listener() {
            @Override
            public void cellStarted(String dataset, String strategy, long seed) {
            }

            @Override
            public void cellFinished(RunRecord record, boolean resumed) {
            }
        };
    }

    /** Outcome: every record of the experiment (resumed and new) and where they are. */
    public record Result(Path runsFile, List<RunRecord> records, int newCells, int resumedCells) {
    }

    private final Registry registry;
    private final DatasetProvider datasets;
    private final BuildInfo build;

    public ExperimentRunner(Registry registry, DatasetProvider datasets, BuildInfo build) {
        this.registry = registry;
        this.datasets = datasets;
        this.build = build;
    }

    /** Checks strategy ids and parameters before anything runs, so a typo fails in milliseconds. */
    public void validate(ExperimentConfig config) {
        for (ExperimentConfig.StrategySpec spec : config.strategies()) {
            for (ObjectNode point : gridPoints(spec)) {
                resolve(spec, point);
            }
        }
        splitSpec(config.split());
        protocol(config.evaluation());
    }

    public Result run(ExperimentConfig config, Path outDir, Listener listener) throws IOException {
        validate(config);
        Files.createDirectories(outDir);
        Path runs = outDir.resolve("runs.jsonl");
        Set<String> done = Files.exists(runs) ? RunRecordJson.cellKeys(runs) : Set.of();
        SplitSpec splitSpec = splitSpec(config.split());
        EvaluationProtocol protocol = protocol(config.evaluation());
        List<RunRecord> records = new ArrayList<>();
        Map<String, RunRecord> existing = new LinkedHashMap<>();
        if (Files.exists(runs)) {
            for (RunRecord r : RunRecordJson.readAll(runs)) {
                existing.put(r.cellKey(), r);
            }
        }
        int fresh = 0;
        int resumed = 0;
        for (ExperimentConfig.DatasetSpec dspec : config.datasets()) {
            LoadedDataset loaded = datasets.load(dspec);
            CrossDomainData data = loaded.data();
            String dataFingerprint = data.fingerprint();
            for (long seed : config.seeds()) {
                RunContext splitCtx = new RunContext(seed, "split/" + dspec.label(), config.threads(),
                        RunContext.Progress.NONE);
                TargetSplit split = null;
                for (ExperimentConfig.StrategySpec sspec : config.strategies()) {
                    List<ObjectNode> points = gridPoints(sspec);
                    String searchJson = ConfigBinder.canonicalJson(searchNode(sspec));
                    String cellKey = Hashing.sha256Hex(String.join("|", dataFingerprint, splitSpec.describe(),
                            protocol.describe(), sspec.strategy(), ConfigBinder.canonicalJson(sspec.params()), searchJson,
                            config.selectionMetric(), Long.toString(seed)));
                    if (done.contains(cellKey)) {
                        RunRecord r = existing.get(cellKey);
                        records.add(r);
                        resumed++;
                        listener.cellFinished(r, true);
                        continue;
                    }
                    if (split == null) {
                        split = splitSpec.split(data, splitCtx.random("split"));
                    }
                    listener.cellStarted(dspec.label(), sspec.label(), seed);
                    RunRecord r = runCell(config, dspec, loaded, split, splitCtx, sspec, points, searchJson, seed,
                            protocol, cellKey);
                    RunRecordJson.append(runs, r);
                    records.add(r);
                    fresh++;
                    listener.cellFinished(r, false);
                }
            }
        }
        return new Result(runs, records, fresh, resumed);
    }

    private RunRecord runCell(ExperimentConfig config, ExperimentConfig.DatasetSpec dspec, LoadedDataset loaded,
                              TargetSplit split, RunContext splitCtx, ExperimentConfig.StrategySpec sspec,
                              List<ObjectNode> points, String searchJson, long seed, EvaluationProtocol protocol,
                              String cellKey) {
        String startedAt = Instant.now().toString();
        resetPeaks();
        CrossDomainData data = loaded.data();
        TransferTask task = new TransferTask(data.users(), data.sources(), data.target().name(), data.target().items(),
                split.train());
        RunContext ctx = new RunContext(seed, dspec.label() + "/" + sspec.label(), config.threads(),
                RunContext.Progress.NONE);
        InteractionMatrix[] excludeForValidation = {split.train()};
        InteractionMatrix[] excludeForTest = {split.train(), split.validation()};

        long fitNanos = 0;
        long evalNanos = 0;
        Recommender best = null;
        Resolved bestConfig = null;
        Evaluation bestValidation = null;
        double bestScore = Double.NaN;
        List<Double> scores = new ArrayList<>();
        boolean lowerIsBetter = lowerIsBetter(config.selectionMetric());
        for (ObjectNode point : points) {
            Resolved resolved = resolve(sspec, point);
            long t0 = System.nanoTime();
            Recommender model = fit(resolved, task, ctx);
            long t1 = System.nanoTime();
            Evaluation validation = split.validation().nnz() == 0 ? null
                    : Evaluator.evaluate(model, split.validation(), excludeForValidation, protocol, config.threads());
            long t2 = System.nanoTime();
            fitNanos += t1 - t0;
            evalNanos += t2 - t1;
            double score = validation == null ? Double.NaN : validation.metric(config.selectionMetric());
            scores.add(score);
            boolean better = best == null || (!Double.isNaN(score)
                    && (Double.isNaN(bestScore) || (lowerIsBetter ? score < bestScore : score > bestScore)));
            if (better) {
                best = model;
                bestConfig = resolved;
                bestValidation = validation;
                bestScore = score;
            }
        }
        if (points.size() > 1 && bestValidation == null) {
            throw new IllegalStateException("strategy '" + sspec.label() + "' has a search grid but the split has no "
                    + "validation data to choose with");
        }
        long t3 = System.nanoTime();
        Evaluation test = Evaluator.evaluate(best, split.test(), excludeForTest, protocol, config.threads());
        evalNanos += System.nanoTime() - t3;

        Map<String, Double> timings = new TreeMap<>();
        timings.put("fitSeconds", fitNanos / 1e9);
        timings.put("evaluateSeconds", evalNanos / 1e9);
        timings.put("searchPoints", (double) points.size());
        Map<String, Long> derived = new TreeMap<>();
        derived.put("split", splitCtx.seedFor("split"));
        Map<String, String> fingerprints = new TreeMap<>(loaded.fingerprints());
        fingerprints.put("crossDomain", data.fingerprint());
        ObjectNode selection = JsonNodeFactory.instance.objectNode();
        selection.set("space", searchNode(sspec));
        selection.put("metric", config.selectionMetric());
        selection.put("fitCell", ctx.cell());
        if (points.size() > 1) {
            selection.set("chosen", bestConfig.searchPoint());
            var arr = selection.putArray("validationScores");
            scores.forEach(arr::add);
        }
        return new RunRecord(RunRecord.SCHEMA, config.name(), cellKey, dspec.label(), fingerprints,
                split.spec().describe(), split.fingerprint(), protocol.describe(), sspec.label(),
                bestConfig.strategy().id(), bestConfig.strategy().family().name(), bestConfig.canonicalJson(),
                Hashing.sha256Hex(bestConfig.canonicalJson()), ConfigBinder.canonicalJson(selection), seed, 0, derived,
                bestValidation == null ? Map.of() : bestValidation.metrics(), test.metrics(), test.counts(), null, null,
                timings,
                peakHeapBytes(), build.environment(config.threads(), startedAt));
    }

    static boolean lowerIsBetter(String metric) {
        return metric.equals("rmse") || metric.equals("mae");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Recommender fit(Resolved r, TransferTask task, RunContext ctx) {
        return ((TransferStrategy) r.strategy()).fit(task, r.config(), ctx);
    }

    /** A strategy with its bound config for one search point. */
    record Resolved(TransferStrategy<?> strategy, Record config, String canonicalJson, ObjectNode searchPoint) {
    }

    Resolved resolve(ExperimentConfig.StrategySpec spec, ObjectNode searchPoint) {
        TransferStrategy<?> strategy;
        try {
            strategy = registry.strategy(spec.strategy());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("strategy '" + spec.label() + "': " + e.getMessage(), e);
        }
        ObjectNode params = spec.params().deepCopy();
        searchPoint.fields().forEachRemaining(e -> params.set(e.getKey(), e.getValue()));
        String owner = "strategy '" + spec.label() + "' (" + strategy.id() + ")";
        ObjectNode merged = ConfigBinder.merge(owner, strategy.defaultConfig(), params);
        Record bound = ConfigBinder.bind(owner, merged, strategy.configType());
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put("strategy", strategy.id());
        canonical.set("params", merged);
        return new Resolved(strategy, bound, ConfigBinder.canonicalJson(canonical), searchPoint);
    }

    /** Cartesian product of the search grid in sorted parameter order; one empty point without a grid. */
    static List<ObjectNode> gridPoints(ExperimentConfig.StrategySpec spec) {
        List<ObjectNode> points = new ArrayList<>();
        points.add(JsonNodeFactory.instance.objectNode());
        for (Map.Entry<String, List<JsonNode>> e : new TreeMap<>(spec.search()).entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("strategy '" + spec.label() + "': search list for '" + e.getKey()
                        + "' is empty");
            }
            List<ObjectNode> next = new ArrayList<>();
            for (ObjectNode p : points) {
                for (JsonNode v : e.getValue()) {
                    ObjectNode q = p.deepCopy();
                    q.set(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    private static JsonNode searchNode(ExperimentConfig.StrategySpec spec) {
        return ConfigBinder.mapper().valueToTree(new TreeMap<>(spec.search()));
    }

    static SplitSpec splitSpec(ExperimentConfig.SplitConfig c) {
        return switch (c.type()) {
            case "cold-start-users" -> new ColdStartUsers(orDefault(c.beta(), 0.5), orDefault(c.validationShare(), 0.2));
            case "random-holdout" -> new RandomHoldout(orDefault(c.testFraction(), 0.2),
                    orDefault(c.validationFraction(), 0.1));
            default -> throw new IllegalArgumentException("unknown split type '" + c.type()
                    + "'; known: [cold-start-users, random-holdout]");
        };
    }

    static EvaluationProtocol protocol(ExperimentConfig.EvaluationConfig e) {
        return new EvaluationProtocol(e.minRating(), e.maxRating(), e.relevanceThreshold(),
                e.cutoffs().stream().mapToInt(Integer::intValue).toArray());
    }

    private static double orDefault(Double v, double d) {
        return v == null ? d : v;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isUsageThresholdSupported()) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
