package org.rectransfer.benchmarks.harness;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test access to the runner's package-private search-point expansion. */
public final class ExperimentRunnerAccess {
    private ExperimentRunnerAccess() {
    }

    public static List<ObjectNode> points(ExperimentConfig.StrategySpec spec) {
        return ExperimentRunner.gridPoints(spec);
    }
}
