package org.rectransfer.datasets.registry;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A downloaded (or cached) file does not have the SHA-256 (or size) its card records. The
 * message names the card, the file, where it came from, and the expected and found values; the
 * offending bytes have been deleted from the cache.
 */
public final class ChecksumMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String found;

    public ChecksumMismatchException(String cardId, String fileName, Path file, String source, String what,
                                     String expected, String found) {
        super("data set '" + cardId + "', file '" + fileName + "' (" + file + ", from " + source + "): " + what
                + " mismatch: expected " + expected + ", found " + found + "; the file was deleted from the cache");
        this.expected = expected;
        this.found = found;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
