package org.rectransfer.reports;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.provenance.RunRecord;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectransfer.reports.Fixtures.run;

class HtmlReportTest {

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
