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
 *   "evaluation": {"minRating": 1, "maxRating": 5, "relevanceThreshold": 4, "cutoffs": [10]},
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
 * @param split           split protocol
 * @param evaluation      evaluation protocol
 * @param selectionMetric validation metric used to choose among {@code search} points
 * @param strategies      strategies to run
 * @param output          output directory, relative to the working directory unless absolute
 */
public record ExperimentConfig(String name, List<Long> seeds, Integer threads, List<DatasetSpec> datasets,
                               SplitConfig split, EvaluationConfig evaluation, String selectionMetric,
                               List<StrategySpec> strategies, String output) {

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
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    /**
     * A dataset: {@code type} selects the reader ({@code synthetic}, {@code douban},
     * {@code amazon-music-movie}); {@code params} are the reader's parameters.
     */
    public record DatasetSpec(String label, String type, ObjectNode params) {
        public DatasetSpec {
            require(type, "datasets[].type");
            label = label == null ? type : label;
            params = params == null ? JsonNodeFactory.instance.objectNode() : params;
        }
    }

    /** Split protocol: {@code type} is {@code cold-start-users} or {@code random-holdout}. */
    public record SplitConfig(String type, Double beta, Double validationShare, Double testFraction,
                              Double validationFraction) {
        public SplitConfig {
            require(type, "split.type");
        }
    }

    /**
     * Evaluation protocol; null fields take the defaults of {@link #DEFAULT} (ratings clamped to
     * [1, 5], relevance rating >= 4, cutoffs [10]).
     */
    public record EvaluationConfig(Double minRating, Double maxRating, Double relevanceThreshold, List<Integer> cutoffs) {
        public static final EvaluationConfig DEFAULT = new EvaluationConfig(1.0, 5.0, 4.0, List.of(10));

        public EvaluationConfig {
            minRating = minRating == null ? 1.0 : minRating;
            maxRating = maxRating == null ? 5.0 : maxRating;
            relevanceThreshold = relevanceThreshold == null ? 4.0 : relevanceThreshold;
            cutoffs = cutoffs == null ? List.of(10) : List.copyOf(cutoffs);
        }
    }

    /**
     * One strategy: a registry id ({@code cmf}, {@code target-only(biased-mf)}), fixed
     * parameters overriding the defaults, and an optional grid searched on validation.
     */
    public record StrategySpec(String label, String strategy, ObjectNode params, Map<String, List<JsonNode>> search) {
        public StrategySpec {
            require(strategy, "strategies[].strategy");
            label = label == null ? strategy : label;
            params = params == null ? JsonNodeFactory.instance.objectNode() : params;
            search = search == null ? Map.of() : Map.copyOf(search);
            Objects.requireNonNull(label);
        }
    }
}
