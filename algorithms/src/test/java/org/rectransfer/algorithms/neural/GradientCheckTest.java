package org.rectransfer.algorithms.neural;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

/**
 * Analytic gradients against central finite differences, in double precision.
 *
 * <p>Tolerance: for every parameter entry, {@code |a - n| / max(|a| + |n|, 1e-3) < 1e-6} with
 * {@code h = 1e-5}. The central difference has truncation error {@code O(h^2) ~ 1e-10} and
 * round-off {@code ~ 1e-16 / h ~ 1e-11} relative to losses of order 1, so 1e-6 leaves four
 * orders of margin; the 1e-3 floor of the denominator turns the check into an absolute one
 * ({@code < 1e-9}) for gradients that are practically zero, where a relative error only
 * measures round-off. Inputs are random, so no ReLU pre-activation sits within {@code h} of
 * its kink (checked: the largest error is reported by {@link #check}).
 */
class GradientCheckTest {
    static final double H = 1e-5;
    static final double TOL = 1e-6;

    /** Largest scaled error over every entry of {@code params} (analytic grads must be filled). */
    static double check(List<Param> params, DoubleSupplier loss) {
        double worst = 0;
        for (Param p : params) {
            double[] w = p.value();
            for (int i = 0; i < w.length; i++) {
                double analytic = p.grad()[i];
                double keep = w[i];
                w[i] = keep + H;
                double up = loss.getAsDouble();
                w[i] = keep - H;
                double down = loss.getAsDouble();
                w[i] = keep;
                double numeric = (up - down) / (2 * H);
                double err = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-3);
                assertThat(err).as("%s[%d]: analytic %s numeric %s", p.name(), i, analytic, numeric).isLessThan(TOL);
                worst = Math.max(worst, err);
            }
        }
        if (Boolean.getBoolean("neural.print")) {
            System.err.printf("gradient check %s..: worst scaled error %.3e%n", params.get(0).name(), worst);
        }
        return worst;
    }

    static double[] random(int n, SplittableRandom rng) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        return a;
    }

    /** Wraps an input array as a Param so that {@link #check} can perturb it. */
    static Param asParam(String name, double[] values, double[] grad) {
        Param p = new Param(name, values.length);
        System.arraycopy(values, 0, p.value(), 0, values.length);
        System.arraycopy(grad, 0, p.grad(), 0, grad.length);
        return p;
    }

    @Test
    void denseLayer() {
        SplittableRandom rng = new SplittableRandom(1);
        Dense layer = new Dense("d", 5, 3, true).initXavier(rng);
        for (int i = 0; i < 3; i++) {
            layer.bias().value()[i] = rng.nextDouble(-0.5, 0.5);
        }
        Param x = new Param("x", 5);
        System.arraycopy(random(5, rng), 0, x.value(), 0, 5);
        double[] target = random(3, rng);
        double[] y = new double[3];
        DoubleSupplier loss = () -> {
            layer.forward(x.value(), 0, y, 0);
            double s = 0;
            for (int o = 0; o < 3; o++) {
                s += 0.5 * (y[o] - target[o]) * (y[o] - target[o]);
            }
            return s;
        };
        loss.getAsDouble();
        double[] dy = new double[3];
        for (int o = 0; o < 3; o++) {
            dy[o] = y[o] - target[o];
        }
        layer.backward(x.value(), 0, dy, 0, x.grad(), 0);
        double worst = check(List.of(layer.weight(), layer.bias(), x), loss);
        assertThat(worst).isLessThan(TOL);
    }

    @Test
    void denseBackwardAccumulatesParameterGradients() {
        SplittableRandom rng = new SplittableRandom(2);
        Dense layer = new Dense("d", 3, 2, false).initHe(rng);
        double[] x = random(3, rng);
        double[] dy = {1.0, -2.0};
        layer.backward(x, 0, dy, 0, null, 0);
        layer.backward(x, 0, dy, 0, null, 0);
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 3; i++) {
                assertThat(layer.weight().grad()[o * 3 + i]).isEqualTo(2 * dy[o] * x[i]);
            }
        }
        assertThat(layer.bias()).isNull();
    }

    @Test
    void activations() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 8;
        Param x = new Param("x", n);
        double[] xs = random(n, rng);
        System.arraycopy(xs, 0, x.value(), 0, n);
        double[] c = random(n, rng);
        double[] y = new double[n];
        // L = sum c_i relu(x_i) + sum c_i tanh(x_i)
        DoubleSupplier loss = () -> {
            double s = 0;
            Activations.relu(x.value(), 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                s += c[i] * y[i];
            }
            Activations.tanh(x.value(), 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                s += c[i] * y[i];
            }
            return s;
        };
        double[] g1 = new double[n];
        double[] g2 = new double[n];
        Activations.reluBackward(x.value(), 0, c, 0, g1, 0, n);
        Activations.tanh(x.value(), 0, y, 0, n);
        Activations.tanhBackward(y, 0, c, 0, g2, 0, n);
        for (int i = 0; i < n; i++) {
            x.grad()[i] = g1[i] + g2[i];
        }
        assertThat(check(List.of(x), loss)).isLessThan(TOL);
    }

    @Test
    void softmaxIsStableAndNormalised() {
        double[] logits = {1000, 1001, 999};
        double[] p = new double[3];
        Activations.softmax(logits, 0, p, 0, 3);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(p[1]).isGreaterThan(p[0]).isGreaterThan(p[2]);
    }

    @Test
    void attentionPooling() {
        SplittableRandom rng = new SplittableRandom(4);
        int dim = 4;
        int n = 5;
        AttentionPooling att = new AttentionPooling("att", dim, 6).init(rng);
        for (int h = 0; h < 6; h++) {
            att.key().bias().value()[h] = rng.nextDouble(-0.3, 0.3);
        }
        Param e = new Param("e", n * dim);
        System.arraycopy(random(n * dim, rng), 0, e.value(), 0, n * dim);
        double[] c = random(dim, rng);
        AttentionPooling.Cache cache = new AttentionPooling.Cache(att, 8);
        double[] out = new double[dim];
        // L = sum c_d out_d + 0.5 |out|^2
        DoubleSupplier loss = () -> {
            att.forward(e.value(), n, cache, out, 0);
            double s = 0;
            for (int d = 0; d < dim; d++) {
                s += c[d] * out[d] + 0.5 * out[d] * out[d];
            }
            return s;
        };
        loss.getAsDouble();
        double[] dOut = new double[dim];
        for (int d = 0; d < dim; d++) {
            dOut[d] = c[d] + out[d];
        }
        att.backward(e.value(), cache, dOut, 0, e.grad());
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += cache.attention(j);
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        List<Param> ps = new java.util.ArrayList<>(att.params());
        ps.add(e);
        assertThat(check(ps, loss)).isLessThan(TOL);
    }

    @Test
    void tanhMlpMseLoss() {
        SplittableRandom rng = new SplittableRandom(5);
        TanhMlp net = new TanhMlp("m", 4, 7, 3).init(rng);
        for (Param p : net.params()) {
            if (p.name().endsWith(".b")) {
                System.arraycopy(random(p.size(), rng), 0, p.value(), 0, p.size());
            }
        }
        Param x = new Param("x", 4);
        System.arraycopy(random(4, rng), 0, x.value(), 0, 4);
        double[] target = random(3, rng);
        TanhMlp.Work w = new TanhMlp.Work(net);
        double[] y = new double[3];
        DoubleSupplier loss = () -> {
            net.forward(x.value(), 0, w, y, 0);
            double s = 0;
            for (int o = 0; o < 3; o++) {
                s += (y[o] - target[o]) * (y[o] - target[o]) / 3;
            }
            return s;
        };
        loss.getAsDouble();
        double[] dy = new double[3];
        for (int o = 0; o < 3; o++) {
            dy[o] = 2 * (y[o] - target[o]) / 3;
        }
        net.backward(x.value(), 0, w, dy, 0, x.grad(), 0);
        List<Param> ps = new java.util.ArrayList<>(net.params());
        ps.add(x);
        assertThat(check(ps, loss)).isLessThan(TOL);
    }

    /** A small random PTUPCDR training set: users with 1..maxItems characteristic items and 1..6 ratings. */
    static PtupcdrMetaNet.Data randomMetaData(int k, int users, int maxItems, SplittableRandom rng) {
        int sourceItems = 12;
        int targetItems = 9;
        int[][] seq = new int[users][];
        double[][] pS = new double[users][];
        double[] bS = new double[users];
        int[][] items = new int[users][];
        double[][] ratings = new double[users][];
        for (int u = 0; u < users; u++) {
            int n = 1 + rng.nextInt(maxItems);
            seq[u] = new int[n];
            for (int j = 0; j < n; j++) {
                seq[u][j] = rng.nextInt(sourceItems);
            }
            pS[u] = random(k, rng);
            bS[u] = rng.nextDouble(-1, 1);
            int m = 1 + rng.nextInt(6);
            items[u] = new int[m];
            ratings[u] = new double[m];
            for (int p = 0; p < m; p++) {
                items[u][p] = rng.nextInt(targetItems);
                ratings[u][p] = 1 + rng.nextInt(5);
            }
        }
        return new PtupcdrMetaNet.Data(k, random(sourceItems * k, rng), seq, pS, bS, items, ratings, 3.2,
                random(targetItems, rng), random(targetItems * k, rng));
    }

    @Test
    void fullPtupcdrLossWithBiasHead() {
        ptupcdrLoss(true, 6);
    }

    @Test
    void fullPtupcdrLossWithoutBiasHead() {
        ptupcdrLoss(false, 7);
    }

    private static void ptupcdrLoss(boolean biasHead, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int k = 4;
        PtupcdrMetaNet net = new PtupcdrMetaNet(k, 6, 5, biasHead).init(rng);
        // Non-zero biases and alpha so that every term of the gradient is exercised.
        for (Param p : net.params()) {
            if (p.name().endsWith(".b") || p.name().equals("alpha")) {
                System.arraycopy(random(p.size(), rng), 0, p.value(), 0, p.size());
            }
        }
        PtupcdrMetaNet.Data data = randomMetaData(k, 6, 5, rng);
        int[] order = {3, 0, 5, 1, 4, 2};
        PtupcdrMetaNet.Work w = new PtupcdrMetaNet.Work(net);
        for (Param p : net.params()) {
            p.zeroGrad();
        }
        double l0 = net.batchLoss(data, order, 0, order.length, w, true);
        assertThat(l0).isPositive();
        double worst = check(net.params(), () -> net.batchLoss(data, order, 0, order.length, w, false));
        assertThat(worst).isLessThan(TOL);
        assertThat(net.params().stream().anyMatch(p -> p.name().equals("alpha"))).isEqualTo(biasHead);
    }
}
