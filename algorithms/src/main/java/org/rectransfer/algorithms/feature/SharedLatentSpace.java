package org.rectransfer.algorithms.feature;


import org.rectransfer.algorithms.instance.RatingLevels;
import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * Shared latent space, a feature-based transfer: every user is represented by their source
 * and target training rows at once, and a truncated SVD of the concatenated
 * users x (target items + source items) matrix gives one latent coordinate system for both
 * domains, in the spirit of the shared principal coordinates of CST (Pan, Xiang, Liu, Yan &amp;
 * Yang, "Transfer learning in collaborative filtering for sparsity reduction", AAAI 2010) and
 * of PureSVD-style factorisation (Cremonesi, Koren &amp; Turrin, RecSys 2010) of the joint matrix.
 *
 * <p>Model, fitted on training data only:
 * <ol>
 *   <li>Per domain {@code d}: baseline estimates ({@link RatingLevels}, pseudo-count
 *   {@code shrinkage}) {@code mu_d}, {@code b_i^d}; residuals {@code e_ui = r_ui - mu_d - b_i^d}.</li>
 *   <li>User rating level: with {@code transferBias} (default) one level per user over all
 *   domains, {@code o_u = sum_{all domains} e_ui / (n_u + shrinkage)}; without it one level per
 *   domain (a cold-start user's target level is then 0).</li>
 *   <li>Matrix {@code X}: entry {@code e_ui - o_u} (per-user mean-centred residuals; source
 *   columns multiplied by {@code sourceWeight}); missing entries are 0.</li>
 *   <li>Truncated SVD {@code X ~ U S V'} of rank {@code factors} ({@link RandomizedSvd},
 *   randomized range finder with {@code oversampling} and {@code powerIterations}, stream
 *   {@code "svd"}).</li>
 *   <li>User coordinates by projection (fold-in) {@code z_u = x_u V}, which equals
 *   {@code U S} on the fitted subspace for users with data; a cold-start user (no target row)
 *   thus gets coordinates from their source rows alone, {@code z_u = x_u^S V_S}.</li>
 *   <li>Prediction {@code r(u, i) = mu_T + b_i^T + o_u^(T) + z_u . v_i} with {@code v_i} the
 *   target rows of {@code V}. A user without any data predicts {@code mu_T + b_i^T}.</li>
 * </ol>
 *
 * <p>Deviations from CST: CST takes the coordinates from the auxiliary data only and then fits a
 * tri-factorisation of the target regularised toward them; here one SVD of the joint matrix
 * gives the shared coordinates directly (no target refinement, no orthogonality-constrained
 * alternating updates), and baseline biases with an explicit bias-transfer switch are added.
 * The randomized SVD draws random numbers, so the fit is seed-dependent (only slightly when
 * the spectrum is well separated). Id {@code shared-latent-space}. Single-threaded:
 * bit-identical for a seed.
 */
public final class SharedLatentSpace implements TransferStrategy<SharedLatentSpace.Config> {

    /**
     * @param factors         rank of the truncated SVD, &gt;= 1 (default 10)
     * @param shrinkage       pseudo-count of the baseline estimates, &gt;= 0 (default 5)
     * @param sourceWeight    scale of the source columns, &gt; 0 (default 1)
     * @param oversampling    extra columns of the randomized range finder, &gt;= 0 (default 10)
     * @param powerIterations power iterations, &gt;= 0 (default 3)
     * @param transferBias    one user rating level over all domains (default true)
     */
    public record Config(int factors, double shrinkage, double sourceWeight, int oversampling, int powerIterations,
                         boolean transferBias) {
        public Config {
            Checks.positive("factors", factors);
            Checks.nonNegative("shrinkage", shrinkage);
            Checks.positive("sourceWeight", sourceWeight);
            if (oversampling < 0 || powerIterations < 0) {
                throw new IllegalArgumentException("oversampling and powerIterations must be >= 0, were "
                        + oversampling + " and " + powerIterations);
            }
        }
    }

    @Override
    public String id() {
        return "shared-latent-space";
    }

    @Override
    public Family family() {
        return Family.FEATURE;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(10, 5.0, 1.0, 10, 3, true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        if (task.sources().isEmpty()) {
            throw new IllegalArgumentException("shared-latent-space needs at least one source domain");
        }
        int numUsers = task.numUsers();
        InteractionMatrix[] domains = new InteractionMatrix[task.sources().size() + 1];
        domains[0] = task.targetTrain();
        for (int s = 0; s < task.sources().size(); s++) {
            domains[s + 1] = task.sources().get(s).interactions();
        }
        double shrink = config.shrinkage();
        RatingLevels[] levels = new RatingLevels[domains.length];
        int[] offset = new int[domains.length];
        int cols = 0;
        long nnz = 0;
        for (int d = 0; d < domains.length; d++) {
            levels[d] = RatingLevels.of(domains[d], shrink);
            offset[d] = cols;
            cols += domains[d].numCols();
            nnz += domains[d].nnz();
        }
        if (nnz > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many ratings: " + nnz);
        }
        // user levels: pooled over domains, or per domain
        double[][] level = new double[domains.length][numUsers];
        for (int u = 0; u < numUsers; u++) {
            if (config.transferBias()) {
                double sum = 0;
                int n = 0;
                for (RatingLevels l : levels) {
                    sum += l.userResidual()[u];
                    n += l.userCount()[u];
                }
                double o = n == 0 ? 0 : sum / (n + shrink);
                for (int d = 0; d < domains.length; d++) {
                    level[d][u] = o;
                }
            } else {
                for (int d = 0; d < domains.length; d++) {
                    level[d][u] = levels[d].level(u, shrink);
                }
            }
        }
        int[] rowPtr = new int[numUsers + 1];
        int[] colIdx = new int[(int) nnz];
        double[] vals = new double[(int) nnz];
        int pos = 0;
        for (int u = 0; u < numUsers; u++) {
            for (int d = 0; d < domains.length; d++) {
                InteractionMatrix m = domains[d];
                double scale = d == 0 ? 1.0 : config.sourceWeight();
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    colIdx[pos] = offset[d] + m.col(p);
                    vals[pos] = scale * (levels[d].residual(m.col(p), m.value(p)) - level[d][u]);
                    pos++;
                }
            }
            rowPtr[u + 1] = pos;
        }
        RandomizedSvd.Result svd = RandomizedSvd.compute(numUsers, cols, rowPtr, colIdx, vals, config.factors(),
                config.oversampling(), config.powerIterations(), ctx.random("svd"));
        int k = svd.rank();
        double[] v = svd.loadings();
        float[] userFactors = new float[numUsers * k];
        for (int u = 0; u < numUsers; u++) {
            for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
                int c = colIdx[p];
                for (int f = 0; f < k; f++) {
                    userFactors[u * k + f] += (float) (vals[p] * v[c * k + f]);
                }
            }
        }
        int numItems = task.numTargetItems();
        float[] itemFactors = new float[numItems * k];
        float[] itemBias = new float[numItems];
        for (int i = 0; i < numItems; i++) {
            itemBias[i] = (float) levels[0].itemBias()[i];
            for (int f = 0; f < k; f++) {
                itemFactors[i * k + f] = (float) v[i * k + f];
            }
        }
        float[] userBias = new float[numUsers];
        for (int u = 0; u < numUsers; u++) {
            userBias[u] = (float) level[0][u];
        }
        return new FactorModel(numUsers, numItems, k, levels[0].mean(), userBias, itemBias, userFactors, itemFactors);
    }

}
