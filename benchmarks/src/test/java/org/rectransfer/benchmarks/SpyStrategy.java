package org.rectransfer.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.rectransfer.algorithms.baseline.GlobalMean;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Family;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * Test-only strategy ({@code spy}) that records every {@link TransferTask} it is given, so a
 * test can check what a strategy can reach. Registered only on the benchmarks test class path.
 */
public final class SpyStrategy implements TransferStrategy<SpyStrategy.Config> {
    /** Tasks seen, in call order. */
    static final List<TransferTask> SEEN = Collections.synchronizedList(new ArrayList<>());

    /** No parameters. */
    public record Config() {
    }

    @Override
    public String id() {
        return "spy";
    }

    @Override
    public Family family() {
        return Family.NONE;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config();
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(TransferTask task, Config config, RunContext ctx) {
        SEEN.add(task);
        return new GlobalMean().fit(task.targetTrain(), new GlobalMean.Config(), ctx);
    }
}
