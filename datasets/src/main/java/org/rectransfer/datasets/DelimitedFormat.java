package org.rectransfer.datasets;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.rectransfer.core.data.DuplicatePolicy;

/**
 * The layout of a delimited interaction file, read by {@link DelimitedLoader}. Column indices
 * are 0-based; {@code -1} means "absent". Start from {@link #of} and adjust with the
 * {@code with...} methods.
 *
 * <p>Every line after the header must have exactly {@code columnCount} fields. Lines end at
 * {@code \n}; one {@code \r} directly before it (or before the end of the file) is removed, so
 * LF and CRLF files read identically; a {@code \r} anywhere else is part of the field. The last
 * line may lack its newline. A UTF-8 byte order mark at the very start of a file is removed.
 *
 * @param separator         a single character (e.g. {@code "\t"}, {@code ","}, {@code " "}) that
 *                          separates fields exactly (two separators in a row make an empty field),
 *                          or {@link #WHITESPACE}: fields are separated by runs of spaces and tabs,
 *                          and leading/trailing spaces and tabs are ignored
 * @param headerLines       number of lines to skip at the start of each file
 * @param columnCount       exact number of fields of every data line
 * @param userColumn        column of the raw user id
 * @param itemColumn        column of the raw item id
 * @param ratingColumn      column of the rating, or {@code -1} for implicit feedback (every row
 *                          counts as 1)
 * @param timestampColumn   column of an integer timestamp, or {@code -1} for none
 * @param domainColumn      column holding a domain label, or {@code -1} for none
 * @param domainValue       with a domain column: the label of the rows to keep; {@code null} iff
 *                          {@code domainColumn == -1}
 * @param otherDomainsAreErrors with a domain column: {@code true} makes a row with another label
 *                          a {@link DataFormatException} (the column is a check); {@code false}
 *                          skips such rows and counts them in {@link RawInteractions#skippedRows()}
 * @param minRating         smallest allowed rating, or NaN for no check (then {@code maxRating}
 *                          must be NaN too)
 * @param maxRating         largest allowed rating, or NaN for no check
 * @param duplicatePolicy   what to do with several rows for one (user, item) pair
 * @param charset           the files' encoding; undecodable bytes are an error, never replaced
 * @param skipBlankLines    {@code true} skips empty lines (counted in
 *                          {@link RawInteractions#skippedRows()}); {@code false} (the default)
 *                          makes them errors
 */
public record DelimitedFormat(
        String separator,
        int headerLines,
        int columnCount,
        int userColumn,
        int itemColumn,
        int ratingColumn,
        int timestampColumn,
        int domainColumn,
        String domainValue,
        boolean otherDomainsAreErrors,
        double minRating,
        double maxRating,
        DuplicatePolicy duplicatePolicy,
        Charset charset,
        boolean skipBlankLines) {

    /** The separator value meaning "runs of spaces and tabs". */
    public static final String WHITESPACE = "whitespace";

    public DelimitedFormat {
        Objects.requireNonNull(separator, "separator");
        Objects.requireNonNull(duplicatePolicy, "duplicatePolicy");
        Objects.requireNonNull(charset, "charset");
        if (!separator.equals(WHITESPACE)
                && (separator.length() != 1 || separator.charAt(0) == '\n' || separator.charAt(0) == '\r')) {
            throw new IllegalArgumentException("separator must be one character other than CR/LF, or \""
                    + WHITESPACE + "\", got \"" + separator + "\"");
        }
        if (headerLines < 0) {
            throw new IllegalArgumentException("headerLines must be >= 0, got " + headerLines);
        }
        if (columnCount < 2) {
            throw new IllegalArgumentException("columnCount must be >= 2, got " + columnCount);
        }
        requireColumn("userColumn", userColumn, columnCount, false);
        requireColumn("itemColumn", itemColumn, columnCount, false);
        requireColumn("ratingColumn", ratingColumn, columnCount, true);
        requireColumn("timestampColumn", timestampColumn, columnCount, true);
        requireColumn("domainColumn", domainColumn, columnCount, true);
        int[] used = {userColumn, itemColumn, ratingColumn, timestampColumn, domainColumn};
        for (int a = 0; a < used.length; a++) {
            for (int b = a + 1; b < used.length; b++) {
                if (used[a] >= 0 && used[a] == used[b]) {
                    throw new IllegalArgumentException("column " + used[a] + " is used twice (user, item, rating, "
                            + "timestamp and domain columns must differ)");
                }
            }
        }
        if ((domainColumn >= 0) != (domainValue != null)) {
            throw new IllegalArgumentException("domainValue must be given exactly when domainColumn >= 0 (domainColumn="
                    + domainColumn + ", domainValue=" + domainValue + ")");
        }
        if (domainValue != null && domainValue.isEmpty()) {
            throw new IllegalArgumentException("domainValue must not be empty");
        }
        if (domainColumn < 0 && otherDomainsAreErrors) {
            throw new IllegalArgumentException("otherDomainsAreErrors needs a domainColumn");
        }
        if (Double.isNaN(minRating) != Double.isNaN(maxRating)) {
            throw new IllegalArgumentException("minRating and maxRating must both be NaN (no check) or both be set, got ["
                    + minRating + ", " + maxRating + "]");
        }
        if (!Double.isNaN(minRating)) {
            if (Double.isInfinite(minRating) || Double.isInfinite(maxRating) || minRating > maxRating) {
                throw new IllegalArgumentException("rating range must be finite with minRating <= maxRating, got ["
                        + minRating + ", " + maxRating + "]");
            }
            if (ratingColumn < 0) {
                throw new IllegalArgumentException("a rating range needs a ratingColumn (implicit data has no ratings)");
            }
        }
    }

    private static void requireColumn(String field, int column, int columnCount, boolean optional) {
        int min = optional ? -1 : 0;
        if (column < min || column >= columnCount) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + (columnCount - 1) + "] for "
                    + columnCount + " columns, got " + column);
        }
    }

    /**
     * A format with the given columns and the defaults: no header, no timestamp, no domain column,
     * no rating range check, {@link DuplicatePolicy#ERROR}, UTF-8, blank lines are errors.
     */
    public static DelimitedFormat of(String separator, int columnCount, int userColumn, int itemColumn, int ratingColumn) {
        return new DelimitedFormat(separator, 0, columnCount, userColumn, itemColumn, ratingColumn, -1, -1, null, false,
                Double.NaN, Double.NaN, DuplicatePolicy.ERROR, StandardCharsets.UTF_8, false);
    }

    /** {@code true} for the {@link #WHITESPACE} separator. */
    public boolean whitespaceSeparated() {
        return separator.equals(WHITESPACE);
    }

    /** {@code true} when rows carry a rating ({@code ratingColumn >= 0}). */
    public boolean explicit() {
        return ratingColumn >= 0;
    }

    /** {@code true} when a rating range is checked. */
    public boolean checksRatingRange() {
        return !Double.isNaN(minRating);
    }

    public DelimitedFormat withHeaderLines(int n) {
        return new DelimitedFormat(separator, n, columnCount, userColumn, itemColumn, ratingColumn, timestampColumn,
                domainColumn, domainValue, otherDomainsAreErrors, minRating, maxRating, duplicatePolicy, charset,
                skipBlankLines);
    }

    public DelimitedFormat withTimestampColumn(int column) {
        return new DelimitedFormat(separator, headerLines, columnCount, userColumn, itemColumn, ratingColumn, column,
                domainColumn, domainValue, otherDomainsAreErrors, minRating, maxRating, duplicatePolicy, charset,
                skipBlankLines);
    }

    /** Keeps only rows whose {@code column} equals {@code value}; other rows are skipped and counted. */
    public DelimitedFormat withDomainFilter(int column, String value) {
        return new DelimitedFormat(separator, headerLines, columnCount, userColumn, itemColumn, ratingColumn,
                timestampColumn, column, value, false, minRating, maxRating, duplicatePolicy, charset, skipBlankLines);
    }

    /** Requires every row's {@code column} to equal {@code value}; another value is an error. */
    public DelimitedFormat withDomainCheck(int column, String value) {
        return new DelimitedFormat(separator, headerLines, columnCount, userColumn, itemColumn, ratingColumn,
                timestampColumn, column, value, true, minRating, maxRating, duplicatePolicy, charset, skipBlankLines);
    }

    public DelimitedFormat withRatingRange(double min, double max) {
        return new DelimitedFormat(separator, headerLines, columnCount, userColumn, itemColumn, ratingColumn,
                timestampColumn, domainColumn, domainValue, otherDomainsAreErrors, min, max, duplicatePolicy, charset,
                skipBlankLines);
    }

    public DelimitedFormat withDuplicatePolicy(DuplicatePolicy policy) {
        return new DelimitedFormat(separator, headerLines, columnCount, userColumn, itemColumn, ratingColumn,
                timestampColumn, domainColumn, domainValue, otherDomainsAreErrors, minRating, maxRating, policy, charset,
                skipBlankLines);
    }

    public DelimitedFormat withCharset(Charset cs) {
        return new DelimitedFormat(separator, headerLines, columnCount, userColumn, itemColumn, ratingColumn,
                timestampColumn, domainColumn, domainValue, otherDomainsAreErrors, minRating, maxRating, duplicatePolicy,
                cs, skipBlankLines);
    }

    public DelimitedFormat withSkipBlankLines(boolean skip) {
        return new DelimitedFormat(separator, headerLines, columnCount, userColumn, itemColumn, ratingColumn,
                timestampColumn, domainColumn, domainValue, otherDomainsAreErrors, minRating, maxRating, duplicatePolicy,
                charset, skip);
    }
}
