package org.rectransfer.reports;

import org.rectransfer.core.provenance.Hashing;
import org.rectransfer.core.provenance.RunRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The per-user part of one {@link ComparisonTable.Section}: paired significance of every
 * non-baseline row against the baseline, and per-user means by user activity. An immutable value
 * computed by {@link ComparisonTable#of(List, List, PerUserSource, Significance.Options)} from the
 * records' {@link PerUserValues}; a section has one when at least one of its records has per-user
 * values.
 *
 * <p><b>Pairs.</b> A row's value for (seed, fold, user) and metric is the user's value in the row's
 * record of that master seed and fold (the mean if several records share them, {@code NaN} if
 * any is {@code NaN}). A pair exists where the row and the baseline both have a value for the same
 * (seed, fold, user) and metric; users present on one side only are counted in
 * {@link Comparison#rowOnly()} / {@link Comparison#baselineOnly()} and otherwise ignored. Pairs are
 * ordered by seed, fold, then user id ({@link String#compareTo}) before the tests, so the result
 * does not depend on file or record order.
 *
 * <p><b>Comparisons</b> exist when the baseline has per-user values: one per non-baseline row and
 * section metric, in row then metric order (a row without per-user values gets {@code n = 0}).
 * Each is {@link Significance#paired} with the metric's direction; the bootstrap seed of a
 * comparison is {@code Hashing.sha256Long(baseSeed + "|" + dataset + "|" + split + "|" + protocol
 * + "|" + strategyLabel + "|" + metric)} so that it does not depend on the other rows. The
 * <b>primary test</b> is the Wilcoxon signed-rank test (per-user metric values are bounded,
 * skewed and tied, which the t-test's normality does not fit); {@link Comparison#pHolm()} is its
 * p-value Holm-adjusted ({@link HolmBonferroni}) over all comparisons of the section, and
 * {@link Comparison#significant()} means {@code pHolm < }{@value #ALPHA}.
 *
 * <p><b>Strata</b>: for every row and each of {@link #strataMetrics()}, the mean of the row's
 * defined (non-{@code NaN}) per-user values over all its (seed, fold, user) entries, by the
 * user's target-training count and, separately, by the user's source count, bucketed as in
 * {@link Activity}. Tests: {@code PerUserAnalysisTest}, {@code MarkdownReportTest}.
 *
 * @param comparisons        paired comparisons, empty when the baseline (or a baseline) has no per-user values
 * @param strataMetrics      the section's first metric, then its first higher-is-better metric if different
 * @param strata             one per row and strata metric, in row then metric order
 * @param bootstrapResamples bootstrap resamples used
 */
public record PerUserAnalysis(List<Comparison> comparisons, List<String> strataMetrics, List<Strata> strata,
                              int bootstrapResamples) {
    /** Level below which a Holm-adjusted primary p-value is marked significant. */
    public static final double ALPHA = 0.05;

    public PerUserAnalysis {
        comparisons = List.copyOf(comparisons);
        strataMetrics = List.copyOf(strataMetrics);
        strata = List.copyOf(strata);
    }

    /** User activity buckets: a count of 0 (cold), 1-5, 6-20, more than 20. */
    public enum Activity {
        ZERO("0", 0, 0), ONE_TO_FIVE("1–5", 1, 5), SIX_TO_TWENTY("6–20", 6, 20), OVER_TWENTY(">20", 21, Integer.MAX_VALUE);

        private final String label;
        private final int min;
        private final int max;

        Activity(String label, int min, int max) {
            this.label = label;
            this.min = min;
            this.max = max;
        }

        /** Display label, e.g. {@code 1–5}. */
        public String label() {
            return label;
        }

        /** Smallest count in the bucket. */
        public int min() {
            return min;
        }

        /** Largest count in the bucket. */
        public int max() {
            return max;
        }

        /** The bucket of a non-negative count. */
        public static Activity of(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("negative count " + count);
            }
            return count == 0 ? ZERO : count <= 5 ? ONE_TO_FIVE : count <= 20 ? SIX_TO_TWENTY : OVER_TWENTY;
        }
    }

    /**
     * One strategy x metric comparison with the baseline.
     *
     * @param strategyLabel the row
     * @param metric        the metric
     * @param rowOnly       (seed, fold, user) entries with the metric in the row but not in the baseline
     * @param baselineOnly  entries with the metric in the baseline but not in the row
     * @param result        the paired statistics over the matched pairs
     * @param pHolm         the Wilcoxon p-value Holm-adjusted over the section's comparisons
     *                      ({@code NaN} when the test could not be run)
     */
    public record Comparison(String strategyLabel, String metric, int rowOnly, int baselineOnly,
                             Significance.Result result, double pHolm) {
        public Comparison {
            Objects.requireNonNull(result, "result");
        }

        /** Whether {@link #pHolm()} is below {@link #ALPHA}. */
        public boolean significant() {
            return pHolm < ALPHA;
        }
    }

    /**
     * Mean of defined per-user values in one bucket.
     *
     * @param n    number of values
     * @param mean their mean ({@code NaN} when {@code n == 0})
     */
    public record Stratum(int n, double mean) {
    }

    /**
     * A row's per-user means by activity bucket.
     *
     * @param strategyLabel the row
     * @param metric        the metric
     * @param byTargetTrain one per {@link Activity}, in declaration order, by target-training count
     * @param bySourceTrain one per {@link Activity}, by source count
     */
    public record Strata(String strategyLabel, String metric, List<Stratum> byTargetTrain, List<Stratum> bySourceTrain) {
        public Strata {
            byTargetTrain = List.copyOf(byTargetTrain);
            bySourceTrain = List.copyOf(bySourceTrain);
        }

        /** Whether the row has any value for the metric. */
        public boolean hasValues() {
            return byTargetTrain.stream().anyMatch(s -> s.n() > 0);
        }
    }

    /** The comparison of row {@code strategyLabel} on {@code metric}, if computed. */
    public Optional<Comparison> comparison(String strategyLabel, String metric) {
        return comparisons.stream()
                .filter(c -> c.strategyLabel().equals(strategyLabel) && c.metric().equals(metric)).findFirst();
    }

    /** The strata of row {@code strategyLabel} on {@code metric}, if computed. */
    public Optional<Strata> strata(String strategyLabel, String metric) {
        return strata.stream()
                .filter(s -> s.strategyLabel().equals(strategyLabel) && s.metric().equals(metric)).findFirst();
    }

    // ------------------------------------------------------------------------------------------
    // computation

    /** (seed, fold, user), ordered in that order. */
    private record PairKey(long seed, int fold, String user) implements Comparable<PairKey> {
        private static final Comparator<PairKey> ORDER = Comparator.comparingLong(PairKey::seed)
                .thenComparingInt(PairKey::fold).thenComparing(PairKey::user);

        @Override
        public int compareTo(PairKey o) {
            return ORDER.compare(this, o);
        }
    }

    /** A row's values at one key: activity counts and per-metric sums and counts. */
    private static final class Entry {
        final int targetTrain;
        final int sourceTrain;
        final double[] sum;
        final int[] count;

        Entry(int targetTrain, int sourceTrain, int metrics) {
            this.targetTrain = targetTrain;
            this.sourceTrain = sourceTrain;
            this.sum = new double[metrics];
            this.count = new int[metrics];
        }

        boolean has(int m) {
            return count[m] > 0;
        }

        double value(int m) {
            return sum[m] / count[m];
        }
    }

    private static TreeMap<PairKey, Entry> rowValues(List<RunRecord> records, Map<RunRecord, PerUserValues> values,
                                                     List<String> metrics) {
        TreeMap<PairKey, Entry> out = new TreeMap<>();
        for (RunRecord r : records) {
            PerUserValues v = values.get(r);
            if (v == null) {
                continue;
            }
            int[] tt = v.targetTrain();
            int[] st = v.sourceTrain();
            double[][] cols = new double[metrics.size()][];
            for (int m = 0; m < metrics.size(); m++) {
                cols[m] = v.metric(metrics.get(m)).orElse(null);
            }
            for (int i = 0; i < v.size(); i++) {
                int row = i;
                Entry e = out.computeIfAbsent(new PairKey(r.masterSeed(), r.fold(), v.users().get(i)),
                        k -> new Entry(tt[row], st[row], metrics.size()));
                for (int m = 0; m < metrics.size(); m++) {
                    if (cols[m] != null) {
                        e.sum[m] += cols[m][i];
                        e.count[m]++;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Computes a section's analysis.
     *
     * @param sectionId     (dataset, split, protocol) as text, for bootstrap seed derivation
     * @param rowRecords    records by row label, in row order
     * @param baselineLabel the baseline row, or {@code null}
     * @param metrics       the section's metrics
     * @param values        per-user values of the records that have them (identity keys)
     * @param options       bootstrap options; its seed is the base seed
     * @return empty when no record of the section has per-user values
     */
    static Optional<PerUserAnalysis> of(String sectionId, Map<String, List<RunRecord>> rowRecords, String baselineLabel,
                                        List<String> metrics, Map<RunRecord, PerUserValues> values,
                                        Significance.Options options) {
        boolean any = rowRecords.values().stream().flatMap(List::stream).anyMatch(values::containsKey);
        if (!any) {
            return Optional.empty();
        }
        Map<String, TreeMap<PairKey, Entry>> byRow = new LinkedHashMap<>();
        rowRecords.forEach((label, recs) -> byRow.put(label, rowValues(recs, values, metrics)));

        List<Comparison> comparisons = new ArrayList<>();
        TreeMap<PairKey, Entry> base = baselineLabel == null ? null : byRow.get(baselineLabel);
        if (base != null && !base.isEmpty()) {
            List<Significance.Result> results = new ArrayList<>();
            List<int[]> onlyCounts = new ArrayList<>();
            List<String[]> ids = new ArrayList<>();
            for (Map.Entry<String, TreeMap<PairKey, Entry>> row : byRow.entrySet()) {
                if (row.getKey().equals(baselineLabel)) {
                    continue;
                }
                for (int m = 0; m < metrics.size(); m++) {
                    String metric = metrics.get(m);
                    double[] s = new double[row.getValue().size()];
                    double[] b = new double[row.getValue().size()];
                    int n = 0;
                    int rowOnly = 0;
                    for (Map.Entry<PairKey, Entry> e : row.getValue().entrySet()) {
                        if (!e.getValue().has(m)) {
                            continue;
                        }
                        Entry be = base.get(e.getKey());
                        if (be == null || !be.has(m)) {
                            rowOnly++;
                            continue;
                        }
                        s[n] = e.getValue().value(m);
                        b[n] = be.value(m);
                        n++;
                    }
                    int baselineOnly = 0;
                    for (Map.Entry<PairKey, Entry> e : base.entrySet()) {
                        Entry re = row.getValue().get(e.getKey());
                        if (e.getValue().has(m) && (re == null || !re.has(m))) {
                            baselineOnly++;
                        }
                    }
                    if (n == 0 && rowOnly == 0 && baselineOnly == 0) {
                        continue; // a list-level metric (coverage, gini): no per-user values to pair
                    }
                    long seed = Hashing.sha256Long(options.bootstrapSeed() + "|" + sectionId + "|" + row.getKey()
                            + "|" + metric);
                    results.add(Significance.paired(Arrays.copyOf(s, n), Arrays.copyOf(b, n),
                            ComparisonTable.lowerIsBetter(metric), options.withSeed(seed)));
                    onlyCounts.add(new int[] {rowOnly, baselineOnly});
                    ids.add(new String[] {row.getKey(), metric});
                }
            }
            double[] p = results.stream().mapToDouble(Significance.Result::wilcoxonP).toArray();
            double[] holm = HolmBonferroni.adjust(p);
            for (int i = 0; i < results.size(); i++) {
                comparisons.add(new Comparison(ids.get(i)[0], ids.get(i)[1], onlyCounts.get(i)[0],
                        onlyCounts.get(i)[1], results.get(i), holm[i]));
            }
        }

        List<String> strataMetrics = new ArrayList<>();
        if (!metrics.isEmpty()) {
            strataMetrics.add(metrics.get(0));
            metrics.stream().filter(m -> !ComparisonTable.lowerIsBetter(m)).findFirst()
                    .filter(m -> !m.equals(metrics.get(0))).ifPresent(strataMetrics::add);
        }
        List<Strata> strata = new ArrayList<>();
        for (Map.Entry<String, TreeMap<PairKey, Entry>> row : byRow.entrySet()) {
            for (String metric : strataMetrics) {
                int m = metrics.indexOf(metric);
                int k = Activity.values().length;
                double[] tSum = new double[k];
                int[] tN = new int[k];
                double[] sSum = new double[k];
                int[] sN = new int[k];
                for (Entry e : row.getValue().values()) {
                    if (!e.has(m)) {
                        continue;
                    }
                    double v = e.value(m);
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    int t = Activity.of(e.targetTrain).ordinal();
                    int s = Activity.of(e.sourceTrain).ordinal();
                    tSum[t] += v;
                    tN[t]++;
                    sSum[s] += v;
                    sN[s]++;
                }
                List<Stratum> byTarget = new ArrayList<>();
                List<Stratum> bySource = new ArrayList<>();
                for (int a = 0; a < k; a++) {
                    byTarget.add(new Stratum(tN[a], tN[a] == 0 ? Double.NaN : tSum[a] / tN[a]));
                    bySource.add(new Stratum(sN[a], sN[a] == 0 ? Double.NaN : sSum[a] / sN[a]));
                }
                strata.add(new Strata(row.getKey(), metric, byTarget, bySource));
            }
        }
        return Optional.of(new PerUserAnalysis(comparisons, strataMetrics, strata, options.bootstrapResamples()));
    }
}
