package org.rectransfer.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Reads experiment configs; errors name the file and, where Jackson knows it, line and column. */
public final class Experiments {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Experiments() {
    }

    public static ExperimentConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("experiment config " + file.toAbsolutePath() + " does not exist");
        }
        return parse(Files.readString(file), file.toString());
    }

    /** Parses config text; {@code origin} names it in errors. */
    public static ExperimentConfig parse(String json, String origin) {
        try {
            checkFields(MAPPER.readTree(json), ExperimentConfig.class, "", origin);
            return MAPPER.readValue(json, ExperimentConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(origin + ": unknown field '" + e.getPropertyName() + "' at "
                    + location(e) + "; known fields: " + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException(origin + ": " + why + " (" + location(e) + ")", e);
        }
    }

    /**
     * Refuses fields that are not components of the record (recursively through nested records
     * and lists of records), so that a misspelt field is reported as such rather than as a
     * missing one.
     */
    private static void checkFields(JsonNode node, Class<?> type, String path, String origin) {
        if (node == null || !node.isObject() || !type.isRecord()) {
            return;
        }
        Map<String, RecordComponent> components = new TreeMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            components.put(c.getName(), c);
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            RecordComponent c = components.get(name);
            if (c == null) {
                throw new IllegalArgumentException(origin + ": unknown field '" + path + name + "'; known fields"
                        + (path.isEmpty() ? "" : " of " + path.substring(0, path.length() - 1)) + ": "
                        + components.keySet());
            }
            JsonNode child = node.get(name);
            if (c.getType().isRecord()) {
                checkFields(child, c.getType(), path + name + ".", origin);
            } else if (List.class.isAssignableFrom(c.getType()) && child.isArray()
                    && c.getGenericType() instanceof ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                for (int i = 0; i < child.size(); i++) {
                    checkFields(child.get(i), element, path + name + "[" + i + "].", origin);
                }
            }
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** The same config with another thread count. */
    public static ExperimentConfig withThreads(ExperimentConfig c, int threads) {
        return new ExperimentConfig(c.name(), c.seeds(), threads, c.datasets(), c.split(), c.evaluation(), c.guard(),
                c.selectionMetric(), c.strategies(), c.output(), c.reportMetrics());
    }
}
