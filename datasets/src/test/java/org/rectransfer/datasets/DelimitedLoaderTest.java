package org.rectransfer.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

class DelimitedLoaderTest {

    private static final DelimitedFormat TSV = DelimitedFormat.of("\t", 3, 0, 1, 2).withRatingRange(1, 5);

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static DomainData own(RawInteractions raw) {
        return raw.toDomainData("d", raw.userIndex());
    }

    // ---------------------------------------------------------------- well-formed input

    @Test
    void tabFileGivesHandCheckedMatrix() throws IOException {
        Path f = write("r.tsv", "2\t10\t4\n1\t2\t3.5\n10\t10\t1\n1\t10\t5\n");
        RawInteractions raw = new DelimitedLoader(TSV).read(f);
        assertThat(raw.size()).isEqualTo(4);
        assertThat(raw.userIds()).containsExactly("2", "1", "10");
        assertThat(raw.location(2)).isEqualTo(new SourceLocation(f, 3));

        IdIndex users = raw.userIndex();
        DomainData d = raw.toDomainData("d", users);
        // numeric ids sort numerically: users 1,2,10 -> 0,1,2; items 2,10 -> 0,1
        assertThat(users.rawId(0)).isEqualTo("1");
        assertThat(users.rawId(2)).isEqualTo("10");
        assertThat(d.items().rawId(0)).isEqualTo("2");
        InteractionMatrix m = d.interactions();
        assertThat(m.numRows()).isEqualTo(3);
        assertThat(m.numCols()).isEqualTo(2);
        assertThat(m.nnz()).isEqualTo(4);
        assertThat(m.get(0, 0)).isEqualTo(3.5f);
        assertThat(m.get(0, 1)).isEqualTo(5f);
        assertThat(m.get(1, 0)).isNaN();
        assertThat(m.get(1, 1)).isEqualTo(4f);
        assertThat(m.get(2, 1)).isEqualTo(1f);
        assertThat(m.rowSize(0)).isEqualTo(2);
        assertThat(m.isExplicit()).isTrue();
        assertThat(m.hasTimestamps()).isFalse();
    }

    @Test
    void recordsSha256OfEachFileAndCombinesItIntoTheFingerprint() throws Exception {
        Path a = write("a.tsv", "1\t2\t3\n");
        Path b = write("b.tsv", "1\t3\t4");
        RawInteractions raw = new DelimitedLoader(TSV).read(a, b);
        // sha256sum of the 6 bytes "1\t2\t3\n"
        assertThat(raw.fileSha256()).containsEntry("a.tsv",
                "a19e5ae584bdab4b2c57351357a8b54f9ba5208e0d35c5ca312884f578e800f8");
        String shaB = Hashing.hex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(b)));
        assertThat(raw.fileSha256()).containsEntry("b.tsv", shaB);
        assertThat(raw.fileSha256().keySet()).containsExactly("a.tsv", "b.tsv");

        DomainData d = own(raw);
        String content = DomainData.contentFingerprint(raw.userIndex(), d.items(), d.interactions());
        assertThat(d.fingerprint()).isEqualTo(Hashing.sha256Hex("raw:" + raw.rawFingerprint() + "|content:" + content));
        // same content from a differently laid out file: same content fingerprint, other raw fingerprint
        Path c = write("c.tsv", "1\t3\t4\r\n1\t2\t3\r\n");
        RawInteractions raw2 = new DelimitedLoader(TSV).read(c);
        DomainData d2 = own(raw2);
        assertThat(DomainData.contentFingerprint(raw2.userIndex(), d2.items(), d2.interactions())).isEqualTo(content);
        assertThat(d2.fingerprint()).isNotEqualTo(d.fingerprint());
    }

    @Test
    void crlfAndMissingFinalNewlineReadLikeLf() throws IOException {
        String lf = "1\t1\t5\n2\t1\t3\n2\t2\t1\n";
        InteractionMatrix m1 = own(new DelimitedLoader(TSV).read(write("lf.tsv", lf))).interactions();
        InteractionMatrix m2 = own(new DelimitedLoader(TSV).read(write("crlf.tsv", lf.replace("\n", "\r\n"))))
                .interactions();
        InteractionMatrix m3 = own(new DelimitedLoader(TSV).read(write("nonl.tsv", "1\t1\t5\n2\t1\t3\n2\t2\t1\r")))
                .interactions();
        assertThat(m1.nnz()).isEqualTo(3);
        assertThat(m2.contentHash()).isEqualTo(m1.contentHash());
        assertThat(m3.contentHash()).isEqualTo(m1.contentHash());
    }

    @Test
    void shuffledRowOrderGivesIdenticalContent() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        List<String> rows = new ArrayList<>();
        for (int u = 1; u <= 30; u++) {
            for (int i = 1; i <= 12; i++) {
                if (rng.nextInt(3) == 0) {
                    rows.add("u" + u + "\t" + (i * 7) + "\t" + (1 + rng.nextInt(5)));
                }
            }
        }
        List<String> shuffled = new ArrayList<>(rows);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        assertThat(shuffled).isNotEqualTo(rows);
        RawInteractions a = new DelimitedLoader(TSV).read(write("sorted.tsv", String.join("\n", rows)));
        RawInteractions b = new DelimitedLoader(TSV).read(write("shuffled.tsv", String.join("\n", shuffled)));
        assertThat(a.userIds()).isNotEqualTo(b.userIds()); // first-seen order differs ...
        DomainData da = own(a);
        DomainData db = own(b);
        assertThat(db.interactions().nnz()).isEqualTo(rows.size());
        assertThat(db.interactions().contentHash()).isEqualTo(da.interactions().contentHash()); // ... indices do not
        assertThat(db.items()).isEqualTo(da.items());
        assertThat(DomainData.contentFingerprint(b.userIndex(), db.items(), db.interactions()))
                .isEqualTo(DomainData.contentFingerprint(a.userIndex(), da.items(), da.interactions()));
        assertThat(b.fileSha256().get("shuffled.tsv")).isNotEqualTo(a.fileSha256().get("sorted.tsv"));
    }

    @Test
    void whitespaceSeparatorHeaderAndBom() throws IOException {
        DelimitedFormat fmt = DelimitedFormat.of(DelimitedFormat.WHITESPACE, 3, 0, 1, 2).withHeaderLines(1);
        Path f = write("ws.txt", "\uFEFFuser item rating\n  7   8\t 0.5 \n7 9 4\n");
        RawInteractions raw = new DelimitedLoader(fmt).read(f);
        assertThat(raw.size()).isEqualTo(2);
        assertThat(raw.userId(0)).isEqualTo("7");
        assertThat(raw.itemId(0)).isEqualTo("8");
        assertThat(raw.rating(0)).isEqualTo(0.5f);
        assertThat(raw.location(1).line()).isEqualTo(3);

        Path bom = write("bom.tsv", "\uFEFF1\t2\t3\n");
        assertThat(new DelimitedLoader(TSV).read(bom).userIds()).containsExactly("1");
    }

    @Test
    void timestampsWithDuplicatePolicies() throws IOException {
        DelimitedFormat fmt = DelimitedFormat.of("\t", 4, 0, 1, 2).withTimestampColumn(3);
        Path f = write("ts.tsv", "1\t1\t3\t100\n1\t1\t5\t50\n1\t1\t4\t100\n2\t1\t2\t7\n");
        RawInteractions raw = new DelimitedLoader(fmt).read(f);
        assertThat(raw.timestamp(1)).isEqualTo(50L);
        IdIndex users = raw.userIndex();
        InteractionMatrix last = raw.toDomainData("d", users, DuplicatePolicy.KEEP_LAST).interactions();
        assertThat(last.nnz()).isEqualTo(2);
        assertThat(last.get(0, 0)).isEqualTo(4f); // latest timestamp 100, tie -> later line
        assertThat(last.timestamp(last.find(0, 0))).isEqualTo(100L);
        InteractionMatrix first = raw.toDomainData("d", users, DuplicatePolicy.KEEP_FIRST).interactions();
        assertThat(first.get(0, 0)).isEqualTo(3f);
        InteractionMatrix mean = raw.toDomainData("d", users, DuplicatePolicy.MEAN).interactions();
        assertThat(mean.get(0, 0)).isEqualTo(4f);
        assertThat(mean.get(1, 0)).isEqualTo(2f);
        assertThat(mean.timestamp(mean.find(1, 0))).isEqualTo(7L);
    }

    @Test
    void implicitDataCountsEveryRowAsOne() throws IOException {
        DelimitedFormat fmt = DelimitedFormat.of(",", 2, 0, 1, -1);
        RawInteractions raw = new DelimitedLoader(fmt).read(write("imp.csv", "a,x\na,y\nb,x\n"));
        InteractionMatrix m = own(raw).interactions();
        assertThat(raw.isExplicit()).isFalse();
        assertThat(m.isExplicit()).isFalse();
        assertThat(m.nnz()).isEqualTo(3);
        assertThat(m.value(0)).isEqualTo(1f);
        assertThat(m.meanValue()).isEqualTo(1.0);
    }

    @Test
    void domainFilterKeepsOneDomainAndCountsTheRest() throws IOException {
        DelimitedFormat fmt = DelimitedFormat.of("\t", 4, 0, 1, 2).withDomainFilter(3, "1");
        Path f = write("mixed.rating", "1\t10\t5.0\t0\n1\t20\t4.0\t1\n2\t20\t3.0\t1\n3\t10\t1.0\t0\n");
        RawInteractions raw = new DelimitedLoader(fmt).read(f);
        assertThat(raw.size()).isEqualTo(2);
        assertThat(raw.skippedRows()).isEqualTo(2);
        assertThat(raw.userIds()).containsExactly("1", "2");
        assertThat(raw.location(1).line()).isEqualTo(3);
        assertThat(raw.rating(0)).isEqualTo(4f);
    }

    @Test
    void skipBlankLinesOnlyWhenAsked() throws IOException {
        Path f = write("blank.tsv", "1\t1\t1\n\n2\t2\t2\n\n");
        RawInteractions raw = new DelimitedLoader(TSV.withSkipBlankLines(true)).read(f);
        assertThat(raw.size()).isEqualTo(2);
        assertThat(raw.skippedRows()).isEqualTo(2);
        assertThat(raw.location(1).line()).isEqualTo(3);
        assertFormatError(TSV, f, 2, "blank line");
    }

    @Test
    void severalFilesAreReadInOrderWithTheirOwnLineNumbers() throws IOException {
        Path a = write("ratings_0.txt", "1 1 2\n1 2 3\n");
        Path b = write("ratings_1.txt", "2 1 4\n");
        DelimitedFormat fmt = DelimitedFormat.of(" ", 3, 0, 1, 2);
        RawInteractions raw = new DelimitedLoader(fmt).read(List.of(a, b));
        assertThat(raw.files()).containsExactly(a, b);
        assertThat(raw.size()).isEqualTo(3);
        assertThat(raw.location(1)).isEqualTo(new SourceLocation(a, 2));
        assertThat(raw.location(2)).isEqualTo(new SourceLocation(b, 1));
        assertThat(own(raw).interactions().get(1, 0)).isEqualTo(4f);
    }

    @Test
    void latin1FilesDecodeWithTheirCharset() throws IOException {
        byte[] bytes = {'1', '\t', 'c', 'a', 'f', (byte) 0xE9, '\t', '3', '\n'};
        RawInteractions raw = new DelimitedLoader(TSV.withCharset(StandardCharsets.ISO_8859_1))
                .read(write("latin1.tsv", bytes));
        assertThat(raw.itemId(0)).isEqualTo("caf\u00e9");
        assertFormatError(TSV, dir.resolve("latin1.tsv"), 1, "not valid in UTF-8");
    }

    @Test
    void linesAcrossBufferBoundariesAndVeryLongLines() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 30_000; i++) {
            sb.append(i).append("\t\u00fc").append(i % 97).append("\t").append(1 + i % 5).append('\n');
        }
        String longId = "x".repeat(200_000);
        sb.append("30001\t").append(longId).append("\t5");
        RawInteractions raw = new DelimitedLoader(TSV).read(write("big.tsv", sb.toString()));
        assertThat(raw.size()).isEqualTo(30_001);
        assertThat(raw.numItems()).isEqualTo(98);
        assertThat(raw.numUsers()).isEqualTo(30_001);
        assertThat(raw.userId(29_999)).isEqualTo("30000");
        assertThat(raw.userIds().get(12_345)).isEqualTo("12346");
        assertThat(raw.itemId(29_999)).isEqualTo("\u00fc" + (30_000 % 97));
        assertThat(raw.itemId(30_000)).isEqualTo(longId);
        assertThat(raw.location(30_000).line()).isEqualTo(30_001);
    }

    @Test
    void decimalRatingsParseExactlyAsDoubleParseDouble() throws IOException {
        String[] texts = {"3", "-2", "3.5", "5.0", "0.1", "2.675", "4.35", ".5", "5.", "-0.0", "1e2", "2.5E-1",
            "0.30000000000000004", "123456789012.345", "1234567890123456789", "3.14159265358979323846", "+4.25"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            sb.append("u\t").append(i).append('\t').append(texts[i]).append('\n');
        }
        RawInteractions raw = new DelimitedLoader(DelimitedFormat.of("\t", 3, 0, 1, 2)).read(write("dec.tsv", sb.toString()));
        for (int i = 0; i < texts.length; i++) {
            assertThat(raw.rating(i)).as(texts[i]).isEqualTo((float) Double.parseDouble(texts[i]));
        }
        assertThat(Float.floatToIntBits(raw.rating(9))).isEqualTo(Float.floatToIntBits(-0f));
    }

    // ---------------------------------------------------------------- malformed input

    private DataFormatException assertFormatError(DelimitedFormat fmt, Path file, long line, String problem) {
        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> own(new DelimitedLoader(fmt).read(file)));
        assertThat(e).as("expected a DataFormatException for " + file).isNotNull();
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).startsWith(file + ":" + line + ": ").contains(file.getFileName().toString())
                .contains(problem);
        return e;
    }

    private DataFormatException malformed(DelimitedFormat fmt, String content, long line, String problem)
            throws IOException {
        return assertFormatError(fmt, write("bad.tsv", content), line, problem);
    }

    @Test
    void wrongColumnCount() throws IOException {
        malformed(TSV, "1\t2\t3\n1\t2\n", 2, "expected 3 columns, found 2");
        malformed(TSV, "1\t2\t3\n1\t2\t3\n1\t2\t3\t4\n", 3, "expected 3 columns, found 4");
        malformed(DelimitedFormat.of(DelimitedFormat.WHITESPACE, 3, 0, 1, 2), "1 2 3\n1 2 3 4", 2,
                "expected 3 columns, found 4");
    }

    @Test
    void badRatings() throws IOException {
        malformed(TSV, "1\t2\t3\n1\t3\tabc\n", 2, "rating 'abc' in column 2 is not a number");
        malformed(TSV, "1\t2\t3d\n", 1, "is not a number");
        malformed(TSV, "1\t2\t0x1p1\n", 1, "is not a number");
        malformed(TSV, "1\t2\t\n", 1, "empty rating");
        malformed(TSV, "1\t2\t3\n1\t3\t4\n1\t4\tNaN\n", 3, "is NaN");
        malformed(TSV, "1\t2\t-Infinity\n", 1, "is infinite");
        malformed(DelimitedFormat.of("\t", 3, 0, 1, 2), "1\t2\t1e39\n", 1, "infinite as a float");
        malformed(TSV, "1\t2\t3\n1\t3\t6\n", 2, "outside the range [1.0, 5.0]");
        malformed(TSV, "1\t2\t0.5\n", 1, "outside the range");
    }

    @Test
    void badTimestamp() throws IOException {
        DelimitedFormat fmt = DelimitedFormat.of("\t", 4, 0, 1, 2).withTimestampColumn(3);
        malformed(fmt, "1\t2\t3\t881250949\n1\t3\t3\t12:00\n", 2, "timestamp '12:00' in column 3 is not an integer");
        malformed(fmt, "1\t2\t3\t99999999999999999999\n", 1, "does not fit a long");
    }

    @Test
    void emptyIds() throws IOException {
        malformed(TSV, "1\t2\t3\n\t2\t3\n", 2, "empty user id in column 0");
        malformed(TSV, "1\t2\t3\n1\t3\t3\n1\t\t3\n", 3, "empty item id in column 1");
        malformed(DelimitedFormat.of(",", 3, 0, 1, 2), "1,2,3\n1, 3,4\n", 2, "item id ' 3' in column 1 has leading");
    }

    @Test
    void emptyFiles() throws IOException {
        assertFormatError(TSV, write("empty.tsv", ""), 1, "no data rows");
        assertFormatError(TSV.withHeaderLines(1), write("header.tsv", "user\titem\trating\n"), 2, "no data rows");
        Path ok = write("ok.tsv", "1\t2\t3\n");
        Path empty = write("empty2.tsv", "");
        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> new DelimitedLoader(TSV).read(ok, empty));
        assertThat(e.file()).isEqualTo(empty);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("empty2.tsv:1: no data rows");
    }

    @Test
    void blankLines() throws IOException {
        malformed(TSV, "1\t2\t3\n\n1\t3\t4\n", 2, "blank line");
        malformed(TSV, "1\t2\t3\n1\t3\t4\n\n", 3, "blank line");
        malformed(TSV, "1\t2\t3\r\n\r\n", 2, "blank line");
    }

    @Test
    void undecodableBytes() throws IOException {
        byte[] bytes = "1\t2\t3\n1\t3\t4\n1\t\u00e94\t5\n".getBytes(StandardCharsets.ISO_8859_1);
        assertFormatError(TSV, write("latin.tsv", bytes), 3, "bytes not valid in UTF-8");
        // the bad byte far beyond the first decoding buffer
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) {
            sb.append(i).append("\t1\t3\n");
        }
        byte[] prefix = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + 6];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        byte[] tail = {'9', '\t', (byte) 0xFF, '\t', '3', '\n'};
        System.arraycopy(tail, 0, all, prefix.length, tail.length);
        assertFormatError(TSV, write("late.tsv", all), 20_001, "bytes not valid in UTF-8");
    }

    @Test
    void otherDomainUnderDomainCheck() throws IOException {
        DelimitedFormat fmt = DelimitedFormat.of("\t", 4, 0, 1, 2).withDomainCheck(3, "0");
        malformed(fmt, "1\t2\t3.0\t0\n1\t3\t4.0\t1\n", 2, "domain '1' in column 3, expected '0'");
        DelimitedFormat filter = DelimitedFormat.of("\t", 4, 0, 1, 2).withDomainFilter(3, "7");
        malformed(filter, "1\t2\t3.0\t0\n1\t3\t4.0\t1\n", 1, "no row in 1 file(s) has domain value '7'");
    }

    @Test
    void duplicatesUnderErrorNameBothLines() throws IOException {
        DataFormatException e = malformed(TSV, "1\t2\t3\n1\t3\t4\n2\t2\t5\n1\t2\t3\n", 4,
                "duplicate entry for user '1', item '2'");
        assertThat(e.earlierLocation()).isEqualTo(new SourceLocation(dir.resolve("bad.tsv"), 1));
        assertThat(e.getMessage()).contains("(first at " + dir.resolve("bad.tsv") + ":1)");

        Path a = write("part_a.txt", "1 1 2\n1 2 3\n");
        Path b = write("part_b.txt", "2 1 4\n1 2 3.5\n");
        DelimitedFormat fmt = DelimitedFormat.of(" ", 3, 0, 1, 2);
        DataFormatException across = catchThrowableOfType(DataFormatException.class,
                () -> own(new DelimitedLoader(fmt).read(a, b)));
        assertThat(across.location()).isEqualTo(new SourceLocation(b, 2));
        assertThat(across.earlierLocation()).isEqualTo(new SourceLocation(a, 2));
        assertThat(across.getMessage()).contains("part_b.txt:2:").contains("part_a.txt:2");
        // the same rows under MEAN: one cell with the mean
        RawInteractions raw = new DelimitedLoader(fmt.withDuplicatePolicy(DuplicatePolicy.MEAN)).read(a, b);
        InteractionMatrix m = own(raw).interactions();
        assertThat(m.nnz()).isEqualTo(3);
        assertThat(m.get(0, 1)).isEqualTo(3.25f);
    }

    @Test
    void userMissingFromTheGivenIndexIsRejected() throws IOException {
        RawInteractions raw = new DelimitedLoader(TSV).read(write("u.tsv", "1\t2\t3\n5\t2\t3\n"));
        assertThatThrownBy(() -> raw.toDomainData("d", IdIndex.of("1", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user id '5'")
                .hasMessageContaining("u.tsv:2");
    }

    @Test
    void sameFileNameTwiceIsRejected() throws IOException {
        Path a = write("x.tsv", "1\t2\t3\n");
        Files.createDirectories(dir.resolve("sub"));
        Path b = Files.writeString(dir.resolve("sub").resolve("x.tsv"), "1\t3\t3\n");
        assertThatThrownBy(() -> new DelimitedLoader(TSV).read(a, b))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two files named 'x.tsv'");
    }
}
