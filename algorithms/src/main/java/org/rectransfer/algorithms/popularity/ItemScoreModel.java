package org.rectransfer.algorithms.popularity;

import org.rectransfer.core.spi.Recommender;

/**
 * A non-personalised recommender: every user gets the same score vector (item means,
 * popularity counts). {@link #scoreAll} copies it without allocation.
 *
 * <p>Thread safety: immutable (the array is owned).
 */
final class ItemScoreModel implements Recommender {
    private final int numUsers;
    private final float[] scores;

    ItemScoreModel(int numUsers, float[] scores) {
        this.numUsers = numUsers;
        this.scores = scores;
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return scores.length;
    }

    @Override
    public double predict(int uidx, int iidx) {
        return scores[iidx];
    }

    @Override
    public void scoreAll(int uidx, float[] out) {
        System.arraycopy(scores, 0, out, 0, scores.length);
    }
}
