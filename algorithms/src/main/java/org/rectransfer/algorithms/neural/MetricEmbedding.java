package org.rectransfer.algorithms.neural;

import java.util.List;
import java.util.SplittableRandom;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

/**
 * Collaborative metric learning for one domain (Hsieh, Yang, Cui, Lin, Belongie &amp; Estrin,
 * "Collaborative metric learning", WWW 2017), the per-domain embedding step of SSCDR: users and
 * items live in one Euclidean space, every positive pair {@code (u, i)} and sampled negative
 * item {@code j} give the triplet hinge loss
 *
 * <pre>
 *   l(u, i, j) = max(0, margin + ||x_u - y_i||^2 - ||x_u - y_j||^2)
 * </pre>
 *
 * and after every optimiser step each user and item vector is projected back into the unit
 * ball ({@code x <- x / max(1, ||x||)}, CML's norm clipping). Training: {@code epochs} passes
 * over the positive pairs in an order drawn per epoch, mini-batches of {@code batchSize} pairs,
 * {@code negatives} negatives per pair drawn uniformly among the items that are not the user's
 * positives, Adam on the batch mean of the hinge losses. Not included: CML's WARP-style rank
 * weights, covariance regulariser and feature loss.
 *
 * <p>Thread safety: stateless; {@link #fit} is single-threaded.
 */
public final class MetricEmbedding {
    private MetricEmbedding() {
    }

    /**
     * Positive pairs of one domain as a CSR structure: user {@code u}'s positive items are
     * {@code items[start[u] .. start[u+1])}, ascending.
     */
    public record Positives(int numUsers, int numItems, int[] start, int[] items) {
        public int size(int u) {
            return start[u + 1] - start[u];
        }

        public int nnz() {
            return items.length;
        }

        public boolean contains(int u, int i) {
            return java.util.Arrays.binarySearch(items, start[u], start[u + 1], i) >= 0;
        }

        /**
         * The observed ratings that count as positives: {@code r >= threshold} or, when
         * {@code relative}, {@code r >= mean_u + threshold} with {@code mean_u} the user's mean
         * rating in this matrix.
         */
        public static Positives of(InteractionMatrix m, double threshold, boolean relative) {
            int n = m.numRows();
            int[] start = new int[n + 1];
            int count = 0;
            for (int u = 0; u < n; u++) {
                double cut = cut(m, u, threshold, relative);
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    if (m.value(p) >= cut) {
                        count++;
                    }
                }
                start[u + 1] = count;
            }
            int[] items = new int[count];
            for (int u = 0, q = 0; u < n; u++) {
                double cut = cut(m, u, threshold, relative);
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    if (m.value(p) >= cut) {
                        items[q++] = m.col(p);
                    }
                }
            }
            return new Positives(n, m.numCols(), start, items);
        }

        private static double cut(InteractionMatrix m, int u, double threshold, boolean relative) {
            if (!relative) {
                return threshold;
            }
            double s = 0;
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                s += m.value(p);
            }
            int size = m.rowEnd(u) - m.rowStart(u);
            // The mean is summed in double; the 1e-9 slack keeps ratings equal to the cut (e.g. all of
            // a user's ratings when they are equal and the threshold is 0) positives despite round-off.
            return size == 0 ? 0 : s / size + threshold - 1e-9;
        }

        /** The item-major view: for every item, the users whose positive it is. */
        public Positives transpose() {
            int[] tStart = new int[numItems + 1];
            for (int i : items) {
                tStart[i + 1]++;
            }
            for (int i = 0; i < numItems; i++) {
                tStart[i + 1] += tStart[i];
            }
            int[] fill = java.util.Arrays.copyOf(tStart, numItems);
            int[] users = new int[items.length];
            for (int u = 0; u < numUsers; u++) {
                for (int p = start[u]; p < start[u + 1]; p++) {
                    users[fill[items[p]]++] = u;
                }
            }
            return new Positives(numItems, numUsers, tStart, users);
        }
    }

    /** Hyper-parameters of one metric-learning fit (validated by the owning strategy's config). */
    public record Params(int dim, int epochs, double learningRate, double margin, int negatives, int batchSize,
                         double initStd) {
    }

    /** Fitted vectors, row-major {@code numUsers x dim} and {@code numItems x dim}. */
    public record Embeddings(int dim, double[] users, double[] items) {
    }

    /**
     * The triplet hinge {@code max(0, margin + ||a - p||^2 - ||a - n||^2)} of the vectors at
     * {@code a[ao..)}, {@code p[po..)}, {@code n[no..)}; when the hinge is active and
     * {@code scale != 0}, adds {@code scale} times its gradient to {@code ga}, {@code gp},
     * {@code gn} (any of them may be null): {@code dl/da = 2 (n - p)}, {@code dl/dp = 2 (p - a)},
     * {@code dl/dn = 2 (a - n)}.
     */
    public static double triplet(int dim, double margin, double[] a, int ao, double[] p, int po, double[] n, int no,
                                 double scale, double[] ga, int gao, double[] gp, int gpo, double[] gn, int gno) {
        double dp = 0;
        double dn = 0;
        for (int f = 0; f < dim; f++) {
            double e = a[ao + f] - p[po + f];
            double g = a[ao + f] - n[no + f];
            dp += e * e;
            dn += g * g;
        }
        double l = margin + dp - dn;
        if (l <= 0) {
            return 0;
        }
        if (scale != 0) {
            for (int f = 0; f < dim; f++) {
                double av = a[ao + f];
                double pv = p[po + f];
                double nv = n[no + f];
                if (ga != null) {
                    ga[gao + f] += scale * 2 * (nv - pv);
                }
                if (gp != null) {
                    gp[gpo + f] += scale * 2 * (pv - av);
                }
                if (gn != null) {
                    gn[gno + f] += scale * 2 * (av - nv);
                }
            }
        }
        return l;
    }

    /**
     * A uniformly drawn item that is not a positive of {@code u}, or -1 when 64 draws all hit
     * positives (a user whose positives cover nearly every item).
     */
    static int negative(Positives pos, int u, SplittableRandom rng) {
        for (int t = 0; t < 64; t++) {
            int j = rng.nextInt(pos.numItems());
            if (!pos.contains(u, j)) {
                return j;
            }
        }
        return -1;
    }

    /** Projects every {@code dim}-row of {@code x} into the unit ball. */
    public static void clipRows(double[] x, int dim) {
        for (int o = 0; o < x.length; o += dim) {
            double s = 0;
            for (int f = 0; f < dim; f++) {
                s += x[o + f] * x[o + f];
            }
            if (s > 1.0) {
                double c = 1.0 / Math.sqrt(s);
                for (int f = 0; f < dim; f++) {
                    x[o + f] *= c;
                }
            }
        }
    }

    /**
     * Trains the embeddings of one domain. Initial vectors are N(0, initStd^2) from
     * {@code init}, clipped into the unit ball; the pair order and negatives come from
     * {@code sampler}.
     */
    public static Embeddings fit(Positives pos, Params params, SplittableRandom init, SplittableRandom sampler,
                                 RunContext ctx, String component) {
        int k = params.dim();
        Param users = new Param(component + ".users", Math.max(1, pos.numUsers() * k));
        Param items = new Param(component + ".items", Math.max(1, pos.numItems() * k));
        Init.gaussian(users.value(), params.initStd(), init);
        Init.gaussian(items.value(), params.initStd(), init);
        clipRows(users.value(), k);
        clipRows(items.value(), k);
        int nnz = pos.nnz();
        int[] pairUser = new int[nnz];
        for (int u = 0; u < pos.numUsers(); u++) {
            for (int p = pos.start()[u]; p < pos.start()[u + 1]; p++) {
                pairUser[p] = u;
            }
        }
        int[] order = new int[nnz];
        for (int p = 0; p < nnz; p++) {
            order[p] = p;
        }
        Adam adam = new Adam(List.of(users, items), params.learningRate(), 0.0);
        double[] x = users.value();
        double[] y = items.value();
        double[] gx = users.grad();
        double[] gy = items.grad();
        int neg = params.negatives();
        for (int epoch = 0; epoch < params.epochs() && nnz > 0; epoch++) {
            ctx.checkCancelled(component);
            EmcdrMlp.shuffle(order, sampler);
            for (int s = 0; s < nnz; s += params.batchSize()) {
                int e = Math.min(nnz, s + params.batchSize());
                double scale = 1.0 / ((e - s) * (double) neg);
                adam.zeroGrad();
                for (int b = s; b < e; b++) {
                    int p = order[b];
                    int u = pairUser[p];
                    int i = pos.items()[p];
                    for (int t = 0; t < neg; t++) {
                        int j = negative(pos, u, sampler);
                        if (j < 0) {
                            continue;
                        }
                        triplet(k, params.margin(), x, u * k, y, i * k, y, j * k, scale, gx, u * k, gy, i * k, gy,
                                j * k);
                    }
                }
                adam.step();
                clipRows(x, k);
                clipRows(y, k);
            }
            ctx.progress().report(component, epoch + 1, params.epochs());
        }
        double[] uOut = java.util.Arrays.copyOf(x, pos.numUsers() * k);
        double[] iOut = java.util.Arrays.copyOf(y, pos.numItems() * k);
        return new Embeddings(k, uOut, iOut);
    }
}
