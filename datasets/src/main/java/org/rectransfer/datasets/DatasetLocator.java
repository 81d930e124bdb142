package org.rectransfer.datasets;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Finds the directory holding the real data sets (one sub-directory per data set, each with a
 * PROVENANCE.md). The first of these that is set (non-blank) is used:
 * <ol>
 *   <li>environment variable {@value #ENV} (set this to point elsewhere);</li>
 *   <li>environment variable {@value #ENV_DEFAULT} (the build sets it for tests);</li>
 *   <li>{@value #FALLBACK} relative to the working directory.</li>
 * </ol>
 * A relative path in a variable is taken relative to the working directory. The chosen directory
 * must exist; there is no fall-through from a set but wrong variable to the
 * next candidate. Stateless and thread-safe.
 */
public final class DatasetLocator {

    /** Environment variable naming the data set root; takes precedence. */
    public static final String ENV = "RECTRANSFER_DATASETS";
    /** Environment variable with the build's default data set root. */
    public static final String ENV_DEFAULT = "RECTRANSFER_DATASETS_DEFAULT";
    /** Root used when neither variable is set, relative to the working directory. */
    public static final String FALLBACK = "../shared/datasets";

    private DatasetLocator() {
    }

    /** The data set root from the process environment and working directory. */
    public static Path root() throws NoSuchFileException {
        return root(System::getenv, Path.of("").toAbsolutePath());
    }

    /** The directory of data set {@code name} under {@link #root()}, which must exist. */
    public static Path dataset(String name) throws NoSuchFileException {
        Path root = root();
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "data set '" + name + "' is not under the data set root "
                    + root);
        }
        return dir;
    }

    /**
     * The data set root given an environment lookup and an absolute working directory.
     *
     * @throws NoSuchFileException if the chosen directory does not exist; the message names where
     *                             the path came from and the variable to set
     */
    public static Path root(UnaryOperator<String> env, Path workingDirectory) throws NoSuchFileException {
        String source;
        Path dir;
        String explicit = env.apply(ENV);
        String fallback = env.apply(ENV_DEFAULT);
        if (explicit != null && !explicit.isBlank()) {
            source = "environment variable " + ENV;
            dir = workingDirectory.resolve(explicit);
        } else if (fallback != null && !fallback.isBlank()) {
            source = "environment variable " + ENV_DEFAULT + " (" + ENV + " is not set)";
            dir = workingDirectory.resolve(fallback);
        } else {
            source = FALLBACK + " relative to the working directory " + workingDirectory + " (" + ENV + " and "
                    + ENV_DEFAULT + " are not set)";
            dir = workingDirectory.resolve(FALLBACK);
        }
        dir = dir.normalize();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "data set root not found: " + dir + " from " + source
                    + "; set " + ENV + " to the directory holding the data sets");
        }
        return dir;
    }
}
