package org.rectransfer.algorithms.transfer;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.CollectiveSgd;
import org.rectransfer.algorithms.mf.SgdParams;
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
 */
public final class Cmf implements TransferStrategy<Cmf.Config> {

    /**
     * @param factors            shared latent dimension k (default 20)
     * @param epochs             SGD passes over all domains (default 30)
     * @param learningRate       step size (default 0.01)
     * @param regularization     L2 on factors (default 0.05)
     * @param biasRegularization L2 on biases (default 0.01)
     * @param initStd            std of initial factors (default 0.1)
     * @param sourceWeight       loss weight of every source rating, > 0 (default 1)
     * @param targetWeight       loss weight of every target rating, > 0 (default 1)
     * @param sharedUserBias     one user bias for all domains (default true)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization, double biasRegularization,
                         double initStd, double sourceWeight, double targetWeight, boolean sharedUserBias) {
        public Config {
            new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
            Checks.positive("sourceWeight", sourceWeight);
            Checks.positive("targetWeight", targetWeight);
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
        return new Config(20, 30, 0.01, 0.05, 0.01, 0.1, 1.0, 1.0, true);
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
        InteractionMatrix[] domains = new InteractionMatrix[numSources + 1];
        double[] weights = new double[numSources + 1];
        domains[0] = task.targetTrain();
        weights[0] = config.targetWeight();
        for (int s = 0; s < numSources; s++) {
            domains[s + 1] = task.sources().get(s).interactions();
            weights[s + 1] = config.sourceWeight();
        }
        CollectiveSgd.Result r = CollectiveSgd.train(domains, weights, config.sharedUserBias(), config.sgd(),
                ctx.child("cmf"));
        return r.model(0, task.numUsers());
    }
}
