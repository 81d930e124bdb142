package org.rectransfer.datasets.formats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.rectransfer.datasets.DelimitedFormat;

/**
 * The built-in {@link InteractionFormat}s by id, each with its default options (Book-Crossing:
 * {@link BookCrossingRatings.Mode#EXPLICIT_ONLY}; Ciao/Epinions: whitespace-separated; RecBole:
 * default field names). Stateless and thread-safe.
 */
public final class Formats {

    private static final Map<String, InteractionFormat> BY_ID = new LinkedHashMap<>();

    static {
        List<InteractionFormat> all = List.of(new MovieLensDat(), new MovieLensCsv(),
                new AmazonRatingsCsv(AmazonRatingsCsv.Layout.USER_ITEM_RATING_TIMESTAMP),
                new AmazonRatingsCsv(AmazonRatingsCsv.Layout.ITEM_USER_RATING_TIMESTAMP), new AmazonReviewsJsonLines(),
                new BookCrossingRatings(BookCrossingRatings.Mode.EXPLICIT_ONLY), new FilmTrust(), new LastFmHetrec(),
                new TangRatings(TangRatings.Layout.RATING_MAT, DelimitedFormat.WHITESPACE),
                new TangRatings(TangRatings.Layout.RATING_WITH_TIMESTAMP_MAT, DelimitedFormat.WHITESPACE),
                new TangRatings(TangRatings.Layout.USER_ITEM_RATING, DelimitedFormat.WHITESPACE), new NetflixPrize(),
                new RecBoleInter());
        for (InteractionFormat f : all) {
            if (BY_ID.put(f.id(), f) != null) {
                throw new ExceptionInInitializerError("duplicate format id " + f.id());
            }
        }
    }

    private Formats() {
    }

    /** Every built-in format id, in a fixed order. */
    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    /**
     * The built-in format {@code id}.
     *
     * @throws NoSuchElementException naming the known ids if there is none
     */
    public static InteractionFormat byId(String id) {
        InteractionFormat f = BY_ID.get(id);
        if (f == null) {
            throw new NoSuchElementException("unknown format id '" + id + "'; known: " + BY_ID.keySet());
        }
        return f;
    }
}
