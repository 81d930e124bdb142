package org.rectransfer.algorithms.popularity;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;

/**
 * Most popular: every user gets {@code score(i) = number of training interactions of i}
 * (stored entries, whatever their value), the standard non-personalised top-N baseline (e.g.
 * Cremonesi, Koren &amp; Turrin, RecSys 2010, "TopPop"). Ties rank by lower item index; items
 * without training data score 0. {@link Recommender#predict} returns the count too (not a
 * rating). Id {@code most-popular}; deterministic.
 */
public final class MostPopular implements Algorithm<MostPopular.Config> {

    /** No parameters. */
    public record Config() {
    }

    @Override
    public String id() {
        return "most-popular";
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
        InteractionMatrix byItem = train.transpose();
        float[] counts = new float[train.numCols()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = byItem.rowSize(i); // exact in float up to 2^24 interactions per item
        }
        return new ItemScoreModel(train.numRows(), counts);
    }
}
