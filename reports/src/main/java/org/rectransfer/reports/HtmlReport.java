package org.rectransfer.reports;

import org.rectransfer.reports.ComparisonTable.MetricSummary;
import org.rectransfer.reports.ComparisonTable.Provenance;
import org.rectransfer.reports.ComparisonTable.Row;
import org.rectransfer.reports.ComparisonTable.Section;
import org.rectransfer.reports.PerUserAnalysis.Comparison;
import org.rectransfer.reports.PerUserAnalysis.Strata;

import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders a {@link ComparisonTable} as one self-contained HTML5 page: inline CSS, no scripts, no
 * external assets. Same tables and number formats as {@link MarkdownReport}; negative gains are
 * red, positive gains green; a provenance footer lists per section the distinct git commits,
 * config SHA-256 prefixes, dataset fingerprints (prefixes) and split fingerprints. All text from
 * the records and the title is HTML-escaped. Sections with a {@link PerUserAnalysis} get the same
 * significance marker, statistics table, activity tables and footnote as in Markdown. Output is a
 * pure function of the table.
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:0.5em 0 1.5em}
            th,td{border:1px solid #ccc;padding:0.25em 0.6em}
            th{background:#f3f3f3}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            tr.baseline td{font-weight:600}
            .pos{color:#137333}
            .neg{color:#c5221f}
            .flag{color:#c5221f;font-size:0.9em;margin-left:0.5em}
            .note{color:#555;font-size:0.9em}
            code{font-size:0.9em}
            footer{border-top:1px solid #ccc;margin-top:2em;font-size:0.9em}
            dt{font-weight:600;margin-top:0.4em}
            """;

    private HtmlReport() {
    }

    /** Renders {@code table} as a page titled {@code title}. */
    public static String render(ComparisonTable table, String title) {
        String t = esc(Format.requireTitle(title));
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(t)
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>").append(t)
                .append("</h1>\n");
        if (table.sections().isEmpty()) {
            sb.append("<p class=\"note\">No runs.</p>\n");
        }
        for (Section s : table.sections()) {
            section(sb, s);
        }
        if (!table.sections().isEmpty()) {
            sb.append("<p class=\"note\">").append(esc(Format.gainFootnote(Format.allMetrics(table))))
                    .append("</p>\n");
            String perUser = Format.perUserFootnote(table);
            if (perUser != null) {
                sb.append("<p class=\"note\">").append(esc(perUser)).append("</p>\n");
            }
            footer(sb, table);
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void section(StringBuilder sb, Section s) {
        sb.append("<section>\n<h2>").append(esc(Format.sectionHeading(s))).append("</h2>\n<p class=\"note\">");
        sb.append(s.baseline()
                .map(b -> "Baseline: " + esc(b.strategyLabel()) + " (<code>" + esc(Format.text(b.strategyId()))
                        + "</code>)")
                .orElse("No target-only baseline in this section: gains are not computed.")).append("</p>\n");
        sb.append("<table>\n<thead><tr><th>Strategy</th><th>family</th><th>seeds</th><th>cells</th>");
        for (String m : s.metrics()) {
            sb.append("<th>").append(esc(m)).append(" (mean ± std)</th><th>gain %</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (Row r : s.rows()) {
            sb.append(r.baseline() ? "<tr class=\"baseline\">" : "<tr>").append("<td>").append(esc(r.strategyLabel()));
            if (r.negativeTransfer()) {
                sb.append("<span class=\"flag\">").append(Format.NEGATIVE_TRANSFER).append("</span>");
            }
            if (!r.guardNote().isEmpty()) {
                sb.append("<span class=\"flag\">").append(esc(r.guardNote())).append("</span>");
            }
            sb.append("</td><td>").append(esc(Format.text(r.family()))).append("</td><td class=\"num\">")
                    .append(r.seeds().size()).append("</td><td class=\"num\">").append(r.cells()).append("</td>");
            for (MetricSummary m : r.metrics()) {
                sb.append("<td class=\"num\">").append(esc(Format.meanStd(m, r.seeds().size()))).append("</td>");
                String g = esc(Format.gain(s, r, m));
                if (Format.hasGain(r, m) && m.gain().shown() != 0) {
                    sb.append("<td class=\"num ").append(m.gain().shown() < 0 ? "neg" : "pos").append("\">")
                            .append(g).append("</td>");
                } else {
                    sb.append("<td class=\"num\">").append(g).append("</td>");
                }
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        s.perUserAnalysis().ifPresent(a -> perUser(sb, s, a));
        sb.append("</section>\n");
    }

    private static void perUser(StringBuilder sb, Section s, PerUserAnalysis a) {
        if (!a.comparisons().isEmpty()) {
            sb.append("<p>").append(esc(Format.STATS_CAPTION)).append("</p>\n<table class=\"stats\">\n");
            header(sb, Format.STATS_HEADER);
            sb.append("<tbody>\n");
            for (Comparison c : a.comparisons()) {
                row(sb, Format.statsCells(c), 2);
            }
            sb.append("</tbody>\n</table>\n");
        } else if (s.baseline().isPresent()) {
            sb.append("<p class=\"note\">").append(esc(Format.NO_BASELINE_VALUES)).append("</p>\n");
        }
        for (String metric : a.strataMetrics()) {
            sb.append("<p>").append(esc(Format.strataCaption(metric))).append("</p>\n<table class=\"strata\">\n");
            header(sb, Format.strataHeader());
            sb.append("<tbody>\n");
            for (Strata st : a.strata()) {
                if (!st.metric().equals(metric)) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                cells.add(st.strategyLabel());
                st.byTargetTrain().stream().map(Format::stratum).forEach(cells::add);
                st.bySourceTrain().stream().map(Format::stratum).forEach(cells::add);
                row(sb, cells, 1);
            }
            sb.append("</tbody>\n</table>\n");
        }
    }

    private static void header(StringBuilder sb, List<String> cells) {
        sb.append("<thead><tr>");
        for (String c : cells) {
            sb.append("<th>").append(esc(c)).append("</th>");
        }
        sb.append("</tr></thead>\n");
    }

    /** A body row; the first {@code textCells} cells are text, the rest numeric. */
    private static void row(StringBuilder sb, List<String> cells, int textCells) {
        sb.append("<tr>");
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i < textCells ? "<td>" : "<td class=\"num\">").append(esc(cells.get(i))).append("</td>");
        }
        sb.append("</tr>\n");
    }

    private static void footer(StringBuilder sb, ComparisonTable table) {
        sb.append("<footer>\n<h2>Provenance</h2>\n");
        for (Section s : table.sections()) {
            Provenance p = s.provenance();
            sb.append("<h3>").append(esc(Format.sectionHeading(s))).append("</h3>\n<dl>\n");
            list(sb, "Git commits", p.gitCommits(), Function.identity());
            list(sb, "Config SHA-256 (prefix)", p.configSha256s(), Format::prefix);
            sb.append("<dt>Dataset fingerprints (prefix)</dt>");
            if (p.datasetFingerprints().isEmpty()) {
                sb.append("<dd>").append(Format.MISSING).append("</dd>");
            }
            for (Map.Entry<String, List<String>> e : p.datasetFingerprints().entrySet()) {
                sb.append("<dd>").append(esc(e.getKey())).append(": ");
                appendCodes(sb, e.getValue(), Format::prefix);
                sb.append("</dd>");
            }
            sb.append('\n');
            list(sb, "Split fingerprints", p.splitFingerprints(), Function.identity());
            sb.append("</dl>\n");
        }
        sb.append("</footer>\n");
    }

    private static void list(StringBuilder sb, String name, List<String> values, Function<String, String> shorten) {
        sb.append("<dt>").append(name).append("</dt><dd>");
        appendCodes(sb, values, shorten);
        sb.append("</dd>\n");
    }

    private static void appendCodes(StringBuilder sb, List<String> values, Function<String, String> shorten) {
        if (values.isEmpty()) {
            sb.append(Format.MISSING);
        }
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("<code>").append(esc(shorten.apply(values.get(i)))).append("</code>");
        }
    }

    /** Escapes {@code & < > " '} as HTML entities. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
