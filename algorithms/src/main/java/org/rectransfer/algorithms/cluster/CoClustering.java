package org.rectransfer.algorithms.cluster;

import java.util.List;
import java.util.SplittableRandom;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Hard co-clustering of a sparse rating matrix under squared error on the <em>observed</em>
 * entries, and the codebook operations CBT builds on (Li, Yang &amp; Xue, IJCAI 2009).
 *
 * <p>Objective: with row clusters {@code c(u) in [0, k)}, column clusters {@code d(i) in [0, l)}
 * and a codebook {@code B} ({@code k x l}), minimise {@code sum_{(u,i) observed} (r_ui - B[c(u)][d(i)])^2}.
 * For fixed assignments the minimising {@code B} is the mean observed rating per block (the
 * paper's Eq. 2, {@code B = [F^T X G] / [F^T 1 G]} with the indicator matrix restricted to observed
 * entries); for fixed {@code B} and column clusters each row independently takes the cluster
 * with the least error, and symmetrically for columns. Alternating these three exact block
 * minimisations never increases the objective. This is the binary-indicator limit of the
 * paper's ONMTF objective {@code |X - F S G^T|^2} with the sum restricted to observed entries
 * (ONMTF on a sparse matrix would fit the missing entries as zeros).
 *
 * <p>Empty codebook cells (no observed entry in the block) are filled by {@link #codebook}: the
 * mean of the row cluster's observed entries, else the column cluster's, else the global mean.
 * Rows (columns) without observed entries get cluster {@code -1}.
 *
 * <p>Thread safety: immutable result; the static methods are pure.
 */
final class CoClustering {
    final int k;
    final int l;
    final int[] rowCluster;
    final int[] colCluster;
    /** Row-major {@code k x l}. */
    final double[] codebook;
    /** Squared error on the observed entries. */
    final double error;

    private CoClustering(int k, int l, int[] rowCluster, int[] colCluster, double[] codebook, double error) {
        this.k = k;
        this.l = l;
        this.rowCluster = rowCluster;
        this.colCluster = colCluster;
        this.codebook = codebook;
        this.error = error;
    }

    /**
     * The best of {@code restarts} runs from uniformly random assignments (drawn from {@code rng}
     * in order), each alternating codebook / row / column updates for at most {@code iterations}
     * rounds or until no assignment changes. Ties in the error keep the earlier run.
     */
    static CoClustering fit(InteractionMatrix m, int k, int l, int iterations, int restarts, SplittableRandom rng) {
        if (m.nnz() == 0) {
            throw new IllegalArgumentException("co-clustering needs at least one observed rating");
        }
        InteractionMatrix byCol = m.transpose();
        CoClustering best = null;
        for (int run = 0; run < restarts; run++) {
            int[] rows = randomAssignment(m, k, rng);
            int[] cols = randomAssignment(byCol, l, rng);
            double[] b = codebook(m, rows, cols, k, l);
            for (int it = 0; it < iterations; it++) {
                int[] newRows = assignRows(m, cols, b, k, l);
                b = codebook(m, newRows, cols, k, l);
                int[] newCols = assignRows(byCol, newRows, transpose(b, k, l), l, k);
                b = codebook(m, newRows, newCols, k, l);
                boolean changed = !java.util.Arrays.equals(rows, newRows) || !java.util.Arrays.equals(cols, newCols);
                rows = newRows;
                cols = newCols;
                if (!changed) {
                    break;
                }
            }
            double err = squaredError(m, rows, cols, b, l);
            if (best == null || err < best.error) {
                best = new CoClustering(k, l, rows, cols, b, err);
            }
        }
        return best;
    }

    private static int[] randomAssignment(InteractionMatrix m, int clusters, SplittableRandom rng) {
        int[] a = new int[m.numRows()];
        for (int u = 0; u < a.length; u++) {
            a[u] = m.rowSize(u) == 0 ? -1 : rng.nextInt(clusters);
        }
        return a;
    }

    /**
     * Mean observed rating per (row cluster, column cluster), row-major {@code k x l}; entries with
     * a row or column cluster of {@code -1} are ignored. Empty cells: row-cluster mean, else
     * column-cluster mean, else global mean of the counted entries (0 when there are none).
     */
    static double[] codebook(InteractionMatrix m, int[] rows, int[] cols, int k, int l) {
        double[] sum = new double[k * l];
        double[] cnt = new double[k * l];
        for (int u = 0; u < m.numRows(); u++) {
            int c = rows[u];
            if (c < 0) {
                continue;
            }
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                int d = cols[m.col(p)];
                if (d >= 0) {
                    sum[c * l + d] += m.value(p);
                    cnt[c * l + d] += 1;
                }
            }
        }
        return fill(sum, cnt, k, l);
    }

    /** Block means of {@code sum / cnt} with the fallbacks of {@link #codebook}. */
    static double[] fill(double[] sum, double[] cnt, int k, int l) {
        double[] rowSum = new double[k];
        double[] rowCnt = new double[k];
        double[] colSum = new double[l];
        double[] colCnt = new double[l];
        double all = 0;
        double allCnt = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < l; b++) {
                rowSum[a] += sum[a * l + b];
                rowCnt[a] += cnt[a * l + b];
                colSum[b] += sum[a * l + b];
                colCnt[b] += cnt[a * l + b];
            }
            all += rowSum[a];
            allCnt += rowCnt[a];
        }
        double global = allCnt > 0 ? all / allCnt : 0;
        double[] out = new double[k * l];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < l; b++) {
                int c = a * l + b;
                if (cnt[c] > 0) {
                    out[c] = sum[c] / cnt[c];
                } else if (rowCnt[a] > 0) {
                    out[c] = rowSum[a] / rowCnt[a];
                } else if (colCnt[b] > 0) {
                    out[c] = colSum[b] / colCnt[b];
                } else {
                    out[c] = global;
                }
            }
        }
        return out;
    }

    /**
     * For every row with observed entries (among columns with a cluster), the row cluster
     * {@code a} minimising {@code sum_i (r_ui - b[a][cols(i)])^2}; ties go to the lower index.
     * Rows without such entries get {@code -1}. {@code b} is row-major {@code k x l}.
     */
    static int[] assignRows(InteractionMatrix m, int[] cols, double[] b, int k, int l) {
        int[] out = new int[m.numRows()];
        double[] n = new double[l];
        double[] s = new double[l];
        for (int u = 0; u < m.numRows(); u++) {
            out[u] = bestRow(m, u, cols, b, k, l, n, s);
        }
        return out;
    }

    /** The best cluster of row {@code u} as in {@link #assignRows}; {@code n}, {@code s} are scratch of length l. */
    static int bestRow(InteractionMatrix m, int u, int[] cols, double[] b, int k, int l, double[] n, double[] s) {
        java.util.Arrays.fill(n, 0);
        java.util.Arrays.fill(s, 0);
        boolean any = false;
        for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
            int d = cols[m.col(p)];
            if (d >= 0) {
                n[d] += 1;
                s[d] += m.value(p);
                any = true;
            }
        }
        if (!any) {
            return -1;
        }
        int best = 0;
        double bestErr = Double.POSITIVE_INFINITY;
        for (int a = 0; a < k; a++) {
            double err = 0; // sum_i (r - B)^2 minus the constant sum_i r^2
            for (int d = 0; d < l; d++) {
                double v = b[a * l + d];
                err += n[d] * v * v - 2 * s[d] * v;
            }
            if (err < bestErr) {
                bestErr = err;
                best = a;
            }
        }
        return best;
    }

    /** {@code b} ({@code k x l}, row-major) transposed to {@code l x k}. */
    static double[] transpose(double[] b, int k, int l) {
        double[] t = new double[k * l];
        for (int a = 0; a < k; a++) {
            for (int d = 0; d < l; d++) {
                t[d * k + a] = b[a * l + d];
            }
        }
        return t;
    }

    /** Squared error of the observed entries whose row and column both have a cluster. */
    static double squaredError(InteractionMatrix m, int[] rows, int[] cols, double[] b, int l) {
        double err = 0;
        for (int u = 0; u < m.numRows(); u++) {
            if (rows[u] < 0) {
                continue;
            }
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                int d = cols[m.col(p)];
                if (d >= 0) {
                    double e = m.value(p) - b[rows[u] * l + d];
                    err += e * e;
                }
            }
        }
        return err;
    }

    /**
     * The sources side by side: users x (items of source 0, then source 1, ...), explicit. Used
     * to co-cluster several sources at once (one user clustering over all of a user's ratings).
     */
    static InteractionMatrix concatenate(List<DomainData> sources, int numUsers) {
        int cols = 0;
        for (DomainData s : sources) {
            cols += s.interactions().numCols();
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(numUsers, cols, true, false);
        int offset = 0;
        for (DomainData s : sources) {
            InteractionMatrix m = s.interactions();
            for (int u = 0; u < numUsers; u++) {
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    b.add(u, offset + m.col(p), m.value(p));
                }
            }
            offset += m.numCols();
        }
        return b.build(DuplicatePolicy.ERROR);
    }
}
