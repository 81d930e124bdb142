package org.rectransfer.core.spi;

import java.util.function.IntPredicate;

/**
 * A fitted model over one domain's items. User indices are the shared user index of the task
 * ({@code [0, numUsers())}), item indices the target domain's item index ({@code [0, numItems())}).
 * For explicit models {@link #predict} is on the rating scale of the training data (not
 * clamped: the harness clamps to the data set's scale and records that it did).
 *
 * <p>Implementations are immutable and safe for concurrent use by many threads.
 */
public interface Recommender {

    int numUsers();

    int numItems();

    /** Predicted preference of user {@code uidx} for item {@code iidx}. Always finite. */
    double predict(int uidx, int iidx);

    /**
     * Writes the score of every item for {@code uidx} into {@code out[0..numItems())}. Must not
     * allocate per call; the caller owns the buffer ({@code out.length >= numItems()}).
     */
    void scoreAll(int uidx, float[] out);

    /**
     * The {@code k} best items for {@code uidx} that {@code exclude} does not reject (ties by
     * lower item index). {@code scratch} must hold {@code numItems()} floats and is overwritten.
     */
    default TopK recommend(int uidx, int k, IntPredicate exclude, float[] scratch) {
        scoreAll(uidx, scratch);
        return TopK.select(scratch, numItems(), k, exclude);
    }
}
