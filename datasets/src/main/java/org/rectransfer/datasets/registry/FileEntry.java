package org.rectransfer.datasets.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a data set as its {@link DatasetCard} records it.
 *
 * @param name      file name, a relative path with {@code /} separators inside the data set
 *                  (e.g. {@code rating/ratings_0.txt} or {@code ml-1m.zip}); no {@code ..}, not absolute
 * @param url       where {@link DatasetDownloader} fetches it, or {@code null} when there is no
 *                  direct download (registration, Kaggle login...): then it must be placed by hand
 * @param sizeBytes size in bytes, or {@code null} if unknown
 * @param sha256    lower-case hex SHA-256 of the file's bytes, or {@code null} if it has not been
 *                  computed from a copy of the file we have (never guessed); an entry without it
 *                  is <em>unverified</em> and the downloader refuses it unless explicitly allowed
 */
public record FileEntry(String name, URI url, Long sizeBytes, String sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public FileEntry {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.equals("..") || name.startsWith("../")
                || name.contains("/../") || name.endsWith("/..") || name.endsWith("/")) {
            throw new IllegalArgumentException("file name must be a relative path inside the data set, got '" + name + "'");
        }
        if (sizeBytes != null && sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, got " + sizeBytes);
        }
        if (sha256 != null) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (!HEX64.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha256 must be 64 hex digits, got '" + sha256 + "'");
            }
        }
    }

    /** A file with a known size and SHA-256. */
    public static FileEntry verified(String name, String url, long sizeBytes, String sha256) {
        return new FileEntry(name, url == null ? null : URI.create(url), sizeBytes, Objects.requireNonNull(sha256));
    }

    /** A file whose checksum we could not compute (no copy available). */
    public static FileEntry unverified(String name, String url) {
        return new FileEntry(name, url == null ? null : URI.create(url), null, null);
    }

    /** {@code true} when a SHA-256 is recorded. */
    public boolean isVerified() {
        return sha256 != null;
    }

    /** {@code true} for a {@code .zip} archive (unpacked by the downloader). */
    public boolean isZip() {
        return name.toLowerCase(Locale.ROOT).endsWith(".zip");
    }
}
