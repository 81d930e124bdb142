package org.rectransfer.core.spi;

/**
 * A cross-domain model factory, found through {@link java.util.ServiceLoader} (or built by an
 * {@link AlgorithmWrapper} around a single-domain algorithm). Stateless and thread-safe.
 *
 * @param <C> the validated config record
 */
public interface TransferStrategy<C extends Record> {

    /** Stable id used in experiment configs, e.g. {@code "cmf"} or {@code "target-only(biased-mf)"}. */
    String id();

    Family family();

    Class<C> configType();

    /** The config with every parameter at its documented default. */
    C defaultConfig();

    Determinism determinism();

    /**
     * Fits on the task's training data (source domains and target training interactions; no
     * validation or test data is reachable from it) and returns a recommender over the shared
     * users and the target items.
     */
    Recommender fit(TransferTask task, C config, RunContext ctx);
}
