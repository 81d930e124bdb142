package org.rectransfer.algorithms.mf;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;

/**
 * Biased matrix factorisation trained by SGD: {@code r(u,i) = mu + b_u + b_i + p_u . q_i}
 * (Koren, Bell &amp; Volinsky, "Matrix factorization techniques for recommender systems", IEEE
 * Computer 2009, Eq. 5 and the SGD rules of its "Learning algorithms" section), with separate
 * regularisation of factors and biases. See {@link CollectiveSgd} for the update order,
 * initialisation and the handling of users and items without training data (they keep zero
 * factors and bias: a user with no training rating is predicted {@code mu + b_i}).
 * Id {@code biased-mf}. Single-threaded SGD: bit-identical for a seed.
 */
public final class BiasedMf implements Algorithm<BiasedMf.Config> {

    /**
     * @param factors            latent dimension k (default 20)
     * @param epochs             SGD passes (default 30)
     * @param learningRate       step size (default 0.01)
     * @param regularization     L2 on factors (default 0.05)
     * @param biasRegularization L2 on biases (default 0.01)
     * @param initStd            std of initial factors (default 0.1)
     */
    public record Config(int factors, int epochs, double learningRate, double regularization, double biasRegularization,
                         double initStd) {
        public Config {
            sgd(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }

        /** The SGD parameters of this config. */
        public SgdParams sgd() {
            return sgd(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }

        private static SgdParams sgd(int factors, int epochs, double learningRate, double regularization,
                                     double biasRegularization, double initStd) {
            return new SgdParams(factors, epochs, learningRate, regularization, biasRegularization, initStd);
        }
    }

    @Override
    public String id() {
        return "biased-mf";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(20, 30, 0.01, 0.05, 0.01, 0.1);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public FactorModel fit(InteractionMatrix train, Config config, RunContext ctx) {
        CollectiveSgd.Result r = CollectiveSgd.train(new InteractionMatrix[] {train}, new double[] {1.0}, true,
                config.sgd(), ctx);
        return r.model(0, train.numRows());
    }
}
