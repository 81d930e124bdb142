package org.rectransfer.datasets;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of an input file: the file path as it was given to the loader and the 1-based line
 * number (header lines count). Prints as {@code path:line}.
 *
 * @param file the file as given to the loader
 * @param line 1-based line number, {@code >= 1}
 */
public record SourceLocation(Path file, long line) {
    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
