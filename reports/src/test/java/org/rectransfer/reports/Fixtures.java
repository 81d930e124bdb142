package org.rectransfer.reports;

import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.core.provenance.RunRecord.EnvironmentInfo;

import java.util.Map;

/** Small run records for tests. */
final class Fixtures {
    static final EnvironmentInfo ENV = new EnvironmentInfo("0123456789abcdef0123456789abcdef01234567", false,
            "0.1.0-SNAPSHOT", "Eclipse Adoptium 17.0.12", "Linux 6.1 amd64", 8, 4, "2025-01-02T03:04:05Z");

    private Fixtures() {
    }

    /** A record in section (ml, holdout, explicit) with the given strategy, seed and metrics. */
    static RunRecord run(String label, String strategyId, String family, long seed, Map<String, Double> metrics) {
        return run("ml", label, strategyId, family, seed, metrics);
    }

    static RunRecord run(String dataset, String label, String strategyId, String family, long seed,
                         Map<String, Double> metrics) {
        String configSha = "c0ffee" + Integer.toHexString(strategyId.hashCode() & 0xffff) + "0000000000000000";
        return new RunRecord(RunRecord.SCHEMA, "exp", label + "|" + seed + "|" + dataset, dataset,
                Map.of("target:" + dataset, "feedface" + dataset + "00000000000000"), "holdout(0.2)",
                "5p1175eed0000000000000000", "explicit", label, strategyId, family, "{}", configSha, "{}", seed, 0,
                Map.of(), Map.of(), metrics, Map.of(), null, null, Map.of(), 0L, ENV);
    }
}
