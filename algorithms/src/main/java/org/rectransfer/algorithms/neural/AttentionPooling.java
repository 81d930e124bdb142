package org.rectransfer.algorithms.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Softmax attention pooling of a variable-length set of vectors {@code e_1..e_n} (each
 * {@code dim} wide), as in the PTUPCDR meta network (Zhu et al., WSDM 2022; the official
 * {@code MetaNet.event_K} and {@code event_softmax}):
 *
 * <pre>
 *   h_j = ReLU(W1 e_j + b1)          (hidden wide)
 *   s_j = w2 . h_j                   (no bias)
 *   a   = softmax(s_1..s_n)
 *   out = sum_j a_j e_j
 * </pre>
 *
 * Only the {@code n} real items take part, which is what the official code's padding mask
 * (-1e8 on padded logits) achieves. The items are packed row-major in a {@code double[]}
 * ({@code e_j} at {@code j * dim}).
 *
 * <p>Thread safety: parameters are mutable (see {@link Dense}); each thread needs its own
 * {@link Cache}.
 */
public final class AttentionPooling {
    private final int dim;
    private final int hidden;
    private final Dense key;
    private final Param score;

    /** Per-call intermediate values for the backward pass, sized for up to {@code maxItems} items. */
    public static final class Cache {
        final int maxItems;
        final double[] pre;
        final double[] hid;
        final double[] logits;
        final double[] att;
        final double[] dHid;
        final double[] dPre;
        final double[] dAtt;
        int n;

        public Cache(AttentionPooling p, int maxItems) {
            this.maxItems = maxItems;
            pre = new double[maxItems * p.hidden];
            hid = new double[maxItems * p.hidden];
            logits = new double[maxItems];
            att = new double[maxItems];
            dHid = new double[p.hidden];
            dPre = new double[p.hidden];
            dAtt = new double[maxItems];
        }

        /** The attention weights of the last forward pass ({@code n} of them). */
        public double attention(int j) {
            return att[j];
        }
    }

    public AttentionPooling(String name, int dim, int hidden) {
        if (dim < 1 || hidden < 1) {
            throw new IllegalArgumentException("attention '" + name + "' needs dim, hidden >= 1");
        }
        this.dim = dim;
        this.hidden = hidden;
        this.key = new Dense(name + ".W1", dim, hidden, true);
        this.score = new Param(name + ".w2", hidden);
    }

    public int dim() {
        return dim;
    }

    public int hidden() {
        return hidden;
    }

    public Dense key() {
        return key;
    }

    public Param score() {
        return score;
    }

    public List<Param> params() {
        List<Param> ps = new ArrayList<>(key.params());
        ps.add(score);
        return ps;
    }

    /** He-normal W1 (followed by ReLU), zero b1, Xavier-uniform w2. */
    public AttentionPooling init(SplittableRandom rng) {
        key.initHe(rng);
        Init.xavierUniform(score.value(), hidden, 1, rng);
        return this;
    }

    /** Pools {@code n >= 1} items {@code e} into {@code out[oo .. oo+dim)}; fills {@code c}. */
    public void forward(double[] e, int n, Cache c, double[] out, int oo) {
        if (n < 1 || n > c.maxItems) {
            throw new IllegalArgumentException("need 1.." + c.maxItems + " items, got " + n);
        }
        c.n = n;
        double[] w2 = score.value();
        for (int j = 0; j < n; j++) {
            key.forward(e, j * dim, c.pre, j * hidden);
            Activations.relu(c.pre, j * hidden, c.hid, j * hidden, hidden);
            double s = 0;
            for (int h = 0; h < hidden; h++) {
                s += w2[h] * c.hid[j * hidden + h];
            }
            c.logits[j] = s;
        }
        Activations.softmax(c.logits, 0, c.att, 0, n);
        java.util.Arrays.fill(out, oo, oo + dim, 0.0);
        for (int j = 0; j < n; j++) {
            double a = c.att[j];
            for (int d = 0; d < dim; d++) {
                out[oo + d] += a * e[j * dim + d];
            }
        }
    }

    /**
     * Back-propagates {@code dOut = dL/dout} through the last {@link #forward} with the same
     * {@code e} and cache: adds to the gradients of W1, b1, w2 and, when {@code de != null},
     * overwrites {@code de[0 .. n*dim)} with {@code dL/de}.
     */
    public void backward(double[] e, Cache c, double[] dOut, int doo, double[] de) {
        int n = c.n;
        // dL/da_j = dOut . e_j; through softmax: dL/ds_j = a_j (dL/da_j - sum_l a_l dL/da_l)
        double mean = 0;
        for (int j = 0; j < n; j++) {
            double g = 0;
            for (int d = 0; d < dim; d++) {
                g += dOut[doo + d] * e[j * dim + d];
            }
            c.dAtt[j] = g;
            mean += c.att[j] * g;
        }
        double[] w2 = score.value();
        double[] gw2 = score.grad();
        for (int j = 0; j < n; j++) {
            double ds = c.att[j] * (c.dAtt[j] - mean);
            int off = j * hidden;
            for (int h = 0; h < hidden; h++) {
                gw2[h] += ds * c.hid[off + h];
                c.dHid[h] = ds * w2[h];
            }
            Activations.reluBackward(c.pre, off, c.dHid, 0, c.dPre, 0, hidden);
            key.backward(e, j * dim, c.dPre, 0, de, de == null ? 0 : j * dim);
            if (de != null) {
                double a = c.att[j];
                for (int d = 0; d < dim; d++) {
                    de[j * dim + d] += a * dOut[doo + d];
                }
            }
        }
    }
}
