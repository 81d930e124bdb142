package org.rectransfer.benchmarks.harness;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectransfer.datasets.preprocess.KCoreFilter;
import org.rectransfer.datasets.preprocess.MinimumOverlap;
import org.rectransfer.datasets.preprocess.PreprocessStep;
import org.rectransfer.datasets.preprocess.RatingThreshold;
import org.rectransfer.datasets.preprocess.UserSample;

/**
 * Turns one entry of a dataset's {@code preprocess} list into a step:
 * {@code {"type": "k-core", "scope": "PER_DOMAIN", "userK": 5, "itemK": 5}},
 * {@code {"type": "rating-threshold", "threshold": 4}},
 * {@code {"type": "minimum-overlap", "minDomains": 2, "minOverlappingUsers": 1}},
 * {@code {"type": "user-sample", "count": 0, "fraction": 0.1, "seed": 1}} (exactly one of count
 * and fraction non-zero). Parameters not given take these defaults; unknown ones are refused.
 */
final class PreprocessSteps {
    private static final Map<String, Record> DEFAULTS = new TreeMap<>(Map.of(
            "k-core", new KCoreFilter(KCoreFilter.Scope.PER_DOMAIN, 5, 5),
            "rating-threshold", new RatingThreshold(4.0),
            "minimum-overlap", new MinimumOverlap(2, 1),
            "user-sample", new UserSample(0, 0.1, 1)));

    private PreprocessSteps() {
    }

    static List<String> types() {
        return List.copyOf(DEFAULTS.keySet());
    }

    static PreprocessStep create(String owner, ObjectNode node) {
        if (!node.hasNonNull("type")) {
            throw new IllegalArgumentException(owner + ": a preprocess step needs a 'type'; known types: " + types());
        }
        String type = node.get("type").asText();
        Record defaults = DEFAULTS.get(type);
        if (defaults == null) {
            throw new IllegalArgumentException(owner + ": unknown preprocess step '" + type + "'; known types: "
                    + types());
        }
        ObjectNode params = node.deepCopy();
        params.remove("type");
        String stepOwner = owner + " preprocess step '" + type + "'";
        return (PreprocessStep) ConfigBinder.bind(stepOwner, ConfigBinder.merge(stepOwner, defaults, params),
                defaults.getClass());
    }
}
