package org.rectransfer.datasets;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An input file does not have the declared format. The message always starts with
 * {@code path:line: } (the file as given to the loader and the 1-based line number) followed by
 * what was wrong; for a duplicate entry it also names the earlier line, which may be in another
 * file of the same load.
 *
 * <p>Unchecked: a malformed data file is not something a caller can usually recover from, and
 * the loaders already declare {@link java.io.IOException} for failures to read at all.
 */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;
    private final transient SourceLocation earlierLocation;
    private final String problem;

    /** A problem at {@code location}. */
    public DataFormatException(SourceLocation location, String problem) {
        this(location, null, problem, null);
    }

    /** A problem at {@code location} that involves an earlier line (e.g. a duplicate entry). */
    public DataFormatException(SourceLocation location, SourceLocation earlierLocation, String problem) {
        this(location, earlierLocation, problem, null);
    }

    DataFormatException(SourceLocation location, SourceLocation earlierLocation, String problem, Throwable cause) {
        super(location + ": " + problem + (earlierLocation == null ? "" : " (first at " + earlierLocation + ")"), cause);
        this.location = Objects.requireNonNull(location, "location");
        this.earlierLocation = earlierLocation;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** Where the problem was found. */
    public SourceLocation location() {
        return location;
    }

    /** The file the problem was found in. */
    public Path file() {
        return location.file();
    }

    /** The 1-based line the problem was found on. */
    public long line() {
        return location.line();
    }

    /** The earlier line involved (the first occurrence of a duplicate), or {@code null}. */
    public SourceLocation earlierLocation() {
        return earlierLocation;
    }

    /** What was wrong, without the location prefix. */
    public String problem() {
        return problem;
    }
}
