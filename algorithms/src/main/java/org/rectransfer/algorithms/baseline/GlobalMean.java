package org.rectransfer.algorithms.baseline;

import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;

/** Predicts the mean training rating for every user and item. Id {@code global-mean}. */
public final class GlobalMean implements Algorithm<GlobalMean.Config> {

    /** No parameters. */
    public record Config() {
    }

    @Override
    public String id() {
        return "global-mean";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config();
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(InteractionMatrix train, Config config, RunContext ctx) {
        if (train.nnz() == 0) {
            throw new IllegalArgumentException("global-mean needs at least one training rating");
        }
        return new FactorModel(train.numRows(), train.numCols(), 0, train.meanValue(), new float[train.numRows()],
                new float[train.numCols()], new float[0], new float[0]);
    }
}
