package org.rectransfer.algorithms.mf;

import org.rectransfer.core.spi.Recommender;

/**
 * The biased latent-factor predictor {@code r(u,i) = mu + b_u + b_i + p_u . q_i} (Koren, Bell &amp;
 * Volinsky 2009) over one domain's items. With {@code k = 0} it is a pure bias model.
 *
 * <p>Layout: {@code userFactors} is row-major {@code numUsers x k}, {@code itemFactors}
 * row-major {@code numItems x k}. Arrays are owned by this object after construction (callers
 * must not keep and mutate them). Scores are accumulated in double and stored as float.
 *
 * <p>Thread safety: immutable, safe for concurrent scoring.
 */
public final class FactorModel implements Recommender {
    private final int numUsers;
    private final int numItems;
    private final int k;
    private final double globalMean;
    private final float[] userBias;
    private final float[] itemBias;
    private final float[] userFactors;
    private final float[] itemFactors;

    /**
     * @param k           number of latent factors (0 for a bias-only model)
     * @param globalMean  mu
     * @param userBias    length numUsers
     * @param itemBias    length numItems
     * @param userFactors length numUsers * k
     * @param itemFactors length numItems * k
     */
    public FactorModel(int numUsers, int numItems, int k, double globalMean, float[] userBias, float[] itemBias,
                       float[] userFactors, float[] itemFactors) {
        if (userBias.length != numUsers || itemBias.length != numItems || userFactors.length != (long) numUsers * k
                || itemFactors.length != (long) numItems * k) {
            throw new IllegalArgumentException("array sizes do not match " + numUsers + " users, " + numItems
                    + " items, k=" + k);
        }
        if (!Double.isFinite(globalMean)) {
            throw new IllegalArgumentException("global mean must be finite, was " + globalMean);
        }
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.k = k;
        this.globalMean = globalMean;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    public int rank() {
        return k;
    }

    public double globalMean() {
        return globalMean;
    }

    public float userBias(int u) {
        return userBias[u];
    }

    public float itemBias(int i) {
        return itemBias[i];
    }

    /** Copies user {@code u}'s factors into {@code out[offset .. offset + k)}. */
    public void copyUserFactors(int u, float[] out, int offset) {
        System.arraycopy(userFactors, u * k, out, offset, k);
    }

    /** Copies item {@code i}'s factors into {@code out[offset .. offset + k)}. */
    public void copyItemFactors(int i, float[] out, int offset) {
        System.arraycopy(itemFactors, i * k, out, offset, k);
    }

    @Override
    public double predict(int u, int i) {
        double s = globalMean + userBias[u] + itemBias[i];
        int pu = u * k;
        int qi = i * k;
        for (int f = 0; f < k; f++) {
            s += (double) userFactors[pu + f] * itemFactors[qi + f];
        }
        return s;
    }

    @Override
    public void scoreAll(int u, float[] out) {
        double base = globalMean + userBias[u];
        int pu = u * k;
        for (int i = 0, qi = 0; i < numItems; i++, qi += k) {
            double s = base + itemBias[i];
            for (int f = 0; f < k; f++) {
                s += (double) userFactors[pu + f] * itemFactors[qi + f];
            }
            out[i] = (float) s;
        }
    }

    /**
     * A model with the same items and mean but other user parameters (e.g. mapped from a
     * source domain). Arrays are taken over, not copied.
     */
    public FactorModel withUsers(float[] newUserBias, float[] newUserFactors) {
        return new FactorModel(numUsers, numItems, k, globalMean, newUserBias, itemBias, newUserFactors, itemFactors);
    }
}
