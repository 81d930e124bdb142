package org.rectransfer.benchmarks.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.metrics.CandidatePolicy;
import org.rectransfer.core.metrics.CandidateSets;
import org.rectransfer.core.metrics.CosineItemSimilarity;
import org.rectransfer.core.metrics.Evaluation;
import org.rectransfer.core.metrics.EvaluationProtocol;
import org.rectransfer.core.metrics.Evaluator;
import org.rectransfer.core.metrics.ItemSimilarity;
import org.rectransfer.core.provenance.Hashing;
import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;
import org.rectransfer.core.split.SplitSpec;
import org.rectransfer.core.split.TargetSplit;
import org.rectransfer.reports.PerUserValues;
import org.rectransfer.reports.RunRecordJson;

/**
 * Runs an {@link ExperimentConfig}: for every dataset, seed, fold and strategy one cell,
 * appended as a {@link RunRecord} line to {@code runs.jsonl} as soon as it finishes, with the
 * cell's per-user test values in {@code per-user/<cellKey>.tsv.gz} beside it.
 *
 * <p>Protocol guarantees:
 * <ul>
 *   <li>The split of a (dataset, seed, fold) is drawn from a stream that depends on the seed and
 *   the dataset label only, so every strategy is scored on the identical split (paired
 *   comparison); sampled negative candidates likewise, drawn once per (dataset, seed, fold) and
 *   stored under {@code candidates/}.</li>
 *   <li>A strategy sees a {@link TransferTask}: source domains and target <em>training</em> data
 *   only. Validation data is used by this runner alone, to choose among the points of a
 *   strategy's {@code search} grid and for the negative-transfer guard; test data is read only
 *   to score the chosen model. Models are fitted on the training part only.</li>
 *   <li>Resume: a cell whose key is already in {@code runs.jsonl} is skipped, so an interrupted
 *   run continues where it stopped without losing or duplicating a cell.</li>
 * </ul>
 */
public final class ExperimentRunner {

    /** Progress of a run; called from the running thread. */
    public interface Listener {
        void cellStarted(String dataset, String strategy, long seed, int fold);

        void cellFinished(RunRecord record, boolean resumed);

        Listener NONE = new Listener() {
            @Override
            public void cellStarted(String dataset, String strategy, long seed, int fold) {
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

    /** Checks strategy ids, parameters and protocols before anything runs, so a typo fails at once. */
    public void validate(ExperimentConfig config) {
        for (ExperimentConfig.StrategySpec spec : config.strategies()) {
            for (ObjectNode point : gridPoints(spec)) {
                resolve(spec, point);
            }
        }
        if (!config.split().path("type").asText().equals("predefined")) {
            SplitFactory.create(config.split(), "", label -> null);
        }
        protocol(config.evaluation());
    }

    public Result run(ExperimentConfig config, Path outDir, Listener listener) throws IOException {
        validate(config);
        Files.createDirectories(outDir);
        Path runs = outDir.resolve("runs.jsonl");
        Map<String, RunRecord> existing = new LinkedHashMap<>();
        if (Files.exists(runs)) {
            for (RunRecord r : RunRecordJson.readAll(runs)) {
                existing.put(r.cellKey(), r);
            }
        }
        EvaluationProtocol protocol = protocol(config.evaluation());
        List<ExperimentConfig.StrategySpec> order = strategyOrder(config);
        List<RunRecord> records = new ArrayList<>();
        int fresh = 0;
        int resumed = 0;
        for (ExperimentConfig.DatasetSpec dspec : config.datasets()) {
            LoadedDataset loaded = datasets.load(dspec);
            SplitSpec splitSpec = SplitFactory.create(config.split(), dspec.label(), label -> loaded.predefined());
            String dataFingerprint = loaded.data().fingerprint();
            for (long seed : config.seeds()) {
                RunContext splitCtx = new RunContext(seed, "split/" + dspec.label(), config.threads(),
                        RunContext.Progress.NONE);
                for (int fold = 0; fold < splitSpec.folds(); fold++) {
                    Group group = null;
                    RunRecord baseline = null;
                    for (ExperimentConfig.StrategySpec sspec : order) {
                        String cellKey = cellKey(config, dataFingerprint, splitSpec, protocol, sspec, seed, fold);
                        RunRecord r = existing.get(cellKey);
                        if (r != null) {
                            resumed++;
                            listener.cellFinished(r, true);
                        } else {
                            if (group == null) {
                                group = new Group(config, loaded, splitSpec, splitCtx, protocol, fold, outDir);
                            }
                            listener.cellStarted(dspec.label(), sspec.label(), seed, fold);
                            r = runCell(config, dspec, group, sspec, seed, cellKey, baseline, outDir);
                            RunRecordJson.append(runs, r);
                            fresh++;
                            listener.cellFinished(r, false);
                        }
                        if (config.guard() != null && sspec.label().equals(config.guard().baseline())) {
                            baseline = r;
                        }
                        records.add(r);
                    }
                }
            }
        }
        return new Result(runs, records, fresh, resumed);
    }

    /** Strategies in config order, except that the guard's baseline runs first. */
    private static List<ExperimentConfig.StrategySpec> strategyOrder(ExperimentConfig config) {
        List<ExperimentConfig.StrategySpec> order = new ArrayList<>(config.strategies());
        if (config.guard() != null) {
            order.sort((a, b) -> Boolean.compare(!a.label().equals(config.guard().baseline()),
                    !b.label().equals(config.guard().baseline())));
        }
        return order;
    }

    private static String cellKey(ExperimentConfig config, String dataFingerprint, SplitSpec splitSpec,
                                  EvaluationProtocol protocol, ExperimentConfig.StrategySpec sspec, long seed, int fold) {
        String guard = config.guard() == null ? "no-guard" : config.guard().toString();
        return Hashing.sha256Hex(String.join("|", dataFingerprint, splitSpec.describe(), protocol.describe(),
                Boolean.toString(config.evaluation().diversity()), sspec.strategy(),
                ConfigBinder.canonicalJson(sspec.params()), ConfigBinder.canonicalJson(searchNode(sspec)),
                String.valueOf(sspec.searchSamples()),
                config.selectionMetric(), guard, Long.toString(seed), Integer.toString(fold)));
    }

    /**
     * What all cells of one (dataset, seed, fold) share: the split, the stored candidate sets,
     * the item similarity and the users' activity counts. Built only when a cell needs to run.
     */
    private static final class Group {
        final LoadedDataset loaded;
        final TargetSplit split;
        final TransferTask task;
        final CandidateSets validationCandidates;
        final CandidateSets testCandidates;
        final Map<String, String> candidateFingerprints = new TreeMap<>();
        final Map<String, Long> candidateSeeds = new TreeMap<>();
        final ItemSimilarity similarity;
        final int[] targetTrain;
        final int[] sourceTrain;
        final long splitSeed;

        Group(ExperimentConfig config, LoadedDataset loaded, SplitSpec spec, RunContext splitCtx,
              EvaluationProtocol protocol, int fold, Path outDir) throws IOException {
            this.loaded = loaded;
            CrossDomainData data = loaded.data();
            splitSeed = splitCtx.seedFor("split");
            split = spec.split(data, splitCtx.random("split"), fold);
            task = new TransferTask(data.users(), data.sources(), data.target().name(), data.target().items(),
                    split.train());
            if (protocol.candidatePolicy() instanceof CandidatePolicy.SampledNegatives) {
                InteractionMatrix[] others = {split.validation(), split.test()};
                long vSeed = splitCtx.seedFor("candidates/validation/" + fold);
                long tSeed = splitCtx.seedFor("candidates/test/" + fold);
                validationCandidates = CandidateSets.sample(protocol, split.validation(), split.train(), others, vSeed);
                testCandidates = CandidateSets.sample(protocol, split.test(), split.train(), others, tSeed);
                candidateSeeds.put("candidates:validation", vSeed);
                candidateSeeds.put("candidates:test", tSeed);
                candidateFingerprints.put("candidates:validation", store(outDir, split, "validation", validationCandidates));
                candidateFingerprints.put("candidates:test", store(outDir, split, "test", testCandidates));
            } else {
                validationCandidates = null;
                testCandidates = null;
            }
            similarity = config.evaluation().diversity() ? new CosineItemSimilarity(split.train()) : null;
            int n = data.users().size();
            targetTrain = new int[n];
            sourceTrain = new int[n];
            for (int u = 0; u < n; u++) {
                targetTrain[u] = split.train().rowSize(u);
                for (DomainData s : data.sources()) {
                    sourceTrain[u] += s.interactions().rowSize(u);
                }
            }
        }

        /** Writes the candidate sets once under {@code candidates/} and returns their fingerprint. */
        private static String store(Path outDir, TargetSplit split, String part, CandidateSets sets) throws IOException {
            Path dir = outDir.resolve("candidates");
            Files.createDirectories(dir);
            Path file = dir.resolve(split.fingerprint().substring(0, 16) + "-" + part + ".tsv");
            if (!Files.exists(file)) {
                Path tmp = Files.createTempFile(dir, "candidates", ".tmp");
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    sets.write(out);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return sets.fingerprint();
        }
    }

    private RunRecord runCell(ExperimentConfig config, ExperimentConfig.DatasetSpec dspec, Group g,
                              ExperimentConfig.StrategySpec sspec, long seed, String cellKey, RunRecord baseline,
                              Path outDir) throws IOException {
        String startedAt = Instant.now().toString();
        resetPeaks();
        LoadedDataset loaded = g.loaded;
        EvaluationProtocol protocol = protocol(config.evaluation());
        RunContext ctx = new RunContext(seed, dspec.label() + "/" + sspec.label() + foldSuffix(g.split.fold()),
                config.threads(), RunContext.Progress.NONE);
        InteractionMatrix[] excludeForValidation = {g.split.train()};
        InteractionMatrix[] excludeForTest = {g.split.train(), g.split.validation()};
        List<ObjectNode> points = gridPoints(sspec);

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
            Recommender model = fit(resolved, g.task, ctx);
            long t1 = System.nanoTime();
            Evaluation validation = g.split.validation().nnz() == 0 ? null
                    : Evaluator.evaluate(model, g.split.validation(), g.split.train(), excludeForValidation, protocol,
                    g.validationCandidates, g.similarity, config.threads());
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

        ObjectNode selection = JsonNodeFactory.instance.objectNode();
        selection.set("space", searchNode(sspec));
        if (sspec.searchSamples() != null) {
            selection.put("randomSamples", sspec.searchSamples());
        }
        selection.put("metric", config.selectionMetric());
        selection.put("fitCell", ctx.cell());
        if (points.size() > 1) {
            selection.set("chosen", bestConfig.searchPoint());
            var arr = selection.putArray("validationScores");
            scores.forEach(arr::add);
        }
        boolean fallBack = guard(config, baseline, bestScore, lowerIsBetter, selection);

        Map<String, Double> metrics;
        Map<String, Long> counts;
        String perUserFile;
        String perUserSha;
        if (fallBack) {
            metrics = baseline.metrics();
            counts = baseline.counts();
            perUserFile = baseline.perUserFile();
            perUserSha = baseline.perUserSha256();
        } else {
            long t3 = System.nanoTime();
            Evaluation test = Evaluator.evaluate(best, g.split.test(), g.split.train(), excludeForTest, protocol,
                    g.testCandidates, g.similarity, config.threads());
            evalNanos += System.nanoTime() - t3;
            metrics = test.metrics();
            counts = test.counts();
            perUserFile = PerUserValues.defaultRelativePath(cellKey);
            perUserSha = PerUserValues.write(outDir.resolve(perUserFile), perUserValues(loaded.data(), test, g));
        }

        Map<String, Double> timings = new TreeMap<>();
        timings.put("fitSeconds", fitNanos / 1e9);
        timings.put("evaluateSeconds", evalNanos / 1e9);
        timings.put("searchPoints", (double) points.size());
        Map<String, Long> derived = new TreeMap<>(g.candidateSeeds);
        derived.put("split", g.splitSeed);
        Map<String, String> fingerprints = new TreeMap<>(loaded.fingerprints());
        fingerprints.put("crossDomain", loaded.data().fingerprint());
        fingerprints.putAll(g.candidateFingerprints);
        return new RunRecord(RunRecord.SCHEMA, config.name(), cellKey, dspec.label(), fingerprints,
                g.split.spec().describe(), g.split.fingerprint(), protocolDescription(config, protocol), sspec.label(),
                bestConfig.strategy().id(), bestConfig.strategy().family().name(), bestConfig.canonicalJson(),
                Hashing.sha256Hex(bestConfig.canonicalJson()), ConfigBinder.canonicalJson(selection), seed,
                g.split.fold(), derived, bestValidation == null ? Map.of() : bestValidation.metrics(), metrics, counts,
                perUserFile, perUserSha, timings, peakHeapBytes(), build.environment(config.threads(), startedAt));
    }

    /**
     * The negative-transfer guard: compares the chosen point's validation score with the
     * baseline's, writes the outcome into {@code selection.guard}, and says whether to fall back.
     */
    private static boolean guard(ExperimentConfig config, RunRecord baseline, double score, boolean lowerIsBetter,
                                 ObjectNode selection) {
        ExperimentConfig.GuardConfig guard = config.guard();
        if (guard == null || baseline == null) {
            return false;
        }
        Double base = baseline.validationMetrics().get(config.selectionMetric());
        ObjectNode node = selection.putObject("guard");
        node.put("baseline", guard.baseline());
        if (base == null || base.isNaN() || Double.isNaN(score)) {
            node.put("flagged", false);
            node.put("reason", "no validation score to compare");
            return false;
        }
        double relativeGain = lowerIsBetter ? (base - score) / base : (score - base) / base;
        boolean flagged = relativeGain < -guard.tolerance();
        node.put("baselineValidation", base);
        node.put("validation", score);
        node.put("relativeGain", relativeGain);
        node.put("flagged", flagged);
        node.put("fellBack", flagged && guard.fallback());
        return flagged && guard.fallback();
    }

    private static PerUserValues perUserValues(CrossDomainData data, Evaluation test, Group g) {
        int[] users = test.users();
        List<String> ids = new ArrayList<>(users.length);
        int[] targetTrain = new int[users.length];
        int[] sourceTrain = new int[users.length];
        for (int i = 0; i < users.length; i++) {
            ids.add(data.users().rawId(users[i]));
            targetTrain[i] = g.targetTrain[users[i]];
            sourceTrain[i] = g.sourceTrain[users[i]];
        }
        SortedMap<String, double[]> values = new TreeMap<>(test.perUser());
        return new PerUserValues(ids, targetTrain, sourceTrain, values);
    }

    private static String foldSuffix(int fold) {
        return fold == 0 ? "" : "/fold-" + fold;
    }

    private static String protocolDescription(ExperimentConfig config, EvaluationProtocol protocol) {
        return protocol.describe() + (config.evaluation().diversity() ? ",diversity=cosine" : "");
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

    /**
     * The points to try: the Cartesian product of the search grid in sorted parameter order (one
     * empty point without a grid), or a random sample of {@code searchSamples} distinct points
     * of it, drawn by a partial Fisher-Yates shuffle from a stream seeded by the strategy label
     * (so every seed and fold tries the same points), kept in grid order.
     */
    static List<ObjectNode> gridPoints(ExperimentConfig.StrategySpec spec) {
        List<ObjectNode> all = fullGrid(spec);
        Integer n = spec.searchSamples();
        if (n == null || n >= all.size()) {
            return all;
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(Hashing.sha256Long("search/" + spec.label()));
        int[] idx = new int[all.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(idx, n);
        java.util.Arrays.sort(chosen);
        List<ObjectNode> out = new ArrayList<>(n);
        for (int i : chosen) {
            out.add(all.get(i));
        }
        return out;
    }

    private static List<ObjectNode> fullGrid(ExperimentConfig.StrategySpec spec) {
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

    static EvaluationProtocol protocol(ExperimentConfig.EvaluationConfig e) {
        EvaluationProtocol base = new EvaluationProtocol(e.minRating(), e.maxRating(), e.relevanceThreshold(),
                e.cutoffs().stream().mapToInt(Integer::intValue).toArray());
        ExperimentConfig.CandidatesConfig c = e.candidates();
        return switch (c.type()) {
            case "full" -> {
                if (c.negatives() != null || c.sampling() != null) {
                    throw new IllegalArgumentException("evaluation.candidates: 'negatives' and 'sampling' belong to "
                            + "type 'sampled', not 'full'");
                }
                yield base;
            }
            case "sampled" -> {
                if (c.negatives() == null) {
                    throw new IllegalArgumentException("evaluation.candidates: type 'sampled' needs 'negatives'");
                }
                String sampling = c.sampling() == null ? "uniform" : c.sampling();
                CandidatePolicy.Sampling s;
                try {
                    s = CandidatePolicy.Sampling.valueOf(sampling.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("evaluation.candidates.sampling '" + sampling
                            + "' is unknown; known: [uniform, popularity]", ex);
                }
                yield base.withCandidatePolicy(new CandidatePolicy.SampledNegatives(c.negatives(), s));
            }
            default -> throw new IllegalArgumentException("evaluation.candidates.type '" + c.type()
                    + "' is unknown; known: [full, sampled]");
        };
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
