package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.rectransfer.datasets.RawInteractions;

/**
 * Netflix Prize training data ({@code training_set/mv_NNNNNNN.txt} and the Kaggle
 * {@code combined_data_N.txt}): a line {@code MovieID:} starts a movie, then each line
 * {@code CustomerID,Rating,Date} rates it, with Rating an integer 1..5 and Date
 * {@code YYYY-MM-DD}; several movie blocks may follow each other in one file. ASCII/UTF-8, LF or
 * CRLF, no header. Each file must start with a movie line; a movie line with no ratings,
 * a blank line, or a rating line with other than three fields is an error. The timestamp of a
 * row is the date's midnight UTC in seconds since the epoch. Movie lines are not rows and are
 * not counted as skipped. {@code probe.txt} and {@code qualifying.txt} (other layouts) are not
 * supported. Result: {@link RawInteractions.Feedback#EXPLICIT} with timestamps. Immutable and
 * thread-safe.
 */
public final class NetflixPrize implements InteractionFormat {

    /** The format id. */
    public static final String ID = "netflix-prize";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RawInteractions read(List<Path> files) throws IOException {
        return Dedicated.read(files, StandardCharsets.UTF_8, true, RawInteractions.Feedback.EXPLICIT, file -> new Parser());
    }

    /** Per-file state: the current movie. */
    private static final class Parser implements Dedicated.LineParser {
        private String movie;
        private long movieLine;
        private boolean movieHasRatings;

        @Override
        public void parse(RawInteractions.Builder rows, Path file, String line, long no) {
            if (line.isEmpty()) {
                throw LineReader.error(file, no, "blank line");
            }
            if (line.endsWith(":")) {
                if (movie != null && !movieHasRatings) {
                    throw LineReader.error(file, movieLine, "movie " + movie + " has no ratings");
                }
                movie = Fields.id(line.substring(0, line.length() - 1), "movie id", file, no, line);
                Fields.integer(movie, "movie id", file, no, line);
                movieLine = no;
                movieHasRatings = false;
                return;
            }
            if (movie == null) {
                throw LineReader.error(file, no, "rating line before the first 'MovieID:' line" + LineReader.excerpt(line));
            }
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                throw LineReader.error(file, no, "expected 3 comma-separated fields (CustomerID,Rating,Date), found "
                        + f.length + LineReader.excerpt(line));
            }
            String user = Fields.id(f[0], "customer id", file, no, line);
            long rating = Fields.integer(f[1], "rating", file, no, line);
            if (rating < 1 || rating > 5) {
                throw LineReader.error(file, no, "rating " + rating + " is outside 1..5" + LineReader.excerpt(line));
            }
            long ts;
            try {
                if (f[2].length() != 10) {
                    throw new DateTimeParseException("not YYYY-MM-DD", f[2], 0);
                }
                ts = LocalDate.parse(f[2]).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (DateTimeParseException e) {
                throw LineReader.error(file, no, "date '" + f[2] + "' is not YYYY-MM-DD" + LineReader.excerpt(line));
            }
            movieHasRatings = true;
            rows.add(user, movie, rating, ts, no);
        }

        @Override
        public void finish(Path file) {
            if (movie != null && !movieHasRatings) {
                throw LineReader.error(file, movieLine, "movie " + movie + " has no ratings");
            }
        }
    }
}
