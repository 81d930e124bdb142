package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.DelimitedFormat;
import org.rectransfer.datasets.RawInteractions;

/**
 * FilmTrust as distributed with LibRec (Guo, Zhang, Yorke-Smith, IJCAI 2013), see
 * {@code filmtrust/PROVENANCE.md}:
 * <ul>
 *   <li>ratings ({@code rating/ratings_0.txt} .. {@code ratings_3.txt}, read as one): one space
 *       between fields, no header, {@code user item rating}, ratings 0.5..4.0, no timestamps,
 *       LF or CRLF ({@link #RATINGS});</li>
 *   <li>trust ({@code trust/trust.txt}): {@code truster trustee 1}, one space between fields, no
 *       header, value exactly 1 ({@link #TRUST}), read as a separate {@link UserRelation}.</li>
 * </ul>
 * <b>Duplicate policy</b> ({@link #DUPLICATE_POLICY}): the rating files repeat three
 * (user, item) pairs (all user 308); {@link #load} keeps the <em>later</em> line of each
 * ({@link DuplicatePolicy#KEEP_LAST}: file order, since there are no timestamps). Immutable and
 * thread-safe.
 */
public final class FilmTrust implements InteractionFormat {

    /** The format id of the rating files. */
    public static final String ID = "filmtrust-ratings";
    /** Layout of the rating files. */
    public static final DelimitedFormat RATINGS = DelimitedFormat.of(" ", 3, 0, 1, 2).withRatingRange(0.5, 4.0);
    /** Layout of {@code trust.txt}. */
    public static final DelimitedFormat TRUST = DelimitedFormat.of(" ", 3, 0, 1, 2).withRatingRange(1, 1);
    /** The declared policy for the repeated (user, item) rating pairs. */
    public static final DuplicatePolicy DUPLICATE_POLICY = DuplicatePolicy.KEEP_LAST;
    /** The rating files, in reading order, relative to the data set directory. */
    public static final List<String> RATING_FILES = List.of("rating/ratings_0.txt", "rating/ratings_1.txt",
            "rating/ratings_2.txt", "rating/ratings_3.txt");
    /** The trust file relative to the data set directory. */
    public static final String TRUST_FILE = "trust/trust.txt";

    /**
     * FilmTrust over one user index.
     *
     * @param users   sorted union of the users of the ratings and of both ends of the trust links
     * @param ratings ratings domain (duplicates resolved by {@link #DUPLICATE_POLICY})
     * @param trust   {@code users x users} trust matrix (implicit; duplicates are an error)
     */
    public record Data(IdIndex users, DomainData ratings, InteractionMatrix trust) {
    }

    @Override
    public String id() {
        return ID;
    }

    /** Reads rating files ({@link RawInteractions.Feedback#EXPLICIT}, no timestamps). */
    @Override
    public RawInteractions read(List<Path> files) throws IOException {
        return Dedicated.delimited(RATINGS, files, RawInteractions.Feedback.EXPLICIT);
    }

    /** Reads a trust file as a directed relation truster -> trustee. */
    public static UserRelation readTrust(Path trustFile) throws IOException {
        return new UserRelation(Dedicated.delimited(TRUST, List.of(trustFile), RawInteractions.Feedback.IMPLICIT));
    }

    /** Reads the rating files and {@code trust.txt} under {@code dir} and puts them on one user index. */
    public static Data load(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String f : RATING_FILES) {
            files.add(dir.resolve(f));
        }
        RawInteractions ratings = new FilmTrust().read(files);
        UserRelation trust = readTrust(dir.resolve(TRUST_FILE));
        Set<String> ids = new LinkedHashSet<>(ratings.userIds());
        ids.addAll(trust.userIds());
        IdIndex users = IdIndex.of(ids);
        return new Data(users, ratings.toDomainData("filmtrust", users, DUPLICATE_POLICY),
                trust.toMatrix(users, DuplicatePolicy.ERROR));
    }
}
