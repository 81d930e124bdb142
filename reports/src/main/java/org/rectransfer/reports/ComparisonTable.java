package org.rectransfer.reports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.rectransfer.core.provenance.RunRecord;

/**
 * Aggregated comparison of stored runs: an immutable value, a pure function of the records
 * ({@link #of}). Reports render it and never recompute from anything else.
 *
 * <p><b>Sections</b> group records by (dataset, split, protocol), in order of first appearance.
 * A section's metric columns are the requested metrics that at least one of its records has.
 *
 * <p><b>Rows</b> group a section's records by {@code strategyLabel}, in order of first appearance;
 * all records of a row must share {@code strategyId} and {@code family}. For each metric, the value
 * of a seed is the mean over that seed's records having the metric (usually one record; more with
 * folds or repeated cells), then {@link MetricSummary#mean()} and the sample standard deviation
 * {@link MetricSummary#std()} (n-1 denominator, 0 for one seed) are taken over seeds in ascending
 * seed order. A metric absent from a record (or {@code null}) is missing and excluded; a stored
 * {@code NaN} or infinity is a value and propagates, so a diverged seed is visible.
 *
 * <p><b>Baseline</b>: the first row whose {@code strategyId} starts with {@value #BASELINE_PREFIX}.
 * Without one a section has no gains. <b>Gains</b> are relative changes in percent, positive =
 * better: {@code (baseline - value) / |baseline| * 100} for metrics where lower is better
 * ({@link #lowerIsBetter}), {@code (value - baseline) / |baseline| * 100} otherwise; undefined
 * ({@code NaN}) for a zero baseline. See {@link Gain}.
 *
 * <p><b>Per-user analysis</b>: built with a {@link PerUserSource} ({@link #of(List, List,
 * PerUserSource)}), a section whose records have per-user values also gets a
 * {@link PerUserAnalysis}: paired significance tests of every row against the baseline over
 * (seed, fold, user) pairs, Holm-adjusted, and per-user means by user activity. Without per-user
 * values ({@link #of(List, List)}, or older runs) the table is exactly as before.
 *
 * @param sections sections in order of first appearance
 */
public record ComparisonTable(List<Section> sections) {

    /** A row is the baseline of its section if its strategy id starts with this. */
    public static final String BASELINE_PREFIX = "target-only(";

    private static final Set<String> LOWER_IS_BETTER = Set.of(
            "rmse", "mae", "mse", "rmsle", "mape", "logloss", "loss", "error", "gini");

    public ComparisonTable {
        sections = List.copyOf(sections);
    }

    /**
     * One (dataset, split, protocol) block.
     *
     * @param dataset    dataset label (may be {@code null} if the records had none)
     * @param split      split description
     * @param protocol   evaluation protocol
     * @param metrics    metric columns: the requested metrics present in this section, in request order
     * @param rows       rows by strategy label, in order of first appearance
     * @param provenance what produced the section's records
     * @param perUser    per-user analysis, or {@code null} when no record of the section has
     *                   per-user values (see {@link #perUserAnalysis()})
     */
    public record Section(String dataset, String split, String protocol, List<String> metrics, List<Row> rows,
                          Provenance provenance, PerUserAnalysis perUser) {
        public Section {
            metrics = List.copyOf(metrics);
            rows = List.copyOf(rows);
            Objects.requireNonNull(provenance, "provenance");
        }

        /** A section without per-user analysis (the constructor before per-user values existed). */
        public Section(String dataset, String split, String protocol, List<String> metrics, List<Row> rows,
                       Provenance provenance) {
            this(dataset, split, protocol, metrics, rows, provenance, null);
        }

        /** The per-user analysis, if any record of the section has per-user values. */
        public Optional<PerUserAnalysis> perUserAnalysis() {
            return Optional.ofNullable(perUser);
        }

        /** The baseline row, if the section has one. */
        public Optional<Row> baseline() {
            return rows.stream().filter(Row::baseline).findFirst();
        }
    }

    /**
     * One strategy within a section.
     *
     * @param strategyLabel display label
     * @param strategyId    registry id
     * @param family        transfer family
     * @param baseline      whether this is the section's baseline row
     * @param cells         number of records aggregated
     * @param seeds         distinct master seeds, ascending
     * @param metrics       one summary per section metric, in the section's metric order
     */
    public record Row(String strategyLabel, String strategyId, String family, boolean baseline, int cells,
                      List<Long> seeds, List<MetricSummary> metrics, int guardFlagged, int guardFellBack) {
        public Row {
            seeds = List.copyOf(seeds);
            metrics = List.copyOf(metrics);
        }

        /** A row without negative-transfer guard outcomes. */
        public Row(String strategyLabel, String strategyId, String family, boolean baseline, int cells,
                   List<Long> seeds, List<MetricSummary> metrics) {
            this(strategyLabel, strategyId, family, baseline, cells, seeds, metrics, 0, 0);
        }

        /**
         * The guard's verdict for display, e.g. {@code guard: flagged 3/3, fell back 3/3}, or
         * empty when the guard flagged no cell of this row.
         */
        public String guardNote() {
            if (guardFlagged == 0) {
                return "";
            }
            return "guard: flagged " + guardFlagged + "/" + cells
                    + (guardFellBack > 0 ? ", fell back " + guardFellBack + "/" + cells : "");
        }

        /** The summary for {@code metric}, if it is a column of the section. */
        public Optional<MetricSummary> metric(String metric) {
            return metrics.stream().filter(m -> m.metric().equals(metric)).findFirst();
        }

        /**
         * Negative transfer on the section's first metric: the row is worse than the baseline on
         * <em>every</em> seed both ran (at least one). A negative mean gain with mixed seeds is
         * noise at this level of evidence and is not flagged; significance tests decide beyond it.
         */
        public boolean negativeTransfer() {
            if (metrics.isEmpty() || metrics.get(0).gain() == null) {
                return false;
            }
            Gain g = metrics.get(0).gain();
            return g.isPaired() && g.worseSeeds() == g.pairedSeeds();
        }
    }

    /**
     * A metric aggregated over seeds.
     *
     * @param metric metric name
     * @param n      number of seeds with a value (0: missing, then mean and std are {@code NaN})
     * @param mean   mean over seeds
     * @param std    sample standard deviation over seeds (0 when {@code n == 1})
     * @param gain   gain over the section baseline; {@code null} for the baseline row itself, when
     *               the section has no baseline, or when this row or the baseline lacks the metric
     */
    public record MetricSummary(String metric, int n, double mean, double std, Gain gain) {
    }

    /**
     * Gain over the baseline, in percent, positive = better.
     *
     * @param fromMeans   relative change between the row's and the baseline's means
     * @param paired      mean over the seeds both rows have of the per-seed relative change
     *                    ({@code NaN} when {@code pairedSeeds == 0})
     * @param pairedSeeds number of seeds shared with the baseline (having the metric in both)
     * @param worseSeeds  how many of those seeds the row is strictly worse than the baseline on
     */
    public record Gain(double fromMeans, double paired, int pairedSeeds, int worseSeeds) {
        /** Whether {@link #shown()} is the paired gain. */
        public boolean isPaired() {
            return pairedSeeds > 0;
        }

        /** The gain reports show: paired when any seed is shared, otherwise from the means. */
        public double shown() {
            return isPaired() ? paired : fromMeans;
        }
    }

    /**
     * Distinct provenance values of a section's records, each sorted ascending.
     *
     * @param gitCommits          git commits, with suffix {@code " (dirty)"} for a dirty work tree
     * @param configSha256s       full config SHA-256 values
     * @param datasetFingerprints fingerprint values by fingerprint key
     * @param splitFingerprints   split fingerprints
     */
    public record Provenance(List<String> gitCommits, List<String> configSha256s,
                             SortedMap<String, List<String>> datasetFingerprints, List<String> splitFingerprints) {
        public Provenance {
            gitCommits = List.copyOf(gitCommits);
            configSha256s = List.copyOf(configSha256s);
            TreeMap<String, List<String>> copy = new TreeMap<>();
            datasetFingerprints.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            datasetFingerprints = Collections.unmodifiableSortedMap(copy);
            splitFingerprints = List.copyOf(splitFingerprints);
        }
    }

    /**
     * Whether lower values of {@code metric} are better: error and loss metrics ({@code rmse},
     * {@code mae}, {@code mse}, {@code rmsle}, {@code mape}, {@code logloss}, {@code loss},
     * {@code error}), compared case-insensitively on the part before any {@code @}.
     */
    public static boolean lowerIsBetter(String metric) {
        String base = metric.toLowerCase(Locale.ROOT);
        int at = base.indexOf('@');
        return LOWER_IS_BETTER.contains(at >= 0 ? base.substring(0, at) : base);
    }

    /**
     * Every metric name present in {@code records}: lower-is-better metrics first, then the rest;
     * each group ordered by the name before {@code @}, then numerically by the cut-off after it.
     */
    public static List<String> defaultMetrics(Collection<RunRecord> records) {
        Set<String> names = new TreeSet<>();
        for (RunRecord r : records) {
            r.metrics().forEach((k, v) -> {
                if (v != null) {
                    names.add(k);
                }
            });
        }
        List<String> out = new ArrayList<>(names);
        out.sort(Comparator.comparing((String m) -> !lowerIsBetter(m))
                .thenComparingInt(ComparisonTable::preferredRank)
                .thenComparing(m -> m.contains("@") ? m.substring(0, m.indexOf('@')) : m)
                .thenComparingLong(ComparisonTable::cutoff)
                .thenComparing(Comparator.naturalOrder()));
        return List.copyOf(out);
    }

    private static final ObjectMapper SELECTION_READER = new ObjectMapper();

    /** The {@code guard} object of a record's selection JSON (missing node when absent or unreadable). */
    private static JsonNode guardNode(RunRecord r) {
        if (r.selection() == null || r.selection().isEmpty()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return SELECTION_READER.readTree(r.selection()).path("guard");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cell " + r.cellKey() + ": selection is not JSON: " + r.selection(), e);
        }
    }

    /** rmse before mae; everything else after, in the order of the later comparators. */
    private static int preferredRank(String metric) {
        return switch (metric) {
            case "rmse" -> 0;
            case "mae" -> 1;
            default -> 2;
        };
    }

    private static long cutoff(String metric) {
        int at = metric.indexOf('@');
        if (at < 0) {
            return -1;
        }
        try {
            return Long.parseLong(metric.substring(at + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Aggregates {@code records} (see the class comment), without per-user analysis: a pure
     * function of the records.
     *
     * @param records runs in stored order
     * @param metrics metric columns wanted, in display order (the first decides negative transfer)
     * @throws IllegalArgumentException if one label in a section has different strategy ids or families
     */
    public static ComparisonTable of(List<RunRecord> records, List<String> metrics) {
        return build(records, metrics, Map.of(), Significance.Options.DEFAULT);
    }

    /**
     * As {@link #of(List, List)}, plus a {@link PerUserAnalysis} for every section with per-user
     * values from {@code perUser}, with {@link Significance.Options#DEFAULT}.
     *
     * @throws IOException if {@code perUser} fails (missing, modified or malformed per-user file)
     */
    public static ComparisonTable of(List<RunRecord> records, List<String> metrics, PerUserSource perUser)
            throws IOException {
        return of(records, metrics, perUser, Significance.Options.DEFAULT);
    }

    /**
     * As {@link #of(List, List, PerUserSource)} with the given bootstrap options (the seed is the
     * base from which each comparison's seed is derived, see {@link PerUserAnalysis}).
     *
     * @throws IOException if {@code perUser} fails (missing, modified or malformed per-user file)
     */
    public static ComparisonTable of(List<RunRecord> records, List<String> metrics, PerUserSource perUser,
                                     Significance.Options options) throws IOException {
        Objects.requireNonNull(perUser, "perUser");
        Objects.requireNonNull(options, "options");
        Map<RunRecord, PerUserValues> values = new IdentityHashMap<>();
        for (RunRecord r : records) {
            Optional<PerUserValues> v = perUser.load(r);
            if (v.isPresent()) {
                values.put(r, v.get());
            }
        }
        return build(records, metrics, values, options);
    }

    private static ComparisonTable build(List<RunRecord> records, List<String> metrics,
                                         Map<RunRecord, PerUserValues> values, Significance.Options options) {
        Map<SectionKey, List<RunRecord>> bySection = new LinkedHashMap<>();
        for (RunRecord r : records) {
            bySection.computeIfAbsent(new SectionKey(r.dataset(), r.split(), r.protocol()), k -> new ArrayList<>()).add(r);
        }
        List<Section> sections = new ArrayList<>();
        bySection.forEach((key, recs) -> sections.add(section(key, recs, metrics, values, options)));
        return new ComparisonTable(sections);
    }

    private record SectionKey(String dataset, String split, String protocol) {
    }

    private static Section section(SectionKey key, List<RunRecord> records, List<String> wanted,
                                   Map<RunRecord, PerUserValues> values, Significance.Options options) {
        List<String> metrics = wanted.stream()
                .filter(m -> records.stream().anyMatch(r -> r.metrics().get(m) != null))
                .distinct().toList();
        Map<String, List<RunRecord>> byLabel = new LinkedHashMap<>();
        for (RunRecord r : records) {
            byLabel.computeIfAbsent(r.strategyLabel(), k -> new ArrayList<>()).add(r);
        }
        String baselineLabel = null;
        for (Map.Entry<String, List<RunRecord>> e : byLabel.entrySet()) {
            RunRecord first = e.getValue().get(0);
            for (RunRecord r : e.getValue()) {
                if (!Objects.equals(r.strategyId(), first.strategyId()) || !Objects.equals(r.family(), first.family())) {
                    throw new IllegalArgumentException("label '" + e.getKey() + "' in section " + key
                            + " has different strategies: " + first.strategyId() + " [" + first.family() + "] and "
                            + r.strategyId() + " [" + r.family() + "]");
                }
            }
            if (baselineLabel == null && first.strategyId() != null && first.strategyId().startsWith(BASELINE_PREFIX)) {
                baselineLabel = e.getKey();
            }
        }
        Map<String, TreeMap<Long, Double>> baselineSeeds = new LinkedHashMap<>();
        if (baselineLabel != null) {
            for (String m : metrics) {
                baselineSeeds.put(m, perSeed(byLabel.get(baselineLabel), m));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<RunRecord>> e : byLabel.entrySet()) {
            List<RunRecord> recs = e.getValue();
            boolean isBaseline = e.getKey().equals(baselineLabel);
            List<MetricSummary> summaries = new ArrayList<>();
            for (String m : metrics) {
                TreeMap<Long, Double> seeds = perSeed(recs, m);
                Gain gain = baselineLabel == null || isBaseline ? null
                        : gain(seeds, baselineSeeds.get(m), lowerIsBetter(m));
                summaries.add(new MetricSummary(m, seeds.size(), mean(seeds.values()), std(seeds.values()), gain));
            }
            List<Long> seedList = recs.stream().map(RunRecord::masterSeed).distinct().sorted().toList();
            RunRecord first = recs.get(0);
            int flagged = 0;
            int fellBack = 0;
            for (RunRecord r : recs) {
                JsonNode guard = guardNode(r);
                flagged += guard.path("flagged").asBoolean(false) ? 1 : 0;
                fellBack += guard.path("fellBack").asBoolean(false) ? 1 : 0;
            }
            rows.add(new Row(e.getKey(), first.strategyId(), first.family(), isBaseline, recs.size(), seedList,
                    summaries, flagged, fellBack));
        }
        PerUserAnalysis perUser = PerUserAnalysis.of(key.dataset() + "|" + key.split() + "|" + key.protocol(), byLabel,
                baselineLabel, metrics, values, options).orElse(null);
        return new Section(key.dataset(), key.split(), key.protocol(), metrics, rows, provenance(records), perUser);
    }

    /** Seed to the mean of that seed's values of {@code metric}, seeds ascending. */
    private static TreeMap<Long, Double> perSeed(List<RunRecord> records, String metric) {
        TreeMap<Long, List<Double>> values = new TreeMap<>();
        for (RunRecord r : records) {
            Double v = r.metrics().get(metric);
            if (v != null) {
                values.computeIfAbsent(r.masterSeed(), k -> new ArrayList<>()).add(v);
            }
        }
        TreeMap<Long, Double> out = new TreeMap<>();
        values.forEach((seed, vs) -> out.put(seed, mean(vs)));
        return out;
    }

    private static Gain gain(TreeMap<Long, Double> row, TreeMap<Long, Double> base, boolean lowerBetter) {
        if (row.isEmpty() || base.isEmpty()) {
            return null;
        }
        double fromMeans = relative(mean(base.values()), mean(row.values()), lowerBetter);
        List<Double> paired = new ArrayList<>();
        int[] worse = new int[1];
        row.forEach((seed, v) -> {
            Double b = base.get(seed);
            if (b != null) {
                double rel = relative(b, v, lowerBetter);
                paired.add(rel);
                if (rel < 0) {
                    worse[0]++;
                }
            }
        });
        return new Gain(fromMeans, paired.isEmpty() ? Double.NaN : mean(paired), paired.size(), worse[0]);
    }

    private static double relative(double baseline, double value, boolean lowerBetter) {
        if (baseline == 0) {
            return Double.NaN;
        }
        double diff = lowerBetter ? baseline - value : value - baseline;
        return diff / Math.abs(baseline) * 100.0;
    }

    private static double mean(Collection<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.size();
    }

    private static double std(Collection<Double> xs) {
        int n = xs.size();
        if (n == 0) {
            return Double.NaN;
        }
        if (n == 1) {
            return 0.0;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (n - 1));
    }

    private static Provenance provenance(List<RunRecord> records) {
        TreeSet<String> commits = new TreeSet<>();
        TreeSet<String> configs = new TreeSet<>();
        TreeMap<String, TreeSet<String>> datasets = new TreeMap<>();
        TreeSet<String> splits = new TreeSet<>();
        for (RunRecord r : records) {
            if (r.environment() != null && r.environment().gitCommit() != null) {
                commits.add(r.environment().gitCommit() + (r.environment().gitDirty() ? " (dirty)" : ""));
            }
            if (r.configSha256() != null) {
                configs.add(r.configSha256());
            }
            r.datasetFingerprints().forEach((k, v) -> {
                if (v != null) {
                    datasets.computeIfAbsent(k, x -> new TreeSet<>()).add(v);
                }
            });
            if (r.splitFingerprint() != null) {
                splits.add(r.splitFingerprint());
            }
        }
        TreeMap<String, List<String>> ds = new TreeMap<>();
        datasets.forEach((k, v) -> ds.put(k, List.copyOf(v)));
        return new Provenance(List.copyOf(commits), List.copyOf(configs), ds, List.copyOf(splits));
    }
}
