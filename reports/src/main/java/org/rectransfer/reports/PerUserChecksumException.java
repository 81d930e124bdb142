package org.rectransfer.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A per-user value file whose bytes do not have the SHA-256 its run record states: it was
 * modified or replaced after the run, or belongs to another run. Reports refuse to use it.
 */
public final class PerUserChecksumException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String expected;
    private final String actual;

    /**
     * @param file     the file read
     * @param expected SHA-256 stated by the run record
     * @param actual   SHA-256 of the file's bytes
     */
    public PerUserChecksumException(Path file, String expected, String actual) {
        super(Objects.requireNonNull(file, "file") + ": per-user file SHA-256 mismatch: the run record states "
                + expected + " but the file has " + actual + " (file modified or replaced after the run?)");
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }

    /** The SHA-256 the run record states. */
    public String expected() {
        return expected;
    }

    /** The SHA-256 of the file's bytes. */
    public String actual() {
        return actual;
    }
}
