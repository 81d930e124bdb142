package org.rectransfer.algorithms.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A one-hidden-layer perceptron {@code y = W2 tanh(W1 x + b1) + b2}, the nonlinear mapping
 * function of EMCDR (Man et al., IJCAI 2017, latent space mapping step). Xavier-uniform
 * initialisation of both layers (Glorot &amp; Bengio 2010), zero biases.
 *
 * <p>Thread safety: parameters are mutable; each thread needs its own {@link Work}; a trained
 * network may be used for concurrent forward passes.
 */
public final class TanhMlp {
    private final Dense hidden;
    private final Dense output;

    /** Buffers of one forward / backward pass. */
    public static final class Work {
        final double[] pre;
        final double[] act;
        final double[] dAct;
        final double[] dPre;

        public Work(TanhMlp net) {
            int h = net.hidden.out();
            pre = new double[h];
            act = new double[h];
            dAct = new double[h];
            dPre = new double[h];
        }
    }

    public TanhMlp(String name, int in, int hiddenSize, int out) {
        this.hidden = new Dense(name + ".hidden", in, hiddenSize, true);
        this.output = new Dense(name + ".output", hiddenSize, out, true);
    }

    public TanhMlp init(SplittableRandom rng) {
        hidden.initXavier(rng);
        output.initXavier(rng);
        return this;
    }

    public int in() {
        return hidden.in();
    }

    public int out() {
        return output.out();
    }

    public Dense hiddenLayer() {
        return hidden;
    }

    public Dense outputLayer() {
        return output;
    }

    public List<Param> params() {
        List<Param> ps = new ArrayList<>(hidden.params());
        ps.addAll(output.params());
        return ps;
    }

    /** {@code y[yo ..) = f(x[xo ..))}; keeps the hidden activations in {@code w}. */
    public void forward(double[] x, int xo, Work w, double[] y, int yo) {
        hidden.forward(x, xo, w.pre, 0);
        Activations.tanh(w.pre, 0, w.act, 0, w.pre.length);
        output.forward(w.act, 0, y, yo);
    }

    /**
     * Back-propagates {@code dy} through the last forward pass on {@code x}: adds to the
     * parameter gradients and, when {@code dx != null}, overwrites {@code dx} with {@code dL/dx}.
     */
    public void backward(double[] x, int xo, Work w, double[] dy, int dyo, double[] dx, int dxo) {
        output.backward(w.act, 0, dy, dyo, w.dAct, 0);
        Activations.tanhBackward(w.act, 0, w.dAct, 0, w.dPre, 0, w.act.length);
        hidden.backward(x, xo, w.dPre, 0, dx, dxo);
    }
}
