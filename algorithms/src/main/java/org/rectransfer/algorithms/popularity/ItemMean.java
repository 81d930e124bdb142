package org.rectransfer.algorithms.popularity;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;

/**
 * Predicts the item's mean training rating, damped toward the global mean {@code mu}:
 * {@code r(u,i) = (sum_{u in R(i)} r_ui + damping * mu) / (|R(i)| + damping)} (Funk's "better
 * mean", "Netflix Update: Try This at Home", 2006, damping 25), the same for every user. An item
 * without training ratings is predicted {@code mu}. Ranking by it recommends well-rated items
 * with enough support. Implicit matrices count every entry as 1 (so every item scores 1 except
 * unseen ones, which also score {@code mu = 1}). Id {@code item-mean}; deterministic.
 */
public final class ItemMean implements Algorithm<ItemMean.Config> {

    /** @param damping pseudo-count of ratings at {@code mu}, >= 0 (default 25; 0 = plain mean) */
    public record Config(double damping) {
        public Config {
            Checks.nonNegative("damping", damping);
        }
    }

    @Override
    public String id() {
        return "item-mean";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(25.0);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(InteractionMatrix train, Config config, RunContext ctx) {
        if (train.nnz() == 0) {
            throw new IllegalArgumentException("item-mean needs at least one training rating");
        }
        double mu = train.meanValue();
        return new ItemScoreModel(train.numRows(), DampedMeans.ofRows(train.transpose(), mu, config.damping()));
    }
}
