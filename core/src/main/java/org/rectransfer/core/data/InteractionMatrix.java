package org.rectransfer.core.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

import org.rectransfer.core.provenance.Hashing;

/**
 * Immutable sparse matrix in compressed sparse row (CSR) form: rows are users (the shared user
 * index of a {@link CrossDomainData}), columns are the items of one domain.
 *
 * <p>Invariants: {@code rowPtr.length == numRows + 1}, {@code rowPtr[0] == 0},
 * {@code rowPtr[numRows] == nnz}; within a row, column indices are strictly increasing (no
 * duplicates). {@code values} is {@code null} for implicit feedback (every stored entry counts
 * as 1); {@code timestamps} is {@code null} when the data has none. Values are stored as
 * {@code float}; sums over them should be accumulated in {@code double}.
 *
 * <p>The item-major transpose is built on first use and cached. Thread safety: immutable apart
 * from that cache, which is published safely; safe to share between threads.
 */
public final class InteractionMatrix {

    private final int numRows;
    private final int numCols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final float[] values;
    private final long[] timestamps;
    private volatile InteractionMatrix transpose;

    private InteractionMatrix(int numRows, int numCols, int[] rowPtr, int[] colIdx, float[] values, long[] timestamps) {
        this.numRows = numRows;
        this.numCols = numCols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
        this.timestamps = timestamps;
    }

    /** A builder for a {@code numRows x numCols} matrix. */
    public static Builder builder(int numRows, int numCols, boolean explicit, boolean withTimestamps) {
        return new Builder(numRows, numCols, explicit, withTimestamps);
    }

    /** An empty matrix of the given shape. */
    public static InteractionMatrix empty(int numRows, int numCols, boolean explicit) {
        return new InteractionMatrix(numRows, numCols, new int[numRows + 1], new int[0],
                explicit ? new float[0] : null, null);
    }

    public int numRows() {
        return numRows;
    }

    public int numCols() {
        return numCols;
    }

    /** Number of stored entries. */
    public int nnz() {
        return rowPtr[numRows];
    }

    public boolean isExplicit() {
        return values != null;
    }

    public boolean hasTimestamps() {
        return timestamps != null;
    }

    /** Position of the first entry of {@code row}; entries of the row are {@code [rowStart, rowEnd)}. */
    public int rowStart(int row) {
        return rowPtr[row];
    }

    public int rowEnd(int row) {
        return rowPtr[row + 1];
    }

    public int rowSize(int row) {
        return rowPtr[row + 1] - rowPtr[row];
    }

    /** Column of the entry at position {@code p} in {@code [0, nnz())}. */
    public int col(int p) {
        return colIdx[p];
    }

    /** Value of the entry at position {@code p}; 1 for implicit matrices. */
    public float value(int p) {
        return values == null ? 1f : values[p];
    }

    /** Timestamp of the entry at position {@code p}; throws if the matrix has none. */
    public long timestamp(int p) {
        if (timestamps == null) {
            throw new IllegalStateException("matrix has no timestamps");
        }
        return timestamps[p];
    }

    /** Position of entry (row, col), or a negative number if absent. */
    public int find(int row, int col) {
        int lo = rowPtr[row];
        int hi = rowPtr[row + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = colIdx[mid];
            if (c < col) {
                lo = mid + 1;
            } else if (c > col) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Value at (row, col), or {@code Float.NaN} if the cell is empty. */
    public float get(int row, int col) {
        int p = find(row, col);
        return p < 0 ? Float.NaN : value(p);
    }

    /** Number of non-empty rows. */
    public int nonEmptyRows() {
        int n = 0;
        for (int r = 0; r < numRows; r++) {
            if (rowPtr[r + 1] > rowPtr[r]) {
                n++;
            }
        }
        return n;
    }

    /** Mean of stored values in double precision ({@code NaN} when empty). */
    public double meanValue() {
        int nnz = nnz();
        if (nnz == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int p = 0; p < nnz; p++) {
            sum += value(p);
        }
        return sum / nnz;
    }

    /**
     * The item-major transpose ({@code numCols x numRows}), built once and cached. Entries of a
     * transposed row are in increasing original-row order.
     */
    public InteractionMatrix transpose() {
        InteractionMatrix t = transpose;
        if (t == null) {
            synchronized (this) {
                t = transpose;
                if (t == null) {
                    t = buildTranspose();
                    t.transpose = this;
                    transpose = t;
                }
            }
        }
        return t;
    }

    private InteractionMatrix buildTranspose() {
        int nnz = nnz();
        int[] tPtr = new int[numCols + 1];
        for (int p = 0; p < nnz; p++) {
            tPtr[colIdx[p] + 1]++;
        }
        for (int c = 0; c < numCols; c++) {
            tPtr[c + 1] += tPtr[c];
        }
        int[] next = Arrays.copyOf(tPtr, numCols);
        int[] tCol = new int[nnz];
        float[] tVal = values == null ? null : new float[nnz];
        long[] tTs = timestamps == null ? null : new long[nnz];
        for (int r = 0; r < numRows; r++) {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                int q = next[colIdx[p]]++;
                tCol[q] = r;
                if (tVal != null) {
                    tVal[q] = values[p];
                }
                if (tTs != null) {
                    tTs[q] = timestamps[p];
                }
            }
        }
        return new InteractionMatrix(numCols, numRows, tPtr, tCol, tVal, tTs);
    }

    /**
     * The sub-matrix of the same shape holding the entries whose position {@code p} has
     * {@code keep[p] == true}.
     */
    public InteractionMatrix select(boolean[] keep) {
        if (keep.length != nnz()) {
            throw new IllegalArgumentException("keep mask has length " + keep.length + ", expected " + nnz());
        }
        int kept = 0;
        for (boolean k : keep) {
            if (k) {
                kept++;
            }
        }
        int[] ptr = new int[numRows + 1];
        int[] cols = new int[kept];
        float[] vals = values == null ? null : new float[kept];
        long[] ts = timestamps == null ? null : new long[kept];
        int q = 0;
        for (int r = 0; r < numRows; r++) {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                if (keep[p]) {
                    cols[q] = colIdx[p];
                    if (vals != null) {
                        vals[q] = values[p];
                    }
                    if (ts != null) {
                        ts[q] = timestamps[p];
                    }
                    q++;
                }
            }
            ptr[r + 1] = q;
        }
        return new InteractionMatrix(numRows, numCols, ptr, cols, vals, ts);
    }

    /**
     * This matrix with its rows re-indexed: old row {@code r} becomes row
     * {@code newRowOfOldRow[r]} of a matrix with {@code newNumRows} rows; rows no old row maps
     * to are empty. Used to move a domain loaded with its own user index into the shared one.
     * The map must be injective with values in {@code [0, newNumRows)}; otherwise this throws
     * {@link IllegalArgumentException}.
     */
    public InteractionMatrix remapRows(int newNumRows, int[] newRowOfOldRow) {
        if (newRowOfOldRow.length != numRows) {
            throw new IllegalArgumentException("row map has length " + newRowOfOldRow.length + ", expected " + numRows);
        }
        if (newNumRows < 0) {
            throw new IllegalArgumentException("negative row count " + newNumRows);
        }
        // Without this check two old rows with disjoint columns mapped to one new row were merged silently.
        int[] oldRowOfNewRow = new int[newNumRows];
        Arrays.fill(oldRowOfNewRow, -1);
        for (int r = 0; r < numRows; r++) {
            int nr = newRowOfOldRow[r];
            if (nr < 0 || nr >= newNumRows) {
                throw new IllegalArgumentException("row map sends row " + r + " to " + nr + ", outside [0, " + newNumRows + ")");
            }
            if (oldRowOfNewRow[nr] >= 0) {
                throw new IllegalArgumentException("row map is not injective: rows " + oldRowOfNewRow[nr] + " and " + r
                        + " both map to " + nr);
            }
            oldRowOfNewRow[nr] = r;
        }
        Builder b = builder(newNumRows, numCols, isExplicit(), hasTimestamps());
        for (int r = 0; r < numRows; r++) {
            int nr = newRowOfOldRow[r];
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                b.add(nr, colIdx[p], value(p), timestamps == null ? 0L : timestamps[p]);
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    /**
     * This matrix with its columns re-indexed: old column {@code c} becomes column
     * {@code newColOfOldCol[c]} of a matrix with {@code newNumCols} columns; columns no old column
     * maps to are empty. Used to put a domain's items on another item index (e.g. one shared by
     * several domains). The map must be injective with values in {@code [0, newNumCols)};
     * otherwise this throws {@link IllegalArgumentException}. Values and timestamps are kept.
     */
    public InteractionMatrix remapColumns(int newNumCols, int[] newColOfOldCol) {
        if (newColOfOldCol.length != numCols) {
            throw new IllegalArgumentException("column map has length " + newColOfOldCol.length + ", expected "
                    + numCols);
        }
        if (newNumCols < 0) {
            throw new IllegalArgumentException("negative column count " + newNumCols);
        }
        int[] oldColOfNewCol = new int[newNumCols];
        Arrays.fill(oldColOfNewCol, -1);
        for (int c = 0; c < numCols; c++) {
            int nc = newColOfOldCol[c];
            if (nc < 0 || nc >= newNumCols) {
                throw new IllegalArgumentException("column map sends column " + c + " to " + nc + ", outside [0, "
                        + newNumCols + ")");
            }
            if (oldColOfNewCol[nc] >= 0) {
                throw new IllegalArgumentException("column map is not injective: columns " + oldColOfNewCol[nc]
                        + " and " + c + " both map to " + nc);
            }
            oldColOfNewCol[nc] = c;
        }
        Builder b = builder(numRows, newNumCols, isExplicit(), hasTimestamps());
        for (int r = 0; r < numRows; r++) {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                b.add(r, newColOfOldCol[colIdx[p]], value(p), timestamps == null ? 0L : timestamps[p]);
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    /**
     * SHA-256 (hex) of the shape, structure, values and timestamps. Equal matrices have equal
     * hashes; the hash does not depend on how the matrix was built.
     */
    public String contentHash() {
        MessageDigest md = Hashing.sha256();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        buf.putInt(numRows).putInt(numCols).put((byte) (values == null ? 0 : 1)).put((byte) (timestamps == null ? 0 : 1));
        for (int r = 0; r < numRows; r++) {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                if (buf.remaining() < 24) {
                    md.update(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putInt(r).putInt(colIdx[p]);
                if (values != null) {
                    buf.putFloat(values[p]);
                }
                if (timestamps != null) {
                    buf.putLong(timestamps[p]);
                }
            }
        }
        md.update(buf.array(), 0, buf.position());
        return Hashing.hex(md.digest());
    }

    @Override
    public String toString() {
        return "InteractionMatrix[" + numRows + "x" + numCols + ", nnz=" + nnz() + (isExplicit() ? ", explicit" : ", implicit")
                + (hasTimestamps() ? ", timestamps" : "") + "]";
    }

    /**
     * Accumulates entries in any order and builds the CSR matrix. Not thread-safe. Entries are
     * remembered with their insertion position (0-based), which duplicate errors report.
     */
    public static final class Builder {
        private final int numRows;
        private final int numCols;
        private final boolean explicit;
        private final boolean withTimestamps;
        private int size;
        private int[] rows = new int[16];
        private int[] cols = new int[16];
        private float[] vals;
        private long[] ts;

        private Builder(int numRows, int numCols, boolean explicit, boolean withTimestamps) {
            if (numRows < 0 || numCols < 0) {
                throw new IllegalArgumentException("negative shape " + numRows + "x" + numCols);
            }
            this.numRows = numRows;
            this.numCols = numCols;
            this.explicit = explicit;
            this.withTimestamps = withTimestamps;
            this.vals = explicit ? new float[16] : null;
            this.ts = withTimestamps ? new long[16] : null;
        }

        /** Adds an entry; {@code value} is ignored for implicit and {@code timestamp} without timestamps. */
        public Builder add(int row, int col, float value, long timestamp) {
            if (row < 0 || row >= numRows || col < 0 || col >= numCols) {
                throw new IndexOutOfBoundsException("entry (" + row + ", " + col + ") outside " + numRows + "x" + numCols);
            }
            if (explicit && !Float.isFinite(value)) {
                throw new IllegalArgumentException("non-finite value " + value + " at (" + row + ", " + col + ")");
            }
            if (size == rows.length) {
                int cap = Math.max(16, rows.length + (rows.length >> 1));
                rows = Arrays.copyOf(rows, cap);
                cols = Arrays.copyOf(cols, cap);
                if (vals != null) {
                    vals = Arrays.copyOf(vals, cap);
                }
                if (ts != null) {
                    ts = Arrays.copyOf(ts, cap);
                }
            }
            rows[size] = row;
            cols[size] = col;
            if (vals != null) {
                vals[size] = value;
            }
            if (ts != null) {
                ts[size] = timestamp;
            }
            size++;
            return this;
        }

        /** Adds an entry without timestamp. */
        public Builder add(int row, int col, float value) {
            return add(row, col, value, 0L);
        }

        public int size() {
            return size;
        }

        /** Builds the matrix, resolving duplicate cells by {@code policy}. */
        public InteractionMatrix build(DuplicatePolicy policy) {
            int[] ptr = new int[numRows + 1];
            for (int i = 0; i < size; i++) {
                ptr[rows[i] + 1]++;
            }
            for (int r = 0; r < numRows; r++) {
                ptr[r + 1] += ptr[r];
            }
            // Bucket insertion positions by row, then sort each row by (col, position).
            long[] keys = new long[size];
            int[] next = Arrays.copyOf(ptr, numRows);
            for (int i = 0; i < size; i++) {
                keys[next[rows[i]]++] = ((long) cols[i] << 32) | i;
            }
            int[] outPtr = new int[numRows + 1];
            int[] outCol = new int[size];
            float[] outVal = explicit ? new float[size] : null;
            long[] outTs = withTimestamps ? new long[size] : null;
            int q = 0;
            for (int r = 0; r < numRows; r++) {
                int from = ptr[r];
                int to = ptr[r + 1];
                Arrays.sort(keys, from, to);
                int p = from;
                while (p < to) {
                    int col = (int) (keys[p] >>> 32);
                    int end = p + 1;
                    while (end < to && (int) (keys[end] >>> 32) == col) {
                        end++;
                    }
                    int chosen = resolve(keys, p, end, r, col, policy, outVal, outTs, q);
                    outCol[q] = col;
                    if (chosen >= 0) {
                        if (outVal != null) {
                            outVal[q] = vals[chosen];
                        }
                        if (outTs != null) {
                            outTs[q] = ts[chosen];
                        }
                    }
                    q++;
                    p = end;
                }
                outPtr[r + 1] = q;
            }
            if (q < size) {
                outCol = Arrays.copyOf(outCol, q);
                outVal = outVal == null ? null : Arrays.copyOf(outVal, q);
                outTs = outTs == null ? null : Arrays.copyOf(outTs, q);
            }
            return new InteractionMatrix(numRows, numCols, outPtr, outCol, outVal, outTs);
        }

        /**
         * Resolves the run {@code keys[from..to)} of one cell. Returns the insertion position whose
         * value and timestamp to copy, or -1 after writing an aggregate into {@code out*[q]}.
         */
        private int resolve(long[] keys, int from, int to, int row, int col, DuplicatePolicy policy,
                            float[] outVal, long[] outTs, int q) {
            int first = (int) keys[from];
            if (to - from == 1) {
                return first;
            }
            switch (policy) {
                case ERROR:
                    throw new DuplicateEntryException(row, col, first, (int) keys[from + 1]);
                case KEEP_FIRST:
                    return first;
                case KEEP_LAST: {
                    int best = (int) keys[to - 1];
                    if (ts != null) {
                        for (int p = from; p < to; p++) {
                            int i = (int) keys[p];
                            if (ts[i] >= ts[best]) {
                                best = i; // later insertion wins ties: positions ascend
                            }
                        }
                    }
                    return best;
                }
                case MEAN:
                case SUM: {
                    double sum = 0;
                    long latest = Long.MIN_VALUE;
                    for (int p = from; p < to; p++) {
                        int i = (int) keys[p];
                        sum += vals == null ? 1.0 : vals[i];
                        if (ts != null) {
                            latest = Math.max(latest, ts[i]);
                        }
                    }
                    if (outVal != null) {
                        outVal[q] = (float) (policy == DuplicatePolicy.MEAN ? sum / (to - from) : sum);
                    }
                    if (outTs != null) {
                        outTs[q] = latest;
                    }
                    return -1;
                }
                default:
                    throw new AssertionError(policy);
            }
        }
    }
}
