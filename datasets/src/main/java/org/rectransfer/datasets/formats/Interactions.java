package org.rectransfer.datasets.formats;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicateEntryException;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;
import org.rectransfer.datasets.DataFormatException;
import org.rectransfer.datasets.RawInteractions;
import org.rectransfer.datasets.SourceLocation;

/**
 * The rows one of the format loaders of this package read, before they are placed in a user
 * index: per row (in file order) the raw user id, raw item id, value, optional timestamp and the
 * file line it came from; plus the SHA-256 of every file's raw bytes.
 *
 * <p>This is the common result of every loader in this package, whether it parses through
 * {@link org.rectransfer.datasets.DelimitedLoader} (then it is a copy of the
 * {@link RawInteractions}, see {@link #of}) or with a dedicated tokenizer (formats
 * {@code DelimitedFormat} cannot describe). It mirrors {@link RawInteractions}: same fingerprint
 * formula, same duplicate handling, same error messages naming {@code path:line}.
 *
 * <p>Thread safety: immutable, safe to share.
 */
public final class Interactions {

    /** What a row's value means. */
    public enum Feedback {
        /** A rating on the data set's scale. */
        EXPLICIT,
        /** Every row is one positive interaction; values are all 1. */
        IMPLICIT,
        /** Implicit feedback with a weight per row (e.g. a play count); the matrix stores the weight. */
        WEIGHTED
    }

    private final Feedback feedback;
    private final List<Path> files;
    private final Map<String, String> fileSha256;
    private final int size;
    private final int[] userCode;
    private final int[] itemCode;
    private final String[] userDict;
    private final String[] itemDict;
    private final float[] values;
    private final long[] timestamps;
    private final int[] fileOfRow;
    private final long[] lines;
    private final long skippedRows;
    private final IdIndex itemIndex;

    private Interactions(Builder b, Feedback feedback) {
        this.feedback = feedback;
        this.files = List.copyOf(b.files);
        this.fileSha256 = Collections.unmodifiableMap(new LinkedHashMap<>(b.sha));
        this.size = b.size;
        this.userCode = Arrays.copyOf(b.users, size);
        this.itemCode = Arrays.copyOf(b.items, size);
        this.userDict = b.userIds.toArray(new String[0]);
        this.itemDict = b.itemIds.toArray(new String[0]);
        this.values = feedback == Feedback.IMPLICIT ? null : Arrays.copyOf(b.values, size);
        this.timestamps = b.timestamps == null ? null : Arrays.copyOf(b.timestamps, size);
        this.fileOfRow = Arrays.copyOf(b.fileOfRow, size);
        this.lines = Arrays.copyOf(b.lines, size);
        this.skippedRows = b.skipped;
        this.itemIndex = IdIndex.of(Arrays.asList(itemDict));
    }

    /**
     * A copy of {@code raw} (rows, locations, file hashes, skipped count) with the given meaning
     * of its values. For {@link Feedback#IMPLICIT} the values are dropped (all 1).
     *
     * @throws IllegalArgumentException if {@code feedback} needs values but {@code raw} has none
     */
    public static Interactions of(RawInteractions raw, Feedback feedback) {
        Objects.requireNonNull(feedback, "feedback");
        if (feedback != Feedback.IMPLICIT && !raw.isExplicit()) {
            throw new IllegalArgumentException(feedback + " feedback needs a value column, the rows have none");
        }
        Builder b = new Builder(raw.hasTimestamps());
        Map<Path, Integer> fileIndex = new HashMap<>();
        for (Path f : raw.files()) {
            fileIndex.put(f, b.files.size());
            b.files.add(f);
        }
        b.sha.putAll(raw.fileSha256());
        for (int r = 0; r < raw.size(); r++) {
            SourceLocation loc = raw.location(r);
            b.file = fileIndex.get(loc.file());
            b.add(raw.userId(r), raw.itemId(r), raw.rating(r), raw.hasTimestamps() ? raw.timestamp(r) : 0L, loc.line());
        }
        b.skipped = raw.skippedRows();
        return b.build(feedback);
    }

    public Feedback feedback() {
        return feedback;
    }

    /** The files read, in reading order. */
    public List<Path> files() {
        return files;
    }

    /** SHA-256 (hex) of each file's raw bytes, keyed by file name, in reading order. */
    public Map<String, String> fileSha256() {
        return fileSha256;
    }

    /** Number of rows kept (duplicates not yet resolved). */
    public int size() {
        return size;
    }

    /** Data lines read but deliberately not kept (each loader documents which); header lines are not counted. */
    public long skippedRows() {
        return skippedRows;
    }

    public boolean hasTimestamps() {
        return timestamps != null;
    }

    public String userId(int row) {
        return userDict[userCode[row]];
    }

    public String itemId(int row) {
        return itemDict[itemCode[row]];
    }

    /** The value of {@code row}: the rating, the weight, or 1 for {@link Feedback#IMPLICIT}. */
    public float value(int row) {
        return values == null ? 1f : values[row];
    }

    /** The timestamp of {@code row} (seconds since the epoch unless the loader says otherwise). */
    public long timestamp(int row) {
        if (timestamps == null) {
            throw new IllegalStateException("no timestamps were read");
        }
        return timestamps[row];
    }

    /** The file and line {@code row} was read from. */
    public SourceLocation location(int row) {
        Objects.checkIndex(row, size);
        return new SourceLocation(files.get(fileOfRow[row]), lines[row]);
    }

    /** The distinct raw user ids, in first-seen order. */
    public List<String> userIds() {
        return Collections.unmodifiableList(Arrays.asList(userDict));
    }

    /** The distinct raw item ids, in first-seen order. */
    public List<String> itemIds() {
        return Collections.unmodifiableList(Arrays.asList(itemDict));
    }

    public int numUsers() {
        return userDict.length;
    }

    public int numItems() {
        return itemDict.length;
    }

    /** An index over this data's own users (for single-domain use). */
    public IdIndex userIndex() {
        return IdIndex.of(Arrays.asList(userDict));
    }

    /** This domain's item index (sorted raw ids, {@link IdIndex#ORDER}). */
    public IdIndex itemIndex() {
        return itemIndex;
    }

    /** SHA-256 (hex) over the file names and file hashes, in reading order (as {@link RawInteractions#rawFingerprint()}). */
    public String rawFingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : fileSha256.entrySet()) {
            sb.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
        }
        return Hashing.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The rows as a domain over {@code users} (rows) and {@link #itemIndex()} (columns); the
     * matrix is explicit (stores values) unless the feedback is {@link Feedback#IMPLICIT}.
     * Duplicate (user, item) rows are resolved by {@code policy}; under
     * {@link DuplicatePolicy#ERROR} a duplicate is a {@link DataFormatException} naming both
     * lines. The fingerprint is computed as in {@link RawInteractions#toDomainData}.
     *
     * @throws IllegalArgumentException if a user id of the rows is not in {@code users}
     */
    public DomainData toDomainData(String name, IdIndex users, DuplicatePolicy policy) {
        int[] rowOfUser = new int[userDict.length];
        for (int c = 0; c < userDict.length; c++) {
            rowOfUser[c] = users.indexOf(userDict[c]);
            if (rowOfUser[c] < 0) {
                throw new IllegalArgumentException("domain '" + name + "': user id '" + userDict[c]
                        + "' is not in the user index of " + users.size() + " users");
            }
        }
        int[] colOfItem = new int[itemDict.length];
        for (int c = 0; c < itemDict.length; c++) {
            colOfItem[c] = itemIndex.indexOf(itemDict[c]);
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(users.size(), itemIndex.size(), values != null,
                timestamps != null);
        for (int r = 0; r < size; r++) {
            b.add(rowOfUser[userCode[r]], colOfItem[itemCode[r]], value(r), timestamps == null ? 0L : timestamps[r]);
        }
        InteractionMatrix m;
        try {
            m = b.build(policy);
        } catch (DuplicateEntryException e) {
            int first = (int) e.firstPosition();
            int second = (int) e.secondPosition();
            throw new DataFormatException(location(second), location(first), "duplicate entry for user '"
                    + userId(second) + "', item '" + itemId(second) + "' (duplicate policy " + policy + ")");
        }
        String content = DomainData.contentFingerprint(users, itemIndex, m);
        return new DomainData(name, itemIndex, m, Hashing.sha256Hex("raw:" + rawFingerprint() + "|content:" + content));
    }

    @Override
    public String toString() {
        return "Interactions[" + feedback + ", " + size + " rows, " + userDict.length + " users, " + itemDict.length
                + " items, files=" + new ArrayList<>(fileSha256.keySet()) + "]";
    }

    /** Accumulates rows for the dedicated tokenizers of this package. Not thread-safe. */
    static final class Builder {
        private final List<Path> files = new ArrayList<>();
        private final Map<String, String> sha = new LinkedHashMap<>();
        private final Map<String, Integer> userCodes = new HashMap<>();
        private final Map<String, Integer> itemCodes = new HashMap<>();
        private final List<String> userIds = new ArrayList<>();
        private final List<String> itemIds = new ArrayList<>();
        private int[] users = new int[1024];
        private int[] items = new int[1024];
        private float[] values = new float[1024];
        private long[] timestamps;
        private int[] fileOfRow = new int[1024];
        private long[] lines = new long[1024];
        private int size;
        private int file = -1;
        private long skipped;

        Builder(boolean withTimestamps) {
            this.timestamps = withTimestamps ? new long[1024] : null;
        }

        /** Starts the rows of {@code path}; file names must be unique within one read. */
        void startFile(Path path) {
            String name = path.getFileName().toString();
            if (sha.containsKey(name)) {
                throw new IllegalArgumentException("two files named '" + name + "' in one read: " + files + ", " + path);
            }
            sha.put(name, "");
            files.add(path);
            file = files.size() - 1;
        }

        void endFile(Path path, String sha256) {
            sha.put(path.getFileName().toString(), sha256);
        }

        void skip() {
            skipped++;
        }

        int size() {
            return size;
        }

        long skipped() {
            return skipped;
        }

        void add(String user, String item, float value, long timestamp, long line) {
            if (size == users.length) {
                int cap = size * 2;
                users = Arrays.copyOf(users, cap);
                items = Arrays.copyOf(items, cap);
                values = Arrays.copyOf(values, cap);
                fileOfRow = Arrays.copyOf(fileOfRow, cap);
                lines = Arrays.copyOf(lines, cap);
                if (timestamps != null) {
                    timestamps = Arrays.copyOf(timestamps, cap);
                }
            }
            users[size] = code(user, userCodes, userIds);
            items[size] = code(item, itemCodes, itemIds);
            values[size] = value;
            if (timestamps != null) {
                timestamps[size] = timestamp;
            }
            fileOfRow[size] = file;
            lines[size] = line;
            size++;
        }

        private static int code(String id, Map<String, Integer> codes, List<String> ids) {
            Integer c = codes.get(id);
            if (c == null) {
                c = ids.size();
                codes.put(id, c);
                ids.add(id);
            }
            return c;
        }

        Interactions build(Feedback feedback) {
            return new Interactions(this, feedback);
        }
    }
}
