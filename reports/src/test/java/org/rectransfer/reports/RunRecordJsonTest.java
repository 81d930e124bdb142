package org.rectransfer.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.core.provenance.RunRecord.EnvironmentInfo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunRecordJsonTest {

    @TempDir
    Path dir;

    static RunRecord full(String cellKey, long seed) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", 0.1 + 0.2);                 // 0.30000000000000004: must round-trip exactly
        metrics.put("ndcg@10", Double.NaN);
        metrics.put("auc", Double.POSITIVE_INFINITY);
        metrics.put("mae", Double.NEGATIVE_INFINITY);
        metrics.put("recall@10", Double.MIN_VALUE);
        return new RunRecord(RunRecord.SCHEMA, "amazon-movies->music", cellKey, "amazon-mm",
                Map.of("target:music", "ab12", "source:movies", "cd34", "raw:ratings.csv", "ef56"),
                "cold-start-users(beta=0.5)", "5f00", "full-ranking", "CMF \"λ=0.1\" <b>", "cmf",
                "COLLECTIVE", "{\"alpha\":0.5,\"note\":\"line\\nbreak é\"}", "c0ffee", "{\"grid\":[1,2]}", seed, 3,
                Map.of("model", -7L, "split", Long.MAX_VALUE), Map.of("rmse", 0.91), metrics,
                Map.of("users", 943L, "ratings", 100_000L), "peruser/x.tsv.gz", "5ha", Map.of("fit", 1.5e-3, "evaluate", 12.0),
                123_456_789L,
                new EnvironmentInfo("deadbeef", true, "0.1.0", "OpenJDK 17", "Linux amd64", 16, 4,
                        "2025-01-02T03:04:05Z"));
    }

    @Test
    void roundTripOfAFullyPopulatedRecordIncludingNonFiniteMetrics() {
        RunRecord r = full("k1", 42);
        String line = RunRecordJson.toJsonLine(r);

        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(line).contains("\"ndcg@10\":\"NaN\"", "\"auc\":\"Infinity\"", "\"mae\":\"-Infinity\"");
        RunRecord back = RunRecordJson.fromJsonLine(line);
        assertThat(back).isEqualTo(r);                  // Double.equals treats NaN as equal to NaN
        assertThat(back.metrics().get("ndcg@10")).isNaN();
        assertThat(back.metrics().get("rmse")).isEqualTo(0.1 + 0.2);
        assertThat(RunRecordJson.toJsonLine(back)).isEqualTo(line);
    }

    @Test
    void propertiesAndMapKeysAreSorted() throws Exception {
        String line = RunRecordJson.toJsonLine(full("k1", 1));
        Map<String, Object> tree = new ObjectMapper().readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        List<String> keys = new ArrayList<>(tree.keySet());
        assertThat(keys).isSorted().hasSize(25).startsWith("cellKey", "config", "configSha256");
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) tree.get("environment");
        assertThat(new ArrayList<>(env.keySet())).isSorted().hasSize(8);
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) tree.get("metrics");
        assertThat(new ArrayList<>(metrics.keySet())).containsExactly("auc", "mae", "ndcg@10", "recall@10", "rmse");
    }

    @Test
    void bareNonFiniteTokensAreAcceptedWhenReading() {
        String line = RunRecordJson.toJsonLine(full("k1", 1)).replace("\"NaN\"", "NaN");
        assertThat(RunRecordJson.fromJsonLine(line).metrics().get("ndcg@10")).isNaN();
    }

    @Test
    void strictDecoding() {
        String line = RunRecordJson.toJsonLine(full("k1", 1));
        assertThatThrownBy(() -> RunRecordJson.fromJsonLine(line.replace("{\"cellKey\"", "{\"extra\":1,\"cellKey\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extra");
        assertThatThrownBy(() -> RunRecordJson.fromJsonLine(line.replace("\"masterSeed\":1,", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("masterSeed");
        assertThatThrownBy(() -> RunRecordJson.fromJsonLine(line + "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendThenReadAllAndCellKeys() throws Exception {
        Path runs = dir.resolve("sub/runs.jsonl");
        assertThat(RunRecordJson.cellKeys(runs)).isEmpty();
        List<RunRecord> written = List.of(full("a", 1), full("b", 2), full("c", 3));
        for (RunRecord r : written) {
            RunRecordJson.append(runs, r);
        }
        assertThat(Files.readAllLines(runs)).hasSize(3);
        assertThat(Files.readString(runs)).endsWith("\n");
        assertThat(RunRecordJson.readAll(runs)).isEqualTo(written);
        assertThat(RunRecordJson.cellKeys(runs)).containsExactly("a", "b", "c");
    }

    @Test
    void malformedMiddleLineIsAnErrorNamingFileAndLine() throws Exception {
        Path runs = dir.resolve("runs.jsonl");
        Files.writeString(runs, RunRecordJson.toJsonLine(full("a", 1)) + "\n"
                + "{\"cellKey\":\"b\",\n"
                + RunRecordJson.toJsonLine(full("c", 3)) + "\n");
        assertThatThrownBy(() -> RunRecordJson.readAll(runs))
                .isInstanceOfSatisfying(MalformedRunRecordException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(2);
                    assertThat(e.file()).isEqualTo(runs);
                })
                .hasMessageStartingWith(runs + ":2: malformed run record");
        assertThatThrownBy(() -> RunRecordJson.cellKeys(runs)).isInstanceOf(MalformedRunRecordException.class);
    }

    @Test
    void malformedTerminatedLastLineIsAnErrorToo() throws Exception {
        Path runs = dir.resolve("runs.jsonl");
        Files.writeString(runs, RunRecordJson.toJsonLine(full("a", 1)) + "\n{\"cellKey\":\n");
        assertThatThrownBy(() -> RunRecordJson.readAll(runs))
                .isInstanceOfSatisfying(MalformedRunRecordException.class, e -> assertThat(e.lineNumber()).isEqualTo(2));
    }

    @Test
    void truncatedLastLineIsReportedSkippedAndRepairedByTheNextAppend() throws Exception {
        Path runs = dir.resolve("runs.jsonl");
        RunRecordJson.append(runs, full("a", 1));
        RunRecordJson.append(runs, full("b", 2));
        String third = RunRecordJson.toJsonLine(full("c", 3));
        // An interrupted append: part of the third line, cut inside a multi-byte character (é is 2 bytes).
        byte[] bytes = third.getBytes(StandardCharsets.UTF_8);
        int cut = third.substring(0, third.indexOf('é')).getBytes(StandardCharsets.UTF_8).length + 1;
        Files.write(runs, java.util.Arrays.copyOf(bytes, cut), java.nio.file.StandardOpenOption.APPEND);

        RunRecordJson.ReadResult result = RunRecordJson.read(runs);
        assertThat(result.records()).extracting(RunRecord::cellKey).containsExactly("a", "b");
        assertThat(result.truncatedTail()).hasValueSatisfying(t -> assertThat(t.lineNumber()).isEqualTo(3));
        assertThat(RunRecordJson.readAll(runs)).hasSize(2);
        assertThat(RunRecordJson.cellKeys(runs)).containsExactly("a", "b");

        // Resume: the cell "c" is re-run and appended; the partial line is dropped first.
        RunRecordJson.append(runs, full("c", 3));
        RunRecordJson.ReadResult repaired = RunRecordJson.read(runs);
        assertThat(repaired.truncatedTail()).isEmpty();
        assertThat(repaired.records()).extracting(RunRecord::cellKey).containsExactly("a", "b", "c");
        assertThat(repaired.records().get(2)).isEqualTo(full("c", 3));
    }

    @Test
    void completeButUnterminatedLastLineIsKeptAndTerminatedByTheNextAppend() throws Exception {
        Path runs = dir.resolve("runs.jsonl");
        Files.writeString(runs, RunRecordJson.toJsonLine(full("a", 1)));
        assertThat(RunRecordJson.read(runs).records()).hasSize(1);
        RunRecordJson.append(runs, full("b", 2));
        assertThat(RunRecordJson.readAll(runs)).extracting(RunRecord::cellKey).containsExactly("a", "b");
    }
}
