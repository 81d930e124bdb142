package org.rectransfer.algorithms.testing;

import java.util.List;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.TransferTask;
import org.rectransfer.core.testing.TestData;

/**
 * Shared by the neural, instance- and feature-based transfer tests. A two-domain world built in the test (the algorithms module may not use the datasets
 * module) where the source really predicts the target for cold users:
 * <ul>
 *   <li>every user has a group {@code g in {0, 1}}, a latent taste {@code z_u ~ N(0, I_3)} and a
 *   rating level {@code b_u ~ N(0, 0.5^2)};</li>
 *   <li>source: 240 items in two blocks (even / odd index); item vectors {@code v_i ~ N(0, 0.5^2 I_3)}
 *   plus a block coordinate {@code +-1}; the user's source vector is {@code [z_u, +-0.8]} (sign by
 *   group), so users like their own block; a user draws 80 % of their 30 source items from
 *   their block. {@code r = 3 + b_u + c_i + s_u . v_i + N(0, 0.25^2)}, item bias {@code c_i ~ N(0, 0.3^2)};</li>
 *   <li>target: 150 items, {@code w_i ~ N(0, 0.5^2 I_3)}; the user's target vector is an exact
 *   per-group linear map of the source taste plus noise, {@code t_u = A_g z_u + N(0, 0.1^2 I)}
 *   with {@code A_0} a random orthogonal matrix and {@code A_1 = -A_0 P} (P a coordinate
 *   permutation); target rating level {@code b_u + N(0, 0.1^2)}; 25 items per user;</li>
 *   <li>a fraction {@code coldFraction} of the users (random) lose all their target training
 *   ratings, which become the held-out test set.</li>
 * </ul>
 * Ratings are continuous (not rounded or clipped), so the characteristic set of PTUPCDR is
 * the source items rated {@code >= 4}.
 */
public final class ColdStartWorld {
    public final CrossDomainData data;
    public final InteractionMatrix heldOut;
    public final int numCold;

    private ColdStartWorld(CrossDomainData data, InteractionMatrix heldOut, int numCold) {
        this.data = data;
        this.heldOut = heldOut;
        this.numCold = numCold;
    }

    public static ColdStartWorld generate(long seed, int numUsers, double coldFraction) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = 3;
        int sourceItems = 240;
        int targetItems = 150;
        double[][] a0 = randomOrthogonal(d, rng);
        double[][] a1 = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                a1[r][c] = -a0[r][(c + 1) % d];
            }
        }
        double[][] v = gaussianRows(sourceItems, d, 0.5, rng);
        double[] vBias = gaussian(sourceItems, 0.3, rng);
        double[][] w = gaussianRows(targetItems, d, 0.5, rng);
        double[] wBias = gaussian(targetItems, 0.3, rng);

        InteractionMatrix.Builder src = InteractionMatrix.builder(numUsers, sourceItems, true, false);
        InteractionMatrix.Builder tgt = InteractionMatrix.builder(numUsers, targetItems, true, false);
        InteractionMatrix.Builder held = InteractionMatrix.builder(numUsers, targetItems, true, false);
        int numCold = 0;
        for (int u = 0; u < numUsers; u++) {
            int g = rng.nextInt(2);
            double[] z = gaussian(d, 1.0, rng);
            double level = 0.5 * normal(rng);
            double sign = g == 0 ? 1 : -1;
            boolean[] taken = new boolean[sourceItems];
            for (int n = 0; n < 30; n++) {
                int i;
                do {
                    i = rng.nextInt(sourceItems);
                    boolean ownBlock = rng.nextDouble() < 0.8;
                    int block = ownBlock ? g : 1 - g;
                    i = (i & ~1) | block;
                } while (taken[i]);
                taken[i] = true;
                double blockCoord = (i & 1) == 0 ? 1 : -1;
                double r = 3 + level + vBias[i] + dot(z, v[i]) + 0.8 * sign * blockCoord + 0.25 * normal(rng);
                src.add(u, i, (float) r);
            }
            double[][] a = g == 0 ? a0 : a1;
            double[] t = new double[d];
            for (int c = 0; c < d; c++) {
                for (int r = 0; r < d; r++) {
                    t[c] += a[c][r] * z[r];
                }
                t[c] += 0.1 * normal(rng);
            }
            double targetLevel = level + 0.1 * normal(rng);
            boolean cold = rng.nextDouble() < coldFraction;
            numCold += cold ? 1 : 0;
            boolean[] tTaken = new boolean[targetItems];
            for (int n = 0; n < 25; n++) {
                int i;
                do {
                    i = rng.nextInt(targetItems);
                } while (tTaken[i]);
                tTaken[i] = true;
                double r = 3 + targetLevel + wBias[i] + dot(t, w[i]) + 0.25 * normal(rng);
                (cold ? held : tgt).add(u, i, (float) r);
            }
        }
        IdIndex users = IdIndex.of(TestData.numericIds(numUsers));
        IdIndex sItems = IdIndex.of(TestData.numericIds(sourceItems));
        IdIndex tItems = IdIndex.of(TestData.numericIds(targetItems));
        InteractionMatrix sm = src.build(DuplicatePolicy.ERROR);
        InteractionMatrix tm = tgt.build(DuplicatePolicy.ERROR);
        DomainData source = new DomainData("source", sItems, sm, DomainData.contentFingerprint(users, sItems, sm));
        DomainData target = new DomainData("target", tItems, tm, DomainData.contentFingerprint(users, tItems, tm));
        return new ColdStartWorld(new CrossDomainData(users, List.of(source), target),
                held.build(DuplicatePolicy.ERROR), numCold);
    }

    public TransferTask task() {
        return new TransferTask(data.users(), data.sources(), data.target().name(), data.target().items(),
                data.target().interactions());
    }

    /** RMSE of {@code r} on the held-out target ratings of the cold users. */
    public double coldRmse(Recommender r) {
        double se = 0;
        for (int u = 0; u < heldOut.numRows(); u++) {
            for (int p = heldOut.rowStart(u); p < heldOut.rowEnd(u); p++) {
                double e = r.predict(u, heldOut.col(p)) - heldOut.value(p);
                se += e * e;
            }
        }
        return Math.sqrt(se / heldOut.nnz());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double normal(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double[] gaussian(int n, double std, SplittableRandom rng) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = std * normal(rng);
        }
        return a;
    }

    private static double[][] gaussianRows(int n, int d, double std, SplittableRandom rng) {
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = gaussian(d, std, rng);
        }
        return a;
    }

    /** Gram-Schmidt on a Gaussian matrix: a random orthogonal d x d matrix (rows orthonormal). */
    private static double[][] randomOrthogonal(int d, SplittableRandom rng) {
        double[][] q = gaussianRows(d, d, 1.0, rng);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double p = dot(q[i], q[j]);
                for (int c = 0; c < d; c++) {
                    q[i][c] -= p * q[j][c];
                }
            }
            double norm = Math.sqrt(dot(q[i], q[i]));
            for (int c = 0; c < d; c++) {
                q[i][c] /= norm;
            }
        }
        return q;
    }
}
