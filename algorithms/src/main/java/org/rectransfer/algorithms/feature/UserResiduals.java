package org.rectransfer.algorithms.feature;

import java.util.List;

import org.rectransfer.algorithms.instance.RatingLevels;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Baseline-centred ratings of one or more domains over the shared users, concatenated column-wise
 * into one CSR matrix (domain {@code d}'s columns start at {@link #offset}{@code [d]}), used by
 * {@link Cst} and {@link MutualInformationSelection}.
 *
 * <p>Per domain {@code d} the shrunk baseline of {@link RatingLevels} (mean {@code mu_d}, item
 * biases {@code b_j^d}) is removed, and then the user's own shrunk rating level in that domain
 * {@code o_u^d = sum_j (r_uj - mu_d - b_j^d) / (n_u^d + shrinkage)}: the stored value is
 * {@code r_uj - mu_d - b_j^d - o_u^d}, i.e. what is left of the rating after the mean, the
 * item's and the user's rating level. Rows of users without ratings are empty.
 *
 * @param numRows      number of users
 * @param numCols      total number of columns (sum of the domains' item counts)
 * @param offset       first column of each domain
 * @param rowPtr       CSR row pointers (length numRows + 1)
 * @param col          CSR columns
 * @param val          CSR values (centred residuals)
 * @param levels       the baseline estimates of each domain
 */
record UserResiduals(int numRows, int numCols, int[] offset, int[] rowPtr, int[] col, double[] val,
                     RatingLevels[] levels) {

    /** The centred residuals of the interaction matrices of {@code domains}. */
    static UserResiduals ofDomains(List<DomainData> domains, double shrinkage) {
        InteractionMatrix[] m = new InteractionMatrix[domains.size()];
        for (int d = 0; d < m.length; d++) {
            m[d] = domains.get(d).interactions();
        }
        return of(m, shrinkage);
    }

    /** The centred residuals of {@code matrices} (same rows), concatenated column-wise. */
    static UserResiduals of(InteractionMatrix[] matrices, double shrinkage) {
        if (matrices.length == 0) {
            throw new IllegalArgumentException("need at least one domain");
        }
        int numRows = matrices[0].numRows();
        RatingLevels[] levels = new RatingLevels[matrices.length];
        int[] offset = new int[matrices.length];
        int cols = 0;
        long nnz = 0;
        for (int d = 0; d < matrices.length; d++) {
            if (matrices[d].numRows() != numRows) {
                throw new IllegalArgumentException("domains must share the user index");
            }
            levels[d] = RatingLevels.of(matrices[d], shrinkage);
            offset[d] = cols;
            cols += matrices[d].numCols();
            nnz += matrices[d].nnz();
        }
        if (nnz > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many ratings: " + nnz);
        }
        int[] rowPtr = new int[numRows + 1];
        int[] col = new int[(int) nnz];
        double[] val = new double[(int) nnz];
        int pos = 0;
        for (int u = 0; u < numRows; u++) {
            for (int d = 0; d < matrices.length; d++) {
                InteractionMatrix x = matrices[d];
                double level = levels[d].level(u, shrinkage);
                for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                    col[pos] = offset[d] + x.col(p);
                    val[pos] = levels[d].residual(x.col(p), x.value(p)) - level;
                    pos++;
                }
            }
            rowPtr[u + 1] = pos;
        }
        return new UserResiduals(numRows, cols, offset, rowPtr, col, val, levels);
    }

    int nnz() {
        return rowPtr[numRows];
    }

    int rowSize(int u) {
        return rowPtr[u + 1] - rowPtr[u];
    }

    /**
     * User {@code u}'s rating level pooled over all these domains:
     * {@code sum of residuals after mean and item bias / (count + shrinkage)}, 0 without ratings.
     */
    double pooledLevel(int u, double shrinkage) {
        double sum = 0;
        int n = 0;
        for (RatingLevels l : levels) {
            sum += l.userResidual()[u];
            n += l.userCount()[u];
        }
        return n == 0 ? 0.0 : sum / (n + shrinkage);
    }

    /** The transpose in CSR arrays. */
    Transposed transpose() {
        int n = nnz();
        int[] tPtr = new int[numCols + 1];
        for (int p = 0; p < n; p++) {
            tPtr[col[p] + 1]++;
        }
        for (int c = 0; c < numCols; c++) {
            tPtr[c + 1] += tPtr[c];
        }
        int[] next = java.util.Arrays.copyOf(tPtr, numCols);
        int[] tCol = new int[n];
        double[] tVal = new double[n];
        for (int u = 0; u < numRows; u++) {
            for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
                int q = next[col[p]]++;
                tCol[q] = u;
                tVal[q] = val[p];
            }
        }
        return new Transposed(tPtr, tCol, tVal);
    }

    /** CSR arrays of the transpose (rows are the columns of the original). */
    record Transposed(int[] rowPtr, int[] col, double[] val) {
    }
}
