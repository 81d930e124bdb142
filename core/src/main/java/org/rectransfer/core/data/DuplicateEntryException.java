package org.rectransfer.core.data;

/**
 * Thrown under {@link DuplicatePolicy#ERROR} when two entries share a cell. Positions are the
 * 0-based insertion order of the entries, which a loader maps back to file lines.
 */
public final class DuplicateEntryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int row;
    private final int column;
    private final long firstPosition;
    private final long secondPosition;

    public DuplicateEntryException(int row, int column, long firstPosition, long secondPosition) {
        super("duplicate entry for row " + row + ", column " + column + " (entries #" + firstPosition
                + " and #" + secondPosition + ")");
        this.row = row;
        this.column = column;
        this.firstPosition = firstPosition;
        this.secondPosition = secondPosition;
    }

    public int row() {
        return row;
    }

    public int column() {
        return column;
    }

    public long firstPosition() {
        return firstPosition;
    }

    public long secondPosition() {
        return secondPosition;
    }
}
