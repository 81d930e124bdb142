package org.rectransfer.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.IdIndex;

/**
 * Reads delimited interaction files described by a {@link DelimitedFormat} into
 * {@link RawInteractions}. Several files are read in the given order as if concatenated (each
 * with its own header lines and line numbering).
 *
 * <p>Parsing streams the files line by line with a hand-written tokenizer. Nothing is dropped
 * silently: every malformed line is a {@link DataFormatException} whose message starts with
 * {@code path:line:} and says what was wrong (column numbers in messages are 0-based, as in
 * {@link DelimitedFormat}). Checked on every data line: the column count; a configured domain
 * label (if {@code otherDomainsAreErrors}). Checked on every kept line: non-empty user and item
 * ids without surrounding spaces or tabs; the rating is a plain decimal number (no {@code NaN},
 * no infinity, no hexadecimal or type suffixes) that fits a {@code float} and lies in the rating
 * range; the timestamp is a decimal integer that fits a {@code long}. A file without data lines,
 * a blank line (unless the format skips them), bytes the charset cannot decode and, under
 * {@link org.rectransfer.core.data.DuplicatePolicy#ERROR}, a repeated (user, item) pair (reported
 * with both lines, when building the domain) are errors too.
 *
 * <p>Thread safety: immutable; {@link #read} may be called concurrently.
 */
public final class DelimitedLoader {

    private static final int EXCERPT = 120;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};

    private final DelimitedFormat format;

    public DelimitedLoader(DelimitedFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    public DelimitedFormat format() {
        return format;
    }

    /** Reads {@code files} in order; see the class comment for what is checked. */
    public RawInteractions read(Path... files) throws IOException {
        return read(Arrays.asList(files));
    }

    /**
     * Reads {@code files} in order.
     *
     * @throws DataFormatException      if a file is malformed
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if no file is given or two files have the same file name
     */
    public RawInteractions read(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to read");
        }
        Map<String, String> sha = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (sha.containsKey(name)) {
                throw new IllegalArgumentException("two files named '" + name + "' in one read: " + files);
            }
            sha.put(name, "");
        }
        Parser p = new Parser(format);
        int[] fileFirstRow = new int[files.size()];
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            fileFirstRow[f] = p.size;
            p.startFile(file);
            LineScanner.Result r = LineScanner.scan(file, format.charset(), p);
            sha.put(file.getFileName().toString(), r.sha256());
            if (p.dataLinesInFile == 0) {
                // The first data line would follow the header, but never past the end of the file.
                long line = Math.min(format.headerLines() + 1L, r.lines() + 1L);
                throw new DataFormatException(new SourceLocation(file, line),
                        "no data rows (the file has " + r.lines() + " line(s); the format expects "
                                + format.headerLines() + " header line(s))");
            }
        }
        if (p.size == 0) {
            throw new DataFormatException(new SourceLocation(files.get(0), format.headerLines() + 1L),
                    "no row in " + files.size() + " file(s) has domain value '" + format.domainValue() + "' in column "
                            + format.domainColumn() + " (" + p.skipped + " rows skipped)");
        }
        return p.finish(files, sha, fileFirstRow);
    }

    /**
     * Reads {@code files} and builds the domain {@code name} over {@code users}; see
     * {@link RawInteractions#toDomainData(String, IdIndex)}.
     */
    public DomainData load(String name, IdIndex users, Path... files) throws IOException {
        return read(files).toDomainData(name, users);
    }

    /** Per-read parsing state. */
    private static final class Parser implements LineScanner.Sink {
        private final DelimitedFormat fmt;
        private final boolean whitespace;
        private final char sep;
        private final int[] fieldStart;
        private final int[] fieldEnd;
        private final IdDictionary userDict = new IdDictionary();
        private final IdDictionary itemDict = new IdDictionary();
        private int[] users = new int[1024];
        private int[] items = new int[1024];
        private float[] ratings;
        private long[] timestamps;
        private int[] lines = new int[1024];
        private int size;
        private long skipped;
        private Path file;
        private long dataLinesInFile;

        Parser(DelimitedFormat fmt) {
            this.fmt = fmt;
            this.whitespace = fmt.whitespaceSeparated();
            this.sep = whitespace ? 0 : fmt.separator().charAt(0);
            this.fieldStart = new int[fmt.columnCount()];
            this.fieldEnd = new int[fmt.columnCount()];
            this.ratings = fmt.explicit() ? new float[1024] : null;
            this.timestamps = fmt.timestampColumn() >= 0 ? new long[1024] : null;
        }

        void startFile(Path f) {
            this.file = f;
            this.dataLinesInFile = 0;
        }

        @Override
        public void line(char[] a, int start, int end, long lineNo) {
            if (lineNo == 1 && start < end && a[start] == '\uFEFF') {
                start++;
            }
            if (lineNo <= fmt.headerLines()) {
                return;
            }
            if (isBlank(a, start, end)) {
                if (fmt.skipBlankLines()) {
                    skipped++;
                    return;
                }
                throw error(lineNo, "blank line (the format does not skip blank lines)");
            }
            dataLinesInFile++;
            int n = tokenize(a, start, end);
            if (n != fmt.columnCount()) {
                throw error(lineNo, "expected " + fmt.columnCount() + " columns, found " + n + excerpt(a, start, end));
            }
            if (fmt.domainColumn() >= 0 && !fieldEquals(a, fmt.domainColumn(), fmt.domainValue())) {
                if (fmt.otherDomainsAreErrors()) {
                    throw error(lineNo, "domain '" + field(a, fmt.domainColumn()) + "' in column " + fmt.domainColumn()
                            + ", expected '" + fmt.domainValue() + "'" + excerpt(a, start, end));
                }
                skipped++;
                return;
            }
            int user = code(a, fmt.userColumn(), "user", userDict, lineNo, start, end);
            int item = code(a, fmt.itemColumn(), "item", itemDict, lineNo, start, end);
            float rating = fmt.explicit() ? parseRating(a, lineNo, start, end) : 1f;
            long ts = timestamps != null ? parseTimestamp(a, lineNo, start, end) : 0L;
            if (lineNo > Integer.MAX_VALUE) {
                throw error(lineNo, "file has more than " + Integer.MAX_VALUE + " lines");
            }
            if (size == users.length) {
                grow();
            }
            users[size] = user;
            items[size] = item;
            if (ratings != null) {
                ratings[size] = rating;
            }
            if (timestamps != null) {
                timestamps[size] = ts;
            }
            lines[size] = (int) lineNo;
            size++;
        }

        private boolean isBlank(char[] a, int start, int end) {
            if (!whitespace) {
                return start == end;
            }
            for (int i = start; i < end; i++) {
                if (a[i] != ' ' && a[i] != '\t') {
                    return false;
                }
            }
            return true;
        }

        /** Splits the line into fields; returns the number of fields (only the first columnCount are stored). */
        private int tokenize(char[] a, int start, int end) {
            int max = fieldStart.length;
            int n = 0;
            if (whitespace) {
                int i = start;
                while (true) {
                    while (i < end && (a[i] == ' ' || a[i] == '\t')) {
                        i++;
                    }
                    if (i == end) {
                        return n;
                    }
                    int s = i;
                    while (i < end && a[i] != ' ' && a[i] != '\t') {
                        i++;
                    }
                    if (n < max) {
                        fieldStart[n] = s;
                        fieldEnd[n] = i;
                    }
                    n++;
                }
            }
            int s = start;
            for (int i = start; i < end; i++) {
                if (a[i] == sep) {
                    if (n < max) {
                        fieldStart[n] = s;
                        fieldEnd[n] = i;
                    }
                    n++;
                    s = i + 1;
                }
            }
            if (n < max) {
                fieldStart[n] = s;
                fieldEnd[n] = end;
            }
            return n + 1;
        }

        private boolean fieldEquals(char[] a, int col, String value) {
            int s = fieldStart[col];
            int len = fieldEnd[col] - s;
            if (len != value.length()) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (a[s + i] != value.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The field as shown in messages: tabs and carriage returns escaped. */
        private String field(char[] a, int col) {
            return printable(new String(a, fieldStart[col], fieldEnd[col] - fieldStart[col]));
        }

        private static String printable(String s) {
            return s.replace("\t", "\\t").replace("\r", "\\r");
        }

        private int code(char[] a, int col, String what, IdDictionary dict, long lineNo, int start, int end) {
            int s = fieldStart[col];
            int e = fieldEnd[col];
            if (s == e) {
                throw error(lineNo, "empty " + what + " id in column " + col + excerpt(a, start, end));
            }
            if (isSpace(a[s]) || isSpace(a[e - 1])) {
                throw error(lineNo, what + " id '" + field(a, col) + "' in column " + col
                        + " has leading or trailing whitespace" + excerpt(a, start, end));
            }
            return dict.code(a, s, e);
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t';
        }

        private float parseRating(char[] a, long lineNo, int start, int end) {
            int col = fmt.ratingColumn();
            int s = fieldStart[col];
            int e = fieldEnd[col];
            if (s == e) {
                throw error(lineNo, "empty rating in column " + col + excerpt(a, start, end));
            }
            double v = parseDecimal(a, s, e);
            if (Double.isNaN(v)) {
                String special = specialValue(a, s, e);
                throw error(lineNo, "rating '" + field(a, col) + "' in column " + col + " is "
                        + (special != null ? special : "not a number") + excerpt(a, start, end));
            }
            float f = (float) v;
            if (Float.isInfinite(f)) {
                throw error(lineNo, "rating '" + field(a, col) + "' in column " + col + " is infinite as a float"
                        + excerpt(a, start, end));
            }
            if (fmt.checksRatingRange() && (v < fmt.minRating() || v > fmt.maxRating())) {
                throw error(lineNo, "rating " + field(a, col) + " in column " + col + " is outside the range ["
                        + fmt.minRating() + ", " + fmt.maxRating() + "]" + excerpt(a, start, end));
            }
            return f;
        }

        private long parseTimestamp(char[] a, long lineNo, int start, int end) {
            int col = fmt.timestampColumn();
            int s = fieldStart[col];
            int e = fieldEnd[col];
            int i = s;
            if (i < e && (a[i] == '+' || a[i] == '-')) {
                i++;
            }
            boolean ok = i < e;
            for (int j = i; j < e && ok; j++) {
                ok = a[j] >= '0' && a[j] <= '9';
            }
            if (ok) {
                try {
                    return Long.parseLong(new String(a, s, e - s));
                } catch (NumberFormatException ex) {
                    throw error(lineNo, "timestamp '" + field(a, col) + "' in column " + col + " does not fit a long"
                            + excerpt(a, start, end));
                }
            }
            throw error(lineNo, "timestamp '" + field(a, col) + "' in column " + col + " is not an integer"
                    + excerpt(a, start, end));
        }

        /** "NaN" or "infinite" for the textual spellings Java would parse as such, else null. */
        private static String specialValue(char[] a, int s, int e) {
            if (a[s] == '+' || a[s] == '-') {
                s++;
            }
            String t = new String(a, s, e - s);
            if (t.equalsIgnoreCase("nan")) {
                return "NaN";
            }
            if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) {
                return "infinite";
            }
            return null;
        }

        /**
         * Parses {@code [+-]? (digits ('.' digits*)? | '.' digits) ([eE] [+-]? digits)?}; NaN if the
         * text does not match. Returns +-Infinity for values beyond double range.
         */
        private static double parseDecimal(char[] a, int s, int e) {
            int i = s;
            if (a[i] == '+' || a[i] == '-') {
                i++;
            }
            int intDigits = 0;
            long small = 0;
            while (i < e && a[i] >= '0' && a[i] <= '9') {
                if (intDigits < 18) {
                    small = small * 10 + (a[i] - '0');
                }
                intDigits++;
                i++;
            }
            if (i == e && intDigits > 0 && intDigits <= 18) {
                return a[s] == '-' ? -small : small; // plain integer fast path
            }
            int fracDigits = 0;
            long mantissa = small;
            if (i < e && a[i] == '.') {
                i++;
                while (i < e && a[i] >= '0' && a[i] <= '9') {
                    if (intDigits + fracDigits < 18) {
                        mantissa = mantissa * 10 + (a[i] - '0');
                    }
                    fracDigits++;
                    i++;
                }
            }
            if (intDigits + fracDigits == 0) {
                return Double.NaN;
            }
            if (i == e && intDigits + fracDigits <= 15) {
                // mantissa < 10^15 < 2^53 and 10^fracDigits are exact doubles, so one division is
                // correctly rounded: the same value Double.parseDouble gives (Clinger's fast path)
                double v = mantissa / POW10[fracDigits];
                return a[s] == '-' ? -v : v;
            }
            if (i < e && (a[i] == 'e' || a[i] == 'E')) {
                i++;
                if (i < e && (a[i] == '+' || a[i] == '-')) {
                    i++;
                }
                int expDigits = 0;
                while (i < e && a[i] >= '0' && a[i] <= '9') {
                    expDigits++;
                    i++;
                }
                if (expDigits == 0) {
                    return Double.NaN;
                }
            }
            if (i != e) {
                return Double.NaN;
            }
            return Double.parseDouble(new String(a, s, e - s));
        }

        private DataFormatException error(long lineNo, String problem) {
            return new DataFormatException(new SourceLocation(file, lineNo), problem);
        }

        private static String excerpt(char[] a, int start, int end) {
            int len = Math.min(end - start, EXCERPT);
            String text = printable(new String(a, start, len));
            return ": \"" + text + (end - start > EXCERPT ? "..." : "") + "\"";
        }

        private void grow() {
            int cap = users.length * 2;
            users = Arrays.copyOf(users, cap);
            items = Arrays.copyOf(items, cap);
            lines = Arrays.copyOf(lines, cap);
            if (ratings != null) {
                ratings = Arrays.copyOf(ratings, cap);
            }
            if (timestamps != null) {
                timestamps = Arrays.copyOf(timestamps, cap);
            }
        }

        RawInteractions finish(List<Path> files, Map<String, String> sha, int[] fileFirstRow) {
            return new RawInteractions(fmt, files, sha, fileFirstRow, size, Arrays.copyOf(users, size),
                    Arrays.copyOf(items, size), userDict.ids(), itemDict.ids(),
                    ratings == null ? null : Arrays.copyOf(ratings, size),
                    timestamps == null ? null : Arrays.copyOf(timestamps, size), Arrays.copyOf(lines, size), skipped);
        }
    }
}
