package org.rectransfer.algorithms.factor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;

/** Test data and checks shared by the factor, linear and popularity tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * Ratings {@code offset + p_u . q_i} of an exact rank-{@code rank} model with factors uniform in
     * [-1, 1], each cell observed with probability {@code density}; users listed in
     * {@code emptyUsers} get no ratings.
     */
    public static InteractionMatrix lowRank(int users, int items, int rank, double offset, double density, long seed,
                                            int... emptyUsers) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] p = new double[users][rank];
        double[][] q = new double[items][rank];
        for (double[] row : p) {
            for (int f = 0; f < rank; f++) {
                row[f] = rng.nextDouble(-1, 1);
            }
        }
        for (double[] row : q) {
            for (int f = 0; f < rank; f++) {
                row[f] = rng.nextDouble(-1, 1);
            }
        }
        boolean[] empty = new boolean[users];
        for (int u : emptyUsers) {
            empty[u] = true;
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(users, items, true, false);
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() < density && !empty[u]) {
                    double v = offset;
                    for (int f = 0; f < rank; f++) {
                        v += p[u][f] * q[i][f];
                    }
                    b.add(u, i, (float) v);
                }
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    /** Train / held-out pair. */
    public record Split(InteractionMatrix train, InteractionMatrix heldOut) {
    }

    /**
     * Block-structured implicit data: users and items fall into {@code groups} equal groups; a
     * user interacts with each item of their own group with probability {@code inDensity} and
     * with other items with probability {@code outDensity}. A fraction {@code holdOut} of the
     * in-group interactions is held out. Users listed in {@code emptyUsers} have no training data.
     */
    public static Split blocks(int users, int items, int groups, double inDensity, double outDensity, double holdOut,
                               long seed, int... emptyUsers) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] empty = new boolean[users];
        for (int u : emptyUsers) {
            empty[u] = true;
        }
        InteractionMatrix.Builder train = InteractionMatrix.builder(users, items, false, false);
        InteractionMatrix.Builder held = InteractionMatrix.builder(users, items, false, false);
        for (int u = 0; u < users; u++) {
            int gu = u * groups / users;
            for (int i = 0; i < items; i++) {
                int gi = i * groups / items;
                boolean in = gu == gi;
                if (rng.nextDouble() < (in ? inDensity : outDensity)) {
                    if (in && rng.nextDouble() < holdOut) {
                        held.add(u, i, 1f);
                    } else if (!empty[u]) {
                        train.add(u, i, 1f);
                    }
                }
            }
        }
        return new Split(train.build(DuplicatePolicy.ERROR), held.build(DuplicatePolicy.ERROR));
    }

    /**
     * Mean per-user AUC of held-out positives against items that are neither training nor
     * held-out interactions, over users with at least one held-out item and training data.
     */
    public static double auc(Recommender r, Split s) {
        float[] scores = new float[r.numItems()];
        double sum = 0;
        int users = 0;
        for (int u = 0; u < s.train().numRows(); u++) {
            if (s.heldOut().rowSize(u) == 0 || s.train().rowSize(u) == 0) {
                continue;
            }
            r.scoreAll(u, scores);
            long pairs = 0;
            double wins = 0;
            for (int p = s.heldOut().rowStart(u); p < s.heldOut().rowEnd(u); p++) {
                float pos = scores[s.heldOut().col(p)];
                for (int j = 0; j < r.numItems(); j++) {
                    if (s.train().find(u, j) >= 0 || s.heldOut().find(u, j) >= 0) {
                        continue;
                    }
                    pairs++;
                    wins += pos > scores[j] ? 1 : pos == scores[j] ? 0.5 : 0;
                }
            }
            if (pairs > 0) {
                sum += wins / pairs;
                users++;
            }
        }
        return sum / users;
    }

    /** Root mean squared training error of {@code r} on the stored entries of {@code m}. */
    public static double rmse(Recommender r, InteractionMatrix m) {
        double se = 0;
        for (int u = 0; u < m.numRows(); u++) {
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                double e = r.predict(u, m.col(p)) - m.value(p);
                se += e * e;
            }
        }
        return Math.sqrt(se / m.nnz());
    }

    /** Standard deviation of the stored values. */
    public static double spread(InteractionMatrix m) {
        double mean = m.meanValue();
        double s = 0;
        for (int p = 0; p < m.nnz(); p++) {
            s += (m.value(p) - mean) * (m.value(p) - mean);
        }
        return Math.sqrt(s / m.nnz());
    }

    /** Every user's score vector: finite, and equal to {@code predict} within {@code tol} (relative). */
    public static void assertScoresFiniteAndConsistent(Recommender r, double tol) {
        float[] out = new float[r.numItems()];
        for (int u = 0; u < r.numUsers(); u++) {
            r.scoreAll(u, out);
            for (int i = 0; i < r.numItems(); i++) {
                assertThat(Float.isFinite(out[i])).as("score of (%d, %d)", u, i).isTrue();
                double p = r.predict(u, i);
                assertThat(Math.abs(out[i] - p)).as("scoreAll vs predict at (%d, %d)", u, i)
                        .isLessThanOrEqualTo(tol * Math.max(1.0, Math.abs(p)));
            }
        }
    }

    /** True if both recommenders give bit-identical score vectors for every user. */
    public static boolean sameScores(Recommender a, Recommender b) {
        float[] sa = new float[a.numItems()];
        float[] sb = new float[b.numItems()];
        for (int u = 0; u < a.numUsers(); u++) {
            a.scoreAll(u, sa);
            b.scoreAll(u, sb);
            if (!java.util.Arrays.equals(sa, sb)) {
                return false;
            }
        }
        return true;
    }
}
