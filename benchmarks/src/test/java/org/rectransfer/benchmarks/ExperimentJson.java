package org.rectransfer.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectransfer.benchmarks.harness.ConfigBinder;
import org.rectransfer.benchmarks.harness.ExperimentConfig;
import org.rectransfer.benchmarks.harness.ExperimentRunnerAccess;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.core.spi.RunContext;

/**
 * Helpers for accuracy tests that read committed experiment configs and fit their algorithms
 * directly: strategy lookup by label, config binding exactly as the runner binds, and the
 * runner's own search-grid expansion (so a test searches the same points the CLI would).
 */
final class ExperimentJson {
    private ExperimentJson() {
    }

    /** The strategy entry labelled {@code label} in an experiment config. */
    static JsonNode strategy(JsonNode config, String label) {
        for (JsonNode s : config.get("strategies")) {
            if (s.get("label").asText().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no strategy labelled '" + label + "'");
    }

    /** {@code target-only(x)} -> {@code x}: on a single domain the target-only strategy is the algorithm. */
    static String algorithmOf(JsonNode spec) {
        String s = spec.get("strategy").asText();
        for (String wrapper : new String[] {"target-only(", "implicit("}) {
            if (s.startsWith(wrapper) && s.endsWith(")")) {
                return s.substring(wrapper.length(), s.length() - 1);
            }
        }
        throw new IllegalArgumentException("expected target-only(algorithm) or implicit(algorithm), got '" + s + "'");
    }

    /** Canonical JSON of a bound config (sorted keys, uniform number spelling). */
    static String canonical(Record config) {
        return ConfigBinder.canonicalJson(ConfigBinder.mapper().valueToTree(config));
    }

    /** The algorithm's config with {@code params} over its defaults, validated. */
    static Record bind(Registry registry, String algorithmId, ObjectNode params) {
        Algorithm<?> a = registry.algorithm(algorithmId);
        ObjectNode merged = ConfigBinder.merge(algorithmId, a.defaultConfig(), params);
        return ConfigBinder.bind(algorithmId, merged, a.configType());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Recommender fit(Registry registry, String algorithmId, InteractionMatrix train, Record config,
                           RunContext ctx) {
        return ((Algorithm) registry.algorithm(algorithmId)).fit(train, config, ctx);
    }

    /** The search points of a strategy entry, expanded by the runner's own code. */
    static List<ObjectNode> grid(JsonNode spec) {
        try {
            return ExperimentRunnerAccess.points(ConfigBinder.mapper().treeToValue(spec, ExperimentConfig.StrategySpec.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a strategy entry: " + spec, e);
        }
    }

    /** The repository root (holds experiments/ and core/pom.xml), searched upward from the working directory. */
    static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("experiments")) && Files.exists(p.resolve("core/pom.xml")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the project root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
