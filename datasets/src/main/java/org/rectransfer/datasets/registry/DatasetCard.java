package org.rectransfer.datasets.registry;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * What is known about one public data set: where it officially lives, its files (with SHA-256
 * only where computed from a file we hold), its licence terms as stated by the publisher, how to
 * cite it, and the id of the {@link org.rectransfer.datasets.formats.InteractionFormat} that reads
 * its interaction files.
 *
 * @param id          stable identifier, lower case with dashes (also the cache sub-directory)
 * @param description one or two sentences
 * @param officialUrl the publisher's page
 * @param files       the files, unique names
 * @param licence     the terms as stated (quoted or summarised, with their source)
 * @param citation    the reference the publisher asks for
 * @param formatId    id of the format of the interaction files (see
 *                    {@link org.rectransfer.datasets.formats.Formats})
 */
public record DatasetCard(String id, String description, URI officialUrl, List<FileEntry> files, String licence,
                          String citation, String formatId) {

    public DatasetCard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(officialUrl, "officialUrl");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(formatId, "formatId");
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("card id must be lower case letters, digits, '.' and '-', got '" + id + "'");
        }
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("card '" + id + "' lists no files");
        }
        Set<String> names = new HashSet<>();
        for (FileEntry f : files) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("card '" + id + "' lists file '" + f.name() + "' twice");
            }
        }
    }

    /** The file named {@code name}. */
    public FileEntry file(String name) {
        for (FileEntry f : files) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new NoSuchElementException("card '" + id + "' has no file '" + name + "'");
    }

    /** {@code true} when every file has a SHA-256. */
    public boolean fullyVerified() {
        return files.stream().allMatch(FileEntry::isVerified);
    }
}
