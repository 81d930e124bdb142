package org.rectransfer.core.data;

/**
 * What {@link InteractionMatrix.Builder#build} does with several entries for the same
 * (row, column) cell. "First" and "last" refer to the order entries were added, unless the
 * matrix has timestamps, in which case {@link #KEEP_LAST} keeps the latest timestamp (ties
 * broken by insertion order).
 */
public enum DuplicatePolicy {
    /** Refuse: throws {@link DuplicateEntryException} naming both insertion positions. */
    ERROR,
    /** Keep the first entry added. */
    KEEP_FIRST,
    /** Keep the latest entry (by timestamp when present, else by insertion order). */
    KEEP_LAST,
    /** Keep one entry with the arithmetic mean of the values and the latest timestamp. */
    MEAN,
    /** Keep one entry with the sum of the values (e.g. play counts) and the latest timestamp. */
    SUM
}
