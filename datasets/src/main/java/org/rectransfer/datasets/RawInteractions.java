package org.rectransfer.datasets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicateEntryException;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

/**
 * The rows read from one or more files by {@link DelimitedLoader}, before they are placed in a
 * user index: for each row {@code r} in {@code [0, size())}, in file order, the raw user id, raw
 * item id, rating (1 for implicit data), timestamp (if the format has one) and the file line it
 * came from. Raw ids are stored once each (rows hold codes into first-seen dictionaries).
 *
 * <p>{@link #toDomainData} turns the rows into a {@link DomainData} over a user index the caller
 * supplies (so several domains can share one), with this domain's own item index
 * ({@link #itemIndex()}, sorted by {@link IdIndex#ORDER}).
 *
 * <p>Thread safety: immutable, safe to share.
 */
public final class RawInteractions {

    private final DelimitedFormat format;
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

    RawInteractions(DelimitedFormat format, List<Path> files, Map<String, String> fileSha256, int[] fileFirstRow,
                    int size, int[] userCode, int[] itemCode, String[] userDict, String[] itemDict, float[] ratings,
                    long[] timestamps, int[] lines, long skippedRows) {
        this.format = format;
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
        this.itemIndex = IdIndex.of(Arrays.asList(itemDict));
        this.colOfItemCode = new int[itemDict.length];
        for (int c = 0; c < itemDict.length; c++) {
            colOfItemCode[c] = itemIndex.indexOf(itemDict[c]);
        }
    }

    /** The format the rows were read with; its duplicate policy is the default of {@link #toDomainData}. */
    public DelimitedFormat format() {
        return format;
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
     * Lines read but not kept: rows of another domain under a domain filter and, if the format
     * skips them, blank lines. Header lines are not counted.
     */
    public long skippedRows() {
        return skippedRows;
    }

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

    /** The rating of {@code row}; 1 for implicit data. */
    public float rating(int row) {
        return ratings == null ? 1f : ratings[row];
    }

    /** The timestamp of {@code row}; throws if the format had no timestamp column. */
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

    /** {@link #toDomainData(String, IdIndex, DuplicatePolicy)} with the format's duplicate policy. */
    public DomainData toDomainData(String name, IdIndex users) {
        return toDomainData(name, users, format.duplicatePolicy());
    }

    /**
     * The rows as a domain over {@code users} (rows of the matrix) and {@link #itemIndex()}
     * (columns). Duplicate (user, item) rows are resolved by {@code policy}; under
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
        return "RawInteractions[" + size + " rows, " + userDict.length + " users, " + itemDict.length + " items, files="
                + names + "]";
    }
}
