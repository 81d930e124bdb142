package org.rectransfer.core.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Result of scoring one recommender on one held-out matrix (see {@link Evaluator} for every
 * metric's definition and averaging rule).
 *
 * @param metrics  aggregate values by metric name, sorted by name: {@code rmse}, {@code mae}
 *                 (explicit data); {@code precision@k}, {@code recall@k}, {@code f1@k},
 *                 {@code ndcg@k}, {@code map@k}, {@code mrr@k}, {@code hr@k}, {@code auc},
 *                 {@code coverage@k}, {@code gini@k}, {@code novelty@k} (with training data),
 *                 {@code ild@k} (with an item similarity) when the protocol has cutoffs
 * @param counts   sizes: {@code ratings} held-out entries, {@code users} with held-out data,
 *                 and with cutoffs {@code rankedUsers} with a relevant item and
 *                 {@code skippedUsers} without one
 * @param users    users with held-out data, ascending
 * @param perUser  per-user values aligned with {@code users} ({@code NaN} where undefined, e.g.
 *                 every ranking metric of a skipped user), for paired significance tests and
 *                 {@link Stratification}; every metric except {@code coverage@k} and
 *                 {@code gini@k} (list-level) has them; rating metrics per user are that user's
 *                 RMSE / MAE
 */
public record Evaluation(Map<String, Double> metrics, Map<String, Long> counts, int[] users,
                         Map<String, double[]> perUser) {
    public Evaluation {
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
        perUser = Collections.unmodifiableMap(new TreeMap<>(perUser));
    }

    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + name + "'; have " + metrics.keySet());
        }
        return v;
    }
}
