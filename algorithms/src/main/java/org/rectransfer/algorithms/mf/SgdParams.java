package org.rectransfer.algorithms.mf;

/**
 * Hyper-parameters of the SGD factoriser shared by BiasedMF, CMF and EMCDR.
 *
 * @param factors            latent dimension k, >= 1
 * @param epochs             passes over the training data, >= 1
 * @param learningRate       SGD step size, > 0
 * @param regularization     L2 weight on user and item factors, >= 0
 * @param biasRegularization L2 weight on user and item biases, >= 0
 * @param initStd            standard deviation of the Gaussian initial factors, > 0
 */
public record SgdParams(int factors, int epochs, double learningRate, double regularization,
                        double biasRegularization, double initStd) {
    public SgdParams {
        Checks.positive("factors", factors);
        Checks.positive("epochs", epochs);
        Checks.positive("learningRate", learningRate);
        Checks.nonNegative("regularization", regularization);
        Checks.nonNegative("biasRegularization", biasRegularization);
        Checks.positive("initStd", initStd);
    }
}
