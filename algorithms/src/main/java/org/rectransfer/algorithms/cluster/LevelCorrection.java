package org.rectransfer.algorithms.cluster;

import org.rectransfer.core.data.InteractionMatrix;

/**
 * The rating-level correction both cluster-level strategies offer as a documented deviation:
 * damped biases fitted to the residuals of a cluster-level predictor. On the target training
 * residuals {@code e = r - f(u,i)}: offset {@code o} = their mean,
 * {@code b_i = sum (e - o) / (itemDamping + n_i)}, and for users with target training ratings
 * {@code b_u = sum (e - o - b_i) / (userDamping + n_u)}. A user without target training ratings
 * (cold-start) gets the damped mean residual of the model on their source ratings,
 * {@code b_u = sum_j (r_uj - g(u,j)) / (userDamping + n_u^src)}: their rating level relative to
 * what their clusters predict, carried over from the source. Users without any rating get 0.
 */
final class LevelCorrection {
    private LevelCorrection() {
    }

    /** A predictor {@code (user, column) -> rating} of one matrix. */
    interface Scorer {
        double score(int u, int col);
    }

    /** Fills {@code userBias} and {@code itemBias} and returns the offset {@code o}. */
    static double fit(InteractionMatrix target, Scorer targetScore, InteractionMatrix aux, Scorer auxScore,
                      double itemDamping, double userDamping, float[] userBias, float[] itemBias) {
        double offset = 0;
        if (target.nnz() > 0) {
            for (int u = 0; u < target.numRows(); u++) {
                for (int p = target.rowStart(u); p < target.rowEnd(u); p++) {
                    offset += target.value(p) - targetScore.score(u, target.col(p));
                }
            }
            offset /= target.nnz();
        }
        double[] sum = new double[target.numCols()];
        int[] cnt = new int[target.numCols()];
        for (int u = 0; u < target.numRows(); u++) {
            for (int p = target.rowStart(u); p < target.rowEnd(u); p++) {
                int i = target.col(p);
                sum[i] += target.value(p) - targetScore.score(u, i) - offset;
                cnt[i]++;
            }
        }
        for (int i = 0; i < itemBias.length; i++) {
            itemBias[i] = cnt[i] == 0 ? 0f : (float) (sum[i] / (itemDamping + cnt[i]));
        }
        for (int u = 0; u < target.numRows(); u++) {
            double s = 0;
            int n;
            if (target.rowSize(u) > 0) {
                for (int p = target.rowStart(u); p < target.rowEnd(u); p++) {
                    int i = target.col(p);
                    s += target.value(p) - targetScore.score(u, i) - offset - itemBias[i];
                }
                n = target.rowSize(u);
            } else {
                for (int p = aux.rowStart(u); p < aux.rowEnd(u); p++) {
                    s += aux.value(p) - auxScore.score(u, aux.col(p));
                }
                n = aux.rowSize(u);
            }
            userBias[u] = n == 0 ? 0f : (float) (s / (userDamping + n));
        }
        return offset;
    }
}
