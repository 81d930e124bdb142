package org.rectransfer.datasets;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.rectransfer.core.data.CrossDomainData;

/**
 * Amazon movie (source) and music (target) ratings as published with NeuCDCF (directory
 * {@value #DIRECTORY} of the data set root, fold 1 of the "sparse/100" setting; see its
 * PROVENANCE.md). All files are tab-separated {@code user item rating domain_index}, ratings
 * 1.0..5.0 written as floats, no header, no timestamps; domain index 0 is music, 1 is movie.
 *
 * <p>What is read:
 * <ul>
 *   <li>domain {@value #MOVIE}: the rows with domain index 1 of {@code music_movie.trainfull.rating}
 *       (its domain-0 rows, a copy of the music training data, are skipped and counted in
 *       {@link RawInteractions#skippedRows()});</li>
 *   <li>domain {@value #MUSIC}: all music ratings, {@code music.trainfull.rating} (train + valid)
 *       followed by {@code music.test.rating}; every row must have domain index 0. The published
 *       train/valid/test split is not kept: splits are the harness's business.</li>
 * </ul>
 * {@code music.train.rating}, {@code music.valid.rating} and {@code music_movie.train.rating} are
 * not read (they are subsets of the files above). User ids are shared across domains. Item ids
 * share one numbering in the original data and 142 of them occur in both domains, but each
 * domain gets its own item index here (the same number in two domains is treated as two items).
 * Duplicates are errors (the files have none). Stateless and thread-safe.
 */
public final class AmazonMusicMovieNeuCdcf {

    /** Directory name under the data set root. */
    public static final String DIRECTORY = "amazon-music-movie-neucdcf";
    public static final String MUSIC = "music";
    public static final String MOVIE = "movie";
    /** The domains, in a fixed order. */
    public static final List<String> DOMAINS = List.of(MOVIE, MUSIC);
    /** Format of the music files: domain index must be 0. */
    public static final DelimitedFormat MUSIC_FORMAT =
            DelimitedFormat.of("\t", 4, 0, 1, 2).withRatingRange(1, 5).withDomainCheck(3, "0");
    /** Format of the movie rows: rows with domain index 1 of the mixed file. */
    public static final DelimitedFormat MOVIE_FORMAT =
            DelimitedFormat.of("\t", 4, 0, 1, 2).withRatingRange(1, 5).withDomainFilter(3, "1");

    private AmazonMusicMovieNeuCdcf() {
    }

    /** {@value #DIRECTORY} under {@link DatasetLocator#root()}. */
    public static Path defaultDirectory() throws NoSuchFileException {
        return DatasetLocator.dataset(DIRECTORY);
    }

    /** The files read for {@code domain}, in reading order. */
    public static List<Path> files(Path dir, String domain) {
        switch (requireDomain(domain)) {
            case MUSIC:
                return List.of(dir.resolve("music.trainfull.rating"), dir.resolve("music.test.rating"));
            case MOVIE:
                return List.of(dir.resolve("music_movie.trainfull.rating"));
            default:
                throw new AssertionError(domain);
        }
    }

    /** The rows of {@code domain} ({@value #MOVIE} or {@value #MUSIC}). */
    public static RawInteractions read(Path dir, String domain) throws IOException {
        DelimitedFormat format = requireDomain(domain).equals(MUSIC) ? MUSIC_FORMAT : MOVIE_FORMAT;
        return new DelimitedLoader(format).read(files(dir, domain));
    }

    /** Source and target domains over the sorted union of their users, with the overlap report. */
    public static CrossDomainAssembler.Assembly assemble(Path dir, String source, String target) throws IOException {
        requireDomain(source);
        requireDomain(target);
        return CrossDomainAssembler.assemblePair(source, target, domain -> read(dir, domain));
    }

    /**
     * Source and target domains; the published setting is {@code load(dir, "movie", "music")}.
     *
     * @throws IllegalArgumentException for an unknown domain name (listing the known ones) or
     *                                  {@code source.equals(target)}
     */
    public static CrossDomainData load(Path dir, String source, String target) throws IOException {
        return assemble(dir, source, target).data();
    }

    /** The published setting: source movie, target music. */
    public static CrossDomainData load(Path dir) throws IOException {
        return load(dir, MOVIE, MUSIC);
    }

    private static String requireDomain(String domain) {
        if (!DOMAINS.contains(domain)) {
            throw new IllegalArgumentException("unknown Amazon music/movie domain '" + domain + "'; known domains: "
                    + DOMAINS);
        }
        return domain;
    }
}
