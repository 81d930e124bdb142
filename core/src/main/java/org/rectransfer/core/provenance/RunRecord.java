package org.rectransfer.core.provenance;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Provenance and results of one experiment cell (dataset x split x strategy x seed), stored as
 * one JSON line. Reports are pure functions of these records.
 *
 * @param schema              record schema version ({@link #SCHEMA})
 * @param experiment          experiment name from the config
 * @param cellKey             SHA-256 identifying the cell (dataset, split, strategy config, seed,
 *                            protocol); a resumed run skips cells whose key is already stored
 * @param dataset             dataset label from the config
 * @param datasetFingerprints fingerprints by domain ({@code source:NAME}, {@code target:NAME},
 *                            and {@code raw:FILE} SHA-256 of raw files where read from disk)
 * @param split               split protocol description
 * @param splitFingerprint    SHA-256 of the split's content
 * @param protocol            evaluation protocol description
 * @param strategyLabel       display label from the config
 * @param strategyId          registry id, e.g. {@code target-only(biased-mf)}
 * @param family              transfer family
 * @param config              canonical JSON of the resolved strategy config (sorted keys, defaults filled)
 * @param configSha256        SHA-256 of {@code config}
 * @param selection           model selection: the search space and the chosen point, as canonical
 *                            JSON ({@code {}} when nothing was searched)
 * @param masterSeed          the cell's master seed
 * @param fold                fold index for multi-fold splits (k-fold, predefined u1..u5), 0 otherwise
 * @param derivedSeeds        seeds derived from it by component name
 * @param validationMetrics   metrics on validation of the chosen config
 * @param metrics             metrics on test
 * @param counts              evaluation counts (users, ratings, ranked and skipped users)
 * @param perUserFile         per-user test values of this cell (path relative to the runs file's
 *                            directory), or {@code null} when not stored
 * @param perUserSha256       SHA-256 of that file's bytes, or {@code null}
 * @param timingsSeconds      wall-clock seconds by phase (fit, evaluate)
 * @param peakMemoryBytes     peak heap in use seen during the cell (JVM-wide, approximate)
 * @param environment         build and machine
 */
public record RunRecord(int schema, String experiment, String cellKey, String dataset,
                        Map<String, String> datasetFingerprints, String split, String splitFingerprint, String protocol,
                        String strategyLabel, String strategyId, String family, String config, String configSha256,
                        String selection, long masterSeed, int fold, Map<String, Long> derivedSeeds,
                        Map<String, Double> validationMetrics, Map<String, Double> metrics, Map<String, Long> counts,
                        String perUserFile, String perUserSha256, Map<String, Double> timingsSeconds, long peakMemoryBytes, EnvironmentInfo environment) {

    public static final int SCHEMA = 2;

    public RunRecord {
        Objects.requireNonNull(cellKey, "cellKey");
        Objects.requireNonNull(strategyLabel, "strategyLabel");
        datasetFingerprints = sorted(datasetFingerprints);
        derivedSeeds = sorted(derivedSeeds);
        validationMetrics = sorted(validationMetrics);
        metrics = sorted(metrics);
        counts = sorted(counts);
        timingsSeconds = sorted(timingsSeconds);
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }

    /**
     * Build and machine facts.
     *
     * @param gitCommit    commit of the code that ran, or {@code unknown}
     * @param gitDirty     whether the work tree had uncommitted changes
     * @param buildVersion project version
     * @param jvm          JVM vendor and version
     * @param os           OS name, version and architecture
     * @param cores        available processors
     * @param threads      threads the run was allowed to use
     * @param startedAt    ISO-8601 UTC start time of the cell
     */
    public record EnvironmentInfo(String gitCommit, boolean gitDirty, String buildVersion, String jvm, String os,
                                  int cores, int threads, String startedAt) {
    }
}
