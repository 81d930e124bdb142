package org.rectransfer.reports;

import org.rectransfer.reports.ComparisonTable.Gain;
import org.rectransfer.reports.ComparisonTable.MetricSummary;
import org.rectransfer.reports.ComparisonTable.Row;
import org.rectransfer.reports.ComparisonTable.Section;
import org.rectransfer.reports.PerUserAnalysis.Activity;
import org.rectransfer.reports.PerUserAnalysis.Comparison;
import org.rectransfer.reports.PerUserAnalysis.Stratum;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Number and text formatting shared by the renderers (locale-independent). */
final class Format {
    /** Shown for missing values and for the baseline's own gain. */
    static final String MISSING = "—";
    /** Appended to a gain computed from means because no seed is shared with the baseline. */
    static final String FROM_MEANS_MARK = " †";
    static final String NEGATIVE_TRANSFER = "⚠ negative transfer";
    /** Appended to a gain whose primary per-user test is significant after Holm's adjustment. */
    static final String SIGNIFICANT_MARK = " *";
    /** Header cells of the per-user statistics table. */
    static final List<String> STATS_HEADER = List.of("Strategy", "metric", "n", "mean diff", "95 % CI", "p_t", "p_w",
            "p_holm", "d_z");
    static final String STATS_CAPTION = "Paired per-user comparison with the baseline:";
    static final String NO_BASELINE_VALUES = "No per-user values for the baseline: paired tests are not computed.";
    static final int PREFIX = 12;

    private Format() {
    }

    /** A metric value with 4 decimals; {@code NaN}, {@code ∞}, {@code -∞} for non-finite values. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** {@code mean ± std}, with {@code (n=k)} when fewer than the row's seeds had the metric. */
    static String meanStd(MetricSummary m, int rowSeeds) {
        if (m.n() == 0) {
            return MISSING;
        }
        String s = value(m.mean()) + " ± " + value(m.std());
        return m.n() < rowSeeds ? s + " (n=" + m.n() + ")" : s;
    }

    /** Whether a gain cell shows a number. */
    static boolean hasGain(Row row, MetricSummary m) {
        return !row.baseline() && m.gain() != null && !Double.isNaN(m.gain().shown());
    }

    /** The gain cell: {@code +1.23 %} / {@code -0.50 %}, marked when not paired; {@link #MISSING} otherwise. */
    static String gain(Row row, MetricSummary m) {
        if (!hasGain(row, m)) {
            return MISSING;
        }
        Gain g = m.gain();
        double v = g.shown();
        String num = Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.2f", Math.abs(v));
        return (v < 0 ? "-" : "+") + num + " %" + (g.isPaired() ? "" : FROM_MEANS_MARK);
    }

    /** {@link #gain(Row, MetricSummary)} plus {@link #SIGNIFICANT_MARK} when the primary test is significant. */
    static String gain(Section s, Row row, MetricSummary m) {
        String g = gain(row, m);
        if (!hasGain(row, m)) {
            return g;
        }
        boolean significant = s.perUserAnalysis().flatMap(a -> a.comparison(row.strategyLabel(), m.metric()))
                .map(Comparison::significant).orElse(false);
        return significant ? g + SIGNIFICANT_MARK : g;
    }

    /** A p-value with 4 decimals, {@code <0.0001} below that, {@link #MISSING} for {@code NaN}. */
    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return MISSING;
        }
        return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** A number with an explicit sign and {@code decimals} decimals; {@link #MISSING} for {@code NaN}. */
    static String signed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return MISSING;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+∞" : "-∞";
        }
        return String.format(Locale.ROOT, "%+." + decimals + "f", v);
    }

    /** The cells of one row of the per-user statistics table (see {@link #STATS_HEADER}), unescaped. */
    static List<String> statsCells(Comparison c) {
        Significance.Result r = c.result();
        String ci = Double.isNaN(r.ci().low()) ? MISSING
                : "[" + signed(r.ci().low(), 4) + ", " + signed(r.ci().high(), 4) + "]";
        return List.of(c.strategyLabel(), c.metric(), Integer.toString(r.n()), signed(r.meanDifference(), 4), ci,
                pValue(r.tTestP()), pValue(r.wilcoxonP()), pValue(c.pHolm()), signed(r.dz(), 3));
    }

    /** Header cells of an activity table. */
    static List<String> strataHeader() {
        List<String> out = new ArrayList<>();
        out.add("Strategy");
        for (Activity a : Activity.values()) {
            out.add("target " + a.label());
        }
        for (Activity a : Activity.values()) {
            out.add("source " + a.label());
        }
        return out;
    }

    static String strataCaption(String metric) {
        return "Per-user " + metric + " by user activity (target-training and source interactions):";
    }

    /** An activity cell: {@code mean (n=k)}, {@link #MISSING} without values. */
    static String stratum(Stratum s) {
        return s.n() == 0 ? MISSING : value(s.mean()) + " (n=" + s.n() + ")";
    }

    static String text(String s) {
        return s == null ? MISSING : s;
    }

    static String prefix(String s) {
        return s.length() <= PREFIX ? s : s.substring(0, PREFIX);
    }

    static String sectionHeading(Section s) {
        return text(s.dataset()) + " / " + text(s.split()) + " / " + text(s.protocol());
    }

    /** The footnote explaining gains, naming the lower-is-better metrics among {@code metrics}. */
    static String gainFootnote(List<String> metrics) {
        List<String> lower = metrics.stream().filter(ComparisonTable::lowerIsBetter).toList();
        String lowerText = lower.isEmpty() ? "" : " (lower is better for " + String.join(", ", lower) + ")";
        return "gain % is the relative change against the section's target-only baseline, positive = better"
                + lowerText + ". It is seed-paired: the mean over the seeds run by both strategies of the per-seed "
                + "relative change." + FROM_MEANS_MARK + " marks a gain computed from the means because no seed is "
                + "shared with the baseline. " + NEGATIVE_TRANSFER + ": worse than the baseline on the first metric on every shared seed. "
                + "Values are mean ± sample standard deviation over seeds.";
    }

    /**
     * The footnote explaining the per-user tables and the significance marker, or {@code null} when
     * no section has a per-user analysis.
     */
    static String perUserFootnote(ComparisonTable table) {
        List<PerUserAnalysis> analyses = table.sections().stream().flatMap(s -> s.perUserAnalysis().stream()).toList();
        if (analyses.isEmpty()) {
            return null;
        }
        int resamples = analyses.get(0).bootstrapResamples();
        return "Per-user analysis: pairs are the (seed, fold, user) entries that the row and the baseline both have, "
                + "differences are row − baseline (negative is better where lower is better). n: pairs with a "
                + "defined difference; mean diff with its 95 % percentile bootstrap CI (" + resamples
                + " seeded resamples of the pairs); p_t: paired t-test; p_w: Wilcoxon signed-rank test (two-sided, "
                + "zero differences dropped; exact for n ≤ " + Significance.WILCOXON_EXACT_MAX_N + " without ties, "
                + "otherwise normal approximation with tie and continuity correction); p_holm: p_w Holm-adjusted "
                + "over all strategy × metric comparisons of the section; d_z: mean diff / standard deviation of the "
                + "differences. The Wilcoxon test is primary:" + SIGNIFICANT_MARK + " after a gain marks p_holm < "
                + PerUserAnalysis.ALPHA + ". Activity tables: mean of the defined per-user values by the user's "
                + "number of target-training interactions (0 = cold) and, separately, of source interactions, over "
                + "users × seeds × folds; n: number of values.";
    }

    static List<String> allMetrics(ComparisonTable table) {
        return table.sections().stream().flatMap(s -> s.metrics().stream()).distinct().toList();
    }

    static String requireTitle(String title) {
        return Objects.requireNonNull(title, "title");
    }
}
