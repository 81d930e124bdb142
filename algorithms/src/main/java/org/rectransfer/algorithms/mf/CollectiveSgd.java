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
 * domain. With one domain this is BiasedMF (Koren, Bell &amp; Volinsky 2009). {@link Sharing}
 * selects the other collective settings of Singh &amp; Gordon: item factors (and optionally
 * item biases) shared by domains over one common item index, user factors per domain or shared. Regularisation is
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
     * @param domainUserFactors per domain, numUsers x k row-major (the same array for every domain
     *                          when user factors are shared)
     * @param userBias          per domain, length numUsers each (the same array for every domain when shared)
     * @param means             per-domain global means
     * @param itemBias          per domain, length numItems_d (the same array when item biases are shared)
     * @param itemFactors       per domain, numItems_d x k row-major (the same array when item factors are shared)
     */
    public record Result(int k, float[][] domainUserFactors, float[][] userBias, double[] means, float[][] itemBias,
                         float[][] itemFactors) {

        /** Parameters with one user factor matrix shared by all {@code userBias.length} domains. */
        public Result(int k, float[] userFactors, float[][] userBias, double[] means, float[][] itemBias,
                      float[][] itemFactors) {
            this(k, sharedBy(userFactors, userBias.length), userBias, means, itemBias, itemFactors);
        }

        private static float[][] sharedBy(float[] table, int numDomains) {
            float[][] out = new float[numDomains][];
            java.util.Arrays.fill(out, table);
            return out;
        }

        /** The first domain's user factors (the shared ones when user factors are shared). */
        public float[] userFactors() {
            return domainUserFactors[0];
        }

        /** The predictor of domain {@code d}. */
        public FactorModel model(int d, int numUsers) {
            return new FactorModel(numUsers, itemBias[d].length, k, means[d], userBias[d], itemBias[d],
                    domainUserFactors[d], itemFactors[d]);
        }
    }

    /**
     * Which parameters the domains share. The default of CMF in the shared-user setting is
     * {@link #USERS}: user factors shared, item factors per domain.
     *
     * @param userFactors one user factor matrix for all domains (else one per domain)
     * @param userBias    one user bias vector for all domains (else one per domain)
     * @param itemFactors one item factor matrix for all domains, which must then have the same
     *                    number of columns (one common item index); else one per domain
     * @param itemBias    one item bias vector for all domains (requires {@code itemFactors})
     */
    public record Sharing(boolean userFactors, boolean userBias, boolean itemFactors, boolean itemBias) {
        /** Shared user factors and user biases, per-domain items: the shared-user CMF of the foundation. */
        public static final Sharing USERS = new Sharing(true, true, false, false);

        public Sharing {
            if (itemBias && !itemFactors) {
                throw new IllegalArgumentException("shared item biases need shared item factors");
            }
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

    /**
     * Per-rating step factors, for instance weighting: the user-side parameters ({@code p_u, b_u})
     * of a rating move by {@code lr * user} times their gradient, the item-side ones by
     * {@code lr * item}, instead of {@code lr * w_d} for both. One array per domain, indexed like
     * the domain's stored ratings (CSR order, length {@code nnz}). A rating whose two factors are 0
     * is skipped and does not count as training data of its user or item (which then keep zero
     * factors if they have no other rating).
     *
     * @param user per domain, user-side factors, finite and {@code >= 0}
     * @param item per domain, item-side factors, finite and {@code >= 0}
     */
    public record InstanceSteps(float[][] user, float[][] item) {
        public InstanceSteps {
            if (user.length != item.length) {
                throw new IllegalArgumentException("user and item steps for " + user.length + " and " + item.length
                        + " domains");
            }
        }
    }

    private CollectiveSgd() {
    }

    /** {@link #train(InteractionMatrix[], double[], boolean, SgdParams, UserPrior, RunContext)} without prior. */
    public static Result train(InteractionMatrix[] domains, double[] weights, boolean sharedUserBias, SgdParams p,
                               RunContext ctx) {
        return train(domains, weights, sharedUserBias, p, null, ctx);
    }

    /**
     * Shared user factors, per-domain items, user biases shared or not: {@link
     * #train(InteractionMatrix[], double[], Sharing, SgdParams, UserPrior, RunContext)} with
     * {@code new Sharing(true, sharedUserBias, false, false)}.
     */
    public static Result train(InteractionMatrix[] domains, double[] weights, boolean sharedUserBias, SgdParams p,
                               UserPrior prior, RunContext ctx) {
        return train(domains, weights, new Sharing(true, sharedUserBias, false, false), p, prior, ctx);
    }

    /**
     * @param domains         explicit rating matrices over the same users (rows)
     * @param weights         loss weight of each domain, > 0
     * @param sharing         which parameters the domains share
     * @param p               hyper-parameters
     * @param prior           prior user parameters (fine-tuning) of the first domain, or null
     * @param ctx             randomness, progress and cancellation
     */
    public static Result train(InteractionMatrix[] domains, double[] weights, Sharing sharing, SgdParams p,
                               UserPrior prior, RunContext ctx) {
        return train(domains, weights, sharing, p, prior, null, ctx);
    }

    /**
     * As {@link #train(InteractionMatrix[], double[], Sharing, SgdParams, UserPrior, RunContext)}
     * with per-rating step factors instead of the per-domain weights ({@code steps} non-null:
     * {@code weights} must still have one entry per domain and are then unused).
     */
    public static Result train(InteractionMatrix[] domains, double[] weights, Sharing sharing, SgdParams p,
                               UserPrior prior, InstanceSteps steps, RunContext ctx) {
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
            if (sharing.itemFactors() && m.numCols() != domains[0].numCols()) {
                throw new IllegalArgumentException("shared item factors need one item index: domain has "
                        + m.numCols() + " items, the first domain " + domains[0].numCols());
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
        if (steps != null) {
            if (steps.user().length != numDomains) {
                throw new IllegalArgumentException("per-rating steps for " + steps.user().length + " domains, expected "
                        + numDomains);
            }
            for (int d = 0; d < numDomains; d++) {
                if (steps.user()[d].length != domains[d].nnz() || steps.item()[d].length != domains[d].nnz()) {
                    throw new IllegalArgumentException("domain " + d + ": per-rating steps for "
                            + steps.user()[d].length + " / " + steps.item()[d].length + " ratings, expected "
                            + domains[d].nnz());
                }
            }
        }
        float[] stepUser = steps == null ? null : new float[n];
        float[] stepItem = steps == null ? null : new float[n];

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
                    if (steps != null) {
                        stepUser[pos] = steps.user()[d][q];
                        stepItem[pos] = steps.item()[d][q];
                    }
                    pos++;
                }
            }
        }

        // Draw order (user factors of domain 0, then each domain's own tables) keeps the shared-user
        // setting bit-identical to the original single-matrix BiasedMF.
        SplittableRandom init = ctx.random("sgd-init");
        float[][] userFactorsOf = new float[numDomains][];
        float[][] itemFactors = new float[numDomains][];
        float[][] itemBias = new float[numDomains][];
        float[][] userBias = new float[numDomains][];
        userFactorsOf[0] = Gaussian.draws(numUsers * k, p.initStd(), init);
        for (int d = 0; d < numDomains; d++) {
            if (d > 0) {
                userFactorsOf[d] = sharing.userFactors() ? userFactorsOf[0]
                        : Gaussian.draws(numUsers * k, p.initStd(), init);
            }
            itemFactors[d] = d > 0 && sharing.itemFactors() ? itemFactors[0]
                    : Gaussian.draws(domains[d].numCols() * k, p.initStd(), init);
            itemBias[d] = d > 0 && sharing.itemBias() ? itemBias[0] : new float[domains[d].numCols()];
            userBias[d] = d > 0 && sharing.userBias() ? userBias[0] : new float[numUsers];
        }
        zeroUnseen(dom, users, items, stepUser, stepItem, domains, userFactorsOf, itemFactors, k);
        float[] userFactors = userFactorsOf[0];
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
                float su;
                float si;
                int d = dom[x];
                if (stepUser == null) {
                    su = lr * weightF[d];
                    si = su;
                } else if (stepUser[x] == 0f && stepItem[x] == 0f) {
                    continue;
                } else {
                    su = lr * stepUser[x];
                    si = lr * stepItem[x];
                }
                int u = users[x];
                int it = items[x];
                float[] pf = userFactorsOf[d];
                float[] qf = itemFactors[d];
                float[] ub = userBias[d];
                float[] ib = itemBias[d];
                int pu = u * k;
                int qi = it * k;
                double pred = means[d] + ub[u] + ib[it];
                for (int f = 0; f < k; f++) {
                    pred += pf[pu + f] * qf[qi + f];
                }
                float err = (float) (ratings[x] - pred);
                float biasAnchor = priorBias != null && ub == userBias[0] ? priorBias[u] : 0f;
                float[] anchors = pf == userFactors ? priorFactors : null;
                ub[u] += su * (err - regB * (ub[u] - biasAnchor));
                ib[it] += si * (err - regB * ib[it]);
                for (int f = 0; f < k; f++) {
                    float puf = pf[pu + f];
                    float qif = qf[qi + f];
                    float anchor = anchors == null ? 0f : anchors[pu + f];
                    pf[pu + f] = puf + su * (err * qif - reg * (puf - anchor));
                    qf[qi + f] = qif + si * (err * puf - reg * qif);
                }
            }
            ctx.progress().report("sgd", epoch + 1, p.epochs());
        }
        return new Result(k, userFactorsOf, userBias, means, itemBias, itemFactors);
    }

    /**
     * Zeroes the factors no rating will ever update: a user's row of a (possibly shared) user
     * table when no rating of the domains using that table trains it, an item's likewise. With
     * per-rating steps a rating whose two step factors are 0 trains nothing.
     */
    private static void zeroUnseen(byte[] dom, int[] users, int[] items, float[] stepUser, float[] stepItem,
                                   InteractionMatrix[] domains, float[][] userFactors, float[][] itemFactors, int k) {
        int numDomains = domains.length;
        int numUsers = domains[0].numRows();
        int[] userOwner = new int[numDomains];
        int[] itemOwner = new int[numDomains];
        boolean[][] userSeen = new boolean[numDomains][];
        boolean[][] itemSeen = new boolean[numDomains][];
        for (int d = 0; d < numDomains; d++) {
            userOwner[d] = firstOwner(userFactors, d);
            itemOwner[d] = firstOwner(itemFactors, d);
            if (userOwner[d] == d) {
                userSeen[d] = new boolean[numUsers];
            }
            if (itemOwner[d] == d) {
                itemSeen[d] = new boolean[domains[d].numCols()];
            }
        }
        for (int x = 0; x < dom.length; x++) {
            if (stepUser != null && stepUser[x] == 0f && stepItem[x] == 0f) {
                continue;
            }
            userSeen[userOwner[dom[x]]][users[x]] = true;
            itemSeen[itemOwner[dom[x]]][items[x]] = true;
        }
        for (int d = 0; d < numDomains; d++) {
            if (userSeen[d] != null) {
                for (int u = 0; u < numUsers; u++) {
                    if (!userSeen[d][u]) {
                        java.util.Arrays.fill(userFactors[d], u * k, (u + 1) * k, 0f);
                    }
                }
            }
            if (itemSeen[d] != null) {
                for (int i = 0; i < itemSeen[d].length; i++) {
                    if (!itemSeen[d][i]) {
                        java.util.Arrays.fill(itemFactors[d], i * k, (i + 1) * k, 0f);
                    }
                }
            }
        }
    }

    /** The first domain whose table is the same array as domain {@code d}'s. */
    private static int firstOwner(float[][] tables, int d) {
        int e = 0;
        while (tables[e] != tables[d]) {
            e++;
        }
        return e;
    }

}
