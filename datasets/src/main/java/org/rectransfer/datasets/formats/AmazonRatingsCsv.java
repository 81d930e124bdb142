package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.rectransfer.datasets.DelimitedFormat;
import org.rectransfer.datasets.RawInteractions;

/**
 * Amazon review data "ratings only" CSV files: four comma-separated, unquoted fields per line,
 * no header, UTF-8, ratings in [1, 5] (written {@code 5.0}), integer timestamps (seconds since
 * the epoch). The column order differs between releases, so it is explicit:
 * <ul>
 *   <li>{@link Layout#USER_ITEM_RATING_TIMESTAMP} — McAuley et al. 2014/2015
 *       ({@code ratings_Books.csv}: {@code user,item,rating,timestamp});</li>
 *   <li>{@link Layout#ITEM_USER_RATING_TIMESTAMP} — Ni et al. 2018 ({@code Books.csv}:
 *       {@code item,user,rating,timestamp}).</li>
 * </ul>
 * Read through {@link org.rectransfer.datasets.DelimitedLoader}. Result:
 * {@link RawInteractions.Feedback#EXPLICIT} with timestamps. These files contain repeated
 * (user, item) pairs; choose a policy in {@link RawInteractions#toDomainData}. Immutable, thread-safe.
 */
public final class AmazonRatingsCsv implements InteractionFormat {

    /** Column order of a release. */
    public enum Layout {
        /** 2014 release: {@code user,item,rating,timestamp}. */
        USER_ITEM_RATING_TIMESTAMP("amazon-ratings-csv-2014", 0, 1),
        /** 2018 release: {@code item,user,rating,timestamp}. */
        ITEM_USER_RATING_TIMESTAMP("amazon-ratings-csv-2018", 1, 0);

        private final String id;
        private final DelimitedFormat format;

        Layout(String id, int user, int item) {
            this.id = id;
            this.format = DelimitedFormat.of(",", 4, user, item, 2).withTimestampColumn(3).withRatingRange(1, 5);
        }

        /** The format id. */
        public String id() {
            return id;
        }

        /** The delimited layout (usable directly with {@link org.rectransfer.datasets.DelimitedLoader}). */
        public DelimitedFormat format() {
            return format;
        }
    }

    private final Layout layout;

    public AmazonRatingsCsv(Layout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    public Layout layout() {
        return layout;
    }

    @Override
    public String id() {
        return layout.id();
    }

    @Override
    public RawInteractions read(List<Path> files) throws IOException {
        return Dedicated.delimited(layout.format(), files, RawInteractions.Feedback.EXPLICIT);
    }
}
