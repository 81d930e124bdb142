package org.rectransfer.datasets;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.rectransfer.core.data.CrossDomainData;

/**
 * Douban book and music ratings as published with GA-DTCDR (directory {@value #DIRECTORY} of the
 * data set root; see its PROVENANCE.md). Files: {@code douban_book_ratings.dat} (domain
 * {@value #BOOK}) and {@code douban_music_ratings.dat} (domain {@value #MUSIC}), tab-separated
 * {@code user item rating}, integer ratings 1..5, no header, no timestamps. User ids are shared
 * across the two files (that is the overlap); item ids are per file. The larger
 * {@code douban_book_ratings_200000.dat} is not read.
 *
 * <p>Duplicates are errors (the files have none). Stateless and thread-safe.
 */
public final class DoubanGadtcdr {

    /** Directory name under the data set root. */
    public static final String DIRECTORY = "douban-gadtcdr";
    public static final String BOOK = "book";
    public static final String MUSIC = "music";
    /** The domains, in a fixed order. */
    public static final List<String> DOMAINS = List.of(BOOK, MUSIC);
    /** Format of both files. */
    public static final DelimitedFormat FORMAT = DelimitedFormat.of("\t", 3, 0, 1, 2).withRatingRange(1, 5);

    private DoubanGadtcdr() {
    }

    /** {@value #DIRECTORY} under {@link DatasetLocator#root()}. */
    public static Path defaultDirectory() throws NoSuchFileException {
        return DatasetLocator.dataset(DIRECTORY);
    }

    /** The ratings file of {@code domain} in {@code dir}. */
    public static Path file(Path dir, String domain) {
        switch (requireDomain(domain)) {
            case BOOK:
                return dir.resolve("douban_book_ratings.dat");
            case MUSIC:
                return dir.resolve("douban_music_ratings.dat");
            default:
                throw new AssertionError(domain);
        }
    }

    /** The rows of {@code domain} ({@value #BOOK} or {@value #MUSIC}). */
    public static RawInteractions read(Path dir, String domain) throws IOException {
        return new DelimitedLoader(FORMAT).read(file(dir, domain));
    }

    /** Source and target domains over the sorted union of their users, with the overlap report. */
    public static CrossDomainAssembler.Assembly assemble(Path dir, String source, String target) throws IOException {
        requireDomain(source);
        requireDomain(target);
        return CrossDomainAssembler.assemblePair(source, target, domain -> read(dir, domain));
    }

    /**
     * Source and target domains, e.g. {@code load(dir, "music", "book")} for music to book.
     *
     * @throws IllegalArgumentException for an unknown domain name (listing the known ones) or
     *                                  {@code source.equals(target)}
     */
    public static CrossDomainData load(Path dir, String source, String target) throws IOException {
        return assemble(dir, source, target).data();
    }

    private static String requireDomain(String domain) {
        if (!DOMAINS.contains(domain)) {
            throw new IllegalArgumentException("unknown Douban domain '" + domain + "'; known domains: " + DOMAINS);
        }
        return domain;
    }
}
