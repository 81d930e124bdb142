package org.rectransfer.algorithms.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;

/**
 * The stacking machinery shared by {@link Stacking} and {@link MultiSourceEnsemble}:
 * <ol>
 *   <li>carve an inner split from the task's target training data ({@link InnerSplit}, stream
 *   {@code ctx.random("inner-split")}; the second split of holdout {@code both} uses
 *   {@code "inner-split-ratings"});</li>
 *   <li>fit every component on the inner task (context {@code ctx.child("inner").child(j + ":" + name)})
 *   and predict the hidden ratings;</li>
 *   <li>fit the blend ({@link Blend#fit}) on those predictions;</li>
 *   <li>refit every component on the full task ({@code ctx.child("full").child(j + ":" + name)})
 *   and combine them with the blend ({@link BlendedRecommender}).</li>
 * </ol>
 * When the inner split hides nothing (no warm user with source data, or too few ratings) there
 * is nothing to fit on and the blend is the plain average of the components.
 */
final class StackedFit {
    /** Inner holdout modes. */
    static final String COLD_USERS = "cold-users";
    static final String RATINGS = "ratings";
    static final String BOTH = "both";
    static final Set<String> HOLDOUTS = Set.of(COLD_USERS, RATINGS, BOTH);

    private StackedFit() {
    }

    /** One model to fuse: a name (for its context and messages) and how it fits on a task. */
    interface Component {
        String name();

        Recommender fit(TransferTask task, RunContext ctx);
    }

    /**
     * How the blend is fitted (validated here for both strategies' configs).
     *
     * @param holdout         {@code cold-users}, {@code ratings} or {@code both}
     * @param holdoutFraction fraction of warm users ({@code cold-users}) or of each user's ratings
     *                        ({@code ratings}) hidden, in (0, 1)
     * @param ridge           L2 penalty on the weights per held-out rating, >= 0
     * @param nonNegative     constrain weights to >= 0 (NNLS)
     * @param intercept       fit a constant term
     */
    record Settings(String holdout, double holdoutFraction, double ridge, boolean nonNegative, boolean intercept) {
        Settings {
            if (holdout == null || !HOLDOUTS.contains(holdout)) {
                throw new IllegalArgumentException("holdout must be one of " + List.of(COLD_USERS, RATINGS, BOTH)
                        + ", was " + (holdout == null ? "null" : "'" + holdout + "'"));
            }
            if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
                throw new IllegalArgumentException("holdoutFraction must be in (0, 1), was " + holdoutFraction);
            }
            Checks.nonNegative("ridge", ridge);
        }
    }

    /** The fitted blends and the fused model. */
    record Result(Blend cold, Blend warm, BlendedRecommender model) {
    }

    static Result fit(TransferTask task, List<Component> components, Settings s, RunContext ctx) {
        if (components.isEmpty()) {
            throw new IllegalArgumentException("stacking needs at least one component");
        }
        Blend cold;
        Blend warm;
        switch (s.holdout()) {
            case COLD_USERS -> {
                cold = blendOn(InnerSplit.coldUsers(task, s.holdoutFraction(), ctx.random("inner-split")), components,
                        s, ctx.child("inner"));
                warm = cold;
            }
            case RATINGS -> {
                cold = blendOn(InnerSplit.ratings(task, s.holdoutFraction(), ctx.random("inner-split")), components,
                        s, ctx.child("inner"));
                warm = cold;
            }
            default -> {
                cold = blendOn(InnerSplit.coldUsers(task, s.holdoutFraction(), ctx.random("inner-split")), components,
                        s, ctx.child("inner"));
                warm = blendOn(InnerSplit.ratings(task, s.holdoutFraction(), ctx.random("inner-split-ratings")),
                        components, s, ctx.child("inner-ratings"));
            }
        }
        List<Recommender> full = fitAll(task, components, ctx.child("full"));
        boolean[] hasTarget = new boolean[task.numUsers()];
        for (int u = 0; u < hasTarget.length; u++) {
            hasTarget[u] = task.targetTrain().rowSize(u) > 0;
        }
        return new Result(cold, warm, new BlendedRecommender(full, cold, warm, hasTarget));
    }

    private static List<Recommender> fitAll(TransferTask task, List<Component> components, RunContext ctx) {
        List<Recommender> out = new ArrayList<>(components.size());
        for (int j = 0; j < components.size(); j++) {
            Component c = components.get(j);
            ctx.checkCancelled("stacking:" + c.name());
            out.add(c.fit(task, ctx.child(j + ":" + c.name())));
            ctx.progress().report("stacking", j + 1, components.size());
        }
        return out;
    }

    private static Blend blendOn(InnerSplit split, List<Component> components, Settings s, RunContext ctx) {
        InteractionMatrix held = split.heldOut();
        int m = components.size();
        if (held.nnz() < 2) {
            return Blend.uniform(m);
        }
        List<Recommender> inner = fitAll(split.task(), components, ctx);
        int n = held.nnz();
        double[][] x = new double[m][n];
        double[] y = new double[n];
        for (int u = 0; u < held.numRows(); u++) {
            for (int p = held.rowStart(u); p < held.rowEnd(u); p++) {
                y[p] = held.value(p);
                for (int j = 0; j < m; j++) {
                    x[j][p] = inner.get(j).predict(u, held.col(p));
                }
            }
        }
        return Blend.fit(x, y, s.ridge(), s.nonNegative(), s.intercept());
    }
}
