package org.rectransfer.datasets.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.rectransfer.core.provenance.Hashing;

/**
 * Fetches the files of a {@link DatasetCard} into a local cache and verifies them.
 *
 * <p><b>Cache layout.</b> {@code <cache>/<card id>/<file name>} is a complete file;
 * {@code <file name>.part} is an interrupted download; a zip archive is unpacked to
 * {@code <cache>/<card id>/<file name without .zip>/}. The cache directory is the constructor
 * argument, by default ({@link #defaultCacheDirectory}) the environment variable {@value #ENV}
 * or else {@code ~/.cache/rectransfer}.
 *
 * <p><b>Verification.</b> A file with a recorded SHA-256 is used only if its bytes hash to it
 * (and have the recorded size): checked after every download and on every cache hit. A mismatch
 * deletes the file (and any partial download) and throws {@link ChecksumMismatchException}
 * naming the file and the expected and found values. A file without a recorded SHA-256
 * (unverified) is refused with an {@link UnverifiedFileException} unless the downloader was built
 * with {@link Options#allowUnverified()}; then it is used as downloaded and its SHA-256 is
 * reported in {@link Fetched#sha256()} so the caller can record it.
 *
 * <p><b>Transfer.</b> {@code GET} with {@link HttpClient}; at most {@link Options#maxAttempts()}
 * attempts. When a {@code .part} file exists the request asks for the rest with
 * {@code Range: bytes=N-}; a {@code 206} whose {@code Content-Range} starts at N is appended, a
 * {@code 200} (server without range support) restarts from byte 0, a {@code 416} discards the
 * partial file and restarts. A transfer that ends early (I/O error, or fewer bytes than the
 * announced length) keeps its bytes and counts as a failed attempt; a {@code 4xx} other than 416
 * fails at once; a {@code 5xx} counts as a failed attempt. {@link Options#requestTimeout()}
 * bounds the wait for response headers; {@link HttpClient} has no timeout for a stalled body.
 *
 * <p>Thread safety: instances are immutable, but two processes or threads fetching the same file
 * into the same cache at once are not coordinated.
 */
public final class DatasetDownloader {

    /** Environment variable overriding the default cache directory. */
    public static final String ENV = "RECTRANSFER_CACHE";

    /**
     * @param maxAttempts     number of HTTP requests per file, {@code >= 1}
     * @param requestTimeout  timeout for the response headers of one request
     * @param allowUnverified {@code true} to use files whose card records no SHA-256
     */
    public record Options(int maxAttempts, Duration requestTimeout, boolean allowUnverified) {
        public Options {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be in [1, 100], got " + maxAttempts);
            }
            Objects.requireNonNull(requestTimeout, "requestTimeout");
        }

        /** 5 attempts, 60 s header timeout, unverified files refused. */
        public static Options defaults() {
            return new Options(5, Duration.ofSeconds(60), false);
        }

        public Options withAllowUnverified(boolean allow) {
            return new Options(maxAttempts, requestTimeout, allow);
        }
    }

    /**
     * A file ready for use.
     *
     * @param path     the file in the cache
     * @param sha256   SHA-256 (hex) of its bytes
     * @param verified {@code true} if it matched a recorded SHA-256
     * @param requests HTTP requests made for it by this call (0 for a cache hit)
     */
    public record Fetched(Path path, String sha256, boolean verified, int requests) {
    }

    /** The card records no SHA-256 for a file and unverified files were not allowed. */
    public static final class UnverifiedFileException extends IOException {
        private static final long serialVersionUID = 1L;

        UnverifiedFileException(String message) {
            super(message);
        }
    }

    private final Path cacheDir;
    private final HttpClient client;
    private final Options options;

    public DatasetDownloader(Path cacheDir, HttpClient client, Options options) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A downloader over {@link #defaultCacheDirectory} with a default client (following redirects) and options. */
    public static DatasetDownloader withDefaults() {
        HttpClient c = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        return new DatasetDownloader(defaultCacheDirectory(System::getenv, Path.of(System.getProperty("user.home"))), c,
                Options.defaults());
    }

    /** {@value #ENV} if set and non-blank, else {@code <home>/.cache/rectransfer}. */
    public static Path defaultCacheDirectory(UnaryOperator<String> env, Path home) {
        String v = env.apply(ENV);
        if (v != null && !v.isBlank()) {
            return Path.of(v).toAbsolutePath().normalize();
        }
        return home.resolve(".cache").resolve("rectransfer");
    }

    public Path cacheDirectory() {
        return cacheDir;
    }

    /** Where {@code entry} of {@code card} lives in the cache (whether present or not). */
    public Path cachedPath(DatasetCard card, FileEntry entry) {
        return cacheDir.resolve(card.id()).resolve(entry.name());
    }

    /**
     * The file {@code name} of {@code card}, verified, downloading it if it is not in the cache.
     *
     * @throws ChecksumMismatchException if the bytes do not match the card (they are deleted)
     * @throws UnverifiedFileException   if the card has no SHA-256 for it and that is not allowed
     * @throws IOException               if the download fails after the allowed attempts, or the
     *                                   file has no URL and is not in the cache
     */
    public Fetched fetch(DatasetCard card, String name) throws IOException, InterruptedException {
        FileEntry entry = card.file(name);
        if (!entry.isVerified() && !options.allowUnverified()) {
            throw new UnverifiedFileException("data set '" + card.id() + "', file '" + name + "' has no recorded SHA-256, "
                    + "so its content cannot be verified; build the downloader with Options.withAllowUnverified(true) "
                    + "to use it anyway (and record the SHA-256 it reports)");
        }
        Path target = cachedPath(card, entry);
        if (Files.isRegularFile(target)) {
            return new Fetched(target, verify(card, entry, target, "the cache"), entry.isVerified(), 0);
        }
        if (entry.url() == null) {
            throw new IOException("data set '" + card.id() + "', file '" + name + "' has no download URL; obtain it from "
                    + card.officialUrl() + " and place it at " + target);
        }
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        int requests = download(entry.url(), part, card, entry);
        String sha = verify(card, entry, part, entry.url().toString());
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Fetched(target, sha, entry.isVerified(), requests);
    }

    /**
     * Copies a file obtained elsewhere (e.g. the shared data set directory) into the cache as
     * {@code name} of {@code card}, after the same verification as a download.
     */
    public Fetched adopt(DatasetCard card, String name, Path source) throws IOException {
        FileEntry entry = card.file(name);
        if (!entry.isVerified() && !options.allowUnverified()) {
            throw new UnverifiedFileException("data set '" + card.id() + "', file '" + name
                    + "' has no recorded SHA-256; adopting it needs Options.withAllowUnverified(true)");
        }
        Path target = cachedPath(card, entry);
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
        String sha = verify(card, entry, part, source.toString());
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        return new Fetched(target, sha, entry.isVerified(), 0);
    }

    /**
     * {@link #fetch} of a zip entry, then its contents unpacked into
     * {@code <cache>/<card id>/<name without .zip>/} (once; an existing directory is reused).
     * Entries that would land outside that directory are refused.
     *
     * @return the unpacked directory
     */
    public Path fetchAndUnpack(DatasetCard card, String name) throws IOException, InterruptedException {
        FileEntry entry = card.file(name);
        if (!entry.isZip()) {
            throw new IllegalArgumentException("'" + name + "' of data set '" + card.id() + "' is not a .zip archive");
        }
        Fetched zip = fetch(card, name);
        Path dir = zip.path().resolveSibling(zip.path().getFileName().toString().replaceFirst("(?i)\\.zip$", ""));
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".unpack");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip.path()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path out = tmp.resolve(e.getName()).normalize();
                if (!out.startsWith(tmp) || out.equals(tmp)) {
                    throw new IOException(zip.path() + ": zip entry '" + e.getName() + "' points outside the target directory");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    /** Downloads into {@code part}, resuming it if present; returns the number of requests made. */
    private int download(URI url, Path part, DatasetCard card, FileEntry entry) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            long have = Files.exists(part) ? Files.size(part) : 0L;
            HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(options.requestTimeout()).GET();
            if (have > 0) {
                rb.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> resp;
            try {
                resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                last = e;
                continue;
            }
            int status = resp.statusCode();
            try (InputStream body = resp.body()) {
                boolean append;
                if (status == 206 && have > 0 && rangeStartsAt(resp, have)) {
                    append = true;
                } else if (status == 200) {
                    append = false;
                } else if (status == 416 || status == 206) {
                    Files.deleteIfExists(part); // unusable partial file or an unexpected range: start over
                    last = new IOException(url + ": HTTP " + status + " for a resumed request; restarting");
                    continue;
                } else if (status >= 500) {
                    last = new IOException(url + ": HTTP " + status);
                    continue;
                } else {
                    throw new IOException("data set '" + card.id() + "', file '" + entry.name() + "': " + url + " answered HTTP "
                            + status);
                }
                long announced = resp.headers().firstValueAsLong("Content-Length").orElse(-1L);
                long written = 0;
                try (OutputStream out = append
                        ? Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                        : Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE)) {
                    byte[] buf = new byte[1 << 16];
                    for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
                        out.write(buf, 0, n);
                        written += n;
                    }
                } catch (IOException e) {
                    last = e; // keep the bytes for a ranged retry
                    continue;
                }
                if (announced >= 0 && written < announced) {
                    last = new IOException(url + ": transfer ended after " + written + " of " + announced + " bytes");
                    continue;
                }
                return attempt;
            }
        }
        throw new IOException("data set '" + card.id() + "', file '" + entry.name() + "': download from " + url
                + " failed after " + options.maxAttempts() + " attempts (partial bytes kept in " + part + ")", last);
    }

    private static boolean rangeStartsAt(HttpResponse<?> resp, long start) {
        Optional<String> cr = resp.headers().firstValue("Content-Range");
        return cr.isPresent() && cr.get().trim().startsWith("bytes " + start + "-");
    }

    /** Hashes {@code file}; on a size or hash mismatch with the card deletes it and throws. */
    private static String verify(DatasetCard card, FileEntry entry, Path file, String source) throws IOException {
        long size = Files.size(file);
        String sha = sha256(file);
        if (entry.sizeBytes() != null && size != entry.sizeBytes()) {
            Files.deleteIfExists(file);
            throw new ChecksumMismatchException(card.id(), entry.name(), file, source, "size", entry.sizeBytes() + " bytes",
                    size + " bytes (SHA-256 " + sha + ")");
        }
        if (entry.sha256() != null && !entry.sha256().equals(sha)) {
            Files.deleteIfExists(file);
            throw new ChecksumMismatchException(card.id(), entry.name(), file, source, "SHA-256", entry.sha256(), sha);
        }
        return sha;
    }

    /** SHA-256 (hex) of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = Hashing.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return Hashing.hex(md.digest());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
