package org.rectransfer.algorithms.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.testing.ColdStartWorld;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

/**
 * Unit measurements of the SSCDR parts: hand-computed positives, the triplet and mapping
 * gradients against finite differences ({@link GradientCheckTest#check}, same tolerance), the
 * unit-ball invariant of metric learning and its ranking quality, recovery of a planted linear
 * map, the rating head on planted coefficients, and the small linear solve of bias transfer.
 */
class SscdrTest {

    @Test
    void positivesAreRatingsAtOrAboveTheUsersMeanPlusTheThreshold() {
        InteractionMatrix m = InteractionMatrix.builder(3, 6, true, false)
                .add(0, 0, 1).add(0, 2, 3).add(0, 4, 5) // mean 3
                .add(1, 1, 4).add(1, 5, 4) // mean 4: both at the mean
                .build(DuplicatePolicy.ERROR);
        MetricEmbedding.Positives rel = MetricEmbedding.Positives.of(m, 0.0, true);
        assertThat(java.util.Arrays.copyOfRange(rel.items(), rel.start()[0], rel.start()[1])).containsExactly(2, 4);
        assertThat(java.util.Arrays.copyOfRange(rel.items(), rel.start()[1], rel.start()[2])).containsExactly(1, 5);
        assertThat(rel.size(2)).isZero();
        MetricEmbedding.Positives rel1 = MetricEmbedding.Positives.of(m, 1.0, true);
        assertThat(rel1.size(0)).isEqualTo(1);
        assertThat(rel1.contains(0, 4)).isTrue();
        assertThat(rel1.size(1)).isZero();
        MetricEmbedding.Positives abs = MetricEmbedding.Positives.of(m, 4.0, false);
        assertThat(abs.nnz()).isEqualTo(3);
        assertThat(abs.contains(0, 4)).isTrue();
        assertThat(abs.contains(0, 2)).isFalse();
        MetricEmbedding.Positives t = abs.transpose();
        assertThat(t.numUsers()).isEqualTo(6);
        assertThat(t.contains(4, 0)).isTrue();
        assertThat(t.contains(5, 1)).isTrue();
        assertThat(t.nnz()).isEqualTo(3);
    }

    @Test
    void tripletHingeValueAndGradient() {
        // a = (0,0), p = (1,0), n = (0,0.5): margin 1 + 1 - 0.25 = 1.75; grads 2(n-p), 2(p-a), 2(a-n).
        double[] a = {0, 0};
        double[] p = {1, 0};
        double[] n = {0, 0.5};
        double[] ga = new double[2];
        double[] gp = new double[2];
        double[] gn = new double[2];
        double l = MetricEmbedding.triplet(2, 1.0, a, 0, p, 0, n, 0, 1.0, ga, 0, gp, 0, gn, 0);
        assertThat(l).isEqualTo(1.75);
        assertThat(ga).containsExactly(-2, 1);
        assertThat(gp).containsExactly(2, 0);
        assertThat(gn).containsExactly(0, -1);
        // Inactive hinge: n far away, loss 0 and no gradient.
        double[] far = {0, 3};
        double[] g = new double[2];
        assertThat(MetricEmbedding.triplet(2, 1.0, a, 0, p, 0, far, 0, 1.0, g, 0, null, 0, null, 0)).isZero();
        assertThat(g).containsExactly(0, 0);

        SplittableRandom rng = new SplittableRandom(21);
        int k = 5;
        Param pa = new Param("a", k);
        Param pp = new Param("p", k);
        Param pn = new Param("n", k);
        for (Param q : List.of(pa, pp, pn)) {
            System.arraycopy(GradientCheckTest.random(k, rng), 0, q.value(), 0, k);
        }
        DoubleSupplier loss = () -> 0.7 * MetricEmbedding.triplet(k, 1.0, pa.value(), 0, pp.value(), 0, pn.value(), 0,
                0, null, 0, null, 0, null, 0);
        assertThat(loss.getAsDouble()).as("the random triplet must be active").isGreaterThan(0.1);
        MetricEmbedding.triplet(k, 1.0, pa.value(), 0, pp.value(), 0, pn.value(), 0, 0.7, pa.grad(), 0, pp.grad(), 0,
                pn.grad(), 0);
        assertThat(GradientCheckTest.check(List.of(pa, pp, pn), loss)).isLessThan(GradientCheckTest.TOL);
    }

    /** Tiny mapping data: 4 users (0, 1 labeled; 2, 3 unlabeled), 6 source items. */
    private static SscdrMapping.Data tinyData(int k, SplittableRandom rng) {
        int users = 4;
        int items = 6;
        InteractionMatrix m = InteractionMatrix.builder(users, items, true, false)
                .add(0, 0, 5).add(0, 1, 5).add(1, 2, 5).add(2, 3, 5).add(2, 4, 5).add(3, 5, 5)
                .build(DuplicatePolicy.ERROR);
        MetricEmbedding.Positives pos = MetricEmbedding.Positives.of(m, 0, false);
        double[] xu = GradientCheckTest.random(users * k, rng);
        double[] xi = GradientCheckTest.random(items * k, rng);
        double[] tu = GradientCheckTest.random(users * k, rng);
        return new SscdrMapping.Data(k, xu, xi, tu, new boolean[] {true, true, false, false}, pos,
                new int[] {0, 1, 2, 3});
    }

    @Test
    void mappingLossGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(22);
        int k = 3;
        SscdrMapping.Data d = tinyData(k, rng);
        TanhMlp net = new TanhMlp("f", k, 5, k).init(rng);
        for (Param p : net.params()) {
            if (p.name().endsWith(".b")) {
                System.arraycopy(GradientCheckTest.random(p.size(), rng), 0, p.value(), 0, p.size());
            }
        }
        // Margin 3 keeps every hinge active, away from its kink; one missing triplet (-1) for user 1.
        SscdrMapping.Params params = new SscdrMapping.Params(5, 1, 4, 0.01, 0, 0.6, 3.0, 2);
        int[] order = d.users();
        int[] pos = {0, 1, 2, -1, 3, 4, 5, 5};
        int[] neg = {3, 5, 0, -1, 0, 1, 1, 2};
        SscdrMapping.Work w = new SscdrMapping.Work(net);
        DoubleSupplier loss = () -> SscdrMapping.batchLoss(net, d, params, order, 0, 4, pos, neg, false, w);
        for (Param p : net.params()) {
            p.zeroGrad();
        }
        double l = SscdrMapping.batchLoss(net, d, params, order, 0, 4, pos, neg, true, w);
        assertThat(l).isEqualTo(loss.getAsDouble());
        assertThat(GradientCheckTest.check(net.params(), loss)).isLessThan(GradientCheckTest.TOL);

        // Without the triplet term, the loss is the mean over labeled and unlabeled users of ||f(x_u) - t_u||^2
        // for the labeled ones only.
        SscdrMapping.Params sup = new SscdrMapping.Params(5, 1, 4, 0.01, 0, 0.0, 3.0, 2);
        double[] out = new double[k];
        TanhMlp.Work tw = new TanhMlp.Work(net);
        double expected = 0;
        for (int u = 0; u < 2; u++) {
            net.forward(d.sourceUsers(), u * k, tw, out, 0);
            for (int c = 0; c < k; c++) {
                double e = out[c] - d.targetUsers()[u * k + c];
                expected += e * e / 4;
            }
        }
        assertThat(SscdrMapping.batchLoss(net, d, sup, order, 0, 4, pos, neg, false, w))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void metricLearningKeepsVectorsInTheUnitBallAndRanksPositivesFirst() {
        ColdStartWorld world = ColdStartWorld.generate(3, 300, 0.0);
        InteractionMatrix src = world.data.sources().get(0).interactions();
        MetricEmbedding.Positives pos = MetricEmbedding.Positives.of(src, 0.5, true);
        RunContext ctx = RunContext.of(1);
        // initStd 1 in 10 dimensions: almost every initial vector lies outside the ball and is clipped.
        MetricEmbedding.Params params = new MetricEmbedding.Params(10, 20, 0.01, 1.0, 3, 128, 1.0);
        MetricEmbedding.Embeddings untrained = MetricEmbedding.fit(pos,
                new MetricEmbedding.Params(10, 1, 1e-12, 1.0, 3, 128, 1.0), ctx.random("i"), ctx.random("s"),
                ctx, "cml");
        MetricEmbedding.Embeddings e = MetricEmbedding.fit(pos, params, ctx.random("i"), ctx.random("s"), ctx, "cml");
        double maxNorm = 0;
        for (double[] x : new double[][] {e.users(), e.items()}) {
            for (int o = 0; o < x.length; o += 10) {
                double s = 0;
                for (int f = 0; f < 10; f++) {
                    s += x[o + f] * x[o + f];
                }
                maxNorm = Math.max(maxNorm, Math.sqrt(s));
            }
        }
        assertThat(maxNorm).isLessThanOrEqualTo(1.0 + 1e-12);
        double aucBefore = pairAccuracy(untrained, pos, new SplittableRandom(9));
        double aucAfter = pairAccuracy(e, pos, new SplittableRandom(9));
        if (Boolean.getBoolean("neural.print")) {
            System.err.printf("cml pair accuracy before %.3f after %.3f%n", aucBefore, aucAfter);
        }
        // Measured: 0.517 before, 0.953 after (training pairs).
        assertThat(aucBefore).isBetween(0.4, 0.6);
        assertThat(aucAfter).isGreaterThan(0.85);
    }

    /** Fraction of (positive, random non-positive) pairs where the positive is closer to the user. */
    private static double pairAccuracy(MetricEmbedding.Embeddings e, MetricEmbedding.Positives pos,
                                       SplittableRandom rng) {
        int k = e.dim();
        int good = 0;
        int total = 0;
        for (int u = 0; u < pos.numUsers(); u++) {
            for (int p = pos.start()[u]; p < pos.start()[u + 1]; p++) {
                int j = MetricEmbedding.negative(pos, u, rng);
                double dp = 0;
                double dn = 0;
                for (int f = 0; f < k; f++) {
                    double a = e.users()[u * k + f] - e.items()[pos.items()[p] * k + f];
                    double b = e.users()[u * k + f] - e.items()[j * k + f];
                    dp += a * a;
                    dn += b * b;
                }
                good += dp < dn ? 1 : 0;
                total++;
            }
        }
        return good / (double) total;
    }

    /**
     * A planted world: source users and items uniform in the 0.6-ball of R^4, target vectors
     * {@code A x} with {@code A = 0.9 Q} (Q orthogonal); a user's positives are their 5 nearest
     * source items, so the triplet term agrees with the map. Trained on 300 users, measured on
     * 200 held-out source points: RMS error of {@code f(x)} against {@code A x}.
     */
    @Test
    void mappingRecoversAPlantedLinearMap() {
        int k = 4;
        SplittableRandom rng = new SplittableRandom(23);
        double[][] q = new double[k][k];
        for (int r = 0; r < k; r++) {
            q[r] = GradientCheckTest.random(k, rng);
            for (int s = 0; s < r; s++) {
                double dot = 0;
                for (int c = 0; c < k; c++) {
                    dot += q[r][c] * q[s][c];
                }
                for (int c = 0; c < k; c++) {
                    q[r][c] -= dot * q[s][c];
                }
            }
            double norm = 0;
            for (int c = 0; c < k; c++) {
                norm += q[r][c] * q[r][c];
            }
            for (int c = 0; c < k; c++) {
                q[r][c] /= Math.sqrt(norm);
            }
        }
        int users = 500;
        int train = 300;
        int items = 200;
        double[] xu = ball(users, k, 0.6, rng);
        double[] xi = ball(items, k, 0.6, rng);
        double[] tu = new double[users * k];
        for (int u = 0; u < users; u++) {
            apply(q, 0.9, xu, u * k, tu, u * k);
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(users, items, true, false);
        for (int u = 0; u < users; u++) {
            double[] dist = new double[items];
            Integer[] idx = new Integer[items];
            for (int i = 0; i < items; i++) {
                idx[i] = i;
                for (int c = 0; c < k; c++) {
                    double e = xu[u * k + c] - xi[i * k + c];
                    dist[i] += e * e;
                }
            }
            java.util.Arrays.sort(idx, (x, y) -> Double.compare(dist[x], dist[y]));
            for (int n = 0; n < 5; n++) {
                b.add(u, idx[n], 5);
            }
        }
        MetricEmbedding.Positives pos = MetricEmbedding.Positives.of(b.build(DuplicatePolicy.ERROR), 0, false);
        boolean[] labeled = new boolean[users];
        int[] trainUsers = new int[train];
        for (int u = 0; u < train; u++) {
            labeled[u] = true;
            trainUsers[u] = u;
        }
        RunContext ctx = RunContext.of(2);
        double[] errors = new double[2];
        double[] lambdas = {0.0, 0.25};
        for (int v = 0; v < 2; v++) {
            SscdrMapping.Data d = new SscdrMapping.Data(k, xu, xi, tu, labeled, pos, trainUsers);
            SscdrMapping.Params p = new SscdrMapping.Params(16, 300, 32, 0.01, 0, lambdas[v], 0.1, 4);
            TanhMlp f = SscdrMapping.train(d, p, ctx.random("init"), ctx.random("sampler"), ctx, "map", null);
            errors[v] = heldOutRms(f, xu, tu, train, users, k);
        }
        if (Boolean.getBoolean("neural.print")) {
            System.err.printf("planted map held-out rms error %.4f (lambda 0) %.4f (lambda 0.25)%n", errors[0], errors[1]);
        }
        // Scale of the targets: RMS of A x is about 0.9 * 0.6 * sqrt(4 / 6) = 0.44 per vector.
        // Measured: 0.0031 (supervised only) and 0.0093 (lambda 0.25).
        assertThat(errors[0]).as("supervised only").isLessThan(MAP_TOLERANCE);
        assertThat(errors[1]).as("with the semi-supervised term").isLessThan(MAP_TOLERANCE);
    }

    /** RMS vector error allowed for the planted map (about 7 % of the targets' RMS norm). */
    static final double MAP_TOLERANCE = 0.03;

    private static double heldOutRms(TanhMlp f, double[] xu, double[] tu, int from, int to, int k) {
        TanhMlp.Work w = new TanhMlp.Work(f);
        double[] out = new double[k];
        double se = 0;
        for (int u = from; u < to; u++) {
            f.forward(xu, u * k, w, out, 0);
            for (int c = 0; c < k; c++) {
                double e = out[c] - tu[u * k + c];
                se += e * e;
            }
        }
        return Math.sqrt(se / (to - from));
    }

    private static double[] ball(int n, int k, double radius, SplittableRandom rng) {
        double[] x = new double[n * k];
        for (int r = 0; r < n; r++) {
            double s;
            do {
                s = 0;
                for (int c = 0; c < k; c++) {
                    x[r * k + c] = rng.nextDouble(-radius, radius);
                    s += x[r * k + c] * x[r * k + c];
                }
            } while (s > radius * radius);
        }
        return x;
    }

    private static void apply(double[][] q, double scale, double[] x, int xo, double[] y, int yo) {
        int k = q.length;
        for (int r = 0; r < k; r++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += q[r][c] * x[xo + c];
            }
            y[yo + r] = scale * s;
        }
    }

    /**
     * The head fits biases first and alpha on their residuals. On a full matrix whose closeness
     * term has zero row and column means (items on a sphere, so {@code ||v_i||^2} is constant;
     * users in {@code +-u} pairs), the alternating bias means are exact and the residual is
     * exactly {@code alpha c}: ratings {@code 3 + b_u + b_i + 0.8 c(u,i)} give back alpha 0.8
     * (to float precision of the ratings) and a residual RMS below 1e-3.
     */
    @Test
    void ratingHeadRecoversPlantedCoefficients() {
        SplittableRandom rng = new SplittableRandom(24);
        int k = 3;
        int half = 30;
        int users = 2 * half;
        int items = 40;
        double[] uv = ball(users, k, 0.9, rng);
        for (int u = 0; u < half; u++) {
            for (int c = 0; c < k; c++) {
                uv[(half + u) * k + c] = -uv[u * k + c];
            }
        }
        double[] iv = ball(items, k, 1.0, rng);
        for (int i = 0; i < items; i++) {
            double n = 0;
            for (int c = 0; c < k; c++) {
                n += iv[i * k + c] * iv[i * k + c];
            }
            for (int c = 0; c < k; c++) {
                iv[i * k + c] *= 0.7 / Math.sqrt(n);
            }
        }
        boolean[] has = new boolean[users];
        java.util.Arrays.fill(has, true);
        double[] bu = GradientCheckTest.random(users, rng);
        double[] bi = GradientCheckTest.random(items, rng);
        InteractionMatrix.Builder b = InteractionMatrix.builder(users, items, true, false);
        for (int u = 0; u < users; u++) {
            double[] d2 = new double[items];
            double m2 = 0;
            for (int j = 0; j < items; j++) {
                for (int c = 0; c < k; c++) {
                    double e = uv[u * k + c] - iv[j * k + c];
                    d2[j] += e * e;
                }
                m2 += d2[j] / items;
            }
            for (int i = 0; i < items; i++) {
                b.add(u, i, (float) (3 + bu[u] + bi[i] + 0.8 * (m2 - d2[i])));
            }
        }
        InteractionMatrix r = b.build(DuplicatePolicy.ERROR);
        Sscdr.Head h = Sscdr.Head.fit(r, k, uv, has, iv, 0.0);
        assertThat(h.alpha).isCloseTo(0.8, within(1e-4));
        double se = 0;
        for (int u = 0; u < users; u++) {
            for (int p = r.rowStart(u); p < r.rowEnd(u); p++) {
                int i = r.col(p);
                double pred = h.mu + h.userBias[u] + h.itemBias[i]
                        + h.alpha * Sscdr.Head.closeness(k, uv, u * k, iv, i * k, h.meanItem, h.itemTerm[i]);
                se += (pred - r.value(p)) * (pred - r.value(p));
            }
        }
        assertThat(Math.sqrt(se / r.nnz())).isLessThan(1e-3);
        double sumTerm = 0;
        for (double t : h.itemTerm) {
            sumTerm += t;
        }
        assertThat(sumTerm).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void smallLinearSolve() {
        // 2x + y = 5, x - y = 1, x + y + z = 6  ->  x = 2, y = 1, z = 3 (pivoting needed: a[0][0] = 0 after reorder).
        double[][] a = {{0, 0, 1, 3}, {1, -1, 0, 1}, {2, 1, 0, 5}};
        double[] x = Sscdr.solve(a);
        assertThat(x[0]).isCloseTo(2, within(1e-12));
        assertThat(x[1]).isCloseTo(1, within(1e-12));
        assertThat(x[2]).isCloseTo(3, within(1e-12));
    }

    @Test
    void configValidationNamesTheParameter() {
        Sscdr.Config d = new Sscdr().defaultConfig();
        assertThat(d.effectiveHiddenSize()).isEqualTo(2 * d.factors());
        List<Runnable> bad = new ArrayList<>();
        bad.add(() -> new Sscdr.Config(0, 30, 0.01, 1, 3, 256, 0.1, 0.5, true, 0, 40, 32, 0.005, 0, 0.25, 4, true, 0,
                true, true, 5));
        bad.add(() -> new Sscdr.Config(10, 30, 0.01, 0, 3, 256, 0.1, 0.5, true, 0, 40, 32, 0.005, 0, 0.25, 4, true, 0,
                true, true, 5));
        bad.add(() -> new Sscdr.Config(10, 30, 0.01, 1, 3, 256, 0.1, Double.NaN, true, 0, 40, 32, 0.005, 0, 0.25, 4,
                true, 0, true, true, 5));
        bad.add(() -> new Sscdr.Config(10, 30, 0.01, 1, 3, 256, 0.1, 0.5, true, -1, 40, 32, 0.005, 0, 0.25, 4, true, 0,
                true, true, 5));
        bad.add(() -> new Sscdr.Config(10, 30, 0.01, 1, 3, 256, 0.1, 0.5, true, 0, 40, 32, 0.005, 0, -0.1, 4, true, 0,
                true, true, 5));
        bad.add(() -> new Sscdr.Config(10, 30, 0.01, 1, 3, 256, 0.1, 0.5, true, 0, 40, 32, 0.005, 0, 0.25, 4, true, 3,
                true, true, 5));
        String[] names = {"factors", "margin", "positiveThreshold", "hiddenSize", "lambda", "hops"};
        for (int n = 0; n < names.length; n++) {
            assertThatThrownBy(bad.get(n)::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(names[n]);
        }
    }
}
