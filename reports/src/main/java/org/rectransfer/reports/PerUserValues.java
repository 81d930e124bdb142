package org.rectransfer.reports;

import org.rectransfer.core.provenance.Hashing;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The per-user test values of one experiment cell, and their file format. The experiment runner
 * writes one file per cell next to {@code runs.jsonl}, conventionally at
 * {@link #defaultRelativePath(String)}, and stores that path relative to the runs file's directory
 * in {@link org.rectransfer.core.provenance.RunRecord#perUserFile() perUserFile} and the SHA-256
 * returned by {@link #write} in {@code perUserSha256}. Reports read the files for paired
 * significance tests and activity-stratified tables ({@link PerUserSource#relativeTo}).
 *
 * <p><b>Value.</b> Row {@code i} is user {@code users.get(i)} with {@code targetTrain[i]} target
 * training interactions, {@code sourceTrain[i]} source interactions (summed over all source
 * domains) and, for each metric, the value {@code values.get(metric)[i]} ({@code NaN} where the
 * metric is undefined for the user, e.g. a ranking metric without a relevant test item). Users are
 * distinct; row order is kept as given (the runner uses ascending user index, i.e. sorted raw id).
 * The record is immutable: the constructor and the array accessors copy, and {@link #equals} /
 * {@link #hashCode} compare contents (doubles bit-wise as {@link Double#equals} does, so
 * {@code NaN} equals {@code NaN} and {@code -0.0} differs from {@code 0.0}).
 *
 * <p><b>File format</b> (version 1). A gzip stream (RFC 1952) of UTF-8 text, lines terminated by
 * {@code \n}, fields separated by one TAB, no quoting:
 * <pre>
 * user&lt;TAB&gt;targetTrain&lt;TAB&gt;sourceTrain&lt;TAB&gt;&lt;metric 1&gt;&lt;TAB&gt;...&lt;TAB&gt;&lt;metric k&gt;
 * &lt;raw user id&gt;&lt;TAB&gt;&lt;int&gt;&lt;TAB&gt;&lt;int&gt;&lt;TAB&gt;&lt;double&gt;...   (one line per user)
 * </pre>
 * <ul>
 *   <li>The header's first three fields are exactly {@code user}, {@code targetTrain},
 *       {@code sourceTrain}; metric names follow in strictly ascending {@link String#compareTo}
 *       order (k may be 0). Names and user ids are non-empty and contain no TAB, CR or LF.</li>
 *   <li>Counts are non-negative decimal {@code int}s without sign or leading zeros.</li>
 *   <li>Values are written with {@link Double#toString(double)} ({@code NaN}, {@code Infinity},
 *       {@code -Infinity} for non-finite values), so they read back bit-identically; reading
 *       accepts exactly that syntax (an optional {@code -}, decimal digits with an optional
 *       fraction and exponent, or the three non-finite tokens).</li>
 *   <li>No blank lines; the file may have no user line.</li>
 *   <li>The gzip header has modification time 0 and no file name ({@link GZIPOutputStream}
 *       writes a fixed 10-byte header), so equal values give equal bytes with a given JDK;
 *       the deflate bytes may differ between zlib versions, so {@code perUserSha256} attests
 *       the integrity of a stored file, not the identity of values across platforms.</li>
 * </ul>
 * Reading is strict and every defect is a {@link MalformedPerUserFileException} naming the file
 * and the 1-based line (line 1 is the header). Tests: {@code PerUserValuesTest}.
 *
 * @param users       raw user ids, distinct
 * @param targetTrain per user, number of target-domain training interactions
 * @param sourceTrain per user, number of source-domain interactions
 * @param values      per metric name, one value per user
 */
public record PerUserValues(List<String> users, int[] targetTrain, int[] sourceTrain,
                            SortedMap<String, double[]> values) {
    /** Conventional directory, relative to the runs file's directory, for per-user files. */
    public static final String DEFAULT_DIRECTORY = "per-user";
    /** File name suffix of per-user files. */
    public static final String SUFFIX = ".tsv.gz";
    /** The three fixed leading header fields. */
    public static final List<String> FIXED_COLUMNS = List.of("user", "targetTrain", "sourceTrain");

    private static final Pattern DOUBLE = Pattern.compile("NaN|-?Infinity|-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?");
    private static final Pattern COUNT = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if lengths differ, a user id repeats, a count is negative,
     *                                  or a user id or metric name is empty, contains TAB, CR or
     *                                  LF, or a metric name is one of {@link #FIXED_COLUMNS}
     */
    public PerUserValues {
        users = List.copyOf(users);
        int n = users.size();
        targetTrain = checkedCounts(targetTrain.clone(), n, "targetTrain");
        sourceTrain = checkedCounts(sourceTrain.clone(), n, "sourceTrain");
        Set<String> seen = new HashSet<>(n * 2);
        for (String u : users) {
            checkToken(u, "user id");
            if (!seen.add(u)) {
                throw new IllegalArgumentException("duplicate user id '" + u + "'");
            }
        }
        TreeMap<String, double[]> copy = new TreeMap<>();
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "metric name");
            checkToken(name, "metric name");
            if (FIXED_COLUMNS.contains(name)) {
                throw new IllegalArgumentException("metric name '" + name + "' clashes with a fixed column");
            }
            if (e.getValue().length != n) {
                throw new IllegalArgumentException("metric '" + name + "' has " + e.getValue().length
                        + " values for " + n + " users");
            }
            copy.put(name, e.getValue().clone());
        }
        values = Collections.unmodifiableSortedMap(copy);
    }

    private static int[] checkedCounts(int[] counts, int n, String what) {
        if (counts.length != n) {
            throw new IllegalArgumentException(what + " has " + counts.length + " entries for " + n + " users");
        }
        for (int c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException(what + " has a negative count " + c);
            }
        }
        return counts;
    }

    private static void checkToken(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty() || s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must be non-empty without TAB, CR or LF: '" + s + "'");
        }
    }

    /** Number of users (rows). */
    public int size() {
        return users.size();
    }

    /** A copy of the target-training counts. */
    @Override
    public int[] targetTrain() {
        return targetTrain.clone();
    }

    /** A copy of the source counts. */
    @Override
    public int[] sourceTrain() {
        return sourceTrain.clone();
    }

    /** The metric columns: an unmodifiable sorted map of copies. */
    @Override
    public SortedMap<String, double[]> values() {
        TreeMap<String, double[]> copy = new TreeMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** A copy of the values of {@code metric}, if it is a column. */
    public Optional<double[]> metric(String metric) {
        double[] v = values.get(metric);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /** The metric names, ascending. */
    public List<String> metricNames() {
        return List.copyOf(values.keySet());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PerUserValues other)) {
            return false;
        }
        if (!users.equals(other.users) || !Arrays.equals(targetTrain, other.targetTrain)
                || !Arrays.equals(sourceTrain, other.sourceTrain) || !values.keySet().equals(other.values.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = users.hashCode();
        h = 31 * h + Arrays.hashCode(targetTrain);
        h = 31 * h + Arrays.hashCode(sourceTrain);
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            h = 31 * h + e.getKey().hashCode();
            h = 31 * h + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "PerUserValues[users=" + users.size() + ", metrics=" + values.keySet() + "]";
    }

    /**
     * The conventional path of a cell's per-user file relative to the runs file's directory:
     * {@code per-user/<cellKey>.tsv.gz}.
     *
     * @throws IllegalArgumentException if {@code cellKey} is not made of {@code [A-Za-z0-9._-]}
     */
    public static String defaultRelativePath(String cellKey) {
        if (!SAFE_KEY.matcher(cellKey).matches() || cellKey.startsWith(".")) {
            throw new IllegalArgumentException("cell key is not a safe file name: '" + cellKey + "'");
        }
        return DEFAULT_DIRECTORY + "/" + cellKey + SUFFIX;
    }

    /** The file's bytes as {@link #write} writes them (deterministic for equal values). */
    public static byte[] encode(PerUserValues v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * v.size() * (3 + v.values.size()));
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(bytes, 1 << 16), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(256);
            line.append(String.join("\t", FIXED_COLUMNS));
            for (String m : v.values.keySet()) {
                line.append('\t').append(m);
            }
            w.write(line.append('\n').toString());
            List<double[]> columns = new ArrayList<>(v.values.values());
            for (int i = 0; i < v.size(); i++) {
                line.setLength(0);
                line.append(v.users.get(i)).append('\t').append(v.targetTrain[i]).append('\t').append(v.sourceTrain[i]);
                for (double[] col : columns) {
                    line.append('\t').append(Double.toString(col[i]));
                }
                w.write(line.append('\n').toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory gzip failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes {@code v} to {@code file} atomically: the bytes go to a temporary sibling, are forced
     * to the device and moved into place (replacing an existing file), so a reader sees the old
     * file or the complete new one. Creates parent directories.
     *
     * @return the SHA-256 (lower-case hex) of the bytes written, for {@code perUserSha256}
     */
    public static String write(Path file, PerUserValues v) throws IOException {
        byte[] bytes = encode(v);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return Hashing.sha256Hex(bytes);
    }

    /** SHA-256 (lower-case hex) of the file's bytes, streamed. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = Hashing.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
        }
        return Hashing.hex(md.digest());
    }

    /**
     * Reads a per-user file.
     *
     * @throws MalformedPerUserFileException if it is not a valid per-user file (see the class
     *                                       comment), naming the file and line
     * @throws java.nio.file.NoSuchFileException if it does not exist
     */
    public static PerUserValues read(Path file) throws IOException {
        return decode(file, Files.readAllBytes(file));
    }

    /**
     * Reads a per-user file after checking that its bytes have the SHA-256 {@code expectedSha256}
     * (hex, case-insensitive). The bytes are read once, so the check covers exactly what is parsed.
     *
     * @throws PerUserChecksumException      on a mismatch
     * @throws MalformedPerUserFileException if the file is not a valid per-user file
     */
    public static PerUserValues read(Path file, String expectedSha256) throws IOException {
        Objects.requireNonNull(expectedSha256, "expectedSha256");
        byte[] bytes = Files.readAllBytes(file);
        String actual = Hashing.sha256Hex(bytes);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new PerUserChecksumException(file, expectedSha256, actual);
        }
        return decode(file, bytes);
    }

    /**
     * Parses the bytes of a per-user file; {@code file} only names it in errors.
     *
     * @throws MalformedPerUserFileException if the bytes are not a valid per-user file
     */
    public static PerUserValues decode(Path file, byte[] bytes) throws MalformedPerUserFileException {
        int lineNumber = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            lineNumber = 1;
            String header = in.readLine();
            if (header == null) {
                throw new MalformedPerUserFileException(file, 1, "empty file: no header", null);
            }
            String[] head = header.split("\t", -1);
            if (head.length < 3 || !head[0].equals("user") || !head[1].equals("targetTrain")
                    || !head[2].equals("sourceTrain")) {
                throw new MalformedPerUserFileException(file, 1,
                        "header must start with user<TAB>targetTrain<TAB>sourceTrain, got '" + header + "'", null);
            }
            int k = head.length - 3;
            for (int j = 3; j < head.length; j++) {
                if (head[j].isEmpty() || FIXED_COLUMNS.contains(head[j])) {
                    throw new MalformedPerUserFileException(file, 1, "bad metric name '" + head[j] + "'", null);
                }
                if (j > 3 && head[j - 1].compareTo(head[j]) >= 0) {
                    throw new MalformedPerUserFileException(file, 1, "metric names not strictly ascending: '"
                            + head[j - 1] + "' before '" + head[j] + "'", null);
                }
            }
            List<String> users = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            IntList tt = new IntList();
            IntList st = new IntList();
            DoubleList[] cols = new DoubleList[k];
            for (int j = 0; j < k; j++) {
                cols[j] = new DoubleList();
            }
            String line;
            while (true) {
                lineNumber++;
                line = in.readLine();
                if (line == null) {
                    break;
                }
                String[] f = line.split("\t", -1);
                if (f.length != k + 3) {
                    throw new MalformedPerUserFileException(file, lineNumber,
                            "expected " + (k + 3) + " fields, got " + f.length, null);
                }
                if (f[0].isEmpty()) {
                    throw new MalformedPerUserFileException(file, lineNumber, "empty user id", null);
                }
                if (!seen.add(f[0])) {
                    throw new MalformedPerUserFileException(file, lineNumber, "duplicate user id '" + f[0] + "'", null);
                }
                users.add(f[0]);
                tt.add(count(file, lineNumber, f[1], "targetTrain"));
                st.add(count(file, lineNumber, f[2], "sourceTrain"));
                for (int j = 0; j < k; j++) {
                    String s = f[j + 3];
                    if (!DOUBLE.matcher(s).matches()) {
                        throw new MalformedPerUserFileException(file, lineNumber,
                                "bad value '" + s + "' for metric '" + head[j + 3] + "'", null);
                    }
                    cols[j].add(Double.parseDouble(s));
                }
            }
            TreeMap<String, double[]> values = new TreeMap<>();
            for (int j = 0; j < k; j++) {
                values.put(head[j + 3], cols[j].toArray());
            }
            return new PerUserValues(users, tt.toArray(), st.toArray(), values);
        } catch (MalformedPerUserFileException e) {
            throw e;
        } catch (IOException e) {
            // gzip or UTF-8 decoding failed while reading line lineNumber (0: before the first line)
            throw new MalformedPerUserFileException(file, lineNumber,
                    (lineNumber == 0 ? "not a gzip file: " : "corrupt data: ") + e.getMessage(), e);
        }
    }

    private static int count(Path file, int lineNumber, String s, String what) throws MalformedPerUserFileException {
        if (COUNT.matcher(s).matches()) {
            long v = Long.parseLong(s);
            if (v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        }
        throw new MalformedPerUserFileException(file, lineNumber, "bad " + what + " count '" + s + "'", null);
    }

    private static final class IntList {
        private int[] a = new int[64];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    private static final class DoubleList {
        private double[] a = new double[64];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
