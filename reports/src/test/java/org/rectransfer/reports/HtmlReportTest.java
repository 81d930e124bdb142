package org.rectransfer.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.provenance.RunRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectransfer.reports.Fixtures.run;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void perUserTablesMarkerAndFootnote() throws IOException {
        ComparisonTable t = ComparisonTable.of(MarkdownReportTest.tinyWithPerUser(dir), List.of("rmse", "ndcg@10"),
                PerUserSource.relativeTo(dir));
        String html = HtmlReport.render(t, "Tiny");
        assertThat(html)
                .contains("<td class=\"num neg\">-7.50 % *</td>")
                .contains("<td class=\"num pos\">+12.50 %</td>")
                .contains("<table class=\"stats\">\n<thead><tr><th>Strategy</th><th>metric</th><th>n</th>"
                        + "<th>mean diff</th><th>95 % CI</th><th>p_t</th><th>p_w</th><th>p_holm</th><th>d_z</th></tr></thead>")
                .contains("<tr><td>CMF | v2</td><td>rmse</td><td class=\"num\">8</td><td class=\"num\">+0.0700</td>"
                        + "<td class=\"num\">[+0.0437, +0.1012]</td><td class=\"num\">0.0029</td>"
                        + "<td class=\"num\">0.0078</td><td class=\"num\">0.0156</td><td class=\"num\">+1.577</td></tr>")
                .contains("<th>target &gt;20</th>")
                .contains("<tr><td>CMF | v2</td><td class=\"num\">1.3050 (n=4)</td>")
                .contains("Per-user analysis: pairs are the (seed, fold, user) entries")
                .contains("marks p_holm &lt; 0.05");
        // tables sit inside their section
        assertThat(html.indexOf("<table class=\"strata\">")).isLessThan(html.indexOf("</section>"));
        assertThat(HtmlReport.render(ComparisonTable.of(MarkdownReportTest.tinyWithPerUser(dir),
                List.of("rmse", "ndcg@10"), PerUserSource.relativeTo(dir)), "Tiny")).isEqualTo(html);
        // without per-user values nothing of it appears
        assertThat(HtmlReport.render(ComparisonTable.of(MarkdownReportTest.tiny(), List.of("rmse", "ndcg@10")), "Tiny"))
                .doesNotContain("class=\"stats\"", "class=\"strata\"", "Per-user", " *</td>");
    }

    @Test
    void escapesAllTextFromRecordsAndTitle() {
        List<RunRecord> recs = List.of(
                run("Target-only MF", "target-only(mf)", "NONE", 1, Map.of("rmse", 1.0)),
                run("<script>alert('x')</script>", "evil&id", "FEATURE\"", 1, Map.of("rmse", 0.9)));
        String html = HtmlReport.render(ComparisonTable.of(recs, List.of("rmse")), "R&D <b>report</b>");
        assertThat(html).doesNotContain("<script", "<b>", "'x'")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("<title>R&amp;D &lt;b&gt;report&lt;/b&gt;</title>")
                .contains("<td>FEATURE&quot;</td>");
    }

    @Test
    void coloursGainsAndListsProvenance() {
        String html = HtmlReport.render(ComparisonTable.of(MarkdownReportTest.tiny(), List.of("rmse", "ndcg@10")),
                "Tiny");
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .doesNotContain("<link", "src=", "href=", "<script")
                .contains("<style>")
                .contains("<td class=\"num neg\">-7.50 %</td>")
                .contains("<td class=\"num pos\">+12.50 %</td>")
                .contains("CMF | v2<span class=\"flag\">⚠ negative transfer</span>")
                .contains("<tr class=\"baseline\"><td>Target-only MF</td>")
                .contains("<footer>")
                .contains("<code>" + Fixtures.ENV.gitCommit() + "</code>")
                .contains("target:ml: <code>feedfaceml00</code>")
                .contains("<dd><code>5p1175eed0000000000000000</code></dd>");
        assertThat(html).isEqualTo(HtmlReport.render(
                ComparisonTable.of(MarkdownReportTest.tiny(), List.of("rmse", "ndcg@10")), "Tiny"));
    }
}
