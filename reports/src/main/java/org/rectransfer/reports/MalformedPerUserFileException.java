package org.rectransfer.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A per-user value file ({@link PerUserValues}) that cannot be read: not gzip, corrupt, or not in
 * the format. The message is {@code FILE:LINE: malformed per-user file: DETAIL}; line 1 is the
 * header, line 0 means the gzip stream could not even be opened.
 */
public final class MalformedPerUserFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int lineNumber;

    /**
     * @param file       the file read
     * @param lineNumber 1-based line number of the bad line (0: before the first line)
     * @param detail     what was wrong
     * @param cause      the underlying error, or {@code null}
     */
    public MalformedPerUserFileException(Path file, int lineNumber, String detail, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ":" + lineNumber + ": malformed per-user file: " + detail, cause);
        this.file = file;
        this.lineNumber = lineNumber;
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }

    /** The 1-based number of the bad line; 0 when the gzip stream could not be opened. */
    public int lineNumber() {
        return lineNumber;
    }
}
