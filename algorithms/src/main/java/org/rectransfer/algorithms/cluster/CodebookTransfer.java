package org.rectransfer.algorithms.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;

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
 * CBT, codebook transfer: B. Li, Q. Yang, X. Xue, "Can Movies and Books Collaborate?
 * Cross-Domain Collaborative Filtering for Sparsity Reduction", IJCAI 2009, pp. 2052-2057.
 *
 * <p>The paper's algorithm: (1) co-cluster the auxiliary rating matrix into {@code k} user and
 * {@code l} item clusters (ONMTF); (2) the codebook {@code B} ({@code k x l}) is the mean
 * auxiliary rating of each (user cluster, item cluster) block; (3) expand the codebook into the
 * target: find binary membership matrices {@code U} (users x k) and {@code V} (items x l)
 * minimising {@code |W o (X_tgt - U B V^T)|^2} on the observed target entries by alternately
 * giving each user row the codebook row, and each item the codebook column, with the least
 * squared error; (4) predict the missing entries by {@code U B V^T}. No user or item overlap is
 * needed.
 *
 * <p>Implementation and adaptation to our setting (users shared by all domains, items
 * disjoint; cold-start users have source ratings but no target training ratings):
 * <ul>
 *   <li>Step 1 uses a hard co-clustering minimising the squared error on the <em>observed</em>
 *   auxiliary entries ({@link CoClustering}), best of {@code restarts} seeded random starts.
 *   <b>Deviation:</b> the paper runs ONMTF on a dense auxiliary matrix; our auxiliary data are
 *   sparse, and ONMTF would fit the missing entries as zeros. The hard co-clustering minimises
 *   the same tri-factorisation error with binary indicators over the observed entries, and its
 *   codebook is exactly the paper's Eq. 2. Several sources are concatenated side by side (one
 *   user clustering over all of a user's source ratings, item clusters over all source
 *   items); one codebook results.</li>
 *   <li>Empty codebook cells take the row cluster's mean (else the column cluster's, else the
 *   global mean).</li>
 *   <li>Step 3, <b>deviation:</b> users are shared, so a user's target row starts from their
 *   source user cluster; users without source ratings (target-only users) start unassigned.
 *   Items are assigned first (against the users that have a cluster), then users and items
 *   alternate for at most {@code expansionIterations} rounds or until nothing changes. With
 *   {@code reassignWarmUsers} (the paper) every user with target training ratings is
 *   reassigned from them; without it only target-only users are, and users with source
 *   ratings keep their source cluster. Users without target training ratings (cold-start)
 *   always keep their source cluster: the paper has no cold users. If no target rating
 *   belongs to a user with a source cluster (no overlap), the items start from a seeded random
 *   assignment, as in the paper. Because the expansion starts from the source clusters, the
 *   random restarts apply to the co-clustering.</li>
 *   <li>Items without target training ratings take the codebook column whose mean, weighted
 *   by the number of users in each user cluster, is closest to the target training mean.
 *   Users with no rating anywhere are scored with the user-cluster-size-weighted average of
 *   the item's codebook column.</li>
 *   <li>{@code levelCorrection} (<b>deviation, on by default</b>): the paper predicts
 *   {@code B[c(u)][d(i)]} alone. The codebook is split into a grand mean, row effects, column
 *   effects and an interaction, {@code B[a][d] = m + rho_a + kappa_d + I[a][d]} (unweighted
 *   means over the cells), and the prediction is
 *   {@code o + b_u + b_i + rho_{c(u)} + gamma I[c(u)][d(i)]}: the user cluster's level, the
 *   cluster-level pattern with a weight {@code gamma in [0, 1]}, and the biases of
 *   {@link LevelCorrection} on the target training residuals (a cold-start user's {@code b_u}
 *   is their damped mean residual against the source codebook, i.e. their level relative to
 *   their cluster, carried over from the source; the column effect is absorbed by {@code b_i}).
 *   {@code gamma} is the least-squares weight of the pattern on the target training residuals,
 *   clamped to [0, 1], alternated with the biases for {@value #GAMMA_ROUNDS} rounds (start 1).
 *   Why: the faithful predictor imposes the source's cluster pattern on every target item (an
 *   item can only choose among the source's columns); where that pattern does not carry over,
 *   it adds its whole variance to the error (on {@code ColdStartWorld}, whose target tastes
 *   are a rotation of the source's, the faithful CBT is 20 % worse than target-only, the
 *   corrected one 11 % better), and the user's rating level is most of the cold-start gain
 *   (METHODS.md, "Measured observation"). Set it false for the paper's predictor.</li>
 *   <li>{@code calibrateLevel} (<b>deviation, on by default</b>, only with the level
 *   correction): a cold-start user's level {@code rho_{c(u)} + b_u} taken from the source is
 *   mapped to the target by {@code alpha + beta x} (least squares on the warm users that have
 *   both source and target ratings, {@code beta >= 0}), the bias analogue of EMCDR's mapping. It
 *   shrinks the transferred level as much as the data say it carries over: on the property
 *   test it moved the cold-start gain from 5.4 % / 10.1 % to 5.7 % / 10.1 % on related domains
 *   and from -10.8 % / -12.6 % to -3.5 % / -3.7 % on unrelated ones (seeds 1 / 2).</li>
 *   <li>Defaults: {@code k = l = 5} and {@code reassignWarmUsers = false}, chosen on synthetic
 *   data (the transfer property test): a user with a few dozen ratings cannot be assigned
 *   reliably to one of many codebook rows, and an item with a few dozen target ratings to one
 *   of many columns; on the property test's related domains 10 x 10 gave a 5.1 % / 8.3 %
 *   cold-start gain (seeds 1 / 2), 20 x 20 3.0 % / 7.1 %, 5 x 5 5.4 % / 10.1 % (all without
 *   {@code calibrateLevel}). Keeping warm users in their source cluster makes the target's
 *   item columns fit the same user clustering the cold-start users are scored with
 *   (reassigning gave 4.0 % / 7.5 % at 10 x 10). The paper used larger codebooks on dense
 *   auxiliary matrices. Dampings 5 / 5 (item / user): with the final defaults the property
 *   test's cold-start gains are 7.1 % / 11.3 % (related) and -1.9 % / -2.0 % (unrelated); with
 *   25 / 10 they were 5.7 % / 10.1 % and -3.5 % / -3.7 %. On the Douban music-to-book pair
 *   (beta 0.5, seed 1) cold-start RMSE is 0.8551 against target-only's 0.8519 (-0.4 %); the
 *   cluster pattern does not help there (a 1 x 1 codebook, i.e. calibrated bias transfer only,
 *   gives 0.8456 with item damping 5), and the paper's predictor (20 x 20, reassigned, no
 *   correction) gives 1.0221.</li>
 * </ul>
 *
 * <p>Reference implementations: METHODS.md names {@code Storyboardslee/codebook-transfer-learning}
 * ({@code codebook_construction.py}, {@code codebook_transfer.py}) and a re-implementation in the
 * Dacrema framework with random restarts; this class follows the paper's steps as summarised
 * there and was written without reading their code.
 *
 * <p>Index spaces: users are the task's shared users, items the target items. The fit is
 * single-threaded: bit-identical for a seed and any thread count. The returned model is
 * immutable and thread-safe. Id {@code cbt}.
 */
public final class CodebookTransfer implements TransferStrategy<CodebookTransfer.Config> {
    /** Alternations between the biases and the pattern weight gamma of the level correction. */
    private static final int GAMMA_ROUNDS = 5;

    /**
     * @param userClusters           k, rows of the codebook (default 5)
     * @param itemClusters           l, columns of the codebook (default 5)
     * @param coClusteringIterations maximum alternating rounds of the source co-clustering (default 30)
     * @param restarts               random starts of the co-clustering, the best error is kept (default 3)
     * @param expansionIterations    maximum alternating rounds of the codebook expansion (default 30)
     * @param reassignWarmUsers      reassign users with target training ratings from them, as the
     *                               paper does (true); false keeps their source cluster (default false)
     * @param levelCorrection        cluster level + weighted pattern + target offset, item and user
     *                               biases, cold users' bias from the source (default true; false = paper)
     * @param calibrateLevel         with levelCorrection: map cold users' source-derived level to the
     *                               target by a regression fitted on the warm overlapping users (default true)
     * @param itemDamping            shrinkage of the item biases, >= 0 (default 5)
     * @param userDamping            shrinkage of the user biases, >= 0 (default 5)
     */
    public record Config(int userClusters, int itemClusters, int coClusteringIterations, int restarts,
                         int expansionIterations, boolean reassignWarmUsers, boolean levelCorrection,
                         boolean calibrateLevel, double itemDamping, double userDamping) {
        public Config {
            Checks.positive("userClusters", userClusters);
            Checks.positive("itemClusters", itemClusters);
            Checks.positive("coClusteringIterations", coClusteringIterations);
            Checks.positive("restarts", restarts);
            Checks.positive("expansionIterations", expansionIterations);
            Checks.nonNegative("itemDamping", itemDamping);
            Checks.nonNegative("userDamping", userDamping);
        }
    }

    @Override
    public String id() {
        return "cbt";
    }

    @Override
    public Family family() {
        return Family.MODEL;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(5, 5, 30, 3, 30, false, true, true, 5, 5);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        if (task.sources().isEmpty()) {
            throw new IllegalArgumentException("cbt needs at least one source domain");
        }
        int numUsers = task.numUsers();
        InteractionMatrix aux = task.sources().size() == 1 ? task.sources().get(0).interactions()
                : CoClustering.concatenate(task.sources(), numUsers);
        if (aux.nnz() == 0) {
            throw new IllegalArgumentException("cbt needs source ratings to build a codebook; the sources are empty");
        }
        int k = config.userClusters();
        int l = config.itemClusters();
        ctx.checkCancelled("cbt");
        CoClustering cc = CoClustering.fit(aux, k, l, config.coClusteringIterations(), config.restarts(),
                ctx.random("cbt/co-clustering"));
        Expansion ex = expand(task.targetTrain(), cc.codebook, k, l, cc.rowCluster, config.reassignWarmUsers(),
                config.expansionIterations(), ctx.random("cbt/expansion"));
        return model(task.targetTrain(), aux, cc, ex, config);
    }

    /** Target memberships: user and item clusters; {@code -1} = none. */
    record Expansion(int[] userCluster, int[] itemCluster) {
    }

    /**
     * Step 3: alternating hard assignment of target users and items to codebook rows and
     * columns (see the class comment); users start from {@code initialUsers}.
     */
    static Expansion expand(InteractionMatrix target, double[] b, int k, int l, int[] initialUsers, boolean reassignWarm,
                            int iterations, SplittableRandom rng) {
        InteractionMatrix byItem = target.transpose();
        double[] bt = CoClustering.transpose(b, k, l);
        int[] users = initialUsers.clone();
        int[] items = CoClustering.assignRows(byItem, users, bt, l, k);
        boolean anyItem = false;
        for (int c : items) {
            anyItem |= c >= 0;
        }
        if (!anyItem && target.nnz() > 0) {
            for (int i = 0; i < items.length; i++) {
                items[i] = byItem.rowSize(i) == 0 ? -1 : rng.nextInt(l);
            }
        }
        double[] n = new double[l];
        double[] s = new double[l];
        for (int it = 0; it < iterations; it++) {
            boolean changed = false;
            for (int u = 0; u < users.length; u++) {
                if (target.rowSize(u) == 0 || (!reassignWarm && initialUsers[u] >= 0)) {
                    continue;
                }
                int c = CoClustering.bestRow(target, u, items, b, k, l, n, s);
                if (c >= 0 && c != users[u]) {
                    users[u] = c;
                    changed = true;
                }
            }
            int[] newItems = CoClustering.assignRows(byItem, users, bt, l, k);
            changed |= !Arrays.equals(items, newItems);
            items = newItems;
            if (!changed) {
                break;
            }
        }
        return new Expansion(users, items);
    }

    private static Recommender model(InteractionMatrix target, InteractionMatrix aux, CoClustering cc, Expansion ex,
                                     Config config) {
        int k = cc.k;
        int l = cc.l;
        double[] b = cc.codebook;
        int numUsers = target.numRows();
        int numItems = target.numCols();
        int[] users = ex.userCluster();
        int[] items = ex.itemCluster().clone();
        double[] weight = new double[k];
        double totalWeight = 0;
        for (int c : users) {
            if (c >= 0) {
                weight[c] += 1;
                totalWeight += 1;
            }
        }
        if (totalWeight == 0) {
            Arrays.fill(weight, 1);
            totalWeight = k;
        }
        // Items without target training ratings: the column whose weighted mean is closest to the target mean.
        double mean = target.nnz() > 0 ? target.meanValue() : aux.meanValue();
        int fallback = 0;
        double bestGap = Double.POSITIVE_INFINITY;
        for (int d = 0; d < l; d++) {
            double m = 0;
            for (int a = 0; a < k; a++) {
                m += weight[a] * b[a * l + d];
            }
            double gap = Math.abs(m / totalWeight - mean);
            if (gap < bestGap) {
                bestGap = gap;
                fallback = d;
            }
        }
        for (int i = 0; i < numItems; i++) {
            if (items[i] < 0) {
                items[i] = fallback;
            }
        }
        float[] userFactors = new float[numUsers * k];
        for (int u = 0; u < numUsers; u++) {
            if (users[u] >= 0) {
                userFactors[u * k + users[u]] = 1f;
            } else {
                for (int a = 0; a < k; a++) {
                    userFactors[u * k + a] = (float) (weight[a] / totalWeight);
                }
            }
        }
        float[] userBias = new float[numUsers];
        float[] itemBias = new float[numItems];
        if (!config.levelCorrection()) {
            return new FactorModel(numUsers, numItems, k, 0, userBias, itemBias, userFactors,
                    itemFactors(b, 1.0, items, k, l));
        }
        // Level correction: B = m + rho_a + kappa_d + I[a][d]; predict o + b_u + b_i + rho_a + gamma I[a][d].
        double[] rowEffect = new double[k];
        double[] colEffect = new double[l];
        double grand = 0;
        for (int a = 0; a < k; a++) {
            for (int d = 0; d < l; d++) {
                rowEffect[a] += b[a * l + d] / l;
                colEffect[d] += b[a * l + d] / k;
                grand += b[a * l + d] / (k * l);
            }
        }
        double[] rowPart = new double[k * l];
        double[] interaction = new double[k * l];
        for (int a = 0; a < k; a++) {
            for (int d = 0; d < l; d++) {
                rowPart[a * l + d] = rowEffect[a] - grand;
                interaction[a * l + d] = b[a * l + d] - rowEffect[a] - colEffect[d] + grand;
            }
        }
        FactorModel levels = new FactorModel(numUsers, numItems, k, 0, new float[numUsers], new float[numItems],
                userFactors, itemFactors(rowPart, 1.0, items, k, l));
        FactorModel pattern = new FactorModel(numUsers, numItems, k, 0, new float[numUsers], new float[numItems],
                userFactors, itemFactors(interaction, 1.0, items, k, l));
        LevelCorrection.Scorer source = (u, j) -> b[cc.rowCluster[u] * l + cc.colCluster[j]];
        double gamma = 1.0;
        double offset = 0;
        for (int round = 0; round <= GAMMA_ROUNDS; round++) {
            double g = gamma;
            offset = LevelCorrection.fit(target, (u, i) -> levels.predict(u, i) + g * pattern.predict(u, i), aux,
                    source, config.itemDamping(), config.userDamping(), userBias, itemBias);
            if (round == GAMMA_ROUNDS) {
                break;
            }
            double num = 0;
            double den = 0;
            for (int u = 0; u < numUsers; u++) {
                for (int p = target.rowStart(u); p < target.rowEnd(u); p++) {
                    int i = target.col(p);
                    double x = pattern.predict(u, i);
                    num += x * (target.value(p) - offset - userBias[u] - itemBias[i] - levels.predict(u, i));
                    den += x * x;
                }
            }
            gamma = den > 0 ? Math.max(0, Math.min(1, num / den)) : 0;
        }
        double[] combined = new double[k * l];
        for (int c = 0; c < k * l; c++) {
            combined[c] = rowPart[c] + gamma * interaction[c];
        }
        if (config.calibrateLevel()) {
            calibrateColdLevels(target, aux, cc, grand, rowEffect, config.userDamping(), userBias);
        }
        return new FactorModel(numUsers, numItems, k, offset, userBias, itemBias, userFactors,
                itemFactors(combined, 1.0, items, k, l));
    }

    /**
     * Level calibration: a user's source-derived level {@code x_u = rho_{c(u)} + b_u^src} and, for
     * users with target training ratings, their target level {@code y_u = rho_{c(u)} + b_u}; on the
     * users with both (at least 3), least squares {@code y = alpha + beta x}, {@code beta >= 0}; a
     * cold-start user's bias becomes {@code alpha + beta x_u - rho_{c(u)}}, so their level is
     * {@code alpha + beta x_u}. Fewer than 3 such users, or no spread in {@code x}: unchanged.
     */
    private static void calibrateColdLevels(InteractionMatrix target, InteractionMatrix aux, CoClustering cc,
                                            double grand, double[] rowEffect, double userDamping, float[] userBias) {
        int numUsers = target.numRows();
        int l = cc.l;
        double[] x = new double[numUsers];
        boolean[] hasX = new boolean[numUsers];
        for (int u = 0; u < numUsers; u++) {
            int c = cc.rowCluster[u];
            if (c < 0) {
                continue;
            }
            double s = 0;
            for (int p = aux.rowStart(u); p < aux.rowEnd(u); p++) {
                s += aux.value(p) - cc.codebook[c * l + cc.colCluster[aux.col(p)]];
            }
            x[u] = rowEffect[c] - grand + s / (userDamping + aux.rowSize(u));
            hasX[u] = true;
        }
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int u = 0; u < numUsers; u++) {
            if (hasX[u] && target.rowSize(u) > 0) {
                double y = rowEffect[cc.rowCluster[u]] - grand + userBias[u];
                n++;
                sx += x[u];
                sy += y;
                sxx += x[u] * x[u];
                sxy += x[u] * y;
            }
        }
        double varX = sxx - sx * sx / Math.max(n, 1);
        if (n < 3 || !(varX > 0)) {
            return;
        }
        double beta = Math.max(0, (sxy - sx * sy / n) / varX);
        double alpha = (sy - beta * sx) / n;
        for (int u = 0; u < numUsers; u++) {
            if (hasX[u] && target.rowSize(u) == 0) {
                userBias[u] = (float) (alpha + beta * x[u] - (rowEffect[cc.rowCluster[u]] - grand));
            }
        }
    }

    /** Item factors {@code scale * table[.][cluster(i)]}: with one-hot user factors the score is the table cell. */
    private static float[] itemFactors(double[] table, double scale, int[] items, int k, int l) {
        float[] f = new float[items.length * k];
        for (int i = 0; i < items.length; i++) {
            for (int a = 0; a < k; a++) {
                f[i * k + a] = (float) (scale * table[a * l + items[i]]);
            }
        }
        return f;
    }
}
