package org.rectransfer.algorithms.instance;

import org.rectransfer.core.data.InteractionMatrix;

/**
 * Shrunk baseline estimates of one explicit rating matrix (Koren 2008, "Factorization meets the
 * neighborhood", Sec. 2.1, one pass each): the mean {@code mu}, item biases
 * {@code b_i = sum_u (r_ui - mu) / (n_i + shrinkage)} and the per-user residual sums and counts
 * of {@code r_ui - mu - b_i}, from which a user's rating level (offset) is
 * {@code sum / (count + shrinkage)}. Sums and counts of several domains can be added to get
 * one rating level across domains.
 *
 * @param mean         mean rating (0 for an empty matrix)
 * @param itemBias     shrunk item biases
 * @param userResidual per user, sum of {@code r_ui - mu - b_i}
 * @param userCount    per user, number of ratings
 */
public record RatingLevels(double mean, double[] itemBias, double[] userResidual, int[] userCount) {

    /** The baseline estimates of {@code m} with pseudo-count {@code shrinkage >= 0}. */
    public static RatingLevels of(InteractionMatrix m, double shrinkage) {
        double mu = m.nnz() == 0 ? 0.0 : m.meanValue();
        double[] sum = new double[m.numCols()];
        int[] cnt = new int[m.numCols()];
        for (int u = 0; u < m.numRows(); u++) {
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                sum[m.col(p)] += m.value(p) - mu;
                cnt[m.col(p)]++;
            }
        }
        double[] bi = new double[m.numCols()];
        for (int i = 0; i < bi.length; i++) {
            bi[i] = cnt[i] == 0 ? 0.0 : sum[i] / (cnt[i] + shrinkage);
        }
        double[] res = new double[m.numRows()];
        int[] uc = new int[m.numRows()];
        for (int u = 0; u < m.numRows(); u++) {
            double s = 0;
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                s += m.value(p) - mu - bi[m.col(p)];
            }
            res[u] = s;
            uc[u] = m.rowSize(u);
        }
        return new RatingLevels(mu, bi, res, uc);
    }

    /** The residual {@code r - mu - b_i} of a rating of item {@code i}. */
    public double residual(int i, double r) {
        return r - mean - itemBias[i];
    }

    /** User {@code u}'s shrunk rating level in this domain (0 without ratings). */
    public double level(int u, double shrinkage) {
        return userCount[u] == 0 ? 0.0 : userResidual[u] / (userCount[u] + shrinkage);
    }
}
