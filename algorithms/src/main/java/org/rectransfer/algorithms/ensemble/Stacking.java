package org.rectransfer.algorithms.ensemble;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * Model fusion by linear stacking: several fitted transfer strategies combined with weights fit
 * on held-out data. References: Wolpert, "Stacked generalization", Neural Networks 5(2):241-259,
 * 1992 (level-0 models, a level-1 combiner trained on their held-out predictions); Breiman,
 * "Stacked regressions", Machine Learning 24(1):49-64, 1996 (linear combiner by least squares
 * with non-negative weights); the linear blending of the Netflix Prize teams (e.g. Töscher,
 * Jahrer &amp; Bell, "The BigChaos solution to the Netflix Grand Prize", 2009: ridge regression on
 * a probe set, then retraining the models on all data).
 *
 * <p>Algorithm. Let {@code r_1..r_m} be the component strategies. The fused prediction is
 * {@code b + sum_j w_j r_j(u, i)}, where {@code (b, w)} minimise, over held-out ratings,
 * {@code mean (y - b - sum_j w_j r_j)^2 + ridge |w|^2} with {@code w >= 0} when
 * {@code nonNegative} (Lawson-Hanson NNLS, {@link Nnls}) and {@code b = 0} unless
 * {@code intercept}. A strategy never sees the experiment's validation or test data, so the held-out
 * ratings come from an <b>inner split of the target training data</b> ({@link InnerSplit}, stream
 * {@code ctx.random("inner-split")}): each component is fitted on the inner task, its
 * predictions of the hidden ratings are the level-1 inputs, the weights are fitted, and then every
 * component is <b>refitted on the full task</b> and combined with those weights (Breiman's and the
 * Netflix teams' practice; Wolpert's cross-validated level-1 data is replaced by one holdout, which
 * halves the cost).
 *
 * <p>Holdout ({@code holdout}):
 * <ul>
 *   <li>{@code cold-users} (default): a fraction {@code holdoutFraction} of the warm users (target
 *   training ratings and source ratings) becomes simulated cold users whose target rows are hidden.
 *   The weights therefore fit <em>cold-start</em> behaviour (the benchmark's protocol) and are used
 *   for every user;</li>
 *   <li>{@code ratings}: a fraction of every user's target training ratings is hidden; the weights
 *   fit warm-user behaviour and are used for every user;</li>
 *   <li>{@code both}: two inner splits, cold weights from {@code cold-users} for users without
 *   target training data, warm weights from {@code ratings} for users with some. Costs a third
 *   fit of every component.</li>
 * </ul>
 * If an inner split hides fewer than two ratings, the blend is the plain average.
 *
 * <p>Components are strategy ids resolved through {@link org.rectransfer.core.spi.Registry} and
 * fitted with their default configs; {@code factors > 0} overrides the {@code int factors}
 * component of every component config that has one (rebuilt through the record's canonical
 * constructor, so its validation runs). Ensembles cannot be components (no recursion); duplicate
 * ids are refused. Component {@code j} is fitted with {@code ctx.child("inner").child(j + ":" + id)}
 * and {@code ctx.child("full").child(j + ":" + id)}.
 *
 * <p>Adaptation and deviations: users are shared across domains and items disjoint, so the
 * combination is per (user, target item) pair; the single linear combiner (no meta-features, no
 * per-item or per-support weights as in feature-weighted linear stacking) is Breiman's; the
 * intercept and the ridge are additions from the blending practice (set {@code intercept = false,
 * ridge = 0, nonNegative = true} for Breiman's exact combiner). Users without any data get each
 * component's fallback, blended with the cold weights.
 *
 * <p>Cost: every component is fitted twice (three times with {@code both}). Determinism: the fit is
 * single-threaded around the components, so the combination is bit-identical for a seed and any
 * thread count iff every component is; {@link #determinism()} reports the weakest guarantee of the
 * default components and {@link #determinism(Config)} that of a given config. Thread safety: the
 * strategy is stateless; the returned recommender is immutable and safe for concurrent scoring.
 * Index spaces: the task's shared users and its target items. Id {@code stacking}.
 */
public final class Stacking implements TransferStrategy<Stacking.Config> {

    /** Default components: no-transfer baseline, collective factorisation and embedding-and-mapping. */
    public static final List<String> DEFAULT_COMPONENTS = List.of("target-only(biased-mf)", "cmf", "emcdr");

    /**
     * @param components      component strategy ids, fitted with their defaults (default
     *                        {@code ["target-only(biased-mf)", "cmf", "emcdr"]})
     * @param factors         if > 0, overrides {@code factors} in every component config that has it;
     *                        0 keeps component defaults (default 0)
     * @param holdout         inner holdout: {@code cold-users}, {@code ratings} or {@code both} (default {@code cold-users})
     * @param holdoutFraction fraction hidden by the inner split, in (0, 1) (default 0.2)
     * @param ridge           L2 penalty on the blend weights per held-out rating, >= 0 (default 1e-3)
     * @param nonNegative     non-negative weights (Breiman) (default true)
     * @param intercept       fit a constant term (default true)
     */
    public record Config(List<String> components, int factors, String holdout, double holdoutFraction, double ridge,
                         boolean nonNegative, boolean intercept) {
        public Config {
            if (components == null || components.isEmpty()) {
                throw new IllegalArgumentException("components must list at least one strategy id, was " + components);
            }
            components = List.copyOf(components);
            Set<String> seen = new HashSet<>();
            for (String id : components) {
                Components.resolve("components", id);
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("components lists '" + id + "' twice: " + components);
                }
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
        return "stacking";
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
        return new Config(DEFAULT_COMPONENTS, 0, StackedFit.COLD_USERS, 0.2, 1e-3, true, true);
    }

    @Override
    public Determinism determinism() {
        return determinism(defaultConfig());
    }

    /** The weakest determinism among the config's components. */
    public static Determinism determinism(Config config) {
        Determinism d = Determinism.BIT_IDENTICAL;
        for (String id : config.components()) {
            d = Components.weaker(d, Components.resolve("components", id).determinism());
        }
        return d;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        return fitDetailed(task, config, ctx).model();
    }

    /** The fit with its blends, for tests. */
    StackedFit.Result fitDetailed(TransferTask task, Config config, RunContext ctx) {
        List<StackedFit.Component> parts = new ArrayList<>();
        for (String id : config.components()) {
            parts.add(Components.withDefaults(id, Components.resolve("components", id), config.factors()));
        }
        return StackedFit.fit(task, parts, config.settings(), ctx);
    }
}
