package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.rectransfer.datasets.RawInteractions;

/**
 * Book-Crossing ({@code BX-Book-Ratings.csv}, Ziegler et al. 2005): ISO-8859-1; the header line
 * exactly {@code "User-ID";"ISBN";"Book-Rating"}; then per line three fields, each enclosed in
 * double quotes and separated by {@code ;} (no spaces), e.g. {@code "276725";"034545104X";"0"}.
 * A field may not contain a double quote (there is no escape); a {@code ;} inside quotes is part of
 * the field. The rating is an integer in 0..10 where 0 means an implicit interaction and 1..10 an
 * explicit rating. What is kept depends on the {@link Mode}; rows not kept are counted in
 * {@link RawInteractions#skippedRows()}. No timestamps. Blank lines are errors. Immutable and
 * thread-safe.
 */
public final class BookCrossingRatings implements InteractionFormat {

    /** The format id. */
    public static final String ID = "bookcrossing-ratings";
    /** The required header line. */
    public static final String HEADER = "\"User-ID\";\"ISBN\";\"Book-Rating\"";

    /** Which rows become interactions. */
    public enum Mode {
        /** Ratings 1..10 as {@link RawInteractions.Feedback#EXPLICIT}; rating-0 rows are skipped. */
        EXPLICIT_ONLY,
        /** Only rating-0 rows, as {@link RawInteractions.Feedback#IMPLICIT}; rated rows are skipped. */
        IMPLICIT_ONLY,
        /** Every row as one {@link RawInteractions.Feedback#IMPLICIT} interaction, whatever its rating. */
        ALL_AS_IMPLICIT
    }

    private final Mode mode;

    public BookCrossingRatings(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RawInteractions read(List<Path> files) throws IOException {
        RawInteractions.Feedback feedback = mode == Mode.EXPLICIT_ONLY ? RawInteractions.Feedback.EXPLICIT
                : RawInteractions.Feedback.IMPLICIT;
        return Dedicated.read(files, StandardCharsets.ISO_8859_1, false, feedback, file -> this::parse);
    }

    private void parse(RawInteractions.Builder rows, Path file, String line, long no) {
        if (no == 1) {
            if (!line.equals(HEADER)) {
                throw LineReader.error(file, 1, "expected header " + HEADER + ", found " + LineReader.excerpt(line).substring(2));
            }
            return;
        }
        if (line.isEmpty()) {
            throw LineReader.error(file, no, "blank line");
        }
        String[] f = new String[3];
        int n = 0;
        int i = 0;
        while (true) {
            if (i >= line.length() || line.charAt(i) != '"') {
                throw LineReader.error(file, no, "field " + n + " does not start with a double quote at character "
                        + (i + 1) + LineReader.excerpt(line));
            }
            int close = line.indexOf('"', i + 1);
            if (close < 0) {
                throw LineReader.error(file, no, "field " + n + " has no closing double quote" + LineReader.excerpt(line));
            }
            if (n < 3) {
                f[n] = line.substring(i + 1, close);
            }
            n++;
            i = close + 1;
            if (i == line.length()) {
                break;
            }
            if (line.charAt(i) != ';') {
                throw LineReader.error(file, no, "expected ';' after field " + (n - 1) + " at character " + (i + 1)
                        + " (a double quote inside a field is not allowed)" + LineReader.excerpt(line));
            }
            i++;
        }
        if (n != 3) {
            throw LineReader.error(file, no, "expected 3 fields, found " + n + LineReader.excerpt(line));
        }
        String user = Fields.id(f[0], "user id", file, no, line);
        String isbn = Fields.id(f[1], "ISBN", file, no, line);
        long rating = Fields.integer(f[2], "rating", file, no, line);
        if (rating < 0 || rating > 10) {
            throw LineReader.error(file, no, "rating " + rating + " is outside 0..10" + LineReader.excerpt(line));
        }
        boolean keep = switch (mode) {
            case EXPLICIT_ONLY -> rating > 0;
            case IMPLICIT_ONLY -> rating == 0;
            case ALL_AS_IMPLICIT -> true;
        };
        if (keep) {
            rows.add(user, isbn, mode == Mode.EXPLICIT_ONLY ? rating : 1f, 0L, no);
        } else {
            rows.skip();
        }
    }
}
