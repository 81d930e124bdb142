package org.rectransfer.datasets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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

/**
 * Interaction rows as loaded from one or more files, before they are placed in a user index: for
 * each row {@code r} in {@code [0, size())}, in file order, the raw user id, raw item id, value
 * (see {@link Feedback}; 1 for implicit data), timestamp (if the format has one) and the file line
 * it came from; plus the SHA-256 of every file's raw bytes and the number of lines read but not
 * kept. Raw ids are stored once each (rows hold codes into first-seen dictionaries).
 *
 * <p>This is the one result type of every loader: {@link DelimitedLoader} (formats a
 * {@link DelimitedFormat} describes; then {@link #format()} is that format) and the loaders of
 * package {@link org.rectransfer.datasets.formats} (dedicated tokenizers fill a {@link #builder}).
 * So data of any format can be put on a shared user index by {@link CrossDomainAssembler}.
 *
 * <p>{@link #toDomainData} turns the rows into a {@link DomainData} over a user index the caller
 * supplies (so several domains can share one), with this domain's own item index
 * ({@link #itemIndex()}, sorted by {@link IdIndex#ORDER}).
 *
 * <p>Thread safety: immutable, safe to share.
 */
public final class RawInteractions {

    /** What a row's value means. */
    public enum Feedback {
        /** A rating on the data set's scale. */
        EXPLICIT,
        /** Every row is one positive interaction; values are all 1. */
        IMPLICIT,
        /** Implicit feedback with a weight per row (e.g. a play count); the matrix stores the weight. */
        WEIGHTED
    }

    private final DelimitedFormat format;
    private final Feedback feedback;
    private final DuplicatePolicy duplicatePolicy;
    private final List<Path> files;
    private final Map<String, String> fileSha256;
    private final int[] fileFirstRow;
    private final int size;
    private final int[] userCode;
    private final int[] itemCode;
    private final String[] userDict;
    private final String[] itemDict;
    private final float[] ratings;
    private final long[] timestamps;
    private final int[] lines;
    private final long skippedRows;
    private final IdIndex itemIndex;
    private final int[] colOfItemCode;

    /**
     * The rows read by {@link DelimitedLoader} with {@code format}: {@link Feedback#EXPLICIT} if
     * the format has a rating column, else {@link Feedback#IMPLICIT}; the format's duplicate policy.
     */
    RawInteractions(DelimitedFormat format, List<Path> files, Map<String, String> fileSha256, int[] fileFirstRow,
                    int size, int[] userCode, int[] itemCode, String[] userDict, String[] itemDict, float[] ratings,
                    long[] timestamps, int[] lines, long skippedRows) {
        this(format, ratings != null ? Feedback.EXPLICIT : Feedback.IMPLICIT, format.duplicatePolicy(), files,
                fileSha256, fileFirstRow, size, userCode, itemCode, userDict, itemDict, ratings, timestamps, lines,
                skippedRows, null, null);
    }

    private RawInteractions(DelimitedFormat format, Feedback feedback, DuplicatePolicy duplicatePolicy, List<Path> files,
                            Map<String, String> fileSha256, int[] fileFirstRow, int size, int[] userCode, int[] itemCode,
                            String[] userDict, String[] itemDict, float[] ratings, long[] timestamps, int[] lines,
                            long skippedRows, IdIndex itemIndex, int[] colOfItemCode) {
        if ((feedback == Feedback.IMPLICIT) != (ratings == null)) {
            throw new IllegalStateException("values must be stored exactly when the feedback is not IMPLICIT, got "
                    + feedback + (ratings == null ? " without" : " with") + " values");
        }
        this.format = format;
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.duplicatePolicy = Objects.requireNonNull(duplicatePolicy, "duplicatePolicy");
        this.files = List.copyOf(files);
        this.fileSha256 = Collections.unmodifiableMap(fileSha256);
        this.fileFirstRow = fileFirstRow;
        this.size = size;
        this.userCode = userCode;
        this.itemCode = itemCode;
        this.userDict = userDict;
        this.itemDict = itemDict;
        this.ratings = ratings;
        this.timestamps = timestamps;
        this.lines = lines;
        this.skippedRows = skippedRows;
        if (itemIndex != null) {
            this.itemIndex = itemIndex;
            this.colOfItemCode = colOfItemCode;
        } else {
            this.itemIndex = IdIndex.of(Arrays.asList(itemDict));
            int[] cols = new int[itemDict.length];
            for (int c = 0; c < itemDict.length; c++) {
                cols[c] = this.itemIndex.indexOf(itemDict[c]);
            }
            this.colOfItemCode = cols;
        }
    }

    /**
     * A builder for rows read by a tokenizer other than {@link DelimitedLoader}.
     *
     * @param feedback       what the values mean; for {@link Feedback#IMPLICIT} the values given to
     *                       {@link Builder#add} are ignored (all 1)
     * @param withTimestamps whether rows carry a timestamp
     */
    public static Builder builder(Feedback feedback, boolean withTimestamps) {
        return new Builder(feedback, withTimestamps);
    }

    /**
     * The same rows with another meaning of their values (shares the data; cheap). For
     * {@link Feedback#IMPLICIT} the values are dropped (all 1).
     *
     * @throws IllegalArgumentException if {@code feedback} needs values but the rows have none
     */
    public RawInteractions withFeedback(Feedback feedback) {
        Objects.requireNonNull(feedback, "feedback");
        if (feedback == this.feedback) {
            return this;
        }
        if (feedback != Feedback.IMPLICIT && ratings == null) {
            throw new IllegalArgumentException(feedback + " feedback needs a value column, the rows have none");
        }
        return new RawInteractions(format, feedback, duplicatePolicy, files, fileSha256, fileFirstRow, size, userCode,
                itemCode, userDict, itemDict, feedback == Feedback.IMPLICIT ? null : ratings, timestamps, lines,
                skippedRows, itemIndex, colOfItemCode);
    }

    /** The same rows with {@code policy} as the default of {@link #toDomainData(String, IdIndex)}. */
    public RawInteractions withDuplicatePolicy(DuplicatePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (policy == duplicatePolicy) {
            return this;
        }
        return new RawInteractions(format, feedback, policy, files, fileSha256, fileFirstRow, size, userCode, itemCode,
                userDict, itemDict, ratings, timestamps, lines, skippedRows, itemIndex, colOfItemCode);
    }

    /**
     * The delimited format the rows were read with by {@link DelimitedLoader}, or {@code null} if
     * they were read by a dedicated tokenizer (built with {@link #builder}).
     */
    public DelimitedFormat format() {
        return format;
    }

    /** What the values mean. */
    public Feedback feedback() {
        return feedback;
    }

    /**
     * The default policy of {@link #toDomainData(String, IdIndex)}: the format's for
     * {@link DelimitedLoader} rows, {@link DuplicatePolicy#ERROR} unless set otherwise for built rows.
     */
    public DuplicatePolicy duplicatePolicy() {
        return duplicatePolicy;
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

    /**
     * Lines read but not kept: for {@link DelimitedLoader}, rows of another domain under a domain
     * filter and, if the format skips them, blank lines; other loaders document which. Header
     * lines are not counted.
     */
    public long skippedRows() {
        return skippedRows;
    }

    /**
     * {@code true} when rows carry a value ({@link Feedback#EXPLICIT} or {@link Feedback#WEIGHTED});
     * then the matrix of {@link #toDomainData} stores values.
     */
    public boolean isExplicit() {
        return ratings != null;
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

    /** The rating of {@code row}; 1 for implicit data (same as {@link #value}). */
    public float rating(int row) {
        return ratings == null ? 1f : ratings[row];
    }

    /** The value of {@code row}: the rating, the weight, or 1 for {@link Feedback#IMPLICIT}. */
    public float value(int row) {
        return ratings == null ? 1f : ratings[row];
    }

    /**
     * The timestamp of {@code row} (seconds since the epoch unless the loader says otherwise);
     * throws if the format had no timestamp column.
     */
    public long timestamp(int row) {
        if (timestamps == null) {
            throw new IllegalStateException("no timestamps were read");
        }
        return timestamps[row];
    }

    /** The file and line {@code row} was read from. */
    public SourceLocation location(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " outside [0, " + size + ")");
        }
        int f = Arrays.binarySearch(fileFirstRow, row);
        if (f < 0) {
            f = -f - 2;
        } else {
            while (f + 1 < fileFirstRow.length && fileFirstRow[f + 1] == row) {
                f++; // skip files that contributed no kept row
            }
        }
        return new SourceLocation(files.get(f), lines[row]);
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

    /** This domain's item index (sorted raw ids). */
    public IdIndex itemIndex() {
        return itemIndex;
    }

    /** SHA-256 (hex) over the file names and file hashes, in reading order. */
    public String rawFingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : fileSha256.entrySet()) {
            sb.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
        }
        return Hashing.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #toDomainData(String, IdIndex, DuplicatePolicy)} with {@link #duplicatePolicy()}. */
    public DomainData toDomainData(String name, IdIndex users) {
        return toDomainData(name, users, duplicatePolicy);
    }

    /**
     * The rows as a domain over {@code users} (rows of the matrix) and {@link #itemIndex()}
     * (columns); the matrix stores values unless the feedback is {@link Feedback#IMPLICIT}.
     * Duplicate (user, item) rows are resolved by {@code policy}; under
     * {@link DuplicatePolicy#ERROR} a duplicate is a {@link DataFormatException} naming both lines.
     * The fingerprint is SHA-256 over {@link #rawFingerprint()} and
     * {@link DomainData#contentFingerprint}.
     *
     * @throws IllegalArgumentException if a user id of the rows is not in {@code users}
     */
    public DomainData toDomainData(String name, IdIndex users, DuplicatePolicy policy) {
        int[] rowOfUserCode = new int[userDict.length];
        for (int c = 0; c < userDict.length; c++) {
            rowOfUserCode[c] = users.indexOf(userDict[c]);
            if (rowOfUserCode[c] < 0) {
                throw new IllegalArgumentException("domain '" + name + "': user id '" + userDict[c] + "' (first at "
                        + location(firstRowOfUser(c)) + ") is not in the user index of " + users.size() + " users");
            }
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(users.size(), itemIndex.size(), ratings != null,
                timestamps != null);
        for (int r = 0; r < size; r++) {
            b.add(rowOfUserCode[userCode[r]], colOfItemCode[itemCode[r]], ratings == null ? 1f : ratings[r],
                    timestamps == null ? 0L : timestamps[r]);
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

    private int firstRowOfUser(int code) {
        for (int r = 0; r < size; r++) {
            if (userCode[r] == code) {
                return r;
            }
        }
        throw new AssertionError("user code without rows: " + code);
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>(fileSha256.keySet());
        return "RawInteractions[" + feedback + ", " + size + " rows, " + userDict.length + " users, " + itemDict.length + " items, files="
                + names + "]";
    }

    /**
     * Accumulates rows file by file: {@link #startFile}, then {@link #add} (or {@link #skip}) per
     * line of that file, then {@link #endFile} with the file's SHA-256; finally {@link #build}.
     * Not thread-safe.
     */
    public static final class Builder {
        private final Feedback feedback;
        private final List<Path> files = new ArrayList<>();
        private final Map<String, String> sha = new LinkedHashMap<>();
        private final IdDictionary userDict = new IdDictionary();
        private final IdDictionary itemDict = new IdDictionary();
        private int[] fileFirstRow = new int[4];
        private int[] users = new int[1024];
        private int[] items = new int[1024];
        private float[] values;
        private long[] timestamps;
        private int[] lines = new int[1024];
        private int size;
        private long skipped;
        private DuplicatePolicy duplicatePolicy = DuplicatePolicy.ERROR;

        private Builder(Feedback feedback, boolean withTimestamps) {
            this.feedback = Objects.requireNonNull(feedback, "feedback");
            this.values = feedback == Feedback.IMPLICIT ? null : new float[1024];
            this.timestamps = withTimestamps ? new long[1024] : null;
        }

        /**
         * Starts the rows of {@code path}; later rows belong to it until the next file.
         *
         * @throws IllegalArgumentException if a file of the same file name was started before
         */
        public Builder startFile(Path path) {
            String name = path.getFileName().toString();
            if (sha.containsKey(name)) {
                throw new IllegalArgumentException("two files named '" + name + "' in one read: " + files + ", " + path);
            }
            sha.put(name, "");
            if (files.size() == fileFirstRow.length) {
                fileFirstRow = Arrays.copyOf(fileFirstRow, fileFirstRow.length * 2);
            }
            fileFirstRow[files.size()] = size;
            files.add(path);
            return this;
        }

        /** Records the SHA-256 (hex) of the raw bytes of {@code path}, a started file. */
        public Builder endFile(Path path, String sha256) {
            String name = path.getFileName().toString();
            if (!sha.containsKey(name)) {
                throw new IllegalArgumentException("file '" + name + "' was not started");
            }
            sha.put(name, Objects.requireNonNull(sha256, "sha256"));
            return this;
        }

        /** Counts a data line of the current file that is deliberately not kept. */
        public Builder skip() {
            skipped++;
            return this;
        }

        /** The default policy of {@link RawInteractions#toDomainData(String, IdIndex)}; {@link DuplicatePolicy#ERROR} if not set. */
        public Builder duplicatePolicy(DuplicatePolicy policy) {
            this.duplicatePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Rows added so far. */
        public int size() {
            return size;
        }

        /** Lines skipped so far. */
        public long skipped() {
            return skipped;
        }

        /**
         * Appends a row of the current file.
         *
         * @param value     ignored for {@link Feedback#IMPLICIT}
         * @param timestamp ignored without timestamps
         * @param line      1-based line number in the current file, at most {@link Integer#MAX_VALUE}
         */
        public Builder add(String user, String item, float value, long timestamp, long line) {
            if (files.isEmpty()) {
                throw new IllegalStateException("add before startFile");
            }
            if (line < 1 || line > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("line must be in [1, " + Integer.MAX_VALUE + "], got " + line);
            }
            if (size == users.length) {
                int cap = size * 2;
                users = Arrays.copyOf(users, cap);
                items = Arrays.copyOf(items, cap);
                lines = Arrays.copyOf(lines, cap);
                if (values != null) {
                    values = Arrays.copyOf(values, cap);
                }
                if (timestamps != null) {
                    timestamps = Arrays.copyOf(timestamps, cap);
                }
            }
            users[size] = userDict.code(Objects.requireNonNull(user, "user"));
            items[size] = itemDict.code(Objects.requireNonNull(item, "item"));
            if (values != null) {
                values[size] = value;
            }
            if (timestamps != null) {
                timestamps[size] = timestamp;
            }
            lines[size] = (int) line;
            size++;
            return this;
        }

        /** The rows added so far. */
        public RawInteractions build() {
            return new RawInteractions(null, feedback, duplicatePolicy, files, new LinkedHashMap<>(sha),
                    Arrays.copyOf(fileFirstRow, files.size()), size, Arrays.copyOf(users, size),
                    Arrays.copyOf(items, size), userDict.ids(), itemDict.ids(),
                    values == null ? null : Arrays.copyOf(values, size),
                    timestamps == null ? null : Arrays.copyOf(timestamps, size), Arrays.copyOf(lines, size), skipped,
                    null, null);
        }
    }
}
