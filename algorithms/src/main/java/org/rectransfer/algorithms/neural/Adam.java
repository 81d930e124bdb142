package org.rectransfer.algorithms.neural;

import java.util.List;

import org.rectransfer.algorithms.mf.Checks;

/**
 * Adam (Kingma &amp; Ba, "Adam: A method for stochastic optimization", ICLR 2015, Algorithm 1)
 * with bias-corrected moment estimates:
 *
 * <pre>
 *   g   = grad + weightDecay * theta            (coupled L2, as torch.optim.Adam's weight_decay)
 *   m   = beta1 m + (1 - beta1) g
 *   v   = beta2 v + (1 - beta2) g^2
 *   theta -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 *
 * {@link #step()} reads the accumulated gradients and does not clear them; call
 * {@link #zeroGrad()} before accumulating the next batch.
 *
 * <p>Thread safety: not thread-safe; confined to the training thread.
 */
public final class Adam {
    private final List<Param> params;
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double[][] m;
    private final double[][] v;
    private int t;

    /** Adam with the paper's defaults beta1 = 0.9, beta2 = 0.999, eps = 1e-8. */
    public Adam(List<Param> params, double lr, double weightDecay) {
        this(params, lr, 0.9, 0.999, 1e-8, weightDecay);
    }

    public Adam(List<Param> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        Checks.positive("learningRate", lr);
        Checks.inRange("beta1", beta1, 0.0, 0.999999);
        Checks.inRange("beta2", beta2, 0.0, 0.999999999);
        Checks.positive("eps", eps);
        Checks.nonNegative("weightDecay", weightDecay);
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new double[this.params.size()][];
        this.v = new double[this.params.size()][];
        for (int p = 0; p < m.length; p++) {
            m[p] = new double[this.params.get(p).size()];
            v[p] = new double[this.params.get(p).size()];
        }
    }

    /** Steps taken so far. */
    public int steps() {
        return t;
    }

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        for (Param p : params) {
            p.zeroGrad();
        }
    }

    /** One Adam update from the current gradients. */
    public void step() {
        t++;
        double c1 = 1.0 - Math.pow(beta1, t);
        double c2 = 1.0 - Math.pow(beta2, t);
        for (int p = 0; p < m.length; p++) {
            double[] w = params.get(p).value();
            double[] g = params.get(p).grad();
            double[] mp = m[p];
            double[] vp = v[p];
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + weightDecay * w[i];
                mp[i] = beta1 * mp[i] + (1 - beta1) * gi;
                vp[i] = beta2 * vp[i] + (1 - beta2) * gi * gi;
                w[i] -= lr * (mp[i] / c1) / (Math.sqrt(vp[i] / c2) + eps);
            }
        }
    }
}
