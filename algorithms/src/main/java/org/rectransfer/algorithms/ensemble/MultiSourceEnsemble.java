package org.rectransfer.algorithms.ensemble;

import java.util.ArrayList;
import java.util.List;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * Multi-source ensemble: one single-source transfer model per source domain plus a no-transfer
 * target model, fused by linear stacking. For every source {@code s} the base strategy is fitted
 * on a single-source task (the same users, target items and target training data, sources
 * {@code [s]} only); the target-only model ignores the sources; the models are combined with
 * weights fitted on an inner split of the target training data by exactly the machinery of
 * {@link Stacking} (inner split, ridge / NNLS blend, refit on the full task; see there for the
 * holdout modes, the cost and the references: Wolpert 1992, Breiman 1996). This is the
 * "one model per source, then combine" scheme of multi-source transfer, with learned rather than
 * fixed source weights; the weights show how much each source is worth for the target.
 *
 * <p>With one source it degenerates to stacking of two models (base and target-only) and differs
 * from {@code stacking} with those two components only in the component contexts' names. With no
 * source it throws. Every source model sees the inner split's target data (the split is carved
 * once on the full task; a warm user is one with target training ratings and ratings in at least
 * one source).
 *
 * <p>Component order (fixed): source 0, source 1, ..., target-only; component names
 * {@code "<base>@<source name>"} and the target-only id. {@code factors > 0} overrides
 * {@code factors} in both component configs where present. Determinism: bit-identical iff the base
 * and the target-only strategy are ({@link #determinism(Config)}). Thread safety: stateless
 * strategy; immutable recommender. Id {@code multi-source-ensemble}.
 */
public final class MultiSourceEnsemble implements TransferStrategy<MultiSourceEnsemble.Config> {

    /**
     * @param base            single-source transfer strategy fitted per source (default {@code emcdr})
     * @param targetOnly      the no-transfer component (default {@code target-only(biased-mf)})
     * @param factors         if > 0, overrides {@code factors} of both component configs (default 0 = their defaults)
     * @param holdout         inner holdout: {@code cold-users}, {@code ratings} or {@code both} (default {@code cold-users})
     * @param holdoutFraction fraction hidden by the inner split, in (0, 1) (default 0.2)
     * @param ridge           L2 penalty on the blend weights per held-out rating, >= 0 (default 1e-3)
     * @param nonNegative     non-negative weights (default true)
     * @param intercept       fit a constant term (default true)
     */
    public record Config(String base, String targetOnly, int factors, String holdout, double holdoutFraction,
                         double ridge, boolean nonNegative, boolean intercept) {
        public Config {
            Components.resolve("base", base);
            Components.resolve("targetOnly", targetOnly);
            if (base.equals(targetOnly)) {
                throw new IllegalArgumentException("base and targetOnly must differ, both were '" + base + "'");
            }
            if (factors < 0) {
                throw new IllegalArgumentException("factors must be >= 0 (0 = component defaults), was " + factors);
            }
            new StackedFit.Settings(holdout, holdoutFraction, ridge, nonNegative, intercept);
        }

        StackedFit.Settings settings() {
            return new StackedFit.Settings(holdout, holdoutFraction, ridge, nonNegative, intercept);
        }
    }

    @Override
    public String id() {
        return "multi-source-ensemble";
    }

    @Override
    public Family family() {
        return Family.MODEL;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config("emcdr", "target-only(biased-mf)", 0, StackedFit.COLD_USERS, 0.2, 1e-3, true, true);
    }

    @Override
    public Determinism determinism() {
        return determinism(defaultConfig());
    }

    /** The weaker determinism of the base and the target-only strategy. */
    public static Determinism determinism(Config config) {
        return Components.weaker(Components.resolve("base", config.base()).determinism(),
                Components.resolve("targetOnly", config.targetOnly()).determinism());
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        return fitDetailed(task, config, ctx).model();
    }

    StackedFit.Result fitDetailed(TransferTask task, Config config, RunContext ctx) {
        int numSources = task.sources().size();
        if (numSources == 0) {
            throw new IllegalArgumentException("multi-source-ensemble needs at least one source domain");
        }
        TransferStrategy<?> base = Components.resolve("base", config.base());
        Record baseConfig = Components.configFor(base, config.factors());
        List<StackedFit.Component> parts = new ArrayList<>();
        for (int s = 0; s < numSources; s++) {
            int source = s;
            String name = config.base() + "@" + task.sources().get(s).name();
            parts.add(new StackedFit.Component() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Recommender fit(TransferTask t, RunContext ctx) {
                    return Components.fitRaw(base, baseConfig, singleSource(t, source), ctx);
                }
            });
        }
        parts.add(Components.withDefaults(config.targetOnly(), Components.resolve("targetOnly", config.targetOnly()),
                config.factors()));
        return StackedFit.fit(task, parts, config.settings(), ctx);
    }

    /** {@code task} with source {@code s} only. */
    static TransferTask singleSource(TransferTask task, int s) {
        DomainData source = task.sources().get(s);
        return new TransferTask(task.users(), List.of(source), task.targetName(), task.targetItems(),
                task.targetTrain());
    }
}
