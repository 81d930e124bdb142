package org.rectransfer.datasets.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.provenance.Hashing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The downloader against a local HttpServer on 127.0.0.1 (no outside network). */
@Timeout(60)
class DatasetDownloaderTest {

    /** 200 KB of deterministic bytes. */
    private static final byte[] DATA = new byte[200_000];

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = (byte) (i * 31 + (i >>> 7));
        }
    }

    @TempDir
    Path cache;

    private HttpServer server;
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    private HttpClient client;

    /** How the test server answers. */
    private volatile boolean supportRange = true;
    private volatile int truncateFirstRequests;
    private volatile byte[] served = DATA;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        rangeHeaders.add(range == null ? "" : range);
        byte[] body = served;
        int start = 0;
        int status = 200;
        if (supportRange && range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            start = Integer.parseInt(range.substring(6, range.length() - 1));
            status = 206;
            ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        }
        int len = body.length - start;
        boolean truncate = rangeHeaders.size() <= truncateFirstRequests;
        ex.sendResponseHeaders(status, len);
        OutputStream out = ex.getResponseBody();
        if (truncate) {
            out.write(body, start, len / 3);
            out.flush();
            throw new IOException("test server: connection dropped on purpose");
        }
        out.write(body, start, len);
        out.close();
    }

    private DatasetCard card(byte[] expected, boolean verified) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data.bin");
        FileEntry f = verified ? new FileEntry("data.bin", url, (long) expected.length, Hashing.sha256Hex(expected))
                : new FileEntry("data.bin", url, null, null);
        return new DatasetCard("test-set", "test", URI.create("http://127.0.0.1/"), List.of(f), "none", "none",
                "movielens-csv");
    }

    private DatasetDownloader downloader(boolean allowUnverified) {
        return new DatasetDownloader(cache, client, new DatasetDownloader.Options(4, Duration.ofSeconds(10),
                allowUnverified));
    }

    @Test
    void goodDownloadIsVerifiedAndThenServedFromTheCache() throws Exception {
        DatasetCard card = card(DATA, true);
        DatasetDownloader d = downloader(false);
        DatasetDownloader.Fetched first = d.fetch(card, "data.bin");
        assertThat(first.verified()).isTrue();
        assertThat(first.requests()).isEqualTo(1);
        assertThat(first.path()).isEqualTo(cache.resolve("test-set").resolve("data.bin"));
        assertThat(Files.readAllBytes(first.path())).isEqualTo(DATA);
        assertThat(first.sha256()).isEqualTo(Hashing.sha256Hex(DATA));

        DatasetDownloader.Fetched again = d.fetch(card, "data.bin");
        assertThat(again.requests()).isZero();
        assertThat(rangeHeaders).hasSize(1); // the cache hit made no request
    }

    @Test
    void corruptedFileIsRefusedAndNotLeftInTheCache() throws Exception {
        byte[] corrupted = DATA.clone();
        corrupted[1234] ^= 1;
        served = corrupted;
        DatasetCard card = card(DATA, true);
        ChecksumMismatchException e = catchThrowableOfType(ChecksumMismatchException.class,
                () -> downloader(false).fetch(card, "data.bin"));
        assertThat(e).isNotNull();
        assertThat(e.expected()).isEqualTo(Hashing.sha256Hex(DATA));
        assertThat(e.found()).isEqualTo(Hashing.sha256Hex(corrupted));
        assertThat(e.getMessage()).contains("data.bin").contains(Hashing.sha256Hex(DATA))
                .contains(Hashing.sha256Hex(corrupted)).contains("SHA-256 mismatch");
        assertThat(cache.resolve("test-set").resolve("data.bin")).doesNotExist();
        assertThat(cache.resolve("test-set").resolve("data.bin.part")).doesNotExist();

        // a corrupted file placed in the cache is refused on the hit as well, and removed
        served = DATA;
        Files.write(cache.resolve("test-set").resolve("data.bin"), corrupted);
        assertThat(catchThrowableOfType(ChecksumMismatchException.class, () -> downloader(false).fetch(card, "data.bin")))
                .isNotNull();
        assertThat(cache.resolve("test-set").resolve("data.bin")).doesNotExist();
    }

    @Test
    void truncatedTransferIsResumedWithRange() throws Exception {
        truncateFirstRequests = 1;
        DatasetDownloader.Fetched f = downloader(false).fetch(card(DATA, true), "data.bin");
        assertThat(Files.readAllBytes(f.path())).isEqualTo(DATA);
        assertThat(f.requests()).isEqualTo(2);
        assertThat(rangeHeaders).hasSize(2);
        assertThat(rangeHeaders.get(0)).isEmpty();
        // resumed from however many bytes reached the client before the drop (at most the third the server sent)
        assertThat(rangeHeaders.get(1)).matches("bytes=[1-9][0-9]*-");
        long resumedAt = Long.parseLong(rangeHeaders.get(1).replaceAll("[^0-9]", ""));
        assertThat(resumedAt).isBetween(1L, (long) DATA.length / 3);
    }

    @Test
    void serverWithoutRangeSupportRestartsFromZero() throws Exception {
        supportRange = false;
        truncateFirstRequests = 2;
        DatasetDownloader.Fetched f = downloader(false).fetch(card(DATA, true), "data.bin");
        assertThat(Files.readAllBytes(f.path())).isEqualTo(DATA);
        assertThat(f.requests()).isEqualTo(3);
        assertThat(rangeHeaders.get(1)).startsWith("bytes="); // asked, but the server answered 200 with everything
    }

    @Test
    void attemptsAreBounded() throws Exception {
        truncateFirstRequests = 100;
        IOException e = catchThrowableOfType(IOException.class, () -> downloader(false).fetch(card(DATA, true), "data.bin"));
        assertThat(e).isNotNull().isNotInstanceOf(ChecksumMismatchException.class);
        assertThat(e.getMessage()).contains("failed after 4 attempts");
        assertThat(rangeHeaders).hasSize(4);
        assertThat(cache.resolve("test-set").resolve("data.bin")).doesNotExist();
    }

    @Test
    void unverifiedFilesNeedExplicitPermission() throws Exception {
        DatasetCard card = card(DATA, false);
        assertThat(catchThrowableOfType(DatasetDownloader.UnverifiedFileException.class,
                () -> downloader(false).fetch(card, "data.bin")).getMessage()).contains("no recorded SHA-256");
        assertThat(rangeHeaders).isEmpty();
        DatasetDownloader.Fetched f = downloader(true).fetch(card, "data.bin");
        assertThat(f.verified()).isFalse();
        assertThat(f.sha256()).isEqualTo(Hashing.sha256Hex(DATA));
    }

    @Test
    void zipArchivesAreUnpacked() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("ml-x/ratings.csv"));
            zip.write("userId,movieId,rating,timestamp\n1,2,3.5,4\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        served = bytes.toByteArray();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ml-x.zip");
        DatasetCard card = new DatasetCard("zipped", "z", url, List.of(new FileEntry("ml-x.zip", url,
                (long) served.length, Hashing.sha256Hex(served))), "none", "none", "movielens-csv");
        DatasetDownloader d = downloader(false);
        Path dir = d.fetchAndUnpack(card, "ml-x.zip");
        assertThat(dir).isEqualTo(cache.resolve("zipped").resolve("ml-x"));
        assertThat(Files.readString(dir.resolve("ml-x/ratings.csv"))).contains("1,2,3.5,4");
        assertThat(d.fetchAndUnpack(card, "ml-x.zip")).isEqualTo(dir);
        assertThat(rangeHeaders).hasSize(1);
    }

    @Test
    void cacheDirectoryFromEnvironmentOrHome() {
        Path home = Path.of("/home/someone");
        assertThat(DatasetDownloader.defaultCacheDirectory(Map.<String, String>of()::get, home))
                .isEqualTo(home.resolve(".cache/rectransfer"));
        assertThat(DatasetDownloader.defaultCacheDirectory(Map.of(DatasetDownloader.ENV, "/tmp/rt-cache")::get, home))
                .isEqualTo(Path.of("/tmp/rt-cache"));
        assertThat(DatasetDownloader.defaultCacheDirectory(Map.of(DatasetDownloader.ENV, " ")::get, home))
                .isEqualTo(home.resolve(".cache/rectransfer"));
    }
}
