package org.rectransfer.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of a {@code runs.jsonl} file that is not a valid {@code RunRecord}, other than a truncated
 * last line (see {@link RunRecordJson#read(Path)}). The message names the file and the 1-based line.
 */
public final class MalformedRunRecordException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int lineNumber;

    /**
     * @param file       the file read
     * @param lineNumber 1-based line number of the bad line
     * @param detail     what was wrong
     * @param cause      the underlying parse error, or {@code null}
     */
    public MalformedRunRecordException(Path file, int lineNumber, String detail, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ":" + lineNumber + ": malformed run record: " + detail, cause);
        this.file = file;
        this.lineNumber = lineNumber;
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }

    /** The 1-based number of the malformed line. */
    public int lineNumber() {
        return lineNumber;
    }
}
