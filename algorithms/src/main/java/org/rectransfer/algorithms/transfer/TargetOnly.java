package org.rectransfer.algorithms.transfer;

import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.AlgorithmWrapper;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.TransferStrategy;

/**
 * {@code target-only(algo)}: the no-transfer baseline. Fits {@code algo} on the target training
 * data alone and ignores every source. Every transfer result is reported as a gain over it.
 */
public final class TargetOnly implements AlgorithmWrapper {

    @Override
    public String id() {
        return "target-only";
    }

    @Override
    public <C extends Record> TransferStrategy<C> wrap(Algorithm<C> algorithm) {
        return new WrappedStrategy<>(id(), Family.NONE, algorithm,
                (base, task, config, ctx) -> base.fit(task.targetTrain(), config, ctx.child("target")));
    }
}
