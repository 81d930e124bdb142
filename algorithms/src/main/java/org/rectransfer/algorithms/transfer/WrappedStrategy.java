package org.rectransfer.algorithms.transfer;

import java.util.Objects;

import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * A {@link TransferStrategy} made by an {@link org.rectransfer.core.spi.AlgorithmWrapper} around a
 * single-domain {@link Algorithm}: id {@code wrapperId(algorithmId)}, the algorithm's config type,
 * defaults and determinism, and a fit that turns the task into what the algorithm sees.
 *
 * @param wrapperId the wrapper's id, e.g. {@code target-only}
 * @param family    the transfer family of the wrapped strategy
 * @param base      the wrapped algorithm
 * @param fitter    fits {@code base} for a task
 * @param <C>       the algorithm's config type
 */
record WrappedStrategy<C extends Record>(String wrapperId, Family family, Algorithm<C> base, Fitter<C> fitter)
        implements TransferStrategy<C> {

    /** How the wrapper fits its algorithm on a task. */
    @FunctionalInterface
    interface Fitter<C extends Record> {
        Recommender fit(Algorithm<C> base, TransferTask task, C config, RunContext ctx);
    }

    WrappedStrategy {
        Objects.requireNonNull(wrapperId, "wrapperId");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(fitter, "fitter");
    }

    @Override
    public String id() {
        return wrapperId + "(" + base.id() + ")";
    }

    @Override
    public Class<C> configType() {
        return base.configType();
    }

    @Override
    public C defaultConfig() {
        return base.defaultConfig();
    }

    @Override
    public Determinism determinism() {
        return base.determinism();
    }

    @Override
    public Recommender fit(TransferTask task, C config, RunContext ctx) {
        return fitter.fit(base, task, config, ctx);
    }
}
