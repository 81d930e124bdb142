package org.rectransfer.datasets.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.datasets.DataFormatException;
import org.rectransfer.datasets.RawInteractions;

/** Malformed input: every error is a DataFormatException naming the file and line. */
class FormatErrorsTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static DataFormatException fails(Path file, long line, Reader r) {
        DataFormatException e = catchThrowableOfType(DataFormatException.class, r::read);
        assertThat(e).as("expected a DataFormatException").isNotNull();
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).startsWith(file + ":" + line + ": ");
        return e;
    }

    interface Reader {
        void read() throws Exception;
    }

    @Test
    void movieLensDatSeparatorAndFields() throws Exception {
        Path f = write("ratings.dat", "1::2::3::4\n1::2::3::4::5\n");
        assertThat(fails(f, 2, () -> new MovieLensDat().read(f)).problem()).contains("expected 4 '::'-separated fields");
        Path g = write("r2.dat", "1::2::3::4\n1:::2::3::4\n");
        assertThat(fails(g, 2, () -> new MovieLensDat().read(g)).problem()).contains("contains ':'");
        Path h = write("r3.dat", "1::2::6::4\n");
        assertThat(fails(h, 1, () -> new MovieLensDat().read(h)).problem()).contains("outside the range");
        Path i = write("r4.dat", "1::2::3::x\n");
        assertThat(fails(i, 1, () -> new MovieLensDat().read(i)).problem()).contains("timestamp 'x' is not an integer");
        Path dup = write("r5.dat", "1::2::3::4\n1::2::4::5\n");
        RawInteractions in = new MovieLensDat().read(dup);
        DataFormatException e = fails(dup, 2, () -> in.toDomainData("d", in.userIndex(), DuplicatePolicy.ERROR));
        assertThat(e.earlierLocation().line()).isEqualTo(1);
    }

    @Test
    void movieLensCsvHeader() throws Exception {
        Path f = write("ratings.csv", "user,movie,rating,timestamp\n1,2,3,4\n");
        assertThat(fails(f, 1, () -> new MovieLensCsv().read(f)).problem()).contains("expected header");
        Path g = write("r.csv", "userId,movieId,rating,timestamp\n1,2,3,4\n1,2,3\n");
        assertThat(fails(g, 3, () -> new MovieLensCsv().read(g)).problem()).contains("expected 4 columns");
    }

    @Test
    void amazonJsonProblems() throws Exception {
        String ok = "{\"reviewerID\": \"A\", \"asin\": \"B\", \"overall\": 5.0, \"unixReviewTime\": 1}\n";
        Path missing = write("a.json", ok + "{\"reviewerID\": \"A\", \"asin\": \"C\", \"overall\": 5.0}\n");
        assertThat(fails(missing, 2, () -> new AmazonReviewsJsonLines().read(missing)).problem())
                .contains("missing field \"unixReviewTime\"");
        Path bad = write("b.json", ok + "{\"reviewerID\": \"A\", \"asin\": \n");
        assertThat(fails(bad, 2, () -> new AmazonReviewsJsonLines().read(bad)).problem()).contains("invalid JSON");
        Path type = write("c.json", "{\"reviewerID\": 7, \"asin\": \"B\", \"overall\": 5.0, \"unixReviewTime\": 1}\n");
        assertThat(fails(type, 1, () -> new AmazonReviewsJsonLines().read(type)).problem()).contains("must be a string");
        Path twice = write("d.json", "{\"reviewerID\": \"A\", \"asin\": \"B\", \"asin\": \"C\", \"overall\": 5.0, "
                + "\"unixReviewTime\": 1}\n");
        assertThat(fails(twice, 1, () -> new AmazonReviewsJsonLines().read(twice)).problem()).contains("appears twice");
        Path trailing = write("e.json", ok.trim() + " {}\n");
        assertThat(fails(trailing, 1, () -> new AmazonReviewsJsonLines().read(trailing)).problem())
                .contains("text after");
        Path range = write("f.json", "{\"reviewerID\": \"A\", \"asin\": \"B\", \"overall\": 0, \"unixReviewTime\": 1}\n");
        assertThat(fails(range, 1, () -> new AmazonReviewsJsonLines().read(range)).problem()).contains("outside");
    }

    @Test
    void bookCrossingQuotingAndRange() throws Exception {
        String h = "\"User-ID\";\"ISBN\";\"Book-Rating\"\n";
        Path unquoted = Files.write(dir.resolve("bx1.csv"), (h + "\"1\";\"X\";\"0\"\n1;\"X\";\"0\"\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(fails(unquoted, 3, () -> new BookCrossingRatings(BookCrossingRatings.Mode.ALL_AS_IMPLICIT)
                .read(unquoted)).problem()).contains("does not start with a double quote");
        Path range = Files.write(dir.resolve("bx2.csv"), (h + "\"1\";\"X\";\"11\"\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(fails(range, 2, () -> new BookCrossingRatings(BookCrossingRatings.Mode.ALL_AS_IMPLICIT)
                .read(range)).problem()).contains("outside 0..10");
        Path embedded = Files.write(dir.resolve("bx3.csv"), (h + "\"1\";\"X\"Y\";\"1\"\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(fails(embedded, 2, () -> new BookCrossingRatings(BookCrossingRatings.Mode.ALL_AS_IMPLICIT)
                .read(embedded)).problem()).contains("expected ';'");
        Path header = Files.write(dir.resolve("bx4.csv"), "User-ID;ISBN;Book-Rating\n\"1\";\"X\";\"1\"\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(fails(header, 1, () -> new BookCrossingRatings(BookCrossingRatings.Mode.ALL_AS_IMPLICIT)
                .read(header)).problem()).contains("expected header");
    }

    @Test
    void netflixStructure() throws Exception {
        Path early = write("n1.txt", "1,3,2005-09-06\n");
        assertThat(fails(early, 1, () -> new NetflixPrize().read(early)).problem()).contains("before the first");
        Path empty = write("n2.txt", "1:\n2:\n5,3,2005-09-06\n");
        assertThat(fails(empty, 1, () -> new NetflixPrize().read(empty)).problem()).contains("movie 1 has no ratings");
        Path emptyLast = write("n3.txt", "1:\n5,3,2005-09-06\n2:\n");
        assertThat(fails(emptyLast, 3, () -> new NetflixPrize().read(emptyLast)).problem()).contains("movie 2 has no ratings");
        Path date = write("n4.txt", "1:\n5,3,2005-9-06\n");
        assertThat(fails(date, 2, () -> new NetflixPrize().read(date)).problem()).contains("YYYY-MM-DD");
        Path rating = write("n5.txt", "1:\n5,6,2005-09-06\n");
        assertThat(fails(rating, 2, () -> new NetflixPrize().read(rating)).problem()).contains("outside 1..5");
    }

    @Test
    void recBoleHeader() throws Exception {
        Path noUser = write("a.inter", "uid:token\titem_id:token\n1\t2\n");
        assertThat(fails(noUser, 1, () -> new RecBoleInter().read(noUser)).problem()).contains("no field 'user_id'");
        Path badType = write("b.inter", "user_id:token\titem_id:token\trating:token\n1\t2\t3\n");
        assertThat(fails(badType, 1, () -> new RecBoleInter().read(badType)).problem())
                .contains("field 'rating' has type token, expected float");
        Path unknown = write("c.inter", "user_id:token\titem_id:int\n1\t2\n");
        assertThat(fails(unknown, 1, () -> new RecBoleInter().read(unknown)).problem()).contains("unknown type");
        Path floatTs = write("d.inter", "user_id:token\titem_id:token\ttimestamp:float\n1\t2\t3.5\n");
        assertThat(fails(floatTs, 2, () -> new RecBoleInter().read(floatTs)).problem()).contains("not an integer");
    }

    @Test
    void lastFmHeaderAndUndecodableBytes() throws Exception {
        Path header = write("user_artists.dat", "user\tartist\tweight\n2\t51\t1\n");
        assertThat(fails(header, 1, () -> new LastFmHetrec().read(header)).problem()).contains("expected header");
        Path bytes = dir.resolve("r.dat");
        Files.write(bytes, new byte[] {'1', ':', ':', '2', ':', ':', '3', ':', ':', '4', '\n', '1', ':', ':', (byte) 0xff,
            ':', ':', '3', ':', ':', '4', '\n'});
        assertThat(fails(bytes, 2, () -> new MovieLensDat().read(bytes)).problem()).contains("not valid in UTF-8");
    }
}
