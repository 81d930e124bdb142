package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.rectransfer.datasets.DelimitedFormat;
import org.rectransfer.datasets.RawInteractions;

/**
 * MovieLens 20M, 25M, 32M, latest and latest-small {@code ratings.csv}: the header line exactly
 * {@code userId,movieId,rating,timestamp}, then {@code userId,movieId,rating,timestamp} per line,
 * comma-separated, unquoted, UTF-8, ratings in [0.5, 5] (half stars), integer timestamps (seconds
 * since the epoch). Read through {@link org.rectransfer.datasets.DelimitedLoader} with
 * {@link #FORMAT} after checking each file's header. Result: {@link RawInteractions.Feedback#EXPLICIT}
 * with timestamps. Immutable and thread-safe.
 */
public final class MovieLensCsv implements InteractionFormat {

    /** The format id. */
    public static final String ID = "movielens-csv";
    /** The required header line. */
    public static final String HEADER = "userId,movieId,rating,timestamp";
    /** The delimited layout (usable directly with {@link org.rectransfer.datasets.DelimitedLoader}). */
    public static final DelimitedFormat FORMAT = DelimitedFormat.of(",", 4, 0, 1, 2).withHeaderLines(1)
            .withTimestampColumn(3).withRatingRange(0.5, 5.0);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RawInteractions read(List<Path> files) throws IOException {
        for (Path f : files) {
            Dedicated.requireHeader(f, StandardCharsets.UTF_8, HEADER);
        }
        return Dedicated.delimited(FORMAT, files, RawInteractions.Feedback.EXPLICIT);
    }
}
