package org.rectransfer.algorithms.transfer;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.AlgorithmWrapper;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * {@code pooled(algo)}: the naive transfer baseline ("DataAug" in PTUPCDR's code). The target
 * training matrix and every source matrix are put side by side in one users x (target items +
 * source items) matrix (item index spaces kept apart: target items first, then each source's
 * items in source order), {@code algo} is fitted on it as if it were one domain, and the
 * result is restricted to the target items. Users carry their source ratings into the model,
 * so cold-start users get whatever the base algorithm learns from their source data.
 */
public final class Pooled implements AlgorithmWrapper {

    @Override
    public String id() {
        return "pooled";
    }

    @Override
    public <C extends Record> TransferStrategy<C> wrap(Algorithm<C> algorithm) {
        return new WrappedStrategy<>(id(), Family.COLLECTIVE, algorithm, (base, task, config, ctx) ->
                new ItemPrefixView(base.fit(poolColumns(task), config, ctx.child("pooled")), task.numTargetItems()));
    }

    /** The side-by-side matrix described in the class comment. */
    static InteractionMatrix poolColumns(TransferTask task) {
        InteractionMatrix target = task.targetTrain();
        int cols = target.numCols();
        for (DomainData s : task.sources()) {
            cols += s.interactions().numCols();
            if (s.interactions().isExplicit() != target.isExplicit()) {
                throw new IllegalArgumentException("pooled: source '" + s.name() + "' is "
                        + (s.interactions().isExplicit() ? "explicit" : "implicit") + " but the target is not");
            }
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(task.numUsers(), cols, target.isExplicit(), false);
        int offset = 0;
        for (InteractionMatrix m : targetThenSources(task)) {
            for (int u = 0; u < m.numRows(); u++) {
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    b.add(u, offset + m.col(p), m.value(p));
                }
            }
            offset += m.numCols();
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    /** The task's matrices in pooled order: the target training matrix, then every source in task order. */
    public static InteractionMatrix[] targetThenSources(TransferTask task) {
        InteractionMatrix[] all = new InteractionMatrix[task.sources().size() + 1];
        all[0] = task.targetTrain();
        for (int s = 0; s < task.sources().size(); s++) {
            all[s + 1] = task.sources().get(s).interactions();
        }
        return all;
    }
}
