package org.rectransfer.core.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Result of scoring one recommender on one held-out matrix.
 *
 * @param metrics  aggregate values by metric name ({@code rmse}, {@code mae}, {@code ndcg@k},
 *                 {@code recall@k}), sorted by name
 * @param counts   sizes: {@code ratings} scored, {@code users} with held-out data,
 *                 {@code rankedUsers} with a relevant item, {@code skippedUsers} without one
 * @param users    users with held-out data, ascending
 * @param perUser  per-user values aligned with {@code users} ({@code NaN} where undefined), for
 *                 paired significance tests; rating metrics per user are that user's RMSE / MAE
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
