package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.rectransfer.datasets.DelimitedFormat;
import org.rectransfer.datasets.RawInteractions;

/**
 * HetRec 2011 Last.fm 2K ({@code hetrec2011-lastfm-2k}), see its PROVENANCE.md:
 * <ul>
 *   <li>{@code user_artists.dat}: tab-separated, the header line exactly
 *       {@code userID\tartistID\tweight}, then {@code userID artistID weight} where weight is the
 *       listening count, a non-negative number; LF or CRLF. Read as
 *       {@link RawInteractions.Feedback#WEIGHTED} implicit feedback (the matrix stores the count), no
 *       timestamps ({@link #USER_ARTISTS});</li>
 *   <li>{@code user_friends.dat}: header exactly {@code userID\tfriendID}, then
 *       {@code userID friendID} (each friendship in both directions), read by
 *       {@link #readFriends} as a {@link UserRelation}.</li>
 * </ul>
 * The files have no duplicate (user, artist) pairs; should a copy have some,
 * {@link org.rectransfer.core.data.DuplicatePolicy#SUM} adds the counts. Immutable, thread-safe.
 */
public final class LastFmHetrec implements InteractionFormat {

    /** The format id of {@code user_artists.dat}. */
    public static final String ID = "hetrec-lastfm-user-artists";
    public static final String USER_ARTISTS_HEADER = "userID\tartistID\tweight";
    public static final String USER_FRIENDS_HEADER = "userID\tfriendID";
    /** Layout of {@code user_artists.dat}. */
    public static final DelimitedFormat USER_ARTISTS = DelimitedFormat.of("\t", 3, 0, 1, 2).withHeaderLines(1)
            .withRatingRange(0, Float.MAX_VALUE);
    /** Layout of {@code user_friends.dat}. */
    public static final DelimitedFormat USER_FRIENDS = DelimitedFormat.of("\t", 2, 0, 1, -1).withHeaderLines(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RawInteractions read(List<Path> files) throws IOException {
        for (Path f : files) {
            Dedicated.requireHeader(f, StandardCharsets.UTF_8, USER_ARTISTS_HEADER);
        }
        return Dedicated.delimited(USER_ARTISTS, files, RawInteractions.Feedback.WEIGHTED);
    }

    /** Reads {@code user_friends.dat} as the relation user -> friend. */
    public static UserRelation readFriends(Path file) throws IOException {
        Dedicated.requireHeader(file, StandardCharsets.UTF_8, USER_FRIENDS_HEADER);
        return new UserRelation(Dedicated.delimited(USER_FRIENDS, List.of(file), RawInteractions.Feedback.IMPLICIT));
    }
}
