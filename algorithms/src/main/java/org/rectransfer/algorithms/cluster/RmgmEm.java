package org.rectransfer.algorithms.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

/**
 * The EM fit of the rating-matrix generative model (see {@link Rmgm}) on several domains over the
 * same users: items of domain {@code d} are the global items {@code itemOffset[d] .. itemOffset[d+1]}.
 *
 * <p>Model: {@code P(r | u, i) = sum_{k,l} P(k|u) P(l|i) P(r|k,l)}. E-step, for every
 * observation {@code (u, i, r)} with weight {@code w}:
 * {@code q(k,l) = P(k|u) P(l|i) P(r|k,l) / Z}, {@code Z = P(r|u,i)} (the per-observation scaling
 * that keeps the posteriors in range; no product over observations is ever formed, so nothing
 * underflows). M-step with Dirichlet pseudo-counts (MAP):
 * {@code P(k|u) = (sum_{obs of u} w sum_l q + a_m) / (n_u + K a_m)}, likewise {@code P(l|i)},
 * {@code P(r|k,l) = (sum_{obs at level r} w q(k,l) + a_r) / (sum_obs w q(k,l) + R a_r)}.
 *
 * <p>The objective {@code sum_obs w log Z + a_m sum log P(k|u) + a_m sum log P(l|i) + a_r sum log P(r|k,l)}
 * (log-likelihood plus log Dirichlet prior; the sums over memberships run over users and items
 * with observations) cannot decrease from one iteration to the next; with zero pseudo-counts it
 * is the log-likelihood. {@link #objectiveTrace} and {@link #logLikelihoodTrace} record it per
 * iteration, evaluated at the parameters the E-step of that iteration used.
 *
 * <p>Single-threaded and deterministic for a given random stream.
 */
final class RmgmEm {
    final int k;
    final int l;
    final int numLevels;
    final int numUsers;
    final int numItems;
    final int[] itemOffset;
    /** {@code numUsers x k}: P(k|u); users without observations hold the cluster prior P(k). */
    final double[] userMembership;
    /** {@code numItems x l}: P(l|i); items without observations hold the cluster prior P(l). */
    final double[] itemMembership;
    /** Level-major {@code numLevels x (k * l)}: P(r|k,l) at {@code [r * k * l + k_index * l + l_index]}. */
    final double[] ratingModel;
    final double[] objectiveTrace;
    final double[] logLikelihoodTrace;

    private RmgmEm(int k, int l, int numLevels, int numUsers, int numItems, int[] itemOffset, double[] userMembership,
                   double[] itemMembership, double[] ratingModel, double[] objectiveTrace, double[] logLikelihoodTrace) {
        this.k = k;
        this.l = l;
        this.numLevels = numLevels;
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.itemOffset = itemOffset;
        this.userMembership = userMembership;
        this.itemMembership = itemMembership;
        this.ratingModel = ratingModel;
        this.objectiveTrace = objectiveTrace;
        this.logLikelihoodTrace = logLikelihoodTrace;
    }

    /**
     * Fits by at most {@code iterations} EM iterations; stops early when the objective improves
     * by less than {@code tolerance * |objective|}. Memberships and the rating model start from
     * uniform random draws of {@code rng} (normalised), the rating model scaled by the overall
     * level histogram.
     */
    static RmgmEm fit(List<InteractionMatrix> domains, int k, int l, RatingGrid grid, int iterations, double tolerance,
                      double membershipSmoothing, double ratingSmoothing, SplittableRandom rng, RunContext ctx) {
        int numUsers = domains.get(0).numRows();
        int[] itemOffset = new int[domains.size() + 1];
        for (int d = 0; d < domains.size(); d++) {
            itemOffset[d + 1] = itemOffset[d] + domains.get(d).numCols();
        }
        int numItems = itemOffset[domains.size()];
        int numLevels = grid.size();
        // Observations: one per (rating, level) with positive weight, user-major, domains in order.
        int capacity = 0;
        for (InteractionMatrix m : domains) {
            capacity += 2 * m.nnz();
        }
        int[] obsUser = new int[capacity];
        int[] obsItem = new int[capacity];
        int[] obsLevel = new int[capacity];
        double[] obsWeight = new double[capacity];
        int n = 0;
        double[] userWeight = new double[numUsers];
        double[] itemWeight = new double[numItems];
        double[] histogram = new double[numLevels];
        for (int u = 0; u < numUsers; u++) {
            for (int d = 0; d < domains.size(); d++) {
                InteractionMatrix m = domains.get(d);
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    double r = m.value(p);
                    int lower = grid.lower(r);
                    double up = grid.upperWeight(r);
                    for (int s = 0; s < 2; s++) {
                        double w = s == 0 ? 1 - up : up;
                        if (w <= 0) {
                            continue;
                        }
                        obsUser[n] = u;
                        obsItem[n] = itemOffset[d] + m.col(p);
                        obsLevel[n] = lower + s;
                        obsWeight[n] = w;
                        userWeight[u] += w;
                        itemWeight[obsItem[n]] += w;
                        histogram[lower + s] += w;
                        n++;
                    }
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("rmgm needs at least one observed rating");
        }
        double[] pu = randomRows(numUsers, k, userWeight, rng);
        double[] pi = randomRows(numItems, l, itemWeight, rng);
        // Level-major: P(r|k,l) at pr[r * k * l + kIndex * l + lIndex], so one level's table is contiguous.
        double[] pr = new double[k * l * numLevels];
        for (int c = 0; c < k * l; c++) {
            double z = 0;
            for (int r = 0; r < numLevels; r++) {
                pr[r * k * l + c] = (histogram[r] + 1) * (0.5 + rng.nextDouble());
                z += pr[r * k * l + c];
            }
            for (int r = 0; r < numLevels; r++) {
                pr[r * k * l + c] /= z;
            }
        }

        double[] nu = new double[numUsers * k];
        double[] ni = new double[numItems * l];
        double[] nr = new double[k * l * numLevels];
        int kl = k * l;
        double[] buf = new double[kl];
        double[] col = new double[l];
        double[] objective = new double[iterations];
        double[] logLik = new double[iterations];
        int done = 0;
        for (int it = 0; it < iterations; it++) {
            ctx.checkCancelled("rmgm");
            Arrays.fill(nu, 0);
            Arrays.fill(ni, 0);
            Arrays.fill(nr, 0);
            double ll = 0;
            for (int e = 0; e < n; e++) {
                int uBase = obsUser[e] * k;
                int iBase = obsItem[e] * l;
                int rBase = obsLevel[e] * kl;
                double z = 0;
                for (int a = 0; a < k; a++) {
                    double pa = pu[uBase + a];
                    int row = a * l;
                    for (int b = 0; b < l; b++) {
                        double t = pa * pi[iBase + b] * pr[rBase + row + b];
                        buf[row + b] = t;
                        z += t;
                    }
                }
                if (!(z > 0)) {
                    z = Double.MIN_NORMAL; // only with zero pseudo-counts and a level no cluster pair can emit
                }
                ll += obsWeight[e] * Math.log(z);
                double scale = obsWeight[e] / z;
                Arrays.fill(col, 0);
                for (int a = 0; a < k; a++) {
                    int row = a * l;
                    double rowSum = 0;
                    for (int b = 0; b < l; b++) {
                        double q = buf[row + b] * scale;
                        nr[rBase + row + b] += q;
                        col[b] += q;
                        rowSum += q;
                    }
                    nu[uBase + a] += rowSum;
                }
                for (int b = 0; b < l; b++) {
                    ni[iBase + b] += col[b];
                }
            }
            logLik[it] = ll;
            objective[it] = ll + logPrior(pu, userWeight, k, membershipSmoothing)
                    + logPrior(pi, itemWeight, l, membershipSmoothing) + logPrior(pr, null, kl, ratingSmoothing);
            normaliseRows(nu, userWeight, k, membershipSmoothing, pu);
            normaliseRows(ni, itemWeight, l, membershipSmoothing, pi);
            normaliseLevels(nr, kl, numLevels, ratingSmoothing, pr);
            done = it + 1;
            ctx.progress().report("rmgm", done, iterations);
            if (it > 0 && objective[it] - objective[it - 1] < tolerance * Math.abs(objective[it - 1])) {
                break;
            }
        }
        setPriorRows(pu, userWeight, k);
        setPriorRows(pi, itemWeight, l);
        return new RmgmEm(k, l, numLevels, numUsers, numItems, itemOffset, pu, pi, pr,
                Arrays.copyOf(objective, done), Arrays.copyOf(logLik, done));
    }

    /** Rows with weight get normalised uniform draws in [0.1, 1.1); rows without weight stay 0. */
    private static double[] randomRows(int rows, int width, double[] weight, SplittableRandom rng) {
        double[] p = new double[rows * width];
        for (int u = 0; u < rows; u++) {
            if (weight[u] <= 0) {
                continue;
            }
            double z = 0;
            for (int a = 0; a < width; a++) {
                p[u * width + a] = 0.1 + rng.nextDouble();
                z += p[u * width + a];
            }
            for (int a = 0; a < width; a++) {
                p[u * width + a] /= z;
            }
        }
        return p;
    }

    /** MAP normalisation {@code (counts + alpha) / (sum + width alpha)} of the rows with weight (all if null). */
    private static void normaliseRows(double[] counts, double[] weight, int width, double alpha, double[] out) {
        int rows = counts.length / width;
        for (int u = 0; u < rows; u++) {
            if (weight != null && weight[u] <= 0) {
                continue;
            }
            double z = 0;
            for (int a = 0; a < width; a++) {
                z += counts[u * width + a];
            }
            z += width * alpha;
            for (int a = 0; a < width; a++) {
                out[u * width + a] = z > 0 ? (counts[u * width + a] + alpha) / z : 1.0 / width;
            }
        }
    }

    /** MAP normalisation of the level-major rating counts over the levels of every cluster pair. */
    private static void normaliseLevels(double[] counts, int kl, int numLevels, double alpha, double[] out) {
        for (int c = 0; c < kl; c++) {
            double z = numLevels * alpha;
            for (int r = 0; r < numLevels; r++) {
                z += counts[r * kl + c];
            }
            for (int r = 0; r < numLevels; r++) {
                out[r * kl + c] = z > 0 ? (counts[r * kl + c] + alpha) / z : 1.0 / numLevels;
            }
        }
    }

    /** {@code alpha * sum log p} over the rows with weight (all if null); 0 when alpha is 0. */
    private static double logPrior(double[] p, double[] weight, int width, double alpha) {
        if (alpha == 0) {
            return 0;
        }
        double s = 0;
        int rows = p.length / width;
        for (int u = 0; u < rows; u++) {
            if (weight != null && weight[u] <= 0) {
                continue;
            }
            for (int a = 0; a < width; a++) {
                s += Math.log(p[u * width + a]);
            }
        }
        return alpha * s;
    }

    /** Rows without weight get the weight-averaged membership of the others (the cluster prior). */
    private static void setPriorRows(double[] p, double[] weight, int width) {
        double[] prior = new double[width];
        double total = 0;
        int rows = p.length / width;
        for (int u = 0; u < rows; u++) {
            if (weight[u] > 0) {
                for (int a = 0; a < width; a++) {
                    prior[a] += weight[u] * p[u * width + a];
                }
                total += weight[u];
            }
        }
        for (int u = 0; u < rows; u++) {
            if (weight[u] <= 0) {
                for (int a = 0; a < width; a++) {
                    p[u * width + a] = total > 0 ? prior[a] / total : 1.0 / width;
                }
            }
        }
    }

    /** Expected rating per cluster pair, {@code E[r|k,l] = sum_r level(r) P(r|k,l)}, row-major {@code k x l}. */
    double[] expectedRatings(RatingGrid grid) {
        double[] m = new double[k * l];
        for (int c = 0; c < k * l; c++) {
            double s = 0;
            for (int r = 0; r < numLevels; r++) {
                s += grid.level(r) * ratingModel[r * k * l + c];
            }
            m[c] = s;
        }
        return m;
    }

    /** Model prediction {@code E[r|u,i] = sum_{k,l} P(k|u) P(l|i) E[r|k,l]} for a global item index. */
    double predict(double[] expected, int u, int globalItem) {
        double s = 0;
        for (int a = 0; a < k; a++) {
            double t = 0;
            for (int b = 0; b < l; b++) {
                t += expected[a * l + b] * itemMembership[globalItem * l + b];
            }
            s += userMembership[u * k + a] * t;
        }
        return s;
    }
}
