package org.rectransfer.algorithms.transfer;

import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.AlgorithmWrapper;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.TransferStrategy;

/**
 * {@code implicit(algo)}: the no-transfer baseline of the one-class (implicit feedback) ranking
 * protocol. Every stored entry of the target training matrix becomes a positive with value 1
 * (rating values and timestamps dropped, Hu, Koren &amp; Volinsky 2008; Rendle et al. 2009), and
 * {@code algo} is fitted on that matrix alone; sources are ignored, as in
 * {@code target-only(algo)}. Evaluation is unchanged: held-out ratings still decide relevance
 * ({@code relevanceThreshold}), so this is the protocol of the MovieLens 100K ranking baselines
 * (docs/baselines-ml100k.md) run through the experiment runner.
 *
 * <p>Algorithms that need rating values (biased MF, SVD++, Funk SVD, ALS, Slope One, ...) refuse
 * the implicit matrix with an {@link IllegalArgumentException} when fitted.
 */
public final class Implicit implements AlgorithmWrapper {

    @Override
    public String id() {
        return "implicit";
    }

    @Override
    public <C extends Record> TransferStrategy<C> wrap(Algorithm<C> algorithm) {
        return new WrappedStrategy<>(id(), Family.NONE, algorithm,
                (base, task, config, ctx) -> base.fit(positives(task.targetTrain()), config, ctx.child("implicit")));
    }

    /** All stored entries of {@code m} as positives (value 1) of an implicit matrix of the same shape. */
    public static InteractionMatrix positives(InteractionMatrix m) {
        InteractionMatrix.Builder b = InteractionMatrix.builder(m.numRows(), m.numCols(), false, false);
        for (int u = 0; u < m.numRows(); u++) {
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                b.add(u, m.col(p), 1f);
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }
}
