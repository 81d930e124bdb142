package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

import org.rectransfer.datasets.DataFormatException;
import org.rectransfer.datasets.DelimitedLoader;
import org.rectransfer.datasets.RawInteractions;

/** The read loop shared by the dedicated tokenizers, and the delimited-loader bridge. */
final class Dedicated {

    /** Parses one line of one file into {@code rows} (or counts it as skipped). */
    interface LineParser {
        void parse(RawInteractions.Builder rows, Path file, String line, long lineNumber);

        /** Called after the last line of the file. */
        default void finish(Path file) {
        }
    }

    /** Creates a fresh parser per file (parsers may keep per-file state, e.g. the current Netflix movie). */
    interface ParserFactory {
        LineParser forFile(Path file);
    }

    private Dedicated() {
    }

    static RawInteractions read(List<Path> files, Charset charset, boolean withTimestamps,
                                RawInteractions.Feedback feedback, ParserFactory factory) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to read");
        }
        RawInteractions.Builder rows = RawInteractions.builder(feedback, withTimestamps);
        for (Path file : files) {
            rows.startFile(file);
            LineParser parser = factory.forFile(file);
            long before = rows.size() + rows.skipped();
            long[] count = {0};
            String sha = LineReader.read(file, charset, (line, no) -> {
                count[0] = no;
                parser.parse(rows, file, line, no);
            });
            parser.finish(file);
            if (rows.size() + rows.skipped() == before) {
                throw new DataFormatException(new org.rectransfer.datasets.SourceLocation(file, Math.max(1, count[0])),
                        "no data rows (the file has " + count[0] + " line(s))");
            }
            rows.endFile(file, sha);
        }
        return rows.build();
    }

    /** Reads with {@link DelimitedLoader}, giving the values the meaning {@code feedback}. */
    static RawInteractions delimited(org.rectransfer.datasets.DelimitedFormat format, List<Path> files,
                                     RawInteractions.Feedback feedback) throws IOException {
        return new DelimitedLoader(format).read(files).withFeedback(feedback);
    }

    /** Checks that line 1 of {@code file} is exactly {@code expected}; otherwise an error at {@code file:1}. */
    static void requireHeader(Path file, Charset charset, String expected) throws IOException {
        String[] first = {null};
        try {
            LineReader.read(file, charset, (line, no) -> {
                if (no == 1) {
                    first[0] = line;
                    throw new StopReading();
                }
            });
        } catch (StopReading stop) {
            // header seen
        }
        if (first[0] == null) {
            throw LineReader.error(file, 1, "empty file, expected header \"" + printable(expected) + "\"");
        }
        if (!first[0].equals(expected)) {
            throw LineReader.error(file, 1, "expected header \"" + printable(expected) + "\", found \""
                    + printable(first[0]) + "\"");
        }
    }

    static String printable(String s) {
        return s.replace("\t", "\\t").replace("\r", "\\r");
    }

    /** Ends a scan early. */
    private static final class StopReading extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopReading() {
            super(null, null, false, false);
        }
    }
}
