package org.rectransfer.reports;

import org.rectransfer.reports.ComparisonTable.Gain;
import org.rectransfer.reports.ComparisonTable.MetricSummary;
import org.rectransfer.reports.ComparisonTable.Row;
import org.rectransfer.reports.ComparisonTable.Section;

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

    static List<String> allMetrics(ComparisonTable table) {
        return table.sections().stream().flatMap(s -> s.metrics().stream()).distinct().toList();
    }

    static String requireTitle(String title) {
        return Objects.requireNonNull(title, "title");
    }
}
