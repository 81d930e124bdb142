package org.rectransfer.reports;

import org.rectransfer.reports.ComparisonTable.MetricSummary;
import org.rectransfer.reports.ComparisonTable.Row;
import org.rectransfer.reports.ComparisonTable.Section;

/**
 * Renders a {@link ComparisonTable} as GitHub-flavoured Markdown: a heading per section
 * (dataset / split / protocol), the baseline, and a table
 * {@code Strategy | family | seeds | cells | <metric> (mean ± std) | gain % | ...}. Metric values
 * have 4 decimals, gains 2 decimals with an explicit sign ({@code +1.23 %}); {@code —} marks the
 * baseline's own gain and missing values; rows with a negative gain on the section's first metric
 * carry {@code ⚠ negative transfer}. A footnote says how gains are computed. Output is a pure
 * function of the table (same table, same string), lines end with {@code \n}. Table cells escape
 * {@code |} and fold line breaks.
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
                sb.append(" | ").append(cell(Format.text(r.family())))
                        .append(" | ").append(r.seeds().size())
                        .append(" | ").append(r.cells()).append(" |");
                for (MetricSummary m : r.metrics()) {
                    sb.append(' ').append(Format.meanStd(m, r.seeds().size()))
                            .append(" | ").append(Format.gain(r, m)).append(" |");
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        sb.append("_").append(Format.gainFootnote(Format.allMetrics(table))).append("_\n");
        return sb.toString();
    }

    /** Text for a table cell: pipes escaped, line breaks folded. */
    private static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    private static String inline(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
