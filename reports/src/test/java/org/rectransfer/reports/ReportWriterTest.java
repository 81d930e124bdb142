package org.rectransfer.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.provenance.RunRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesBothReportsAndReturnsTheMarkdown() throws Exception {
        Path runs = dir.resolve("runs.jsonl");
        for (RunRecord r : MarkdownReportTest.tiny()) {
            RunRecordJson.append(runs, r);
        }
        ReportWriter.Result res = ReportWriter.write(runs, dir.resolve("out"), "Tiny");

        assertThat(res.markdown()).isEqualTo(dir.resolve("out/report.md"));
        assertThat(res.html()).isEqualTo(dir.resolve("out/report.html"));
        assertThat(Files.readString(res.markdown())).isEqualTo(res.markdownText());
        // default metrics: errors first -> rmse, then ndcg@10: the same table as the exact-output test
        assertThat(res.markdownText()).isEqualTo(
                MarkdownReport.render(ComparisonTable.of(MarkdownReportTest.tiny(), List.of("rmse", "ndcg@10")), "Tiny"));
        assertThat(Files.readString(res.html())).contains("<h1>Tiny</h1>");
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.md", "report.html");
        }
        // rewriting gives the same bytes
        ReportWriter.Result again = ReportWriter.write(runs, dir.resolve("out"), "Tiny");
        assertThat(again.markdownText()).isEqualTo(res.markdownText());
    }

    /** Per-user files are resolved against the runs file's directory and verified. */
    @Test
    void perUserFilesNextToTheRunsFile() throws Exception {
        Path runsDir = dir.resolve("results/exp");
        Path runs = runsDir.resolve("runs.jsonl");
        List<RunRecord> recs = MarkdownReportTest.tinyWithPerUser(runsDir);
        for (RunRecord r : recs) {
            RunRecordJson.append(runs, r);
        }
        ReportWriter.Result res = ReportWriter.write(runs, dir.resolve("out"), "Tiny");
        assertThat(res.markdownText()).isEqualTo(MarkdownReportTest.TINY_PER_USER_MARKDOWN);
        assertThat(Files.readString(res.html())).contains("<table class=\"stats\">");

        // a per-user file changed after the run: the report fails and nothing is written
        Path file = runsDir.resolve(recs.get(0).perUserFile());
        PerUserValues.write(file, PerUserValues.read(file));        // same values, same bytes: still fine
        ReportWriter.write(runs, dir.resolve("out"), "Tiny");
        PerUserValues.write(file, PerUserValues.read(runsDir.resolve(recs.get(1).perUserFile())));
        Path out2 = dir.resolve("out2");
        assertThatThrownBy(() -> ReportWriter.write(runs, out2, "Tiny"))
                .isInstanceOf(PerUserChecksumException.class).hasMessageContaining(file.toString());
        assertThat(out2).doesNotExist();
    }

    /**
     * Several runs files: a cell present in both (the shared baseline) is kept once when the
     * copies agree, rows of both files end up in one table, and a disagreeing copy is an error.
     */
    @Test
    void mergesSeveralRunsFilesAndKeepsAgreeingDuplicatesOnce() throws Exception {
        List<RunRecord> tiny = MarkdownReportTest.tiny();
        Path a = dir.resolve("a/runs.jsonl");
        Path b = dir.resolve("b/runs.jsonl");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        for (RunRecord r : tiny.subList(0, 4)) {
            RunRecordJson.append(a, r);
        }
        for (RunRecord r : tiny) {
            RunRecordJson.append(b, r);     // the four of a again, plus the Pooled MF row
        }
        ReportWriter.Result merged = ReportWriter.write(List.of(a, b), dir.resolve("m"), "Tiny", null,
                Significance.Options.DEFAULT);
        assertThat(merged.markdownText()).isEqualTo(ReportWriter.write(b, dir.resolve("single"), "Tiny").markdownText());

        Path c = dir.resolve("c/runs.jsonl");
        Files.createDirectories(c.getParent());
        RunRecordJson.append(c, Fixtures.run("Target-only MF", "target-only(mf)", "NONE", 1,
                java.util.Map.of("rmse", 1.50, "ndcg@10", 0.20)));
        assertThatThrownBy(() -> ReportWriter.write(List.of(a, c), dir.resolve("bad"), "Tiny", null,
                Significance.Options.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(a.toString()).hasMessageContaining(c.toString());
    }
}
