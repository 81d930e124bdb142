package org.rectransfer.algorithms.transfer;

import java.util.ArrayList;
import java.util.List;

import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.CollectiveSgd;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.algorithms.mf.SgdParams;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * Fine-tuning, the model-based transfer of parameter initialisation plus a regulariser toward
 * the source model (Pan &amp; Yang 2010, "model-based transfer"; the pre-train / fine-tune scheme
 * of e.g. the transfer stage of TMCDR, Zhu et al. 2021):
 * <ol>
 *   <li>pre-train a biased MF on each source domain;</li>
 *   <li>give every user with source data a prior on target user parameters:
 *   {@link Mapping#IDENTITY} takes the single source's factors (and bias) as they are, and the
 *   target item factors are then learned to fit them; {@link Mapping#LINEAR} maps them with
 *   EMCDR's ridge map learned between a target-only MF and the source MF on overlapping
 *   training users;</li>
 *   <li>train a biased MF on the target training data by SGD starting from the prior and
 *   regularised toward it ({@code lambda |p_u - prior_u|^2}, {@code lambda_b (b_u - prior_b)^2});
 *   users without target data (cold-start users) keep their prior.</li>
 * </ol>
 * With {@code transferBias = false} the user bias starts at 0 and is shrunk toward 0 as in plain
 * MF, isolating the transfer of factors (METHODS.md, "Measured observation"). Id
 * {@code fine-tune}. Bit-identical for a seed.
 */
public final class FineTune implements TransferStrategy<FineTune.Config> {

    /** How source user parameters become the target prior. */
    public enum Mapping {
        /** The source factors themselves (one source only). */
        IDENTITY,
        /** EMCDR's ridge map learned on overlapping training users (any number of sources). */
        LINEAR
    }

    /**
     * @param factors               k of every MF (default 20)
     * @param epochs                SGD passes of each MF (default 30)
     * @param learningRate          SGD step size (default 0.01)
     * @param regularization        L2 weight, toward the prior for users with one (default 0.05)
     * @param biasRegularization    L2 weight on biases (default 0.01)
     * @param initStd               std of initial factors (default 0.1)
     * @param mapping               IDENTITY or LINEAR (default IDENTITY)
     * @param mappingRegularization ridge weight of the LINEAR map (default 1.0)
     * @param transferBias          carry the user bias into the prior (default true)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization, double biasRegularization,
                         double initStd, Mapping mapping, double mappingRegularization, boolean transferBias) {
        public Config {
            new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
            if (mapping == null) {
                throw new IllegalArgumentException("mapping must be IDENTITY or LINEAR");
            }
            Checks.nonNegative("mappingRegularization", mappingRegularization);
        }

        SgdParams sgd() {
            return new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }

        BiasedMf.Config mf() {
            return new BiasedMf.Config(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }
    }

    @Override
    public String id() {
        return "fine-tune";
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
        return new Config(20, 30, 0.01, 0.05, 0.01, 0.1, Mapping.IDENTITY, 1.0, true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        int numSources = task.sources().size();
        if (numSources == 0) {
            throw new IllegalArgumentException("fine-tune needs at least one source domain");
        }
        BiasedMf mf = new BiasedMf();
        List<FactorModel> sources = new ArrayList<>(numSources);
        for (int s = 0; s < numSources; s++) {
            sources.add(mf.fit(task.sources().get(s).interactions(), config.mf(), ctx.child("source-" + s)));
        }
        UserMapping mapping = config.mapping() == Mapping.IDENTITY
                ? UserMapping.identity(config.factors(), numSources, config.transferBias())
                : UserMapping.fitRidge(task, sources, mf.fit(task.targetTrain(), config.mf(), ctx.child("target-only")),
                config.transferBias(), true, config.mappingRegularization());
        int k = config.factors();
        int numUsers = task.numUsers();
        float[] priorFactors = new float[numUsers * k];
        float[] priorBias = new float[numUsers];
        boolean[] has = new boolean[numUsers];
        for (int u = 0; u < numUsers; u++) {
            if (DomainModels.hasSourceData(task, u)) {
                has[u] = true;
                mapping.map(task, sources, u, priorFactors, priorBias);
            }
        }
        CollectiveSgd.Result r = CollectiveSgd.train(new InteractionMatrix[] {task.targetTrain()}, new double[] {1.0},
                true, config.sgd(), new CollectiveSgd.UserPrior(priorFactors, priorBias, has), ctx.child("fine-tune"));
        return r.model(0, numUsers);
    }
}
