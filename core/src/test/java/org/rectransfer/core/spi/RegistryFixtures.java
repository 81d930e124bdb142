package org.rectransfer.core.spi;

import java.util.Arrays;

import org.rectransfer.core.data.InteractionMatrix;

/**
 * Test-only service implementations for {@link RegistryTest}. They are registered under
 * {@code registry-fixture/META-INF/services} (not the real {@code META-INF/services}) so that
 * they never leak into the registries of modules that use the core test-jar.
 */
public final class RegistryFixtures {
    private RegistryFixtures() {
    }

    /** Config of {@link ConstantAlgorithm}. */
    public record ConstantConfig(double value) {
    }

    /** A recommender scoring every item with one value. */
    public record ConstantRecommender(int numUsers, int numItems, double value) implements Recommender {
        @Override
        public double predict(int uidx, int iidx) {
            return value;
        }

        @Override
        public void scoreAll(int uidx, float[] out) {
            Arrays.fill(out, 0, numItems, (float) value);
        }
    }

    /** Algorithm "constant": predicts the configured value. */
    public static final class ConstantAlgorithm implements Algorithm<ConstantConfig> {
        @Override
        public String id() {
            return "constant";
        }

        @Override
        public Class<ConstantConfig> configType() {
            return ConstantConfig.class;
        }

        @Override
        public ConstantConfig defaultConfig() {
            return new ConstantConfig(3.0);
        }

        @Override
        public Determinism determinism() {
            return Determinism.BIT_IDENTICAL;
        }

        @Override
        public Recommender fit(InteractionMatrix train, ConstantConfig config, RunContext ctx) {
            return new ConstantRecommender(train.numRows(), train.numCols(), config.value());
        }
    }

    /** Algorithm "mean": predicts the training mean (no config). */
    public static final class MeanAlgorithm implements Algorithm<MeanAlgorithm.Config> {
        public record Config() {
        }

        @Override
        public String id() {
            return "mean";
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
            return new ConstantRecommender(train.numRows(), train.numCols(), train.meanValue());
        }
    }

    /** Another class claiming the id "constant" (for the duplicate-id check). */
    public static final class ImpostorAlgorithm implements Algorithm<ConstantConfig> {
        private final ConstantAlgorithm delegate = new ConstantAlgorithm();

        @Override
        public String id() {
            return "constant";
        }

        @Override
        public Class<ConstantConfig> configType() {
            return ConstantConfig.class;
        }

        @Override
        public ConstantConfig defaultConfig() {
            return delegate.defaultConfig();
        }

        @Override
        public Determinism determinism() {
            return Determinism.NONE;
        }

        @Override
        public Recommender fit(InteractionMatrix train, ConstantConfig config, RunContext ctx) {
            return delegate.fit(train, config, ctx);
        }
    }

    /** Wrapper "target-only-test": fits the algorithm on the target training matrix. */
    public static final class TargetOnlyWrapper implements AlgorithmWrapper {
        @Override
        public String id() {
            return "target-only-test";
        }

        @Override
        public <C extends Record> TransferStrategy<C> wrap(Algorithm<C> algorithm) {
            String wrappedId = id() + "(" + algorithm.id() + ")";
            return new TransferStrategy<>() {
                @Override
                public String id() {
                    return wrappedId;
                }

                @Override
                public Family family() {
                    return Family.NONE;
                }

                @Override
                public Class<C> configType() {
                    return algorithm.configType();
                }

                @Override
                public C defaultConfig() {
                    return algorithm.defaultConfig();
                }

                @Override
                public Determinism determinism() {
                    return algorithm.determinism();
                }

                @Override
                public Recommender fit(TransferTask task, C config, RunContext ctx) {
                    return algorithm.fit(task.targetTrain(), config, ctx);
                }
            };
        }
    }

    /** A registered strategy "joint-test". */
    public static final class JointStrategy implements TransferStrategy<ConstantConfig> {
        @Override
        public String id() {
            return "joint-test";
        }

        @Override
        public Family family() {
            return Family.COLLECTIVE;
        }

        @Override
        public Class<ConstantConfig> configType() {
            return ConstantConfig.class;
        }

        @Override
        public ConstantConfig defaultConfig() {
            return new ConstantConfig(1.0);
        }

        @Override
        public Determinism determinism() {
            return Determinism.BIT_IDENTICAL;
        }

        @Override
        public Recommender fit(TransferTask task, ConstantConfig config, RunContext ctx) {
            return new ConstantRecommender(task.numUsers(), task.numTargetItems(), config.value());
        }
    }
}
