package org.rectransfer.algorithms.instance;

import java.util.Arrays;

import org.rectransfer.algorithms.mf.CollectiveSgd;
import org.rectransfer.algorithms.mf.SgdParams;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

/**
 * Sequential SGD for a biased factorisation of several rating matrices over the shared user
 * index with a weight <b>per rating</b> (per instance), the base learner of the instance-based
 * strategies ({@link InstanceWeighting}, {@link TrAdaBoost}, {@link Kmm}):
 *
 * <pre>
 *   min  sum_d sum_{(u,i) in R_d} w_ui (r_ui - mu_d - b_u^(d) - b_i^(d) - p_u . q_i^(d))^2
 *        + lambda (|p_u|^2 + |q_i|^2) + lambda_b (b_u^2 + b_i^2)
 * </pre>
 *
 * Domain 0 is the target, the others are sources; items of different domains are kept apart
 * (each domain has its own item factors and biases, as in {@code pooled}), every domain has its
 * own (unweighted) mean {@code mu_d}, and the user factors P are shared. User biases are shared
 * across domains ({@code sharedUserBias}: the user's rating level is transferred) or one per
 * domain. This is {@link CollectiveSgd} with per-instance instead of per-domain weights and
 * the same conventions: regularisation per observed rating (weighted with the rating), one
 * Fisher-Yates shuffle per epoch from
 * {@code ctx.random("sgd-order")}, Gaussian initial factors from {@code ctx.random("sgd-init")},
 * users and items without training ratings (or with only zero-weight ratings) keep zero
 * factors and bias. Single-threaded: bit-identical for a seed.
 *
 * <p>Step sizes. The weighted gradient of a rating is {@code w_ui} times the unweighted one; the
 * step of the <em>user</em> parameters ({@code p_u, b_u}) is divided by the mean weight of the
 * user's ratings, and the step of the <em>item</em> parameters ({@code q_i, b_i}) by the mean
 * weight of the item's ratings: {@code p_u += lr (w_ui / wbar_u) (e q_i - lambda p_u)}. This is a
 * block-diagonal positive preconditioner, so the stationary points of the weighted objective
 * are unchanged, but a user (item) whose ratings all have a small weight is not left
 * under-trained by a tiny effective learning rate: what the weights change is the relative
 * influence of ratings, not how far SGD gets in a fixed number of epochs. The factor
 * {@code w_ui / wbar} is clipped at {@value #MAX_STEP_FACTOR} for stability. With all weights 1
 * the updates are exactly {@link CollectiveSgd}'s.
 *
 * <p>Thread safety: stateless; {@link #train} allocates everything it uses.
 */
public final class WeightedSgd {

    /** Upper clip of {@code w_ui / wbar} (SGD stability when one rating outweighs its block). */
    static final double MAX_STEP_FACTOR = 10.0;

    private WeightedSgd() {
    }

    /**
     * @param domains        explicit rating matrices over the same users; domain 0 is the target
     * @param weights        per domain, one weight per stored rating in CSR order (length {@code nnz}),
     *                       finite and {@code >= 0}; a null entry means weight 1 for the whole domain
     * @param sharedUserBias one user bias for all domains (true) or one per domain (false)
     * @param p              hyper-parameters
     * @param ctx            randomness, progress and cancellation
     * @return the parameters in {@link CollectiveSgd.Result}'s layout ({@code model(0, n)} is the target)
     */
    public static CollectiveSgd.Result train(InteractionMatrix[] domains, float[][] weights, boolean sharedUserBias,
                                             SgdParams p, RunContext ctx) {
        int numDomains = domains.length;
        if (numDomains == 0 || weights.length != numDomains) {
            throw new IllegalArgumentException("need one weight array (or null) per domain");
        }
        int numUsers = domains[0].numRows();
        long total = 0;
        for (int d = 0; d < numDomains; d++) {
            InteractionMatrix m = domains[d];
            if (m.numRows() != numUsers) {
                throw new IllegalArgumentException("domains must share the user index");
            }
            if (!m.isExplicit()) {
                throw new IllegalArgumentException("weighted SGD rating factorisation needs explicit ratings");
            }
            if (weights[d] != null) {
                if (weights[d].length != m.nnz()) {
                    throw new IllegalArgumentException("domain " + d + ": " + weights[d].length + " weights for "
                            + m.nnz() + " ratings");
                }
                for (float w : weights[d]) {
                    if (!(w >= 0) || Float.isInfinite(w)) {
                        throw new IllegalArgumentException("instance weights must be finite and >= 0, got " + w);
                    }
                }
            }
            total += m.nnz();
        }
        if (total == 0) {
            throw new IllegalArgumentException("no training ratings");
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many ratings for one SGD pass: " + total);
        }

        // Per-rating user-side and item-side step factors: w / mean weight of the user's (item's) ratings.
        double[] userW = new double[numUsers];
        int[] userN = new int[numUsers];
        double[][] itemW = new double[numDomains][];
        int[][] itemN = new int[numDomains][];
        for (int d = 0; d < numDomains; d++) {
            InteractionMatrix m = domains[d];
            itemW[d] = new double[m.numCols()];
            itemN[d] = new int[m.numCols()];
            for (int u = 0; u < numUsers; u++) {
                for (int q = m.rowStart(u); q < m.rowEnd(u); q++) {
                    float wq = weight(weights, d, q);
                    userW[u] += wq;
                    userN[u]++;
                    itemW[d][m.col(q)] += wq;
                    itemN[d][m.col(q)]++;
                }
            }
        }
        float[][] stepU = new float[numDomains][];
        float[][] stepI = new float[numDomains][];
        for (int d = 0; d < numDomains; d++) {
            InteractionMatrix m = domains[d];
            stepU[d] = new float[m.nnz()];
            stepI[d] = new float[m.nnz()];
            for (int u = 0; u < numUsers; u++) {
                for (int q = m.rowStart(u); q < m.rowEnd(u); q++) {
                    float wq = weight(weights, d, q);
                    if (wq > 0) {
                        int i = m.col(q);
                        stepU[d][q] = (float) Math.min(MAX_STEP_FACTOR, wq / (userW[u] / userN[u]));
                        stepI[d][q] = (float) Math.min(MAX_STEP_FACTOR, wq / (itemW[d][i] / itemN[d][i]));
                    }
                }
            }
        }
        double[] unused = new double[numDomains];
        Arrays.fill(unused, 1.0);
        return CollectiveSgd.train(domains, unused, new CollectiveSgd.Sharing(true, sharedUserBias, false, false), p,
                null, new CollectiveSgd.InstanceSteps(stepU, stepI), ctx);
    }

    private static float weight(float[][] weights, int d, int q) {
        return weights[d] == null ? 1f : weights[d][q];
    }

}
