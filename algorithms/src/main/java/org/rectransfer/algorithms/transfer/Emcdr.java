package org.rectransfer.algorithms.transfer;

import java.util.List;

import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * EMCDR, embedding and mapping for cross-domain recommendation (Man, Shen, Jin &amp; Cheng, IJCAI
 * 2017), linear-mapping variant:
 * <ol>
 *   <li>fit a biased MF ({@link BiasedMf}) on each source domain and on the target training data;</li>
 *   <li>on the <em>overlapping training users</em> (target training data and data in at least
 *   one source) learn a map {@code f(x_u) = x_u W} from the user's source representation to
 *   their target representation by ridge regression,
 *   {@code W = argmin sum_u |x_u W - y_u|^2 + mappingRegularization |W|^2};</li>
 *   <li>users without target training data but with source data (cold-start users) get target
 *   user parameters {@code f(x_u)}; all other users keep their own target parameters.</li>
 * </ol>
 * {@code x_u} concatenates, for every source, the user's source factors (and source bias when
 * {@code transferBias}), plus a constant 1 when {@code intercept}; {@code y_u} is the target
 * factors (and target bias when {@code transferBias}). A user absent from a source has zeros
 * in that source's block.
 *
 * <p>Deviations: the paper learns the map by gradient descent; for the linear map the ridge
 * solution is that objective's exact minimiser, computed in closed form (EJML Cholesky).
 * Mapping the user bias ({@code transferBias}, default true) and the intercept are additions:
 * the paper maps factors only (set both false for the paper's model); the bias carries the
 * user's rating level, which is most of the cold-start gain (METHODS.md). The MLP mapping of
 * the paper comes with the transfer-strategies issue. Id {@code emcdr}. Bit-identical for a seed.
 */
public final class Emcdr implements TransferStrategy<Emcdr.Config> {

    /**
     * @param factors               k of the per-domain MF models (default 20)
     * @param epochs                SGD passes of each MF (default 30)
     * @param learningRate          SGD step size (default 0.01)
     * @param regularization        L2 on factors (default 0.05)
     * @param biasRegularization    L2 on biases (default 0.01)
     * @param initStd               std of initial factors (default 0.1)
     * @param mappingRegularization ridge weight of the map, >= 0 (default 1.0)
     * @param transferBias          map user biases too (default true)
     * @param intercept             add a constant input to the map (default true)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization, double biasRegularization,
                         double initStd, double mappingRegularization, boolean transferBias, boolean intercept) {
        public Config {
            mf(factors, epochs, learningRate, regularization, biasRegularization, initStd);
            Checks.nonNegative("mappingRegularization", mappingRegularization);
        }

        BiasedMf.Config mf() {
            return mf(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }

        private static BiasedMf.Config mf(int factors, int epochs, double learningRate, double regularization,
                                          double biasRegularization, double initStd) {
            return new BiasedMf.Config(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }
    }

    @Override
    public String id() {
        return "emcdr";
    }

    @Override
    public Family family() {
        return Family.MAPPING;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(20, 30, 0.01, 0.05, 0.01, 0.1, 1.0, true, true);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        int numSources = task.sources().size();
        if (numSources == 0) {
            throw new IllegalArgumentException("emcdr needs at least one source domain");
        }
        DomainModels models = DomainModels.fit(task, config.mf(), ctx);
        FactorModel target = models.target();
        List<FactorModel> sources = models.sources();
        UserMapping mapping = UserMapping.fitRidge(task, sources, target, config.transferBias(), config.intercept(),
                config.mappingRegularization());
        int k = config.factors();
        int numUsers = task.numUsers();
        float[] userFactors = new float[numUsers * k];
        float[] userBias = new float[numUsers];
        for (int u = 0; u < numUsers; u++) {
            boolean cold = task.targetTrain().rowSize(u) == 0 && DomainModels.hasSourceData(task, u);
            target.copyUserFactors(u, userFactors, u * k);
            userBias[u] = target.userBias(u); // kept when biases are not mapped (0 for a cold user)
            if (cold) {
                mapping.map(task, sources, u, userFactors, userBias);
            }
        }
        return target.withUsers(userBias, userFactors);
    }
}
