package org.rectransfer.reports;

import org.rectransfer.core.provenance.RunRecord;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link ComparisonTable} gets the per-user values of a run record from. Reports use
 * {@link #relativeTo}; {@link #none} gives the table of the records alone.
 */
@FunctionalInterface
public interface PerUserSource {

    /**
     * The per-user values of {@code record}, or empty when it has none.
     *
     * @throws IOException if the record names values that cannot be read or fail verification
     */
    Optional<PerUserValues> load(RunRecord record) throws IOException;

    /** No per-user values for any record. */
    static PerUserSource none() {
        return r -> Optional.empty();
    }

    /**
     * Reads {@link RunRecord#perUserFile()} resolved against {@code runsDirectory} (the directory
     * of the {@code runs.jsonl} file) and verifies its bytes against
     * {@link RunRecord#perUserSha256()}. Records without a per-user file have no values.
     *
     * <p>Errors: a record naming a file without a SHA-256 is an {@link IOException}; a missing file
     * a {@link NoSuchFileException} naming the file and the cell; a SHA-256 mismatch a
     * {@link PerUserChecksumException}; a malformed file a {@link MalformedPerUserFileException}.
     */
    static PerUserSource relativeTo(Path runsDirectory) {
        Objects.requireNonNull(runsDirectory, "runsDirectory");
        return r -> {
            if (r.perUserFile() == null) {
                return Optional.empty();
            }
            Path file = runsDirectory.resolve(r.perUserFile());
            String cell = "cell " + r.cellKey() + " (" + r.strategyLabel() + ", seed " + r.masterSeed() + ", fold "
                    + r.fold() + ")";
            if (r.perUserSha256() == null) {
                throw new IOException(cell + " names per-user file " + file + " but no perUserSha256");
            }
            try {
                return Optional.of(PerUserValues.read(file, r.perUserSha256()));
            } catch (NoSuchFileException e) {
                NoSuchFileException missing = new NoSuchFileException(file.toString(), null,
                        "per-user file of " + cell + " is missing");
                missing.initCause(e);
                throw missing;
            }
        };
    }
}
