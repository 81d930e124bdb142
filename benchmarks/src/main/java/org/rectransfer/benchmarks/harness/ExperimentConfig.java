package org.rectransfer.benchmarks.harness;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An experiment as written in its JSON file: every dataset x every strategy x every seed is one
 * cell, all under one split protocol and one evaluation protocol.
 *
 * <pre>{@code
 * {
 *   "name": "quickstart",
 *   "seeds": [1, 2, 3],
 *   "threads": 2,
 *   "datasets": [ {"label": "related", "type": "synthetic", "params": {"relatedness": 1.0}} ],
 *   "split": {"type": "cold-start-users", "beta": 0.5, "validationShare": 0.2},
 *   "evaluation": {"minRating": 1, "maxRating": 5, "relevanceThreshold": 4, "cutoffs": [10],
 *                  "candidates": {"type": "full"}, "diversity": false},
 *   "guard": {"baseline": "target-only", "fallback": false, "tolerance": 0.0},
 *   "selectionMetric": "rmse",
 *   "strategies": [
 *     {"label": "target-only", "strategy": "target-only(biased-mf)", "params": {"factors": 10}},
 *     {"label": "CMF", "strategy": "cmf", "search": {"regularization": [0.02, 0.05]}}
 *   ],
 *   "output": "target/runs/quickstart"
 * }
 * }</pre>
 *
 * @param name            experiment name (goes into every record)
 * @param seeds           master seeds; each gives its own split and model initialisation
 * @param threads         worker threads for evaluation (results do not depend on it)
 * @param datasets        datasets, each a cell group
 * @param split           split protocol: {@code type} and its parameters (see {@link SplitFactory})
 * @param evaluation      evaluation protocol
 * @param guard           negative-transfer guard, or null for none
 * @param selectionMetric validation metric used to choose among {@code search} points
 * @param strategies      strategies to run
 * @param output          output directory, relative to the working directory unless absolute
 * @param reportMetrics   metric columns of the report, in order; default {@link #defaultReportMetrics()}
 */
public record ExperimentConfig(String name, List<Long> seeds, Integer threads, List<DatasetSpec> datasets,
                               ObjectNode split, EvaluationConfig evaluation, GuardConfig guard, String selectionMetric,
                               List<StrategySpec> strategies, String output, List<String> reportMetrics) {

    public ExperimentConfig {
        require(name, "name");
        require(seeds, "seeds");
        require(datasets, "datasets");
        require(split, "split");
        require(strategies, "strategies");
        if (seeds.isEmpty() || datasets.isEmpty() || strategies.isEmpty()) {
            throw new IllegalArgumentException("experiment '" + name + "': seeds, datasets and strategies must not be empty");
        }
        threads = threads == null ? 1 : threads;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        evaluation = evaluation == null ? EvaluationConfig.DEFAULT : evaluation;
        selectionMetric = selectionMetric == null ? "rmse" : selectionMetric;
        output = output == null ? "target/runs/" + name : output;
        reportMetrics = reportMetrics == null ? null : List.copyOf(reportMetrics);
        seeds = List.copyOf(seeds);
        datasets = List.copyOf(datasets);
        strategies = List.copyOf(strategies);
        java.util.Set<String> labels = new java.util.HashSet<>();
        for (StrategySpec s : strategies) {
            if (!labels.add(s.label())) {
                throw new IllegalArgumentException("two strategies share the label '" + s.label() + "'");
            }
        }
        labels.clear();
        for (DatasetSpec d : datasets) {
            if (!labels.add(d.label())) {
                throw new IllegalArgumentException("two datasets share the label '" + d.label() + "'");
            }
        }
        if (guard != null && strategies.stream().noneMatch(s -> s.label().equals(guard.baseline()))) {
            throw new IllegalArgumentException("guard.baseline '" + guard.baseline() + "' is not a strategy label; labels: "
                    + strategies.stream().map(StrategySpec::label).toList());
        }
    }

    /**
     * The report's metric columns: the configured ones, or rmse, mae, then auc, ndcg@k and
     * recall@k for the first cutoff (whichever the records contain).
     */
    public List<String> defaultReportMetrics() {
        if (reportMetrics != null) {
            return reportMetrics;
        }
        List<String> m = new java.util.ArrayList<>(List.of("rmse", "mae"));
        if (!evaluation.cutoffs().isEmpty()) {
            int k = evaluation.cutoffs().get(0);
            m.addAll(List.of("auc", "ndcg@" + k, "recall@" + k));
        }
        return m;
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    /**
     * A dataset: {@code type} selects the reader ({@code synthetic}, {@code douban},
     * {@code amazon-music-movie}, {@code movielens-100k}, {@code files}); {@code params} are the
     * reader's parameters; {@code preprocess} is an optional list of steps applied in order
     * ({@code k-core}, {@code rating-threshold}, {@code minimum-overlap}, {@code user-sample}),
     * each recorded in the data's fingerprints.
     */
    public record DatasetSpec(String label, String type, ObjectNode params, List<ObjectNode> preprocess) {
        public DatasetSpec {
            require(type, "datasets[].type");
            label = label == null ? type : label;
            params = params == null ? JsonNodeFactory.instance.objectNode() : params;
            preprocess = preprocess == null ? List.of() : List.copyOf(preprocess);
        }
    }

    /**
     * Evaluation protocol; null fields take the defaults of {@link #DEFAULT}: ratings clamped to
     * [1, 5], relevance rating >= 4, cutoffs [10], full ranking, no diversity metric.
     *
     * @param candidates {@code {"type": "full"}} or
     *                   {@code {"type": "sampled", "negatives": 99, "sampling": "uniform"|"popularity"}}
     * @param diversity  compute intra-list diversity with cosine item similarity on training data
     */
    public record EvaluationConfig(Double minRating, Double maxRating, Double relevanceThreshold, List<Integer> cutoffs,
                                   CandidatesConfig candidates, Boolean diversity) {
        public static final EvaluationConfig DEFAULT = new EvaluationConfig(1.0, 5.0, 4.0, List.of(10), null, false);

        public EvaluationConfig {
            minRating = minRating == null ? 1.0 : minRating;
            maxRating = maxRating == null ? 5.0 : maxRating;
            relevanceThreshold = relevanceThreshold == null ? 4.0 : relevanceThreshold;
            cutoffs = cutoffs == null ? List.of(10) : List.copyOf(cutoffs);
            candidates = candidates == null ? new CandidatesConfig("full", null, null) : candidates;
            diversity = diversity != null && diversity;
        }
    }

    /** Candidate items: {@code full} ranking (default) or {@code sampled} negatives (labelled in every report). */
    public record CandidatesConfig(String type, Integer negatives, String sampling) {
        public CandidatesConfig {
            require(type, "evaluation.candidates.type");
        }
    }

    /**
     * Negative-transfer guard: after model selection, every strategy's validation score is
     * compared with the {@code baseline} strategy's on the same split; a strategy worse by more
     * than {@code tolerance} (relative) is flagged in its record, and with {@code fallback} its
     * test results are the baseline's (the record says so).
     */
    public record GuardConfig(String baseline, Boolean fallback, Double tolerance) {
        public GuardConfig {
            require(baseline, "guard.baseline");
            fallback = fallback != null && fallback;
            tolerance = tolerance == null ? 0.0 : tolerance;
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("guard.tolerance must be >= 0, was " + tolerance);
            }
        }
    }

    /**
     * One strategy: a registry id ({@code cmf}, {@code target-only(biased-mf)}), fixed
     * parameters overriding the defaults, and an optional grid searched on validation: every
     * point of the grid, or, with {@code searchSamples = n}, a seeded random sample of n distinct
     * grid points (the same sample for every seed, drawn from a stream named after the label).
     */
    public record StrategySpec(String label, String strategy, ObjectNode params, Map<String, List<JsonNode>> search,
                               Integer searchSamples) {
        public StrategySpec {
            require(strategy, "strategies[].strategy");
            label = label == null ? strategy : label;
            params = params == null ? JsonNodeFactory.instance.objectNode() : params;
            search = search == null ? Map.of() : Map.copyOf(search);
            Objects.requireNonNull(label);
            if (searchSamples != null && searchSamples < 1) {
                throw new IllegalArgumentException("strategy '" + label + "': searchSamples must be >= 1, was "
                        + searchSamples);
            }
        }
    }
}
