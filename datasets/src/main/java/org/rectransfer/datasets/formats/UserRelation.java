package org.rectransfer.datasets.formats;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.rectransfer.core.data.DuplicateEntryException;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.DataFormatException;
import org.rectransfer.datasets.RawInteractions;

/**
 * A directed user-user relation (trust statements, friendships) read from a file: each row of
 * {@link #links()} goes from {@link RawInteractions#userId} to the user {@link RawInteractions#itemId}
 * (the "item" column holds the second user). Kept separate from the rating data; place it on the
 * same user index with {@link #toMatrix}. Immutable and thread-safe.
 */
public final class UserRelation {

    private final RawInteractions links;

    UserRelation(RawInteractions links) {
        this.links = Objects.requireNonNull(links, "links");
    }

    /** The rows: from-user as user id, to-user as item id, with the relation's value. */
    public RawInteractions links() {
        return links;
    }

    /** Number of rows (duplicates not resolved). */
    public int size() {
        return links.size();
    }

    /** The distinct users on either end, in first-seen order. */
    public List<String> userIds() {
        Set<String> ids = new LinkedHashSet<>(links.userIds());
        ids.addAll(links.itemIds());
        return List.copyOf(ids);
    }

    /**
     * The relation as a square {@code users.size()} matrix (row: from-user, column: to-user),
     * storing values unless the relation is {@link RawInteractions.Feedback#IMPLICIT}. Duplicate
     * pairs are resolved by {@code policy}; under {@link DuplicatePolicy#ERROR} a duplicate is a
     * {@link DataFormatException} naming both lines.
     *
     * @throws DataFormatException if an end of a link is not in {@code users} (naming the line)
     */
    public InteractionMatrix toMatrix(IdIndex users, DuplicatePolicy policy) {
        boolean values = links.feedback() != RawInteractions.Feedback.IMPLICIT;
        InteractionMatrix.Builder b = InteractionMatrix.builder(users.size(), users.size(), values, false);
        for (int r = 0; r < links.size(); r++) {
            int from = users.indexOf(links.userId(r));
            int to = users.indexOf(links.itemId(r));
            if (from < 0 || to < 0) {
                throw new DataFormatException(links.location(r), "user '" + (from < 0 ? links.userId(r) : links.itemId(r))
                        + "' is not in the user index of " + users.size() + " users");
            }
            b.add(from, to, links.value(r));
        }
        try {
            return b.build(policy);
        } catch (DuplicateEntryException e) {
            int first = (int) e.firstPosition();
            int second = (int) e.secondPosition();
            throw new DataFormatException(links.location(second), links.location(first), "duplicate link from '"
                    + links.userId(second) + "' to '" + links.itemId(second) + "' (duplicate policy " + policy + ")");
        }
    }

    @Override
    public String toString() {
        return "UserRelation[" + links.size() + " links, files=" + links.fileSha256().keySet() + "]";
    }
}
