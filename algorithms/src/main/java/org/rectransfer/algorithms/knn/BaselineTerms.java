package org.rectransfer.algorithms.knn;

import org.rectransfer.core.data.InteractionMatrix;

/**
 * An additive offset {@code b(u, i) = mu + userTerm[u] + itemTerm[i]}: the damped user-item
 * baseline of {@link org.rectransfer.algorithms.baseline.BiasBaseline} (same formulas, same
 * order of operations), or per-user / per-item means. Immutable once built.
 */
final class BaselineTerms {
    final double mu;
    final float[] userTerm;
    final float[] itemTerm;

    private BaselineTerms(double mu, float[] userTerm, float[] itemTerm) {
        this.mu = mu;
        this.userTerm = userTerm;
        this.itemTerm = itemTerm;
    }

    double at(int u, int i) {
        return mu + userTerm[u] + itemTerm[i];
    }

    /**
     * Koren (2010), Sec. 2.1, one pass each: {@code b_i = sum_u (r_ui - mu) / (itemDamping + |R(i)|)},
     * then {@code b_u = sum_i (r_ui - mu - b_i) / (userDamping + |R(u)|)}; 0 without ratings.
     */
    static BaselineTerms damped(InteractionMatrix train, double itemDamping, double userDamping) {
        double mu = train.meanValue();
        InteractionMatrix byItem = train.transpose();
        float[] itemBias = new float[train.numCols()];
        for (int i = 0; i < byItem.numRows(); i++) {
            double sum = 0;
            for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                sum += byItem.value(p) - mu;
            }
            int n = byItem.rowSize(i);
            itemBias[i] = n == 0 ? 0f : (float) (sum / (itemDamping + n));
        }
        float[] userBias = new float[train.numRows()];
        for (int u = 0; u < train.numRows(); u++) {
            double sum = 0;
            for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
                sum += train.value(p) - mu - itemBias[train.col(p)];
            }
            int n = train.rowSize(u);
            userBias[u] = n == 0 ? 0f : (float) (sum / (userDamping + n));
        }
        return new BaselineTerms(mu, userBias, itemBias);
    }

    /** {@code b(u, i) = mean(i)}, the global mean for items without ratings. */
    static BaselineTerms itemMeans(InteractionMatrix train) {
        return new BaselineTerms(0, new float[train.numRows()], rowMeans(train.transpose(), train.meanValue()));
    }

    /** {@code b(u, i) = mean(u)}, the global mean for users without ratings. */
    static BaselineTerms userMeans(InteractionMatrix train) {
        return new BaselineTerms(0, rowMeans(train, train.meanValue()), new float[train.numCols()]);
    }

    /** Mean of each row's values; {@code fallback} for empty rows. */
    static float[] rowMeans(InteractionMatrix m, double fallback) {
        float[] out = new float[m.numRows()];
        for (int r = 0; r < m.numRows(); r++) {
            double sum = 0;
            for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
                sum += m.value(p);
            }
            int n = m.rowSize(r);
            out[r] = (float) (n == 0 ? fallback : sum / n);
        }
        return out;
    }
}
