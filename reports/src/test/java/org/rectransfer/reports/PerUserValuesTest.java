package org.rectransfer.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.provenance.Hashing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerUserValuesTest {

    @TempDir
    Path dir;

    static PerUserValues sample() {
        TreeMap<String, double[]> values = new TreeMap<>();
        values.put("rmse", new double[] {0.1 + 0.2, Double.NaN, Double.MIN_VALUE, -0.0});
        values.put("ndcg@10", new double[] {Double.POSITIVE_INFINITY, 1.0, Double.NEGATIVE_INFINITY, 1e-300});
        return new PerUserValues(List.of("u10", "u2", "ü ser", "x"), new int[] {0, 3, 17, 250},
                new int[] {5, 0, 1, 2_000_000_000}, values);
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void roundTripIsExactAndTheTextIsTheSpecifiedFormat() throws IOException {
        Path file = dir.resolve("sub/cell.tsv.gz");
        PerUserValues v = sample();
        String sha = PerUserValues.write(file, v);

        PerUserValues back = PerUserValues.read(file);
        assertThat(back).isEqualTo(v).hasSameHashCodeAs(v);
        assertThat(back.values().get("rmse")[0]).isEqualTo(0.1 + 0.2);
        assertThat(Double.doubleToRawLongBits(back.values().get("rmse")[3]))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(gunzip(Files.readAllBytes(file))).isEqualTo(
                "user\ttargetTrain\tsourceTrain\tndcg@10\trmse\n"
                        + "u10\t0\t5\tInfinity\t0.30000000000000004\n"
                        + "u2\t3\t0\t1.0\tNaN\n"
                        + "ü ser\t17\t1\t-Infinity\t4.9E-324\n"
                        + "x\t250\t2000000000\t1.0E-300\t-0.0\n");
        assertThat(sha).isEqualTo(PerUserValues.sha256(file)).isEqualTo(Hashing.sha256Hex(Files.readAllBytes(file)));
        assertThat(PerUserValues.read(file, sha.toUpperCase(java.util.Locale.ROOT))).isEqualTo(v);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);            // no temporary file left behind
        }
    }

    @Test
    void equalValuesGiveEqualBytesAndTheGzipHeaderHasNoTimeOrName() throws IOException {
        Path a = dir.resolve("a.tsv.gz");
        Path b = dir.resolve("b.tsv.gz");
        String shaA = PerUserValues.write(a, sample());
        String shaB = PerUserValues.write(b, sample());
        byte[] bytes = Files.readAllBytes(a);
        assertThat(bytes).isEqualTo(Files.readAllBytes(b));
        assertThat(shaA).isEqualTo(shaB);
        // RFC 1952: ID1 ID2 CM FLG MTIME(4) XFL OS; FLG 0 = no name/comment/extra; MTIME 0
        assertThat(bytes[0] & 0xFF).isEqualTo(0x1f);
        assertThat(bytes[1] & 0xFF).isEqualTo(0x8b);
        assertThat(bytes[3]).isZero();
        assertThat(new byte[] {bytes[4], bytes[5], bytes[6], bytes[7]}).containsOnly(0);
        // overwriting is atomic and gives the same bytes
        PerUserValues.write(a, sample());
        assertThat(Files.readAllBytes(a)).isEqualTo(bytes);
        assertThat(PerUserValues.encode(sample())).isEqualTo(bytes);
    }

    @Test
    void noUsersAndNoMetricsAreValid() throws IOException {
        Path file = dir.resolve("empty.tsv.gz");
        PerUserValues empty = new PerUserValues(List.of(), new int[0], new int[0], new TreeMap<>(Map.of("rmse",
                new double[0])));
        PerUserValues.write(file, empty);
        assertThat(PerUserValues.read(file)).isEqualTo(empty);
        PerUserValues noMetrics = new PerUserValues(List.of("a"), new int[] {1}, new int[] {2}, new TreeMap<>());
        PerUserValues.write(file, noMetrics);
        assertThat(gunzip(Files.readAllBytes(file))).isEqualTo("user\ttargetTrain\tsourceTrain\na\t1\t2\n");
        assertThat(PerUserValues.read(file)).isEqualTo(noMetrics);
    }

    @Test
    void theValueIsImmutable() {
        int[] tt = {1, 2};
        double[] r = {0.5, 0.6};
        TreeMap<String, double[]> values = new TreeMap<>(Map.of("rmse", r));
        PerUserValues v = new PerUserValues(List.of("a", "b"), tt, new int[] {0, 0}, values);
        tt[0] = 99;
        r[0] = 99;
        v.targetTrain()[1] = 99;
        v.values().get("rmse")[1] = 99;
        v.metric("rmse").orElseThrow()[0] = 99;
        assertThat(v.targetTrain()).containsExactly(1, 2);
        assertThat(v.metric("rmse").orElseThrow()).containsExactly(0.5, 0.6);
        assertThat(v.metric("mae")).isEmpty();
        assertThat(v.metricNames()).containsExactly("rmse");
    }

    @Test
    void invalidValuesAreRejected() {
        TreeMap<String, double[]> none = new TreeMap<>();
        assertThatThrownBy(() -> new PerUserValues(List.of("a", "a"), new int[2], new int[2], none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> new PerUserValues(List.of("a\tb"), new int[1], new int[1], none))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PerUserValues(List.of("a"), new int[] {-1}, new int[1], none))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PerUserValues(List.of("a"), new int[2], new int[1], none))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PerUserValues(List.of("a"), new int[1], new int[1],
                new TreeMap<>(Map.of("rmse", new double[2])))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PerUserValues(List.of("a"), new int[1], new int[1],
                new TreeMap<>(Map.of("user", new double[1])))).isInstanceOf(IllegalArgumentException.class);
        assertThat(PerUserValues.defaultRelativePath("ab12")).isEqualTo("per-user/ab12.tsv.gz");
        assertThatThrownBy(() -> PerUserValues.defaultRelativePath("../x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertMalformed(String content, int line, String detail) throws IOException {
        Path file = dir.resolve("bad.tsv.gz");
        Files.write(file, gzip(content));
        assertThatThrownBy(() -> PerUserValues.read(file))
                .isInstanceOfSatisfying(MalformedPerUserFileException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.lineNumber()).isEqualTo(line);
                })
                .hasMessageStartingWith(file + ":" + line + ": malformed per-user file: ")
                .hasMessageContaining(detail);
    }

    @Test
    void corruptContentIsAnErrorNamingFileAndLine() throws IOException {
        String head = "user\ttargetTrain\tsourceTrain\tndcg@10\trmse\n";
        assertMalformed(head + "a\t1\t2\t0.5\t0.7\nb\t1\t2\t0.5\tfast\nc\t1\t2\t0.5\t0.7\n", 3, "bad value 'fast'");
        assertMalformed(head + "a\t1\t2\t0.5\n", 2, "expected 5 fields, got 4");
        assertMalformed(head + "a\t1\t2\t0.5\t0.7\na\t1\t2\t0.5\t0.7\n", 3, "duplicate user id 'a'");
        assertMalformed(head + "a\t-1\t2\t0.5\t0.7\n", 2, "bad targetTrain count '-1'");
        assertMalformed(head + "a\t1\t2.0\t0.5\t0.7\n", 2, "bad sourceTrain count '2.0'");
        assertMalformed(head + "a\t1\t2\t0.5\t 0.7\n", 2, "bad value ' 0.7'");
        assertMalformed(head + "a\t1\t2\t0.5\t0x1p3\n", 2, "bad value");
        assertMalformed(head + "a\t1\t2\t0.5\t0.7\n\n", 3, "expected 5 fields, got 1");
        assertMalformed("user\ttargetTrain\tsourceTrain\trmse\tndcg@10\n", 1, "not strictly ascending");
        assertMalformed("uid\ttargetTrain\tsourceTrain\n", 1, "header must start with");
        assertMalformed("", 1, "no header");
    }

    @Test
    void corruptGzipIsAnErrorNamingFileAndLine() throws IOException {
        Path file = dir.resolve("cell.tsv.gz");
        PerUserValues.write(file, sample());
        byte[] bytes = Files.readAllBytes(file);

        Path notGzip = dir.resolve("plain.tsv.gz");
        Files.writeString(notGzip, "user\ttargetTrain\tsourceTrain\n");
        assertThatThrownBy(() -> PerUserValues.read(notGzip))
                .isInstanceOfSatisfying(MalformedPerUserFileException.class, e -> assertThat(e.lineNumber()).isZero())
                .hasMessageContaining("not a gzip file");

        Path truncated = dir.resolve("truncated.tsv.gz");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 6));    // CRC/size trailer cut
        assertThatThrownBy(() -> PerUserValues.read(truncated))
                .isInstanceOfSatisfying(MalformedPerUserFileException.class,
                        e -> assertThat(e.lineNumber()).isPositive())
                .hasMessageContaining(truncated.toString()).hasMessageContaining("corrupt data");
    }

    @Test
    void checksumMismatchIsAnError() throws IOException {
        Path file = dir.resolve("cell.tsv.gz");
        String sha = PerUserValues.write(file, sample());
        String other = "0".repeat(64);
        assertThatThrownBy(() -> PerUserValues.read(file, other))
                .isInstanceOfSatisfying(PerUserChecksumException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.expected()).isEqualTo(other);
                    assertThat(e.actual()).isEqualTo(sha);
                })
                .hasMessageContaining(file.toString()).hasMessageContaining("SHA-256 mismatch");
    }
}
