package org.rectransfer.algorithms.mf;

import java.util.SplittableRandom;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

/**
 * Sequential SGD for one or more rating matrices that share the user index: the collective
 * biased factorisation
 *
 * <pre>
 *   min  sum_d w_d sum_{(u,i) in R_d} (r_ui - mu_d - b_u^(d) - b_i^(d) - p_u . q_i^(d))^2
 *        + lambda (|p_u|^2 + |q_i|^2) + lambda_b (b_u^2 + b_i^2)
 * </pre>
 *
 * with one user factor matrix P shared by all domains (Singh &amp; Gordon 2008), per-domain item
 * factors Q_d, item biases and means, and user biases either shared across domains or one per
 * domain. With one domain this is BiasedMF (Koren, Bell &amp; Volinsky 2009). Regularisation is
 * applied per observed rating, as in Funk's and Koren's SGD; the weight {@code w_d} scales the
 * whole step of a rating of domain {@code d}.
 *
 * <p>Each epoch visits every rating once in an order drawn from {@code ctx.random("sgd-order")}
 * (one Fisher-Yates shuffle per epoch); factors start at N(0, initStd^2) drawn from
 * {@code ctx.random("sgd-init")}. Single-threaded, hence bit-identical for a seed. Users (items)
 * without a single training rating keep zero factors and zero bias, so they predict from the
 * remaining terms instead of from random initial values.
 */
public final class CollectiveSgd {

    /**
     * Trained parameters.
     *
     * @param userFactors  numUsers x k, row-major
     * @param userBias     per domain, length numUsers each (the same array for every domain when shared)
     * @param means        per-domain global means
     * @param itemBias     per domain, length numItems_d
     * @param itemFactors  per domain, numItems_d x k row-major
     */
    public record Result(int k, float[] userFactors, float[][] userBias, double[] means, float[][] itemBias,
                         float[][] itemFactors) {

        /** The predictor of domain {@code d}. */
        public FactorModel model(int d, int numUsers) {
            return new FactorModel(numUsers, itemBias[d].length, k, means[d], userBias[d], itemBias[d], userFactors,
                    itemFactors[d]);
        }
    }

    /**
     * Prior user parameters for fine-tuning: users start at the prior and are regularised toward
     * it instead of toward zero ({@code lambda |p_u - prior_u|^2}, {@code lambda_b (b_u - prior_b)^2}).
     * A user with a prior keeps it even without any training rating.
     *
     * @param factors numUsers x k row-major prior factors
     * @param bias    numUsers prior biases (applied to the shared user bias, or to the first
     *                domain's bias when biases are per domain)
     * @param has     which users have a prior (others start random and are shrunk toward 0)
     */
    public record UserPrior(float[] factors, float[] bias, boolean[] has) {
    }

    private CollectiveSgd() {
    }

    /** {@link #train(InteractionMatrix[], double[], boolean, SgdParams, UserPrior, RunContext)} without prior. */
    public static Result train(InteractionMatrix[] domains, double[] weights, boolean sharedUserBias, SgdParams p,
                               RunContext ctx) {
        return train(domains, weights, sharedUserBias, p, null, ctx);
    }

    /**
     * @param domains         explicit rating matrices over the same users (rows)
     * @param weights         loss weight of each domain, > 0
     * @param sharedUserBias  one user bias for all domains (true) or one per domain (false)
     * @param p               hyper-parameters
     * @param prior           prior user parameters (fine-tuning), or null
     * @param ctx             randomness, progress and cancellation
     */
    public static Result train(InteractionMatrix[] domains, double[] weights, boolean sharedUserBias, SgdParams p,
                               UserPrior prior, RunContext ctx) {
        int numDomains = domains.length;
        if (numDomains == 0 || weights.length != numDomains) {
            throw new IllegalArgumentException("need one weight per domain");
        }
        int numUsers = domains[0].numRows();
        long total = 0;
        for (InteractionMatrix m : domains) {
            if (m.numRows() != numUsers) {
                throw new IllegalArgumentException("domains must share the user index");
            }
            if (!m.isExplicit()) {
                throw new IllegalArgumentException("SGD rating factorisation needs explicit ratings");
            }
            total += m.nnz();
        }
        if (total == 0) {
            throw new IllegalArgumentException("no training ratings");
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many ratings for one SGD pass: " + total);
        }
        int n = (int) total;
        int k = p.factors();

        // Flatten all ratings: (domain, user, item, rating) in domain then CSR order.
        byte[] dom = new byte[n];
        int[] users = new int[n];
        int[] items = new int[n];
        float[] ratings = new float[n];
        double[] means = new double[numDomains];
        int pos = 0;
        for (int d = 0; d < numDomains; d++) {
            InteractionMatrix m = domains[d];
            means[d] = m.nnz() == 0 ? 0.0 : m.meanValue();
            for (int u = 0; u < numUsers; u++) {
                for (int q = m.rowStart(u); q < m.rowEnd(u); q++) {
                    dom[pos] = (byte) d;
                    users[pos] = u;
                    items[pos] = m.col(q);
                    ratings[pos] = m.value(q);
                    pos++;
                }
            }
        }

        SplittableRandom init = ctx.random("sgd-init");
        float[] userFactors = Gaussian.draws(numUsers * k, p.initStd(), init);
        float[][] itemFactors = new float[numDomains][];
        float[][] itemBias = new float[numDomains][];
        float[][] userBias = new float[numDomains][];
        float[] shared = sharedUserBias ? new float[numUsers] : null;
        for (int d = 0; d < numDomains; d++) {
            itemFactors[d] = Gaussian.draws(domains[d].numCols() * k, p.initStd(), init);
            itemBias[d] = new float[domains[d].numCols()];
            userBias[d] = sharedUserBias ? shared : new float[numUsers];
        }
        zeroUnseen(domains, userFactors, itemFactors, k);
        float[] priorFactors = null;
        float[] priorBias = null;
        if (prior != null) {
            if (prior.factors().length != numUsers * k || prior.bias().length != numUsers
                    || prior.has().length != numUsers) {
                throw new IllegalArgumentException("user prior sizes do not match " + numUsers + " users, k=" + k);
            }
            priorFactors = new float[numUsers * k];
            priorBias = new float[numUsers];
            for (int u = 0; u < numUsers; u++) {
                if (prior.has()[u]) {
                    System.arraycopy(prior.factors(), u * k, priorFactors, u * k, k);
                    System.arraycopy(prior.factors(), u * k, userFactors, u * k, k);
                    priorBias[u] = prior.bias()[u];
                    userBias[0][u] = prior.bias()[u];
                }
            }
        }

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom shuffle = ctx.random("sgd-order");
        float lr = (float) p.learningRate();
        float reg = (float) p.regularization();
        float regB = (float) p.biasRegularization();
        float[] weightF = new float[numDomains];
        for (int d = 0; d < numDomains; d++) {
            weightF[d] = (float) weights[d];
        }
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            ctx.checkCancelled("sgd");
            for (int i = n - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int s = 0; s < n; s++) {
                int x = order[s];
                int d = dom[x];
                int u = users[x];
                int it = items[x];
                float[] qf = itemFactors[d];
                float[] ub = userBias[d];
                float[] ib = itemBias[d];
                int pu = u * k;
                int qi = it * k;
                double pred = means[d] + ub[u] + ib[it];
                for (int f = 0; f < k; f++) {
                    pred += userFactors[pu + f] * qf[qi + f];
                }
                float err = (float) (ratings[x] - pred);
                float step = lr * weightF[d];
                float biasAnchor = priorBias != null && ub == userBias[0] ? priorBias[u] : 0f;
                ub[u] += step * (err - regB * (ub[u] - biasAnchor));
                ib[it] += step * (err - regB * ib[it]);
                for (int f = 0; f < k; f++) {
                    float puf = userFactors[pu + f];
                    float qif = qf[qi + f];
                    float anchor = priorFactors == null ? 0f : priorFactors[pu + f];
                    userFactors[pu + f] = puf + step * (err * qif - reg * (puf - anchor));
                    qf[qi + f] = qif + step * (err * puf - reg * qif);
                }
            }
            ctx.progress().report("sgd", epoch + 1, p.epochs());
        }
        return new Result(k, userFactors, userBias, means, itemBias, itemFactors);
    }

    private static void zeroUnseen(InteractionMatrix[] domains, float[] userFactors, float[][] itemFactors, int k) {
        int numUsers = domains[0].numRows();
        for (int u = 0; u < numUsers; u++) {
            boolean seen = false;
            for (InteractionMatrix m : domains) {
                if (m.rowSize(u) > 0) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                java.util.Arrays.fill(userFactors, u * k, (u + 1) * k, 0f);
            }
        }
        for (int d = 0; d < domains.length; d++) {
            InteractionMatrix t = domains[d].transpose();
            for (int i = 0; i < t.numRows(); i++) {
                if (t.rowSize(i) == 0) {
                    java.util.Arrays.fill(itemFactors[d], i * k, (i + 1) * k, 0f);
                }
            }
        }
    }

}
