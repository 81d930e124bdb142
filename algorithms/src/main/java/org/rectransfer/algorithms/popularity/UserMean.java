package org.rectransfer.algorithms.popularity;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;

/**
 * Predicts the user's mean training rating, damped toward the global mean {@code mu}:
 * {@code r(u,i) = (sum_{i in R(u)} r_ui + damping * mu) / (|R(u)| + damping)} (the "better mean"
 * of Simon Funk, "Netflix Update: Try This at Home", 2006, who used a damping of 25). A user
 * without training ratings is predicted {@code mu}. Every item of a user gets the same score, so
 * this is a rating-prediction baseline only (rankings tie and follow item index). Implicit
 * matrices count every entry as 1. Id {@code user-mean}; deterministic.
 */
public final class UserMean implements Algorithm<UserMean.Config> {

    /** @param damping pseudo-count of ratings at {@code mu}, >= 0 (default 25; 0 = plain mean) */
    public record Config(double damping) {
        public Config {
            Checks.nonNegative("damping", damping);
        }
    }

    @Override
    public String id() {
        return "user-mean";
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
            throw new IllegalArgumentException("user-mean needs at least one training rating");
        }
        double mu = train.meanValue();
        return new UserScoreModel(train.numCols(), DampedMeans.ofRows(train, mu, config.damping()));
    }
}
