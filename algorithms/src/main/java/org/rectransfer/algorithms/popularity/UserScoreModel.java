package org.rectransfer.algorithms.popularity;

import org.rectransfer.core.spi.Recommender;

/**
 * Scores every item of a user with one per-user value (the user's mean rating). Useless for
 * ranking (all items tie and are ordered by index), meant as a rating-prediction baseline.
 *
 * <p>Thread safety: immutable (the array is owned).
 */
final class UserScoreModel implements Recommender {
    private final int numItems;
    private final float[] userScores;

    UserScoreModel(int numItems, float[] userScores) {
        this.numItems = numItems;
        this.userScores = userScores;
    }

    @Override
    public int numUsers() {
        return userScores.length;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public double predict(int uidx, int iidx) {
        return userScores[uidx];
    }

    @Override
    public void scoreAll(int uidx, float[] out) {
        java.util.Arrays.fill(out, 0, numItems, userScores[uidx]);
    }
}
