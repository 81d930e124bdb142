package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.rectransfer.datasets.RawInteractions;

/**
 * MovieLens 1M and 10M {@code ratings.dat}: one rating per line,
 * {@code UserID::MovieID::Rating::Timestamp}, no header, UTF-8 (the files are ASCII), LF or CRLF.
 * Fields are separated by exactly the two characters {@code ::}; a line must have exactly four
 * fields (so a single {@code :} or a {@code :::} is an error). Ratings are plain decimals in
 * [0.5, 5] (1M: whole stars 1..5; 10M: half stars); timestamps are integer seconds since the
 * epoch. Result: {@link RawInteractions.Feedback#EXPLICIT} with timestamps. A blank line is an error.
 *
 * <p>{@link org.rectransfer.datasets.DelimitedFormat} only takes one-character separators, so
 * this format has its own tokenizer (same checks and messages as the delimited loader).
 * Immutable and thread-safe.
 */
public final class MovieLensDat implements InteractionFormat {

    /** The format id. */
    public static final String ID = "movielens-dat";
    /** Smallest and largest rating of the 1M and 10M sets. */
    public static final double MIN_RATING = 0.5;
    public static final double MAX_RATING = 5.0;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RawInteractions read(List<Path> files) throws IOException {
        return Dedicated.read(files, StandardCharsets.UTF_8, true, RawInteractions.Feedback.EXPLICIT, file -> MovieLensDat::parse);
    }

    private static void parse(RawInteractions.Builder rows, Path file, String line, long no) {
        if (line.isEmpty()) {
            throw LineReader.error(file, no, "blank line");
        }
        String[] f = new String[4];
        int n = 0;
        int start = 0;
        while (true) {
            int sep = line.indexOf("::", start);
            String field = sep < 0 ? line.substring(start) : line.substring(start, sep);
            if (n < 4) {
                f[n] = field;
            }
            n++;
            if (sep < 0) {
                break;
            }
            start = sep + 2;
        }
        if (n != 4) {
            throw LineReader.error(file, no, "expected 4 '::'-separated fields, found " + n + LineReader.excerpt(line));
        }
        for (int i = 0; i < 4; i++) {
            if (f[i].indexOf(':') >= 0) {
                throw LineReader.error(file, no, "field " + i + " '" + f[i] + "' contains ':' (separator must be exactly '::')"
                        + LineReader.excerpt(line));
            }
        }
        String user = Fields.id(f[0], "user id", file, no, line);
        String item = Fields.id(f[1], "movie id", file, no, line);
        float rating = Fields.number(f[2], "rating", MIN_RATING, MAX_RATING, file, no, line);
        long ts = Fields.integer(f[3], "timestamp", file, no, line);
        rows.add(user, item, rating, ts, no);
    }
}
