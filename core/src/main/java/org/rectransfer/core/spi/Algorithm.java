package org.rectransfer.core.spi;

import org.rectransfer.core.data.InteractionMatrix;

/**
 * A single-domain model factory, found through {@link java.util.ServiceLoader}. Stateless and
 * thread-safe; every fit returns a new immutable {@link Recommender}.
 *
 * @param <C> the validated config record; {@link #defaultConfig()} documents the defaults
 */
public interface Algorithm<C extends Record> {

    /** Stable id used in experiment configs, e.g. {@code "biased-mf"}. */
    String id();

    Class<C> configType();

    /** The config with every parameter at its documented default. */
    C defaultConfig();

    Determinism determinism();

    /**
     * Fits on {@code train} (users x items, training data only) and returns a recommender over
     * the same users and items.
     */
    Recommender fit(InteractionMatrix train, C config, RunContext ctx);
}
