package org.rectransfer.algorithms.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The PTUPCDR meta network (Zhu et al., WSDM 2022, official {@code MetaNet}) plus
 * the optional bias head of {@link Ptupcdr}, and the task-oriented loss it is trained on.
 *
 * <pre>
 *   c_u  = AttentionPooling(e_1..e_n)                          characteristic vector (k)
 *   o_u  = W_d2 ReLU(W_d1 c_u + b_d1) + b_d2                   k*k (+1) outputs
 *   M_u  = reshape(o_u[0 .. k*k), k, k)  (row-major: M[r][c] = o[r*k + c])
 *   t_u  = p_u^S M_u                                           target user factors (k)
 *   bh_u = alpha * b_u^S + o_u[k*k]    (bias head; bh_u = 0 without it)
 *   rhat_ui = mu^T + b_i^T + bh_u + t_u . q_i^T
 * </pre>
 *
 * Package-private: the strategy and its tests use it.
 */
final class PtupcdrMetaNet {
    final int k;
    final int metaDim;
    final int maxItems;
    final boolean biasHead;
    final AttentionPooling attention;
    final Dense decoder1;
    final Dense decoder2;
    /** alpha of the bias head (one value), null without bias head. */
    final Param sourceBiasWeight;

    /** Per-thread buffers of one user's forward and backward pass. */
    static final class Work {
        final AttentionPooling.Cache att;
        final double[] seq;
        final double[] c;
        final double[] z1;
        final double[] g;
        final double[] o;
        final double[] t;
        double bhat;
        final double[] dT;
        final double[] dO;
        final double[] dG;
        final double[] dZ1;
        final double[] dC;

        Work(PtupcdrMetaNet net) {
            int k = net.k;
            att = new AttentionPooling.Cache(net.attention, net.maxItems);
            seq = new double[net.maxItems * k];
            c = new double[k];
            z1 = new double[net.metaDim];
            g = new double[net.metaDim];
            o = new double[net.decoder2.out()];
            t = new double[k];
            dT = new double[k];
            dO = new double[net.decoder2.out()];
            dG = new double[net.metaDim];
            dZ1 = new double[net.metaDim];
            dC = new double[k];
        }
    }

    /**
     * The fixed inputs of the task-oriented training: for each meta user (index {@code j}) the
     * source items of their characteristic set, their source factors and bias, and their target
     * training ratings; the target model's mean, item biases and item factors (held fixed).
     */
    record Data(int k, double[] sourceItemFactors, int[][] seq, double[][] sourceFactors, double[] sourceBias,
                int[][] targetItems, double[][] targetRatings, double mean, double[] itemBias, double[] itemFactors) {
        int numUsers() {
            return seq.length;
        }
    }

    PtupcdrMetaNet(int k, int metaDim, int maxItems, boolean biasHead) {
        this.k = k;
        this.metaDim = metaDim;
        this.maxItems = maxItems;
        this.biasHead = biasHead;
        this.attention = new AttentionPooling("attention", k, k);
        this.decoder1 = new Dense("decoder1", k, metaDim, true);
        this.decoder2 = new Dense("decoder2", metaDim, k * k + (biasHead ? 1 : 0), true);
        this.sourceBiasWeight = biasHead ? new Param("alpha", 1) : null;
    }

    /** Attention as in {@link AttentionPooling#init}, He decoder1 (ReLU follows), Xavier decoder2, alpha = 0. */
    PtupcdrMetaNet init(SplittableRandom rng) {
        attention.init(rng);
        decoder1.initHe(rng);
        decoder2.initXavier(rng);
        return this;
    }

    List<Param> params() {
        List<Param> ps = new ArrayList<>(attention.params());
        ps.addAll(decoder1.params());
        ps.addAll(decoder2.params());
        if (sourceBiasWeight != null) {
            ps.add(sourceBiasWeight);
        }
        return ps;
    }

    /** Loads the source factors of {@code items} into {@code w.seq}; returns how many. */
    int loadSequence(int[] items, double[] sourceItemFactors, Work w) {
        int n = Math.min(items.length, maxItems);
        for (int j = 0; j < n; j++) {
            System.arraycopy(sourceItemFactors, items[j] * k, w.seq, j * k, k);
        }
        return n;
    }

    /** The decoder output {@code o_u} for the {@code n} items in {@code w.seq} (into {@code w.o}). */
    void decode(int n, Work w) {
        attention.forward(w.seq, n, w.att, w.c, 0);
        decoder1.forward(w.c, 0, w.z1, 0);
        Activations.relu(w.z1, 0, w.g, 0, metaDim);
        decoder2.forward(w.g, 0, w.o, 0);
    }

    /** Target factors {@code t = pS M} and bias {@code bh} from a decoder output {@code o} (into {@code w}). */
    void bridge(double[] o, double[] pS, double bS, Work w) {
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int r = 0; r < k; r++) {
                s += pS[r] * o[r * k + c];
            }
            w.t[c] = s;
        }
        w.bhat = biasHead ? sourceBiasWeight.value()[0] * bS + o[k * k] : 0.0;
    }

    /** Full forward pass for one user: {@link #decode} then {@link #bridge}. */
    void forward(int n, double[] pS, double bS, Work w) {
        decode(n, w);
        bridge(w.o, pS, bS, w);
    }

    /**
     * Back-propagates {@code dL/dt} (in {@code w.dT}) and {@code dL/dbh} through the last
     * {@link #forward} of this user, adding to every parameter gradient.
     */
    void backward(double[] pS, double bS, double dB, Work w) {
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                w.dO[r * k + c] = pS[r] * w.dT[c];
            }
        }
        if (biasHead) {
            w.dO[k * k] = dB;
            sourceBiasWeight.grad()[0] += dB * bS;
        }
        decoder2.backward(w.g, 0, w.dO, 0, w.dG, 0);
        Activations.reluBackward(w.z1, 0, w.dG, 0, w.dZ1, 0, metaDim);
        decoder1.backward(w.c, 0, w.dZ1, 0, w.dC, 0);
        attention.backward(w.seq, w.att, w.dC, 0, null);
    }

    /**
     * The task-oriented loss of a batch: the mean squared rating error over every target
     * training rating of the meta users {@code order[from .. to)},
     * {@code (1/N) sum_u sum_i (rhat_ui - r_ui)^2}. When {@code backprop}, adds its gradient to
     * every parameter (the caller zeroes gradients first).
     */
    double batchLoss(Data d, int[] order, int from, int to, Work w, boolean backprop) {
        long count = 0;
        for (int b = from; b < to; b++) {
            count += d.targetItems()[order[b]].length;
        }
        if (count == 0) {
            return 0.0;
        }
        double scale = 2.0 / count;
        double sse = 0;
        double[] q = d.itemFactors();
        for (int b = from; b < to; b++) {
            int j = order[b];
            int n = loadSequence(d.seq()[j], d.sourceItemFactors(), w);
            double[] pS = d.sourceFactors()[j];
            double bS = d.sourceBias()[j];
            forward(n, pS, bS, w);
            int[] items = d.targetItems()[j];
            double[] ratings = d.targetRatings()[j];
            java.util.Arrays.fill(w.dT, 0.0);
            double dB = 0;
            double base = d.mean() + w.bhat;
            for (int p = 0; p < items.length; p++) {
                int i = items[p];
                double pred = base + d.itemBias()[i];
                for (int f = 0; f < k; f++) {
                    pred += w.t[f] * q[i * k + f];
                }
                double e = pred - ratings[p];
                sse += e * e;
                if (backprop) {
                    double g = scale * e;
                    dB += g;
                    for (int f = 0; f < k; f++) {
                        w.dT[f] += g * q[i * k + f];
                    }
                }
            }
            if (backprop) {
                backward(pS, bS, dB, w);
            }
        }
        return sse / count;
    }
}
