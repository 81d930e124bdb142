package org.rectransfer.reports;

import org.rectransfer.core.provenance.RunRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
        return write(List.of(runsJsonl), outDir, title, metrics, options);
    }

    /**
     * One report over several {@code runs.jsonl} files, e.g. runs of different strategies on the
     * same datasets, splits and seeds. Records are taken in file order; a cell that occurs in
     * more than one file (same dataset, split, protocol, strategy label, seed and fold, e.g. the
     * shared target-only baseline) is kept once if the copies agree on config hash, split
     * fingerprint and every metric, and is an error naming both files otherwise. Each record's
     * per-user file is resolved against the directory of the file it came from.
     *
     * @throws IllegalArgumentException if two files disagree on a cell, or no file is given
     */
    public static Result write(List<Path> runsFiles, Path outDir, String title, List<String> metrics,
                               Significance.Options options) throws IOException {
        Objects.requireNonNull(title, "title");
        if (runsFiles.isEmpty()) {
            throw new IllegalArgumentException("no runs.jsonl file given");
        }
        List<RunRecord> records = new ArrayList<>();
        Map<RunRecord, Path> origin = new IdentityHashMap<>();
        Map<List<Object>, RunRecord> byCell = new HashMap<>();
        for (Path file : runsFiles) {
            for (RunRecord r : RunRecordJson.readAll(file)) {
                List<Object> cell = List.of(r.dataset(), r.split(), r.protocol(), r.strategyLabel(), r.masterSeed(),
                        r.fold());
                RunRecord earlier = byCell.putIfAbsent(cell, r);
                if (earlier == null) {
                    records.add(r);
                    origin.put(r, file);
                } else if (!sameResult(earlier, r)) {
                    throw new IllegalArgumentException("cell " + cell + " differs between " + origin.get(earlier)
                            + " and " + file + " (config, split or metrics): merge only runs of the same protocol");
                }
            }
        }
        PerUserSource perUser = r -> PerUserSource.relativeTo(origin.get(r).toAbsolutePath().getParent()).load(r);
        ComparisonTable table = ComparisonTable.of(records,
                metrics == null ? ComparisonTable.defaultMetrics(records) : metrics, perUser, options);
        String md = MarkdownReport.render(table, title);
        String html = HtmlReport.render(table, title);
        Files.createDirectories(outDir);
        Path mdPath = outDir.resolve(MARKDOWN_FILE);
        Path htmlPath = outDir.resolve(HTML_FILE);
        writeAtomically(mdPath, md);
        writeAtomically(htmlPath, html);
        return new Result(mdPath, htmlPath, md);
    }

    private static boolean sameResult(RunRecord a, RunRecord b) {
        return Objects.equals(a.configSha256(), b.configSha256())
                && Objects.equals(a.splitFingerprint(), b.splitFingerprint())
                && Objects.equals(a.metrics(), b.metrics());
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
