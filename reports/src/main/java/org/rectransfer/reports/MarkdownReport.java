package org.rectransfer.reports;

import org.rectransfer.reports.ComparisonTable.MetricSummary;
import org.rectransfer.reports.ComparisonTable.Row;
import org.rectransfer.reports.ComparisonTable.Section;
import org.rectransfer.reports.PerUserAnalysis.Comparison;
import org.rectransfer.reports.PerUserAnalysis.Strata;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link ComparisonTable} as GitHub-flavoured Markdown: a heading per section
 * (dataset / split / protocol), the baseline, and a table
 * {@code Strategy | family | seeds | cells | <metric> (mean ± std) | gain % | ...}. Metric values
 * have 4 decimals, gains 2 decimals with an explicit sign ({@code +1.23 %}); {@code —} marks the
 * baseline's own gain and missing values; rows with a negative gain on the section's first metric
 * carry {@code ⚠ negative transfer}. A footnote says how gains are computed.
 *
 * <p>A section with a {@link PerUserAnalysis} also gets: {@code  *} after gains whose primary
 * per-user test is significant after Holm's adjustment; a table
 * {@code Strategy | metric | n | mean diff | 95 % CI | p_t | p_w | p_holm | d_z} (when the baseline
 * has per-user values); and per strata metric a table of per-user means by target-training and
 * source activity bucket. A second footnote explains them. Sections without per-user values render
 * exactly as before.
 *
 * <p>Output is a pure function of the table (same table, same string), lines end with
 * {@code \n}. Table cells escape {@code |} and fold line breaks.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /** Renders {@code table} under the level-1 heading {@code title}. */
    public static String render(ComparisonTable table, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(inline(Format.requireTitle(title))).append("\n\n");
        if (table.sections().isEmpty()) {
            sb.append("_No runs._\n");
            return sb.toString();
        }
        for (Section s : table.sections()) {
            sb.append("## ").append(inline(Format.sectionHeading(s))).append("\n\n");
            sb.append(s.baseline()
                    .map(b -> "Baseline: " + cell(b.strategyLabel()) + " (`" + cell(Format.text(b.strategyId())) + "`)")
                    .orElse("No target-only baseline in this section: gains are not computed.")).append("\n\n");
            sb.append("| Strategy | family | seeds | cells |");
            for (String m : s.metrics()) {
                sb.append(' ').append(cell(m)).append(" (mean ± std) | gain % |");
            }
            sb.append("\n|:--|:--|--:|--:|");
            sb.append("--:|--:|".repeat(s.metrics().size()));
            sb.append('\n');
            for (Row r : s.rows()) {
                sb.append("| ").append(cell(r.strategyLabel()));
                if (r.negativeTransfer()) {
                    sb.append(' ').append(Format.NEGATIVE_TRANSFER);
                }
                if (!r.guardNote().isEmpty()) {
                    sb.append(" (").append(r.guardNote()).append(')');
                }
                sb.append(" | ").append(cell(Format.text(r.family())))
                        .append(" | ").append(r.seeds().size())
                        .append(" | ").append(r.cells()).append(" |");
                for (MetricSummary m : r.metrics()) {
                    sb.append(' ').append(Format.meanStd(m, r.seeds().size()))
                            .append(" | ").append(Format.gain(s, r, m)).append(" |");
                }
                sb.append('\n');
            }
            sb.append('\n');
            s.perUserAnalysis().ifPresent(a -> perUser(sb, s, a));
        }
        sb.append("_").append(Format.gainFootnote(Format.allMetrics(table))).append("_\n");
        String perUser = Format.perUserFootnote(table);
        if (perUser != null) {
            sb.append("\n_").append(perUser).append("_\n");
        }
        return sb.toString();
    }

    private static void perUser(StringBuilder sb, Section s, PerUserAnalysis a) {
        if (!a.comparisons().isEmpty()) {
            sb.append(Format.STATS_CAPTION).append("\n\n");
            row(sb, Format.STATS_HEADER);
            sb.append("|:--|:--|").append("--:|".repeat(Format.STATS_HEADER.size() - 2)).append('\n');
            for (Comparison c : a.comparisons()) {
                row(sb, Format.statsCells(c));
            }
            sb.append('\n');
        } else if (s.baseline().isPresent()) {
            sb.append(Format.NO_BASELINE_VALUES).append("\n\n");
        }
        for (String metric : a.strataMetrics()) {
            sb.append(Format.strataCaption(inline(metric))).append("\n\n");
            List<String> header = Format.strataHeader();
            row(sb, header);
            sb.append("|:--|").append("--:|".repeat(header.size() - 1)).append('\n');
            for (Strata st : a.strata()) {
                if (!st.metric().equals(metric)) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                cells.add(st.strategyLabel());
                st.byTargetTrain().stream().map(Format::stratum).forEach(cells::add);
                st.bySourceTrain().stream().map(Format::stratum).forEach(cells::add);
                row(sb, cells);
            }
            sb.append('\n');
        }
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(cell(c)).append(" |");
        }
        sb.append('\n');
    }

    /** Text for a table cell: pipes escaped, line breaks folded. */
    private static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    private static String inline(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
