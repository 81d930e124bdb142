package org.rectransfer.algorithms.knn;

import org.rectransfer.algorithms.baseline.BiasBaseline;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * An additive offset {@code b(u, i) = mu + userTerm[u] + itemTerm[i]}: the damped user-item
 * baseline of {@link BiasBaseline}, or per-user / per-item means. Immutable once built.
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
     * The damped user-item baseline, computed by {@link BiasBaseline} (Koren 2010, Sec. 2.1) so
     * the KNN models are centred on exactly the baseline that algorithm predicts.
     */
    static BaselineTerms damped(InteractionMatrix train, double itemDamping, double userDamping) {
        FactorModel m = BiasBaseline.damped(train, new BiasBaseline.Config(itemDamping, userDamping));
        float[] userBias = new float[train.numRows()];
        for (int u = 0; u < userBias.length; u++) {
            userBias[u] = m.userBias(u);
        }
        float[] itemBias = new float[train.numCols()];
        for (int i = 0; i < itemBias.length; i++) {
            itemBias[i] = m.itemBias(i);
        }
        return new BaselineTerms(m.globalMean(), userBias, itemBias);
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
