package org.rectransfer.algorithms.knn;

import java.util.Arrays;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.util.Parallel;

/**
 * Slope One (Lemire &amp; Maclachlan 2005, "Slope One predictors for online rating-based
 * collaborative filtering", SDM), weighted by default. Id {@code slope-one}. Explicit data only.
 *
 * <p><b>Fit.</b> For every ordered pair of distinct items {@code (j, i)} rated together by
 * {@code c_ji = |S_ji| > 0} users, the summed difference {@code D_ji = sum_{u in S_ji} (r_uj - r_ui)}
 * (the paper's deviation is {@code dev_ji = D_ji / c_ji}). Stored sparsely per item (only pairs
 * with {@code c_ji > 0}), so memory is {@code O(co-rated item pairs)}; for ML-100K's 1,682 items
 * that is about 2.5 M pairs (12 bytes each). Rows are computed in fixed blocks on
 * {@code ctx.threads()} threads, each writing only its own row: bit-identical for any thread
 * count, and {@code D_ij == -D_ji} exactly.
 *
 * <p><b>Prediction</b> for user {@code u} and item {@code j}, with
 * {@code R_j = {i in R(u), i != j, c_ji > 0}} (the paper's {@code P^{wS1}} and {@code P^{S1}}):
 * <pre>
 *   weighted:   r(u, j) = sum_{i in R_j} (dev_ji + r_ui) c_ji / sum_{i in R_j} c_ji
 *                       = sum_{i in R_j} (D_ji + r_ui c_ji) / sum_{i in R_j} c_ji
 *   unweighted: r(u, j) = sum_{i in R_j} (dev_ji + r_ui) / |R_j|
 * </pre>
 * When {@code R_j} is empty (the paper leaves this undefined) the prediction is the user's mean
 * training rating, the item's mean if the user has none, else the global mean. Sums run over
 * {@code i} in ascending order in {@code predict} and {@code scoreAll} alike, so both give
 * identical values.
 */
public final class SlopeOne implements Algorithm<SlopeOne.Config> {
    /** Items per parallel block. */
    static final int BLOCK = 32;

    /**
     * @param weighted weighted Slope One ({@code true}, default: each pair counts by its support
     *                 {@code c_ji}) or the plain scheme (every co-rated pair counts once)
     */
    public record Config(boolean weighted) {
    }

    @Override
    public String id() {
        return "slope-one";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    /** @throws IllegalArgumentException if {@code train} is empty or implicit */
    @Override
    public SlopeOneModel fit(InteractionMatrix train, Config config, RunContext ctx) {
        if (train.nnz() == 0) {
            throw new IllegalArgumentException("slope-one needs at least one training rating");
        }
        if (!train.isExplicit()) {
            throw new IllegalArgumentException("slope-one needs explicit ratings");
        }
        InteractionMatrix byItem = train.transpose();
        int n = train.numCols();
        int[][] rowIdx = new int[n][];
        float[][] rowDiff = new float[n][];
        int[][] rowCount = new int[n][];
        ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(n));
        Parallel.forBlocks(n, BLOCK, ctx.threads(), (block, from, to) -> {
            ctx.checkCancelled("slope-one");
            Scratch s = scratch.get();
            for (int j = from; j < to; j++) {
                row(j, train, byItem, s, rowIdx, rowDiff, rowCount);
            }
        });
        scratch.remove();
        int[] ptr = new int[n + 1];
        for (int j = 0; j < n; j++) {
            ptr[j + 1] = Math.addExact(ptr[j], rowIdx[j].length);
        }
        int[] idx = new int[ptr[n]];
        float[] diff = new float[ptr[n]];
        int[] count = new int[ptr[n]];
        for (int j = 0; j < n; j++) {
            System.arraycopy(rowIdx[j], 0, idx, ptr[j], rowIdx[j].length);
            System.arraycopy(rowDiff[j], 0, diff, ptr[j], rowIdx[j].length);
            System.arraycopy(rowCount[j], 0, count, ptr[j], rowIdx[j].length);
            rowIdx[j] = null;
            rowDiff[j] = null;
            rowCount[j] = null;
        }
        double mu = train.meanValue();
        float[] itemMean = BaselineTerms.rowMeans(byItem, mu);
        float[] userMean = new float[train.numRows()];
        for (int u = 0; u < train.numRows(); u++) {
            if (train.rowSize(u) == 0) {
                userMean[u] = Float.NaN; // resolved per item at prediction time
            } else {
                double sum = 0;
                for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
                    sum += train.value(p);
                }
                userMean[u] = (float) (sum / train.rowSize(u));
            }
        }
        return new SlopeOneModel(train, ptr, idx, diff, count, config.weighted(), userMean, itemMean);
    }

    /** Row j: sums over the users who rated j, items i of each such user, in ascending user order. */
    private static void row(int j, InteractionMatrix train, InteractionMatrix byItem, Scratch s, int[][] rowIdx,
                            float[][] rowDiff, int[][] rowCount) {
        int[] cnt = s.cnt;
        double[] sum = s.sum;
        int[] touched = s.touched;
        int t = 0;
        for (int p = byItem.rowStart(j); p < byItem.rowEnd(j); p++) {
            int u = byItem.col(p);
            double ruj = byItem.value(p);
            for (int q = train.rowStart(u); q < train.rowEnd(u); q++) {
                int i = train.col(q);
                if (i == j) {
                    continue;
                }
                if (cnt[i]++ == 0) {
                    touched[t++] = i;
                }
                sum[i] += ruj - train.value(q);
            }
        }
        Arrays.sort(touched, 0, t);
        int[] idx = new int[t];
        float[] diff = new float[t];
        int[] count = new int[t];
        for (int x = 0; x < t; x++) {
            int i = touched[x];
            idx[x] = i;
            diff[x] = (float) sum[i];
            count[x] = cnt[i];
            sum[i] = 0;
            cnt[i] = 0;
        }
        rowIdx[j] = idx;
        rowDiff[j] = diff;
        rowCount[j] = count;
    }

    private static final class Scratch {
        final int[] cnt;
        final double[] sum;
        final int[] touched;

        Scratch(int n) {
            cnt = new int[n];
            sum = new double[n];
            touched = new int[n];
        }
    }
}
