package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.rectransfer.datasets.DelimitedFormat;
import org.rectransfer.datasets.RawInteractions;

/**
 * Ciao and Epinions as released by Jiliang Tang (MSU; "mTrust", WSDM 2012; "eTrust", KDD 2012),
 * after the MATLAB {@code .mat} matrices are exported to text, one matrix row per line, columns
 * separated by runs of spaces/tabs ({@link DelimitedFormat#WHITESPACE}) or by one comma, no header,
 * all ids written as integers:
 * <ul>
 *   <li>{@link Layout#RATING_MAT} ({@code rating.mat}): {@code userid productid categoryid rating helpfulness};</li>
 *   <li>{@link Layout#RATING_WITH_TIMESTAMP_MAT} ({@code rating_with_timestamp.mat}):
 *       {@code userid productid categoryid rating helpfulness timestamp} (integer seconds since the epoch);</li>
 *   <li>{@link Layout#USER_ITEM_RATING} (the LibRec / RecQ text copies {@code ratings.txt}):
 *       {@code userid productid rating}.</li>
 * </ul>
 * Ratings must lie in [1, 5]; category and helpfulness columns are not read. Trust
 * ({@code trustnetwork.mat}: {@code truster trustee}, or LibRec's {@code trust.txt}:
 * {@code truster trustee value}) is read by {@link #readTrust}. Result:
 * {@link RawInteractions.Feedback#EXPLICIT}. Epinions/Ciao contain repeated (user, item) pairs;
 * choose a policy in {@link RawInteractions#toDomainData}. Immutable and thread-safe.
 */
public final class TangRatings implements InteractionFormat {

    /** Column layout of an exported rating matrix. */
    public enum Layout {
        RATING_MAT("tang-rating-mat", DelimitedFormat.of(",", 5, 0, 1, 3)),
        RATING_WITH_TIMESTAMP_MAT("tang-rating-timestamp-mat", DelimitedFormat.of(",", 6, 0, 1, 3).withTimestampColumn(5)),
        USER_ITEM_RATING("tang-user-item-rating", DelimitedFormat.of(",", 3, 0, 1, 2));

        private final String id;
        private final DelimitedFormat commaFormat;

        Layout(String id, DelimitedFormat commaFormat) {
            this.id = id;
            this.commaFormat = commaFormat.withRatingRange(1, 5);
        }

        /** The format id. */
        public String id() {
            return id;
        }
    }

    private final Layout layout;
    private final DelimitedFormat format;

    /**
     * @param layout    the columns
     * @param separator {@link DelimitedFormat#WHITESPACE} or {@code ","}
     */
    public TangRatings(Layout layout, String separator) {
        this.layout = Objects.requireNonNull(layout, "layout");
        if (!separator.equals(DelimitedFormat.WHITESPACE) && !separator.equals(",")) {
            throw new IllegalArgumentException("separator must be DelimitedFormat.WHITESPACE or \",\", got \"" + separator + "\"");
        }
        DelimitedFormat c = layout.commaFormat;
        DelimitedFormat f = new DelimitedFormat(separator, 0, c.columnCount(), c.userColumn(), c.itemColumn(),
                c.ratingColumn(), c.timestampColumn(), -1, null, false, c.minRating(), c.maxRating(),
                c.duplicatePolicy(), c.charset(), false);
        this.format = f;
    }

    public Layout layout() {
        return layout;
    }

    /** The delimited layout (usable directly with {@link org.rectransfer.datasets.DelimitedLoader}). */
    public DelimitedFormat format() {
        return format;
    }

    @Override
    public String id() {
        return layout.id();
    }

    @Override
    public RawInteractions read(List<Path> files) throws IOException {
        return Dedicated.delimited(format, files, RawInteractions.Feedback.EXPLICIT);
    }

    /**
     * Reads a trust file with {@code columns} = 2 ({@code truster trustee}) or 3
     * ({@code truster trustee value}, value read as the link weight) in the same separator.
     */
    public UserRelation readTrust(Path file, int columns) throws IOException {
        if (columns != 2 && columns != 3) {
            throw new IllegalArgumentException("trust files have 2 or 3 columns, got " + columns);
        }
        DelimitedFormat f = DelimitedFormat.of(format.separator(), columns, 0, 1, columns == 3 ? 2 : -1);
        return new UserRelation(Dedicated.delimited(f, List.of(file),
                columns == 3 ? RawInteractions.Feedback.WEIGHTED : RawInteractions.Feedback.IMPLICIT));
    }
}
