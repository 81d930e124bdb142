package org.rectransfer.algorithms.baseline;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.RunContext;

/**
 * User-item baseline {@code r(u,i) = mu + b_u + b_i} with damped (shrunk) means, computed in one
 * pass each as in Koren (2010, "Factor in the neighbors", Sec. 2.1):
 * {@code b_i = sum_u (r_ui - mu) / (itemDamping + |R(i)|)}, then
 * {@code b_u = sum_i (r_ui - mu - b_i) / (userDamping + |R(u)|)}. Users and items without
 * training ratings get bias 0. Id {@code bias-baseline}. Deterministic.
 */
public final class BiasBaseline implements Algorithm<BiasBaseline.Config> {

    /**
     * @param itemDamping shrinkage of item biases toward 0, >= 0 (default 25, Koren's lambda_2)
     * @param userDamping shrinkage of user biases toward 0, >= 0 (default 10, Koren's lambda_3)
     */
    public record Config(double itemDamping, double userDamping) {
        public Config {
            Checks.nonNegative("itemDamping", itemDamping);
            Checks.nonNegative("userDamping", userDamping);
        }
    }

    @Override
    public String id() {
        return "bias-baseline";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(25, 10);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public FactorModel fit(InteractionMatrix train, Config config, RunContext ctx) {
        return damped(train, config);
    }

    /** The damped baseline of {@code train}; needs no randomness (also used to centre the KNN models). */
    public static FactorModel damped(InteractionMatrix train, Config config) {
        if (train.nnz() == 0) {
            throw new IllegalArgumentException("bias-baseline needs at least one training rating");
        }
        double mu = train.meanValue();
        InteractionMatrix byItem = train.transpose();
        float[] itemBias = new float[train.numCols()];
        for (int i = 0; i < byItem.numRows(); i++) {
            double sum = 0;
            for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                sum += byItem.value(p) - mu;
            }
            int n = byItem.rowSize(i);
            itemBias[i] = n == 0 ? 0f : (float) (sum / (config.itemDamping() + n));
        }
        float[] userBias = new float[train.numRows()];
        for (int u = 0; u < train.numRows(); u++) {
            double sum = 0;
            for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
                sum += train.value(p) - mu - itemBias[train.col(p)];
            }
            int n = train.rowSize(u);
            userBias[u] = n == 0 ? 0f : (float) (sum / (config.userDamping() + n));
        }
        return new FactorModel(train.numRows(), train.numCols(), 0, mu, userBias, itemBias, new float[0], new float[0]);
    }
}
