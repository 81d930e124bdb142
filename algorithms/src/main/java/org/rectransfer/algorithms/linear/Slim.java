package org.rectransfer.algorithms.linear;

import java.util.Arrays;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.util.Parallel;

/**
 * SLIM, sparse linear methods for top-N recommendation (Ning &amp; Karypis, ICDM 2011): an
 * item-item weight matrix {@code W} whose column {@code w_j} solves the non-negative elastic net
 *
 * <pre>
 *   min_w  1/2 |a_j - A w|^2 + l2/2 |w|^2 + l1 |w|_1   subject to  w >= 0,  w_j = 0
 * </pre>
 *
 * with {@code A} the binary users x items matrix (every stored entry counts as 1) and
 * {@code a_j} its column {@code j}; a user is scored by {@code a_u W}. Columns are independent
 * and solved by cyclic coordinate descent (Friedman, Hastie &amp; Tibshirani 2010) on the residual
 * {@code e = a_j - A w}: the update of coordinate {@code i} is
 * {@code w_i = max(0, a_i . e + |a_i|^2 w_i - l1) / (|a_i|^2 + l2)}, costing {@code O(|U(i)|)}.
 *
 * <p>Only items that co-occur with {@code j} in some user's history are coordinates: for every
 * other item {@code a_i . e <= 0} holds at {@code w = 0} and throughout (every residual outside
 * {@code U(j)} is {@code <= 0}), so the non-negative optimum has {@code w_i = 0} there. Coordinates
 * are visited in increasing item order; sweeps stop when the largest weight change of a sweep is
 * below {@code tolerance} or after {@code maxSweeps}. Deviation: Ning &amp; Karypis solve the same
 * problem with BCLS; the coordinate-descent solution agrees up to the tolerance. No feature
 * selection (their fsSLIM) is done.
 *
 * <p>Columns are solved in fixed blocks of {@value #BLOCK} in parallel, each independently:
 * bit-identical for any thread count; no randomness. Memory {@code O(nnz(W) + threads (users +
 * items))}. A user without training data scores 0 for every item (ties by item index).
 * Id {@code slim}.
 */
public final class Slim implements Algorithm<Slim.Config> {

    static final int BLOCK = 16;

    /**
     * Defaults are the best of a small grid on MovieLens-100K u1 (top-10 recall).
     *
     * @param l1        L1 weight lambda, >= 0 (default 2)
     * @param l2        L2 weight beta, >= 0 (default 100)
     * @param maxSweeps coordinate-descent sweeps per column, >= 1 (default 50)
     * @param tolerance stop when no weight moves by more than this in a sweep, >= 0 (default 1e-4)
     */
    public record Config(double l1, double l2, int maxSweeps, double tolerance) {
        public Config {
            Checks.nonNegative("l1", l1);
            Checks.nonNegative("l2", l2);
            Checks.positive("maxSweeps", maxSweeps);
            Checks.nonNegative("tolerance", tolerance);
        }
    }

    @Override
    public String id() {
        return "slim";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(2.0, 100.0, 50, 1e-4);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(InteractionMatrix train, Config config, RunContext ctx) {
        int n = train.numCols();
        int numUsers = train.numRows();
        InteractionMatrix byItem = train.transpose();
        int[][] colItems = new int[n][];
        float[][] colWeights = new float[n][];
        Parallel.forBlocks(n, BLOCK, ctx.threads(), (block, from, to) -> {
            double[] residual = new double[numUsers];
            double[] w = new double[n];
            int[] mark = new int[n];
            int[] cand = new int[n];
            for (int j = from; j < to; j++) {
                ctx.checkCancelled("slim");
                solveColumn(train, byItem, j, config, residual, w, mark, cand, colItems, colWeights);
            }
        });
        // Assemble W by rows i: entries (j, W_ij) with j increasing.
        int[] rowPtr = new int[n + 1];
        for (int j = 0; j < n; j++) {
            for (int i : colItems[j]) {
                rowPtr[i + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            rowPtr[i + 1] += rowPtr[i];
        }
        int[] cols = new int[rowPtr[n]];
        float[] weights = new float[rowPtr[n]];
        int[] next = Arrays.copyOf(rowPtr, n);
        for (int j = 0; j < n; j++) {
            int[] items = colItems[j];
            float[] ws = colWeights[j];
            for (int x = 0; x < items.length; x++) {
                int pos = next[items[x]]++;
                cols[pos] = j;
                weights[pos] = ws[x];
            }
        }
        ctx.progress().report("slim", 1, 1);
        return new ItemItemModel(train, rowPtr, cols, weights);
    }

    /**
     * Solves column {@code j}; on entry {@code residual} and {@code w} are all zero and are left
     * all zero. {@code mark} must not contain {@code j + 1} (it holds earlier column stamps).
     */
    static void solveColumn(InteractionMatrix train, InteractionMatrix byItem, int j, Config config, double[] residual,
                            double[] w, int[] mark, int[] cand, int[][] colItems, float[][] colWeights) {
        int stamp = j + 1;
        int numCand = 0;
        for (int p = byItem.rowStart(j); p < byItem.rowEnd(j); p++) {
            int u = byItem.col(p);
            residual[u] = 1.0;
            for (int q = train.rowStart(u); q < train.rowEnd(u); q++) {
                int i = train.col(q);
                if (i != j && mark[i] != stamp) {
                    mark[i] = stamp;
                    cand[numCand++] = i;
                }
            }
        }
        Arrays.sort(cand, 0, numCand);
        double l1 = config.l1();
        double l2 = config.l2();
        for (int sweep = 0; sweep < config.maxSweeps(); sweep++) {
            double maxDelta = 0;
            for (int c = 0; c < numCand; c++) {
                int i = cand[c];
                int from = byItem.rowStart(i);
                int to = byItem.rowEnd(i);
                double norm = to - from;
                double rho = norm * w[i];
                for (int p = from; p < to; p++) {
                    rho += residual[byItem.col(p)];
                }
                double updated = Math.max(0.0, rho - l1) / (norm + l2);
                if (!(updated >= 0) || Double.isInfinite(updated)) {
                    updated = 0.0; // norm + l2 == 0 cannot happen for a co-occurring item; guard anyway
                }
                double delta = updated - w[i];
                if (delta != 0) {
                    for (int p = from; p < to; p++) {
                        residual[byItem.col(p)] -= delta;
                    }
                    w[i] = updated;
                    maxDelta = Math.max(maxDelta, Math.abs(delta));
                }
            }
            if (maxDelta <= config.tolerance()) {
                break;
            }
        }
        int nonZero = 0;
        for (int c = 0; c < numCand; c++) {
            if (w[cand[c]] > 0) {
                nonZero++;
            }
        }
        int[] items = new int[nonZero];
        float[] ws = new float[nonZero];
        int x = 0;
        for (int c = 0; c < numCand; c++) {
            int i = cand[c];
            if (w[i] > 0) {
                items[x] = i;
                ws[x] = (float) w[i];
                x++;
            }
            w[i] = 0.0;
            for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                residual[byItem.col(p)] = 0.0;
            }
        }
        for (int p = byItem.rowStart(j); p < byItem.rowEnd(j); p++) {
            residual[byItem.col(p)] = 0.0;
        }
        colItems[j] = items;
        colWeights[j] = ws;
    }
}
