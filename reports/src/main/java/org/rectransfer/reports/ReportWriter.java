package org.rectransfer.reports;

import org.rectransfer.core.provenance.RunRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@code report.md} and {@code report.html} for a {@code runs.jsonl} file. Each file is
 * written to a temporary sibling and moved into place, so a reader never sees half a report.
 */
public final class ReportWriter {
    /** File name of the Markdown report. */
    public static final String MARKDOWN_FILE = "report.md";
    /** File name of the HTML report. */
    public static final String HTML_FILE = "report.html";

    private ReportWriter() {
    }

    /**
     * What was written.
     *
     * @param markdown     path of {@code report.md}
     * @param html         path of {@code report.html}
     * @param markdownText the Markdown report (for a CLI to print)
     */
    public record Result(Path markdown, Path html, String markdownText) {
    }

    /**
     * Reads the runs ({@link RunRecordJson#readAll}, a truncated last line is skipped with a
     * warning) and writes both reports into {@code outDir} (created if needed), with metric columns
     * {@link ComparisonTable#defaultMetrics}. Records with a per-user file get the per-user
     * analysis: files are resolved against the directory of {@code runsJsonl} and verified
     * ({@link PerUserSource#relativeTo}), with {@link Significance.Options#DEFAULT}.
     *
     * @throws PerUserChecksumException      if a per-user file does not have its record's SHA-256
     * @throws MalformedPerUserFileException if a per-user file is malformed
     * @throws java.nio.file.NoSuchFileException if the runs file or a per-user file is missing
     */
    public static Result write(Path runsJsonl, Path outDir, String title) throws IOException {
        return write(runsJsonl, outDir, title, null);
    }

    /**
     * As {@link #write(Path, Path, String)} with the given metric columns ({@code null}: default).
     */
    public static Result write(Path runsJsonl, Path outDir, String title, List<String> metrics) throws IOException {
        return write(runsJsonl, outDir, title, metrics, Significance.Options.DEFAULT);
    }

    /**
     * As {@link #write(Path, Path, String, List)} with the given bootstrap options for the
     * per-user analysis.
     */
    public static Result write(Path runsJsonl, Path outDir, String title, List<String> metrics,
                               Significance.Options options) throws IOException {
        Objects.requireNonNull(title, "title");
        List<RunRecord> records = RunRecordJson.readAll(runsJsonl);
        Path runsDir = runsJsonl.toAbsolutePath().getParent();
        ComparisonTable table = ComparisonTable.of(records,
                metrics == null ? ComparisonTable.defaultMetrics(records) : metrics,
                PerUserSource.relativeTo(runsDir), options);
        String md = MarkdownReport.render(table, title);
        String html = HtmlReport.render(table, title);
        Files.createDirectories(outDir);
        Path mdPath = outDir.resolve(MARKDOWN_FILE);
        Path htmlPath = outDir.resolve(HTML_FILE);
        writeAtomically(mdPath, md);
        writeAtomically(htmlPath, html);
        return new Result(mdPath, htmlPath, md);
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
