package org.rectransfer.benchmarks.harness;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Binds JSON parameters to config records: the record's documented defaults are the base,
 * given parameters override them, unknown names are refused with the list of known ones, and
 * the record's own validation runs last. Also produces the canonical JSON (sorted keys,
 * defaults resolved) whose SHA-256 identifies a config.
 */
public final class ConfigBinder {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigBinder() {
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Resolves {@code params} over {@code defaults}.
     *
     * @param owner    what the parameters belong to, for messages (e.g. {@code strategy 'cmf'})
     * @param defaults the record with documented defaults
     * @param params   overrides; every name must be a component of the record
     * @return the merged parameters as a JSON object with sorted keys
     */
    public static ObjectNode merge(String owner, Record defaults, ObjectNode params) {
        ObjectNode base = MAPPER.valueToTree(defaults);
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!base.has(e.getKey())) {
                throw new IllegalArgumentException(owner + " has no parameter '" + e.getKey() + "'; parameters: "
                        + parameterNames(base));
            }
            base.set(e.getKey(), e.getValue());
        }
        return (ObjectNode) canonical(base);
    }

    /** Converts merged parameters into the record type, running its validation. */
    public static <C extends Record> C bind(String owner, ObjectNode merged, Class<C> type) {
        try {
            return MAPPER.treeToValue(merged, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root.getMessage();
            throw new IllegalArgumentException(owner + ": invalid parameters " + merged + ": " + why, e);
        }
    }

    /** A copy of {@code node} with object keys sorted recursively. */
    public static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(canonical(child)));
            return out;
        }
        return node;
    }

    /** Compact canonical JSON text of {@code node}. */
    public static String canonicalJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(canonical(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> parameterNames(ObjectNode base) {
        List<String> names = new ArrayList<>();
        base.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
