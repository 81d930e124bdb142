package org.rectransfer.datasets.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.rectransfer.datasets.RawInteractions;

/**
 * A file format of interaction data, identified by a stable {@link #id()} (the format id a
 * {@link org.rectransfer.datasets.registry.DatasetCard} names). Implementations are immutable
 * and thread-safe; {@link Formats} lists the built-in ones.
 */
public interface InteractionFormat {

    /** Stable identifier, lower case with dashes, e.g. {@code "movielens-dat"}. */
    String id();

    /**
     * Reads {@code files} in order as one data set.
     *
     * @throws org.rectransfer.datasets.DataFormatException if a file is malformed (the message starts with {@code path:line:})
     * @throws IOException                                  if a file cannot be read
     * @throws IllegalArgumentException                     if no file is given or two files share a file name
     */
    RawInteractions read(List<Path> files) throws IOException;

    /** {@link #read(List)} of the given files. */
    default RawInteractions read(Path... files) throws IOException {
        return read(Arrays.asList(files));
    }
}
