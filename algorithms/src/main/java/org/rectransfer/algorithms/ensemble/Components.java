package org.rectransfer.algorithms.ensemble;

import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/** Resolving component strategy ids for the ensembles, and fitting a strategy with its default config. */
final class Components {
    private Components() {
    }

    /**
     * The strategy registered under {@code id} (the registry's message lists what exists when it
     * is unknown); an ensemble is refused, so fusions never nest.
     *
     * @param field the config field naming it, for messages
     */
    static TransferStrategy<?> resolve(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(field + " must name a strategy, was " + (id == null ? "null" : "'" + id + "'"));
        }
        TransferStrategy<?> s;
        try {
            s = Registry.load().strategy(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
        if (s instanceof Stacking || s instanceof MultiSourceEnsemble) {
            throw new IllegalArgumentException(field + ": '" + id + "' is itself an ensemble; ensembles do not nest");
        }
        return s;
    }

    /** The weaker of two guarantees (BIT_IDENTICAL > SAME_THREAD_COUNT > NONE). */
    static Determinism weaker(Determinism a, Determinism b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** {@code s} fitted with its default config, {@code factors} overridden when > 0 and the config has it. */
    static StackedFit.Component withDefaults(String name, TransferStrategy<?> s, int factors) {
        Record config = ConfigOverrides.withFactors(s.defaultConfig(), factors);
        return new StackedFit.Component() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Recommender fit(TransferTask task, RunContext ctx) {
                return fitRaw(s, config, task, ctx);
            }
        };
    }

    /** The component config {@link #withDefaults} uses (for tests and reports). */
    static Record configFor(TransferStrategy<?> s, int factors) {
        return ConfigOverrides.withFactors(s.defaultConfig(), factors);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Recommender fitRaw(TransferStrategy s, Record config, TransferTask task, RunContext ctx) {
        return s.fit(task, config, ctx);
    }
}
