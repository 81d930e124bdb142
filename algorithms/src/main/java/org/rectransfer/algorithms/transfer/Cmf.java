package org.rectransfer.algorithms.transfer;

import java.util.List;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.CollectiveSgd;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.algorithms.mf.SgdParams;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * CMF, collective matrix factorisation (Singh &amp; Gordon, "Relational learning via collective
 * matrix factorization", KDD 2008) in the shared-user setting: every domain's ratings are
 * factorised with <b>one user factor matrix shared by all domains</b> and per-domain item
 * factors, minimising the weighted sum of the domains' squared losses (their Eq. 1 with the
 * identity link and squared loss), trained jointly by SGD ({@link CollectiveSgd}).
 *
 * <p>Deviations from the paper, each a config switch: (1) biases. The paper has no bias terms;
 * here each domain has its own mean and item biases, and user biases are shared across
 * domains ({@code sharedUserBias = true}, default) or per domain. Sharing carries the user's
 * rating level to the target, which is where most of the cold-start gain of factor methods
 * comes from (see METHODS.md "Measured observation"); set it to false for bias-free-transfer
 * ablations. (2) SGD instead of the paper's alternating Newton projections; the objective is
 * the same. Id {@code cmf}. Bit-identical for a seed.
 *
 * <p>Sharing modes ({@code share}), the two relational settings of Singh &amp; Gordon:
 * <ul>
 *   <li>{@code "users"} (default): the shared-user setting above; source items are kept apart
 *   from the target items.</li>
 *   <li>{@code "items"}: the shared-item setting (the same items rated in several systems).
 *   Source items are matched to target items by <b>raw item id</b>; matched items share one
 *   factor vector (and, with {@code sharedItemBias}, one bias) across domains, unmatched source
 *   items get their own. User factors and biases are per domain, so a user who exists only in
 *   a source still trains the shared item factors, and a target item without target training
 *   ratings gets its factors (and bias) from the source. At least one source item id must
 *   match a target item id.</li>
 *   <li>{@code "both"}: users and matched items are shared.</li>
 * </ul>
 * {@code sharedUserBias} applies when users are shared, {@code sharedItemBias} when items are.
 * With {@code "items"} the user index is still the experiment's one user index, so a user
 * present in two domains simply has one row per domain.
 */
public final class Cmf implements TransferStrategy<Cmf.Config> {
    private static final List<String> SHARE_MODES = List.of("users", "items", "both");

    /**
     * @param factors            shared latent dimension k (default 20)
     * @param epochs             SGD passes over all domains (default 30)
     * @param learningRate       step size (default 0.01)
     * @param regularization     L2 on factors (default 0.05)
     * @param biasRegularization L2 on biases (default 0.01)
     * @param initStd            std of initial factors (default 0.1)
     * @param sourceWeight       loss weight of every source rating, > 0 (default 1)
     * @param targetWeight       loss weight of every target rating, > 0 (default 1)
     * @param sharedUserBias     one user bias for all domains when users are shared (default true)
     * @param share              {@code "users"} (default), {@code "items"} or {@code "both"}
     * @param sharedItemBias     one item bias for a matched item when items are shared (default true)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization, double biasRegularization,
                         double initStd, double sourceWeight, double targetWeight, boolean sharedUserBias,
                         String share, boolean sharedItemBias) {
        public Config {
            new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
            Checks.positive("sourceWeight", sourceWeight);
            Checks.positive("targetWeight", targetWeight);
            if (!SHARE_MODES.contains(share)) {
                throw new IllegalArgumentException("share must be one of " + SHARE_MODES + ", was " + share);
            }
        }

        boolean sharesUsers() {
            return !"items".equals(share);
        }

        boolean sharesItems() {
            return !"users".equals(share);
        }

        SgdParams sgd() {
            return new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }
    }

    @Override
    public String id() {
        return "cmf";
    }

    @Override
    public Family family() {
        return Family.COLLECTIVE;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(20, 30, 0.01, 0.05, 0.01, 0.1, 1.0, 1.0, true, "users", true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        int numSources = task.sources().size();
        if (numSources == 0) {
            throw new IllegalArgumentException("cmf needs at least one source domain");
        }
        InteractionMatrix[] domains = config.sharesItems() ? onCommonItemIndex(task) : Pooled.targetThenSources(task);
        double[] weights = new double[numSources + 1];
        weights[0] = config.targetWeight();
        java.util.Arrays.fill(weights, 1, weights.length, config.sourceWeight());
        CollectiveSgd.Sharing sharing = new CollectiveSgd.Sharing(config.sharesUsers(),
                config.sharesUsers() && config.sharedUserBias(), config.sharesItems(),
                config.sharesItems() && config.sharedItemBias());
        CollectiveSgd.Result r = CollectiveSgd.train(domains, weights, sharing, config.sgd(), null, ctx.child("cmf"));
        FactorModel all = r.model(0, task.numUsers());
        if (!config.sharesItems()) {
            return all;
        }
        int numTarget = task.numTargetItems();
        float[] itemBias = new float[numTarget];
        float[] itemFactors = new float[numTarget * r.k()];
        for (int i = 0; i < numTarget; i++) {
            itemBias[i] = all.itemBias(i);
            all.copyItemFactors(i, itemFactors, i * r.k());
        }
        return new FactorModel(task.numUsers(), numTarget, r.k(), all.globalMean(), r.userBias()[0], itemBias,
                r.domainUserFactors()[0], itemFactors);
    }

    /**
     * The target training matrix and every source over one common item index: the target items
     * first (same indices), then each source's items whose raw id is not a target item, in
     * source order; a source item whose raw id is a target item takes that item's column.
     */
    static InteractionMatrix[] onCommonItemIndex(TransferTask task) {
        IdIndex targetItems = task.targetItems();
        int numSources = task.sources().size();
        int[][] columnOf = new int[numSources][];
        int numCols = targetItems.size();
        for (int s = 0; s < numSources; s++) {
            DomainData source = task.sources().get(s);
            int[] col = new int[source.items().size()];
            int matched = 0;
            for (int i = 0; i < col.length; i++) {
                int t = targetItems.indexOf(source.items().rawId(i));
                if (t >= 0) {
                    col[i] = t;
                    matched++;
                } else {
                    col[i] = numCols++;
                }
            }
            if (matched == 0) {
                throw new IllegalArgumentException("cmf share=items: source '" + source.name()
                        + "' has no item id in common with target '" + task.targetName()
                        + "' (items are matched by raw id); use share=users for disjoint item sets");
            }
            columnOf[s] = col;
        }
        InteractionMatrix target = task.targetTrain();
        int[] identity = new int[target.numCols()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        InteractionMatrix[] out = new InteractionMatrix[numSources + 1];
        out[0] = target.remapColumns(numCols, identity);
        for (int s = 0; s < numSources; s++) {
            out[s + 1] = task.sources().get(s).interactions().remapColumns(numCols, columnOf[s]);
        }
        return out;
    }
}
