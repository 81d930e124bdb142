package org.rectransfer.algorithms.transfer;

import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.AlgorithmWrapper;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

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
        return new Strategy<>(algorithm);
    }

    private record Strategy<C extends Record>(Algorithm<C> base) implements TransferStrategy<C> {
        @Override
        public String id() {
            return "target-only(" + base.id() + ")";
        }

        @Override
        public Family family() {
            return Family.NONE;
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
            return base.fit(task.targetTrain(), config, ctx.child("target"));
        }
    }
}
