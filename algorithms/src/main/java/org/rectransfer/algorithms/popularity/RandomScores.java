package org.rectransfer.algorithms.popularity;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;

/**
 * Random scores: the lower reference of every ranking comparison. {@code score(u, i)} is a
 * uniform number in {@code [0, 1)} that is a fixed function of (seed, u, i): the seed is the first
 * draw of {@code ctx.random("random-scores")}, and the score is the SplitMix64 finaliser (Steele,
 * Lea &amp; Flood, OOPSLA 2014) applied to the seed combined with u and i, so
 * {@link Recommender#predict} and {@link Recommender#scoreAll} agree, scoring needs no state or
 * allocation, and the model is safe to share. The same seed gives bit-identical scores, another
 * seed other scores. Training data is ignored apart from its shape. Id {@code random}.
 */
public final class RandomScores implements Algorithm<RandomScores.Config> {

    /** No parameters. */
    public record Config() {
    }

    @Override
    public String id() {
        return "random";
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
        long seed = ctx.random("random-scores").nextLong();
        return new Model(train.numRows(), train.numCols(), seed);
    }

    /** Immutable; scores are computed on the fly. */
    static final class Model implements Recommender {
        private static final long GOLDEN = 0x9E3779B97F4A7C15L;
        private final int numUsers;
        private final int numItems;
        private final long seed;

        Model(int numUsers, int numItems, long seed) {
            this.numUsers = numUsers;
            this.numItems = numItems;
            this.seed = seed;
        }

        @Override
        public int numUsers() {
            return numUsers;
        }

        @Override
        public int numItems() {
            return numItems;
        }

        @Override
        public double predict(int uidx, int iidx) {
            return score(uidx, iidx);
        }

        @Override
        public void scoreAll(int uidx, float[] out) {
            for (int i = 0; i < numItems; i++) {
                out[i] = score(uidx, i);
            }
        }

        private float score(int u, int i) {
            long z = mix(seed + GOLDEN * (((long) u << 32) | (i & 0xFFFFFFFFL)));
            z = mix(z ^ seed);
            return (z >>> 40) * 0x1.0p-24f; // 24 random bits: uniform float in [0, 1)
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
