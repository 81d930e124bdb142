package org.rectransfer.algorithms.ensemble;

import java.util.List;

import org.rectransfer.core.spi.Recommender;

/**
 * The fused model: {@code score(u, i) = b + sum_j w_j * r_j(u, i)}, with the blend {@code (b, w)}
 * chosen per user: {@code warm} for users with target training data, {@code cold} for the others
 * (both may be the same blend). Components are evaluated in their fixed list order and the sum
 * is accumulated in double, so {@link #predict} and {@link #scoreAll} agree up to the components'
 * own float storage of scores. Components with weight exactly 0 are skipped by both.
 *
 * <p>Thread safety: immutable; {@code scoreAll} uses per-thread scratch buffers (allocated once
 * per thread), so concurrent scoring is safe.
 */
final class BlendedRecommender implements Recommender {
    private final Recommender[] components;
    private final Blend cold;
    private final Blend warm;
    private final boolean[] hasTargetData;
    private final int numUsers;
    private final int numItems;
    private final ThreadLocal<float[]> componentScores;
    private final ThreadLocal<double[]> sums;

    BlendedRecommender(List<Recommender> components, Blend cold, Blend warm, boolean[] hasTargetData) {
        this.components = components.toArray(new Recommender[0]);
        if (cold.size() != this.components.length || warm.size() != this.components.length) {
            throw new IllegalArgumentException("blend sizes " + cold.size() + "/" + warm.size() + " do not match "
                    + this.components.length + " components");
        }
        this.cold = cold;
        this.warm = warm;
        this.hasTargetData = hasTargetData.clone();
        this.numUsers = this.components[0].numUsers();
        this.numItems = this.components[0].numItems();
        for (Recommender r : this.components) {
            if (r.numUsers() != numUsers || r.numItems() != numItems) {
                throw new IllegalArgumentException("components disagree on the index spaces: " + r.numUsers() + "x"
                        + r.numItems() + " vs " + numUsers + "x" + numItems);
            }
        }
        if (hasTargetData.length != numUsers) {
            throw new IllegalArgumentException("user flags have length " + hasTargetData.length + ", expected " + numUsers);
        }
        int n = numItems;
        this.componentScores = ThreadLocal.withInitial(() -> new float[n]);
        this.sums = ThreadLocal.withInitial(() -> new double[n]);
    }

    /** The blend used for users without target training data. */
    Blend coldBlend() {
        return cold;
    }

    /** The blend used for users with target training data. */
    Blend warmBlend() {
        return warm;
    }

    private Blend blendOf(int uidx) {
        return hasTargetData[uidx] ? warm : cold;
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public double predict(int uidx, int iidx) {
        Blend b = blendOf(uidx);
        double s = b.intercept();
        for (int j = 0; j < components.length; j++) {
            double w = b.weight(j);
            if (w != 0) {
                s += w * components[j].predict(uidx, iidx);
            }
        }
        return s;
    }

    @Override
    public void scoreAll(int uidx, float[] out) {
        Blend b = blendOf(uidx);
        double[] acc = sums.get();
        float[] tmp = componentScores.get();
        java.util.Arrays.fill(acc, 0, numItems, b.intercept());
        for (int j = 0; j < components.length; j++) {
            double w = b.weight(j);
            if (w != 0) {
                components[j].scoreAll(uidx, tmp);
                for (int i = 0; i < numItems; i++) {
                    acc[i] += w * tmp[i];
                }
            }
        }
        for (int i = 0; i < numItems; i++) {
            out[i] = (float) acc[i];
        }
    }
}
