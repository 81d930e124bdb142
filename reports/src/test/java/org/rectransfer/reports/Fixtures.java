package org.rectransfer.reports;

import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.core.provenance.RunRecord.EnvironmentInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** {@code r} with another fold and per-user file reference. */
    static RunRecord with(RunRecord r, int fold, String perUserFile, String perUserSha256) {
        return new RunRecord(r.schema(), r.experiment(), r.cellKey() + "|" + fold, r.dataset(), r.datasetFingerprints(),
                r.split(), r.splitFingerprint(), r.protocol(), r.strategyLabel(), r.strategyId(), r.family(), r.config(),
                r.configSha256(), r.selection(), r.masterSeed(), fold, r.derivedSeeds(), r.validationMetrics(),
                r.metrics(), r.counts(), perUserFile, perUserSha256, r.timingsSeconds(), r.peakMemoryBytes(),
                r.environment());
    }

    /** Writes {@code v} to {@code runsDir/relative} and returns {@code r} referring to it. */
    static RunRecord withPerUser(RunRecord r, Path runsDir, String relative, PerUserValues v) throws IOException {
        return with(r, r.fold(), relative, PerUserValues.write(runsDir.resolve(relative), v));
    }

    /**
     * Per-user values from {@code user -> [targetTrain, sourceTrain]} and {@code user -> values} in
     * {@code metrics} order, users in the order of {@code values}.
     */
    static PerUserValues perUser(Map<String, int[]> activity, List<String> metrics,
                                 java.util.LinkedHashMap<String, double[]> values) {
        List<String> users = new ArrayList<>(values.keySet());
        int[] tt = new int[users.size()];
        int[] st = new int[users.size()];
        TreeMap<String, double[]> cols = new TreeMap<>();
        for (String m : metrics) {
            cols.put(m, new double[users.size()]);
        }
        for (int i = 0; i < users.size(); i++) {
            tt[i] = activity.get(users.get(i))[0];
            st[i] = activity.get(users.get(i))[1];
            double[] v = values.get(users.get(i));
            for (int m = 0; m < metrics.size(); m++) {
                cols.get(metrics.get(m))[i] = v[m];
            }
        }
        return new PerUserValues(users, tt, st, cols);
    }
}
