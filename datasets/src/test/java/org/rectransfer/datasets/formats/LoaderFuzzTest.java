package org.rectransfer.datasets.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.AmazonMusicMovieNeuCdcf;
import org.rectransfer.datasets.DataFormatException;
import org.rectransfer.datasets.DelimitedFormat;
import org.rectransfer.datasets.DelimitedLoader;
import org.rectransfer.datasets.DoubanGadtcdr;
import org.rectransfer.datasets.MovieLens;
import org.rectransfer.datasets.RawInteractions;
import org.rectransfer.datasets.SourceLocation;

/**
 * Fuzz-style robustness test of every loader: starting from a valid small fixture in the exact
 * file layout of the loader, each case applies one to three seeded random corruptions (bit flips,
 * inserted/replaced bytes and tokens such as NUL, tabs, separators, quotes, minus signs,
 * {@code NaN}, huge numbers and invalid UTF-8; deleted, duplicated and swapped lines; swapped
 * columns; truncation; an empty file; long lines) to one of the loader's files and then loads.
 *
 * <p>Every case must end in one of two ways:
 * <ul>
 *   <li>the loader returns normally, and the result is internally consistent (row count, every
 *       row's location inside the file and in file order, well-formed ids, finite values, the
 *       files' SHA-256, the domain built from it); or</li>
 *   <li>it throws {@link DataFormatException} naming the corrupted file (or, for loaders that
 *       cross-check several files, a file of the same load) and a line in
 *       {@code [1, lines of that file + 1]}, with a message starting {@code path:line:}.</li>
 * </ul>
 * Anything else (NumberFormatException, an index out of bounds, an IllegalArgumentException
 * without location, ...) fails the loader's dynamic test with the seed, the mutations, the
 * corrupted bytes (escaped and hex) and an automatically minimized input.
 *
 * <p>Reproduce one case: {@code -Dfuzz.target='<test name>' -Dfuzz.seed=<seed>}; change the
 * number of cases per loader with {@code -Dfuzz.cases=N} (default 200).
 */
class LoaderFuzzTest {

    private static final int CASES = Integer.getInteger("fuzz.cases", 200);
    private static final String ONLY_TARGET = System.getProperty("fuzz.target");
    private static final Long ONLY_SEED = Long.getLong("fuzz.seed");
    private static final int SHRINK_BUDGET = 4000;
    private static final int SHOWN_BYTES = 3000;

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ targets

    /** Which file a DataFormatException may name. */
    enum Attribution {
        /** Only the corrupted file (the files of the load are read independently). */
        CORRUPTED,
        /** The corrupted file, or another file of the load whose error names the corrupted file as the earlier line (duplicates across files). */
        CORRUPTED_OR_EARLIER,
        /** Any file of the load (the loader cross-checks files, e.g. a fold against u.data). */
        ANY_FILE
    }

    /** Loads the files of a target from {@code dir} and checks the result with {@code check}. */
    @FunctionalInterface
    interface Load {
        void run(Path dir, Check check) throws Exception;
    }

    /** A loader under test: its valid fixture files (relative name to bytes) and how to load them. */
    record Target(String name, Map<String, byte[]> files, Attribution attribution, Load load) {
    }

    private static final String FILMTRUST_RATINGS = "1 1 2\n1 2 4\n2 1 3.5\n3 5 0.5\n";
    private static final String U_DATA = "1\t10\t5\t100\n1\t20\t3\t101\n2\t10\t4\t102\n2\t30\t1\t103\n3\t20\t2\t104\n";

    static List<Target> targets() throws IOException {
        List<Target> ts = new ArrayList<>();

        // every built-in format, through Formats.byId
        format(ts, MovieLensDat.ID, "ratings.dat", resource("ml-ratings.dat"));
        format(ts, MovieLensCsv.ID, "ratings.csv", resource("ml-ratings.csv"));
        format(ts, "amazon-ratings-csv-2014", "ratings_Books.csv", resource("amazon-2014-ratings.csv"));
        format(ts, "amazon-ratings-csv-2018", "Books.csv", resource("amazon-2018-ratings.csv"));
        format(ts, AmazonReviewsJsonLines.ID, "reviews_Books_5.json", resource("amazon-reviews_5.json"));
        format(ts, BookCrossingRatings.ID, "BX-Book-Ratings.csv", resource("BX-Book-Ratings.csv"));
        format(ts, FilmTrust.ID, "ratings_0.txt", utf8(FILMTRUST_RATINGS));
        format(ts, LastFmHetrec.ID, "user_artists.dat", resource("user_artists.dat"));
        format(ts, "tang-rating-mat", "rating.txt", resource("ciao-rating.txt"));
        format(ts, "tang-rating-timestamp-mat", "rating_with_timestamp.txt",
                utf8("1 100 7 4 2 1020729600\n2\t100  7 2 3 1020816000\n3 101 7 5 0 1020816001\n"));
        format(ts, "tang-user-item-rating", "ratings.txt", utf8("1 2 3\n1 3 5\n7\t2 1\n"));
        format(ts, NetflixPrize.ID, "combined_data_1.txt", resource("netflix-combined.txt"));
        format(ts, RecBoleInter.ID, "ml-100k.inter", resource("ml-100k.inter"));

        // more fixtures and options of the same loaders
        ts.add(single("recbole-inter (implicit, token_seq)", "implicit.inter", resource("implicit.inter"),
                (f, c) -> c.raw(new RecBoleInter().read(f), List.of(f))));
        ts.add(single("tang-rating-timestamp-mat (comma)", "epinions-rating_with_timestamp.csv",
                resource("epinions-rating_with_timestamp.csv"), (f, c) -> c.raw(
                        new TangRatings(TangRatings.Layout.RATING_WITH_TIMESTAMP_MAT, ",").read(f), List.of(f))));
        ts.add(single("bookcrossing-ratings (ALL_AS_IMPLICIT)", "BX-Book-Ratings.csv", resource("BX-Book-Ratings.csv"),
                (f, c) -> c.raw(new BookCrossingRatings(BookCrossingRatings.Mode.ALL_AS_IMPLICIT).read(f), List.of(f))));
        ts.add(twoFiles("movielens-dat (2 files)", new MovieLensDat(), "a.dat", resource("ml-ratings.dat"), "b.dat",
                utf8("4::1193::5::978300760\n5::661::3::978302109\n")));
        ts.add(twoFiles("netflix-prize (2 files)", new NetflixPrize(), "mv_0000001.txt",
                utf8("1:\n1488844,3,2005-09-06\n822109,5,2005-05-13\n"), "mv_0000002.txt",
                utf8("2:\n2059652,4,2005-09-05\n1488844,4,2005-11-01\n")));
        // one kept row in the first file: a corruption can leave that file without kept rows
        ts.add(twoFiles("bookcrossing-ratings (2 files)", new BookCrossingRatings(BookCrossingRatings.Mode.EXPLICIT_ONLY),
                "BX-a.csv", utf8(BookCrossingRatings.HEADER + "\n\"1\";\"A\";\"0\"\n\"2\";\"B\";\"5\"\n"), "BX-b.csv",
                utf8(BookCrossingRatings.HEADER + "\n\"3\";\"A\";\"7\"\n\"1\";\"C\";\"0\"\n\"2\";\"C\";\"10\"\n")));
        ts.add(twoFiles("movielens-csv (2 files)", new MovieLensCsv(), "a.csv", resource("ml-ratings.csv"), "b.csv",
                utf8(MovieLensCsv.HEADER + "\n7,1,0.5,964982703\n8,3,5,964981247\n")));
        Map<String, byte[]> recbole = new LinkedHashMap<>();
        recbole.put("part1.inter", resource("ml-100k.inter"));
        recbole.put("part2.inter", utf8("user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                + "7\t242\t5\t881250950\n"));
        // the header of the second file is compared with the first: either file may be named
        ts.add(new Target("recbole-inter (2 files)", recbole, Attribution.ANY_FILE, (dir, c) -> {
            List<Path> paths = List.of(dir.resolve("part1.inter"), dir.resolve("part2.inter"));
            c.raw(Formats.byId(RecBoleInter.ID).read(paths), paths);
        }));

        // DelimitedLoader with a few formats
        ts.add(delimited("DelimitedLoader tab user-item-rating-ts [1,5]", "data.tsv", U_DATA,
                DelimitedFormat.of("\t", 4, 0, 1, 2).withTimestampColumn(3).withRatingRange(1, 5)));
        ts.add(delimited("DelimitedLoader csv header, skip blank lines, KEEP_LAST", "data.csv",
                "user,item,rating,ts\nu1,i1,4.5,100\n\nu2,i1,-2e1,101\nu1,i1,3,102\nu3,i9,.5,-7\n",
                DelimitedFormat.of(",", 4, 0, 1, 2).withHeaderLines(1).withTimestampColumn(3).withSkipBlankLines(true)
                        .withDuplicatePolicy(DuplicatePolicy.KEEP_LAST)));
        ts.add(delimited("DelimitedLoader whitespace implicit", "pairs.txt", "  a 1 x\nb\t2 y\n\tc  3\tz  \n",
                DelimitedFormat.of(DelimitedFormat.WHITESPACE, 3, 0, 2, -1)));
        ts.add(new Target("DelimitedLoader ';' ISO-8859-1 domain filter", files("data.csv",
                "item;user;rating;domain\nb\u00e9;1;10;books\nm1;1;0;music\nb2;2;7.5;books\n".getBytes(StandardCharsets.ISO_8859_1)),
                Attribution.CORRUPTED, (dir, c) -> {
                    Path f = dir.resolve("data.csv");
                    DelimitedFormat fmt = DelimitedFormat.of(";", 4, 1, 0, 2).withHeaderLines(1).withRatingRange(0, 10)
                            .withDomainFilter(3, "books").withCharset(StandardCharsets.ISO_8859_1);
                    c.raw(new DelimitedLoader(fmt).read(f), List.of(f));
                }));
        Map<String, byte[]> filtered = new LinkedHashMap<>();
        filtered.put("a.rating", utf8("1\t100\t5.0\t0\n1\t500\t4.0\t1\n"));
        filtered.put("b.rating", utf8("2\t501\t5.0\t1\n4\t500\t1.0\t1\n3\t100\t2.5\t0\n"));
        ts.add(new Target("DelimitedLoader 2 files, domain filter", filtered, Attribution.CORRUPTED_OR_EARLIER,
                (dir, c) -> {
                    List<Path> paths = List.of(dir.resolve("a.rating"), dir.resolve("b.rating"));
                    c.raw(new DelimitedLoader(AmazonMusicMovieNeuCdcf.MOVIE_FORMAT).read(paths), paths);
                }));

        // user-user relations
        ts.add(single("FilmTrust.readTrust", "trust.txt", utf8("2 1 1\n3 1 1\n1 2 1\n"),
                (f, c) -> c.relation(FilmTrust.readTrust(f), List.of(f))));
        ts.add(single("LastFmHetrec.readFriends", "user_friends.dat", resource("user_friends.dat"),
                (f, c) -> c.relation(LastFmHetrec.readFriends(f), List.of(f))));
        ts.add(single("TangRatings.readTrust (2 columns, whitespace)", "trustnetwork.txt", utf8("1 2\n2 1\n3\t1\n"),
                (f, c) -> c.relation(new TangRatings(TangRatings.Layout.USER_ITEM_RATING, DelimitedFormat.WHITESPACE)
                        .readTrust(f, 2), List.of(f))));
        ts.add(single("TangRatings.readTrust (3 columns, comma)", "trust.csv", utf8("1,2,1\n2,1,0.5\n3,1,2\n"),
                (f, c) -> c.relation(new TangRatings(TangRatings.Layout.USER_ITEM_RATING, ",").readTrust(f, 3),
                        List.of(f))));

        // whole-directory readers, on small copies in their exact file layout
        Map<String, byte[]> filmTrust = new LinkedHashMap<>();
        filmTrust.put("rating/ratings_0.txt", utf8("1 1 2\n1 2 4\n"));
        filmTrust.put("rating/ratings_1.txt", utf8("2 1 3.5\n"));
        filmTrust.put("rating/ratings_2.txt", utf8("3 5 0.5\n1 1 2.5\n"));
        filmTrust.put("rating/ratings_3.txt", utf8("4 2 1\n"));
        filmTrust.put("trust/trust.txt", utf8("1 2 1\n2 1 1\n4 3 1\n"));
        ts.add(new Target("FilmTrust.load (directory)", filmTrust, Attribution.CORRUPTED, (dir, c) -> {
            List<Path> ratings = new ArrayList<>();
            for (String f : FilmTrust.RATING_FILES) {
                ratings.add(dir.resolve(f));
            }
            RawInteractions raw = new FilmTrust().read(ratings).withDuplicatePolicy(FilmTrust.DUPLICATE_POLICY);
            c.raw(raw, ratings);
            c.relation(FilmTrust.readTrust(dir.resolve(FilmTrust.TRUST_FILE)), List.of(dir.resolve(FilmTrust.TRUST_FILE)));
            FilmTrust.Data d = FilmTrust.load(dir);
            c.require(d.ratings().interactions().numRows() == d.users().size(), "ratings rows != users");
            c.require(d.trust().numRows() == d.users().size() && d.trust().numCols() == d.users().size(),
                    "trust matrix is not users x users");
        }));

        Map<String, byte[]> douban = new LinkedHashMap<>();
        douban.put("douban_book_ratings.dat", utf8("1\t10\t5\n1\t11\t3\n2\t10\t4\n3\t12\t1\n"));
        douban.put("douban_music_ratings.dat", utf8("1\t20\t2\n2\t21\t5\n4\t20\t3\n"));
        ts.add(new Target("DoubanGadtcdr", douban, Attribution.CORRUPTED, (dir, c) -> {
            for (String domain : DoubanGadtcdr.DOMAINS) {
                c.raw(DoubanGadtcdr.read(dir, domain), List.of(DoubanGadtcdr.file(dir, domain)));
            }
            c.crossDomain(DoubanGadtcdr.load(dir, DoubanGadtcdr.MUSIC, DoubanGadtcdr.BOOK));
        }));

        Map<String, byte[]> neucdcf = new LinkedHashMap<>();
        neucdcf.put("music.trainfull.rating", utf8("1\t100\t5.0\t0\n2\t101\t3.0\t0\n3\t100\t4.0\t0\n"));
        neucdcf.put("music.test.rating", utf8("1\t102\t2.0\t0\n2\t100\t1.0\t0\n"));
        neucdcf.put("music_movie.trainfull.rating",
                utf8("1\t100\t5.0\t0\n2\t101\t3.0\t0\n3\t100\t4.0\t0\n1\t500\t4.0\t1\n2\t501\t5.0\t1\n4\t500\t1.0\t1\n"));
        ts.add(new Target("AmazonMusicMovieNeuCdcf", neucdcf, Attribution.CORRUPTED_OR_EARLIER, (dir, c) -> {
            for (String domain : AmazonMusicMovieNeuCdcf.DOMAINS) {
                c.raw(AmazonMusicMovieNeuCdcf.read(dir, domain), AmazonMusicMovieNeuCdcf.files(dir, domain));
            }
            c.crossDomain(AmazonMusicMovieNeuCdcf.load(dir));
        }));

        Map<String, byte[]> ml = new LinkedHashMap<>();
        ml.put("u.data", utf8(U_DATA));
        ml.put("u1.base", utf8("1\t10\t5\t100\n2\t10\t4\t102\n3\t20\t2\t104\n"));
        ml.put("u1.test", utf8("1\t20\t3\t101\n2\t30\t1\t103\n"));
        ts.add(new Target("MovieLens 100K (u.data + fold u1)", ml, Attribution.ANY_FILE, (dir, c) -> {
            MovieLens.MovieLens100k m = MovieLens.load100k(dir);
            c.require(m.all().numRows() == m.users().size() && m.all().numCols() == m.items().size(), "u.data shape");
            MovieLens.Fold fold = m.fold("u1");
            c.require((long) fold.train().nnz() + fold.test().nnz() == m.all().nnz(),
                    "fold does not partition u.data: " + fold.train().nnz() + " + " + fold.test().nnz() + " != "
                            + m.all().nnz());
            c.require(fold.fileSha256().keySet().equals(Set.of("u1.base", "u1.test")), "fold file hashes");
        }));
        return ts;
    }

    private static void format(List<Target> ts, String id, String fileName, byte[] fixture) {
        ts.add(single(id, fileName, fixture, (f, c) -> c.raw(Formats.byId(id).read(f), List.of(f))));
    }

    @FunctionalInterface
    interface SingleLoad {
        void run(Path file, Check check) throws Exception;
    }

    private static Target single(String name, String fileName, byte[] fixture, SingleLoad load) {
        return new Target(name, files(fileName, fixture), Attribution.CORRUPTED,
                (dir, c) -> load.run(dir.resolve(fileName), c));
    }

    private static Target twoFiles(String name, InteractionFormat format, String first, byte[] a, String second, byte[] b) {
        Map<String, byte[]> fs = new LinkedHashMap<>();
        fs.put(first, a);
        fs.put(second, b);
        return new Target(name, fs, Attribution.CORRUPTED_OR_EARLIER, (dir, c) -> {
            List<Path> paths = List.of(dir.resolve(first), dir.resolve(second));
            c.raw(format.read(paths), paths);
        });
    }

    private static Target delimited(String name, String fileName, String fixture, DelimitedFormat format) {
        return single(name, fileName, utf8(fixture), (f, c) -> c.raw(new DelimitedLoader(format).read(f), List.of(f)));
    }

    private static Map<String, byte[]> files(String name, byte[] content) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(name, content);
        return m;
    }

    private static byte[] resource(String name) {
        try {
            return Files.readAllBytes(FormatLoadersTest.fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void everyFormatIdIsFuzzed() throws IOException {
        Set<String> names = new HashSet<>();
        for (Target t : targets()) {
            names.add(t.name());
        }
        for (String id : Formats.ids()) {
            if (!names.contains(id)) {
                fail("format id '" + id + "' has no fuzz target");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyLoaderLoadsOrFailsWithFileAndLine() throws IOException {
        return targets().stream()
                .filter(t -> ONLY_TARGET == null || t.name().contains(ONLY_TARGET))
                .map(t -> DynamicTest.dynamicTest(t.name(),
                        () -> assertTimeoutPreemptively(Duration.ofSeconds(120), () -> fuzz(t))));
    }

    private void fuzz(Target t) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "fuzz");
        Outcome baseline = run(t, dir, t.files(), null);
        if (baseline.kind != Kind.LOADED) {
            fail("[" + t.name() + "] the valid fixture does not load: " + baseline.signature + "\n" + baseline.detail);
        }
        List<String> names = new ArrayList<>(t.files().keySet());
        Map<String, List<Failure>> failures = new LinkedHashMap<>();
        int loaded = 0;
        int rejected = 0;
        int ran = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = seed(t.name(), i);
            if (ONLY_SEED != null && seed != ONLY_SEED) {
                continue;
            }
            ran++;
            SplittableRandom rnd = new SplittableRandom(seed);
            String victim = names.get(rnd.nextInt(names.size()));
            List<String> log = new ArrayList<>();
            byte[] corrupted = mutate(t.files().get(victim), rnd, log);
            Map<String, byte[]> caseFiles = new LinkedHashMap<>(t.files());
            caseFiles.put(victim, corrupted);
            Outcome o = run(t, dir, caseFiles, victim);
            switch (o.kind) {
                case LOADED -> loaded++;
                case REJECTED -> rejected++;
                case BAD -> failures.computeIfAbsent(o.signature, k -> new ArrayList<>())
                        .add(new Failure(seed, victim, log, caseFiles, o));
            }
        }
        System.out.printf("LoaderFuzzTest [%s]: %d cases, %d loaded, %d rejected with DataFormatException, %d bad"
                + " (%d distinct problems)%n", t.name(), ran, loaded, rejected, ran - loaded - rejected, failures.size());
        if (failures.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder();
        msg.append("[").append(t.name()).append("] ").append(failures.size())
                .append(" distinct problem(s) in ").append(ran).append(" corrupted inputs (").append(loaded)
                .append(" loaded, ").append(rejected).append(" rejected correctly):\n");
        int k = 0;
        for (Map.Entry<String, List<Failure>> e : failures.entrySet()) {
            Failure f = e.getValue().get(0);
            msg.append("\n(").append(++k).append(") ").append(e.getKey()).append(" -- in ").append(e.getValue().size())
                    .append(" case(s)\n");
            msg.append("  first case: seed=").append(f.seed).append("L (rerun: -Dfuzz.target='").append(t.name())
                    .append("' -Dfuzz.seed=").append(f.seed).append(")\n");
            msg.append("  corrupted file: ").append(f.victim).append(", mutations: ").append(f.log).append('\n');
            msg.append("  ").append(f.outcome.detail.replace("\n", "\n  ")).append('\n');
            byte[] bytes = f.files.get(f.victim);
            msg.append("  corrupted bytes (").append(bytes.length).append("): ").append(escape(bytes)).append('\n');
            if (bytes.length <= 400) {
                msg.append("  corrupted bytes (hex): ").append(HexFormat.of().formatHex(bytes)).append('\n');
            }
            byte[] small = shrink(t, dir, f.files, f.victim, e.getKey());
            Map<String, byte[]> smallFiles = new LinkedHashMap<>(f.files);
            smallFiles.put(f.victim, small);
            Outcome so = run(t, dir, smallFiles, f.victim);
            msg.append("  minimized ").append(f.victim).append(" (").append(small.length).append(" bytes): ")
                    .append(escape(small)).append("  hex: ").append(HexFormat.of().formatHex(small)).append('\n');
            msg.append("  minimized outcome: ").append(firstLine(so.detail)).append('\n');
        }
        fail(msg.toString());
    }

    private static long seed(String target, int i) {
        return ((long) target.hashCode() << 32) ^ (0x5EED0000L + i);
    }

    private record Failure(long seed, String victim, List<String> log, Map<String, byte[]> files, Outcome outcome) {
    }

    private enum Kind { LOADED, REJECTED, BAD }

    private record Outcome(Kind kind, String signature, String detail) {
    }

    /** Writes {@code files} to {@code dir}, loads, and classifies what happened. */
    private static Outcome run(Target t, Path dir, Map<String, byte[]> files, String victim) throws IOException {
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
            contents.put(p, e.getValue());
        }
        Path corrupted = victim == null ? null : dir.resolve(victim);
        Check check = new Check(contents);
        try {
            t.load().run(dir, check);
            return new Outcome(Kind.LOADED, null, null);
        } catch (DataFormatException e) {
            String problem = contractViolation(e, t.attribution(), contents, corrupted);
            if (problem == null) {
                return new Outcome(Kind.REJECTED, null, null);
            }
            return new Outcome(Kind.BAD, "DataFormatException breaks the contract (" + problem + ") from " + origin(e),
                    problem + "\n" + describe(e));
        } catch (Inconsistent e) {
            return new Outcome(Kind.BAD, "loaded an inconsistent result (" + e.kind + ")", describe(e));
        } catch (Throwable e) {
            return new Outcome(Kind.BAD, e.getClass().getName() + " instead of DataFormatException, from " + origin(e),
                    describe(e));
        }
    }

    /** Null if {@code e} names a file of the load and a line inside it as required; else what is wrong. */
    private static String contractViolation(DataFormatException e, Attribution attribution, Map<Path, byte[]> contents,
                                            Path corrupted) {
        Path file = e.file();
        if (!contents.containsKey(file)) {
            return "names file " + file + ", not a file of the load";
        }
        SourceLocation earlier = e.earlierLocation();
        boolean namesCorrupted = file.equals(corrupted) || (earlier != null && earlier.file().equals(corrupted));
        if (corrupted != null) {
            if (attribution == Attribution.CORRUPTED && !file.equals(corrupted)) {
                return "names " + file.getFileName() + " but " + corrupted.getFileName() + " was corrupted";
            }
            if (attribution == Attribution.CORRUPTED_OR_EARLIER && !namesCorrupted) {
                return "names " + file.getFileName() + (earlier == null ? "" : " and " + earlier.file().getFileName())
                        + " but " + corrupted.getFileName() + " was corrupted";
            }
        }
        long lines = lineCount(contents.get(file));
        if (e.line() < 1 || e.line() > lines + 1) {
            return "line " + e.line() + " outside [1, " + (lines + 1) + "] for a file of " + lines + " line(s)";
        }
        String prefix = file + ":" + e.line() + ":";
        if (e.getMessage() == null || !e.getMessage().startsWith(prefix)) {
            return "message does not start with '" + prefix + "'";
        }
        if (e.problem() == null || e.problem().isBlank()) {
            return "empty problem text";
        }
        if (earlier != null) {
            if (!contents.containsKey(earlier.file())) {
                return "earlier location names " + earlier.file() + ", not a file of the load";
            }
            long el = lineCount(contents.get(earlier.file()));
            if (earlier.line() < 1 || earlier.line() > el) {
                return "earlier line " + earlier.line() + " outside [1, " + el + "]";
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ consistency of a loaded result

    /** A loaded result that contradicts its input. */
    static final class Inconsistent extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String kind;

        Inconsistent(String kind, String detail) {
            super(kind + ": " + detail);
            this.kind = kind;
        }
    }

    /** Checks of a loaded result against the bytes that were written. */
    static final class Check {
        private final Map<Path, byte[]> contents;

        Check(Map<Path, byte[]> contents) {
            this.contents = contents;
        }

        void require(boolean ok, String what) {
            if (!ok) {
                throw new Inconsistent(what, what);
            }
        }

        private void require(boolean ok, String kind, String detail) {
            if (!ok) {
                throw new Inconsistent(kind, detail);
            }
        }

        /** The rows are consistent with {@code files}; then builds the domain (may throw DataFormatException). */
        void raw(RawInteractions r, List<Path> files) {
            require(r.files().equals(files), "files()", r.files() + " != " + files);
            List<String> names = new ArrayList<>();
            long totalLines = 0;
            for (Path f : files) {
                names.add(f.getFileName().toString());
                totalLines += lineCount(contents.get(f));
                String sha = r.fileSha256().get(f.getFileName().toString());
                require(sha256(contents.get(f)).equals(sha), "fileSha256() is not the SHA-256 of the file",
                        f.getFileName() + ": " + sha);
            }
            require(new ArrayList<>(r.fileSha256().keySet()).equals(names), "fileSha256() keys",
                    r.fileSha256().keySet() + " != " + names);
            require(r.size() >= 0 && r.skippedRows() >= 0, "negative size or skippedRows",
                    r.size() + ", " + r.skippedRows());
            require(r.size() + r.skippedRows() <= totalLines, "more rows than lines",
                    r.size() + " rows + " + r.skippedRows() + " skipped > " + totalLines + " lines");
            require(new HashSet<>(r.userIds()).size() == r.numUsers() && r.userIds().size() == r.numUsers(),
                    "userIds() not distinct", r.userIds().toString());
            require(new HashSet<>(r.itemIds()).size() == r.numItems() && r.itemIds().size() == r.numItems(),
                    "itemIds() not distinct", r.itemIds().toString());
            Set<String> users = new HashSet<>(r.userIds());
            Set<String> items = new HashSet<>(r.itemIds());
            Set<String> seenUsers = new HashSet<>();
            Set<String> seenItems = new HashSet<>();
            int prevFile = -1;
            long prevLine = 0;
            for (int row = 0; row < r.size(); row++) {
                SourceLocation loc = r.location(row);
                int fi = files.indexOf(loc.file());
                require(fi >= 0, "row location names a file not read", "row " + row + " at " + loc);
                long lines = lineCount(contents.get(loc.file()));
                require(loc.line() >= 1 && loc.line() <= lines, "row location outside the file",
                        "row " + row + " at " + loc + ", file has " + lines + " line(s)");
                require(fi > prevFile || (fi == prevFile && loc.line() > prevLine), "row locations not in file order",
                        "row " + row + " at " + loc + " after " + prevFile + ":" + prevLine);
                prevFile = fi;
                prevLine = loc.line();
                String u = r.userId(row);
                String it = r.itemId(row);
                require(validId(u), "malformed user id", "row " + row + ": '" + u + "'");
                require(validId(it), "malformed item id", "row " + row + ": '" + it + "'");
                require(users.contains(u) && items.contains(it), "row id not in userIds()/itemIds()", u + "/" + it);
                byte[] text = line(contents.get(loc.file()), loc.line());
                require(new String(text, StandardCharsets.UTF_8).contains(u)
                        || new String(text, StandardCharsets.ISO_8859_1).contains(u) || contains(text, (byte) '\\'),
                        "the row's line does not hold its user id", "row " + row + " user '" + u + "' at " + loc
                                + ": " + escape(text));
                seenUsers.add(u);
                seenItems.add(it);
                float v = r.value(row);
                require(Float.isFinite(v), "non-finite value", "row " + row + ": " + v);
                require(r.rating(row) == v || Float.isNaN(v), "rating() != value()", "row " + row);
                if (r.feedback() == RawInteractions.Feedback.IMPLICIT) {
                    require(v == 1f, "implicit row with value != 1", "row " + row + ": " + v);
                }
                if (r.hasTimestamps()) {
                    r.timestamp(row);
                }
            }
            require(seenUsers.size() == r.numUsers() && seenItems.size() == r.numItems(), "ids without rows",
                    r.numUsers() + " users / " + r.numItems() + " items, rows use " + seenUsers.size() + " / "
                            + seenItems.size());
            IdIndex index = r.userIndex();
            DomainData d = r.toDomainData("fuzz", index);
            InteractionMatrix m = d.interactions();
            require(m.numRows() == index.size() && m.numCols() == r.numItems(), "domain shape",
                    m.numRows() + "x" + m.numCols());
            require(m.nnz() <= r.size() && (r.duplicatePolicy() != DuplicatePolicy.ERROR || m.nnz() == r.size()),
                    "domain nnz", m.nnz() + " entries from " + r.size() + " rows");
            require(m.nnz() > 0 || r.size() == 0, "empty domain from rows", r.size() + " rows");
        }

        void relation(UserRelation rel, List<Path> files) {
            raw(rel.links(), files);
            require(rel.size() == rel.links().size(), "relation size", rel.size() + " != " + rel.links().size());
            IdIndex users = IdIndex.of(rel.userIds());
            InteractionMatrix m = rel.toMatrix(users, DuplicatePolicy.ERROR);
            require(m.nnz() == rel.size() && m.numRows() == users.size() && m.numCols() == users.size(),
                    "relation matrix", m.numRows() + "x" + m.numCols() + ", nnz " + m.nnz());
        }

        void crossDomain(CrossDomainData data) {
            require(data.users().size() > 0, "cross-domain data without users", "");
            for (DomainData d : data.sources()) {
                require(d.interactions().numRows() == data.users().size(), "source rows", d.name());
                require(d.interactions().nnz() > 0, "empty source domain", d.name());
            }
            require(data.target().interactions().nnz() > 0, "empty target domain", data.target().name());
        }

        private static boolean validId(String id) {
            if (id == null || id.isEmpty()) {
                return false;
            }
            char first = id.charAt(0);
            char last = id.charAt(id.length() - 1);
            return first != ' ' && first != '\t' && last != ' ' && last != '\t';
        }
    }

    /** Lines as the loaders count them: ended by LF; a last line without LF counts; an empty file has none. */
    static long lineCount(byte[] b) {
        long n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        if (b.length > 0 && b[b.length - 1] != '\n') {
            n++;
        }
        return n;
    }

    /** The bytes of 1-based line {@code line} of {@code b}, without its LF. */
    static byte[] line(byte[] b, long line) {
        long current = 1;
        int start = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == '\n') {
                if (current == line) {
                    return java.util.Arrays.copyOfRange(b, start, i);
                }
                current++;
                start = i + 1;
            }
        }
        return new byte[0];
    }

    private static boolean contains(byte[] b, byte x) {
        for (byte y : b) {
            if (y == x) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ corruptions

    private static final List<String> TOKENS = new ArrayList<>();
    private static final List<String> NUMBERS = new ArrayList<>();
    private static final byte[] BYTES = {0x00, '\t', '\n', '\r', ' ', ',', ';', ':', '"', '\'', '-', '+', '.', 'e', 'E',
        '0', '9', 'N', '\\', '{', '}', '[', ']', 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC3, (byte) 0xE9, (byte) 0xEF,
        (byte) 0xF0, (byte) 0xFE, (byte) 0xFF};
    private static final String[] LONG_RUNS = {"7", "x", "\u00C3\u00A9", "\u00E2\u0082\u00AC", "\u00F0\u009F\u0098\u0080", "[",
        "{\"a\":", " ", "\t"};
    private static final String[] SEPARATORS = {"::", "\t", "\";\"", ";", ", ", ",", " "};

    static {
        for (String s : List.of("NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "-inf", "-", "+", "-1", "-0", "0",
                "+5", "5.", ".5", ".", "e", "1e", "1e5", "1e309", "-1e309", "1e-400", "1E+2", "3.4028236e38",
                "340282356779733661637539395458142568448", "9223372036854775807", "9223372036854775808",
                "-9223372036854775809", "99999999999999999999999999999999", "0x1F", "0x1p3", "1.5f", "2d", "1_000",
                "\u0663", "\uff15", "\u00bd", "10", "11", "4.5", "2005-02-30", "2005-13-01", "+2005-01-01", "0000-00-00")) {
            NUMBERS.add(latin1(utf8(s)));
        }
        TOKENS.addAll(NUMBERS);
        for (String s : List.of("\u0000", "\t", "\t\t", " ", "  ", ",", ";", ":", "::", ":::", "\"", "\"\"", "'", "\\",
                "\r", "\n", "\r\n", "\n\n", "\r\r\n", "{", "}", "[", "]", "{}", "[]", "null", "true", "\"overall\": 2.5, ",
                "\"unixReviewTime\": 1e3, ", "\"asin\": 5, ", "\"reviewerID\": \"\", ", ":token", ":float",
                ":token_seq", ":float_seq", "\t:float", "user_id:token\t", "rating:token", "1:", "2:\n", "\n3:\n",
                "userId,movieId,rating,timestamp\n", "\"User-ID\";\"ISBN\";\"Book-Rating\"\n", "userID\tartistID\tweight\n",
                "\uFEFF", "\u00e9", "\u20ac", "\uD83D\uDE00")) {
            TOKENS.add(latin1(utf8(s)));
        }
        // invalid UTF-8: lone continuation, truncated sequences, overlong, surrogate, beyond U+10FFFF, BOM-ish
        for (int[] b : new int[][] {{0x80}, {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xC0, 0x80}, {0xED, 0xA0, 0x80},
            {0xF4, 0x90, 0x80, 0x80}, {0xFF}, {0xFE, 0xFF}, {0xEF, 0xBB}}) {
            StringBuilder sb = new StringBuilder();
            for (int x : b) {
                sb.append((char) x);
            }
            TOKENS.add(sb.toString());
        }
    }

    /** Applies 1 to 3 random corruptions to {@code original}; describes them in {@code log}. */
    static byte[] mutate(byte[] original, SplittableRandom rnd, List<String> log) {
        String s = latin1(original); // one char per byte: byte-exact
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            s = mutateOnce(s, rnd, log);
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String mutateOnce(String s, SplittableRandom rnd, List<String> log) {
        int op = rnd.nextInt(100);
        int len = s.length();
        if (op < 10) {
            if (len == 0) {
                return s;
            }
            int p = rnd.nextInt(len);
            int bit = rnd.nextInt(8);
            log.add("flip bit " + bit + " of byte " + p);
            return s.substring(0, p) + (char) ((s.charAt(p) ^ (1 << bit)) & 0xFF) + s.substring(p + 1);
        }
        if (op < 20) {
            if (len == 0) {
                return s;
            }
            int p = rnd.nextInt(len);
            char c = (char) (BYTES[rnd.nextInt(BYTES.length)] & 0xFF);
            log.add("set byte " + p + " to " + escape(new byte[] {(byte) c}));
            return s.substring(0, p) + c + s.substring(p + 1);
        }
        if (op < 35) {
            int p = rnd.nextInt(len + 1);
            String tok = TOKENS.get(rnd.nextInt(TOKENS.size()));
            log.add("insert " + esc(tok) + " at " + p);
            return s.substring(0, p) + tok + s.substring(p);
        }
        if (op < 43) {
            return replaceField(s, rnd, log, TOKENS);
        }
        if (op < 50) {
            Matcher m = Pattern.compile("[0-9]+").matcher(s);
            List<int[]> runs = new ArrayList<>();
            while (m.find()) {
                runs.add(new int[] {m.start(), m.end()});
            }
            if (runs.isEmpty()) {
                return s;
            }
            int[] run = runs.get(rnd.nextInt(runs.size()));
            String tok = NUMBERS.get(rnd.nextInt(NUMBERS.size()));
            log.add("replace number " + esc(s.substring(run[0], run[1])) + " at " + run[0] + " by " + esc(tok));
            return s.substring(0, run[0]) + tok + s.substring(run[1]);
        }
        if (op < 57) {
            if (len == 0) {
                return s;
            }
            int p = rnd.nextInt(len);
            int q = Math.min(len, p + 1 + rnd.nextInt(8));
            log.add("delete bytes [" + p + ", " + q + ")");
            return s.substring(0, p) + s.substring(q);
        }
        List<String> lines = lines(s);
        if (op < 63) {
            if (lines.isEmpty()) {
                return s;
            }
            int i = rnd.nextInt(lines.size());
            log.add("delete line " + (i + 1));
            lines.remove(i);
            return String.join("", lines);
        }
        if (op < 69) {
            if (lines.isEmpty()) {
                return s;
            }
            int i = rnd.nextInt(lines.size());
            int to = rnd.nextInt(lines.size() + 1);
            String line = lines.get(i);
            if (!line.endsWith("\n")) {
                line = line + "\n";
            }
            log.add("copy line " + (i + 1) + " before line " + (to + 1));
            lines.add(to, line);
            return String.join("", lines);
        }
        if (op < 73) {
            if (lines.size() < 2) {
                return s;
            }
            int i = rnd.nextInt(lines.size());
            int j = rnd.nextInt(lines.size());
            List<String> bodies = new ArrayList<>();
            for (String l : lines) {
                bodies.add(l.endsWith("\n") ? l.substring(0, l.length() - 1) : l);
            }
            String tmp = bodies.get(i);
            bodies.set(i, bodies.get(j));
            bodies.set(j, tmp);
            log.add("swap lines " + (i + 1) + " and " + (j + 1));
            return String.join("\n", bodies) + (s.endsWith("\n") ? "\n" : "");
        }
        if (op < 80) {
            return swapColumns(s, lines, rnd, log);
        }
        if (op < 86) {
            int p = rnd.nextInt(len + 1);
            log.add("truncate at " + p);
            return s.substring(0, p);
        }
        if (op < 88) {
            log.add("empty file");
            return "";
        }
        if (op < 92) {
            int p = rnd.nextInt(len + 1);
            StringBuilder sb = new StringBuilder();
            int count = 1 + rnd.nextInt(4);
            for (int i = 0; i < count; i++) {
                sb.append((char) rnd.nextInt(256));
            }
            log.add("insert random bytes " + esc(sb.toString()) + " at " + p);
            return s.substring(0, p) + sb + s.substring(p);
        }
        if (op < 95) {
            switch (rnd.nextInt(5)) {
                case 0:
                    log.add("LF -> CRLF");
                    return s.replace("\n", "\r\n");
                case 1:
                    log.add("remove trailing newline");
                    return s.endsWith("\n") ? s.substring(0, len - 1) : s;
                case 2:
                    log.add("append a blank line");
                    return s + "\n";
                case 3:
                    log.add("prepend a UTF-8 byte order mark");
                    return "\u00EF\u00BB\u00BF" + s;
                default:
                    log.add("LF -> CR");
                    return s.replace('\n', '\r');
            }
        }
        if (op < 96) {
            int p = rnd.nextInt(len + 1);
            // longer than the loaders' 32K/64K buffers; multi-byte characters straddle buffer ends
            String unit = LONG_RUNS[rnd.nextInt(LONG_RUNS.length)];
            int count = (70_000 + rnd.nextInt(5_000)) / unit.length();
            log.add("insert " + count + " x " + esc(unit) + " at " + p);
            return s.substring(0, p) + unit.repeat(count) + s.substring(p);
        }
        // replace every occurrence of a separator by another one
        String from = SEPARATORS[rnd.nextInt(SEPARATORS.length)];
        String to = SEPARATORS[rnd.nextInt(SEPARATORS.length)];
        if (!s.contains(from)) {
            return s;
        }
        log.add("replace every " + esc(from) + " by " + esc(to));
        return s.replace(from, to);
    }

    private static String replaceField(String s, SplittableRandom rnd, List<String> log, List<String> tokens) {
        List<String> lines = lines(s);
        if (lines.isEmpty()) {
            return s;
        }
        int i = rnd.nextInt(lines.size());
        String line = lines.get(i);
        String end = line.endsWith("\n") ? "\n" : "";
        String body = line.substring(0, line.length() - end.length());
        String sep = separator(body);
        if (sep == null) {
            return s;
        }
        String[] f = body.split(Pattern.quote(sep), -1);
        int c = rnd.nextInt(f.length);
        String tok = tokens.get(rnd.nextInt(tokens.size()));
        log.add("line " + (i + 1) + ": replace field " + c + " " + esc(f[c]) + " by " + esc(tok));
        f[c] = tok;
        lines.set(i, String.join(sep, f) + end);
        return String.join("", lines);
    }

    private static String swapColumns(String s, List<String> lines, SplittableRandom rnd, List<String> log) {
        if (lines.isEmpty()) {
            return s;
        }
        boolean all = rnd.nextInt(3) == 0;
        int only = rnd.nextInt(lines.size());
        int a = rnd.nextInt(6);
        int b = rnd.nextInt(6);
        log.add("swap columns " + a + " and " + b + (all ? " on every line" : " on line " + (only + 1)));
        for (int i = 0; i < lines.size(); i++) {
            if (!all && i != only) {
                continue;
            }
            String line = lines.get(i);
            String end = line.endsWith("\n") ? "\n" : "";
            String body = line.substring(0, line.length() - end.length());
            String sep = separator(body);
            if (sep == null) {
                continue;
            }
            String[] f = body.split(Pattern.quote(sep), -1);
            int x = a % f.length;
            int y = b % f.length;
            String tmp = f[x];
            f[x] = f[y];
            f[y] = tmp;
            lines.set(i, String.join(sep, f) + end);
        }
        return String.join("", lines);
    }

    private static String separator(String line) {
        for (String sep : SEPARATORS) {
            if (line.contains(sep)) {
                return sep;
            }
        }
        return null;
    }

    /** The lines of {@code s}, each with its LF (the last one may have none). */
    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                out.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    // ------------------------------------------------------------------ minimizing a failing input

    /** Removes lines, then byte ranges, of the corrupted file while the outcome keeps its signature. */
    private static byte[] shrink(Target t, Path dir, Map<String, byte[]> files, String victim, String signature)
            throws IOException {
        String cur = latin1(files.get(victim));
        int[] budget = {SHRINK_BUDGET};
        boolean progress = true;
        while (progress && budget[0] > 0) {
            progress = false;
            List<String> lines = lines(cur);
            for (int i = lines.size() - 1; i >= 0 && budget[0] > 0; i--) {
                List<String> fewer = new ArrayList<>(lines);
                fewer.remove(i);
                String cand = String.join("", fewer);
                if (same(t, dir, files, victim, cand, signature, budget)) {
                    cur = cand;
                    lines = lines(cur);
                    progress = true;
                }
            }
        }
        for (int size : new int[] {16, 4, 1}) {
            int p = 0;
            while (p < cur.length() && budget[0] > 0) {
                String cand = cur.substring(0, p) + cur.substring(Math.min(cur.length(), p + size));
                if (same(t, dir, files, victim, cand, signature, budget)) {
                    cur = cand;
                } else {
                    p += size;
                }
            }
        }
        // restore the files of the target for the next run
        return cur.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean same(Target t, Path dir, Map<String, byte[]> files, String victim, String cand,
                                String signature, int[] budget) throws IOException {
        budget[0]--;
        Map<String, byte[]> fs = new LinkedHashMap<>(files);
        fs.put(victim, cand.getBytes(StandardCharsets.ISO_8859_1));
        Outcome o = run(t, dir, fs, victim);
        return o.kind == Kind.BAD && signature.equals(o.signature);
    }

    // ------------------------------------------------------------------ reporting

    private static String origin(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("org.rectransfer.") && !f.getClassName().startsWith(LoaderFuzzTest.class.getName())) {
                return f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName() + ":"
                        + f.getLineNumber();
            }
        }
        StackTraceElement[] st = e.getStackTrace();
        return st.length == 0 ? "?" : st[0].toString();
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            sb.append(c == e ? "" : "caused by: ").append(c.getClass().getName()).append(": ")
                    .append(esc(String.valueOf(c.getMessage()))).append('\n');
            StackTraceElement[] st = c.getStackTrace();
            for (int i = 0; i < Math.min(8, st.length); i++) {
                sb.append("    at ").append(st[i]).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "loaded / rejected correctly";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A Latin-1 (byte-per-char) string, escaped. */
    private static String esc(String latin1) {
        return escape(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Java-like string literal of the bytes: printable ASCII as is, \n \r \t \\ \", others \xNN. */
    static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(bytes.length, SHOWN_BYTES);
        for (int i = 0; i < n; i++) {
            int c = bytes[i] & 0xFF;
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format("\\x%02X", c));
                    }
                }
            }
        }
        sb.append('"');
        if (bytes.length > n) {
            sb.append("... (").append(bytes.length - n).append(" more bytes)");
        }
        return sb.toString();
    }

    /** The harness itself: other exceptions, bad locations and inconsistent results are reported as bad. */
    @Test
    void harnessFlagsWrongExceptionsAndLocations() throws IOException {
        Path dir = Files.createTempDirectory(tmp, "self");
        Map<String, byte[]> fs = files("x.txt", utf8("a\nb\n"));
        Load nfe = (d, c) -> Integer.parseInt("x");
        assertEquals(Kind.BAD, run(new Target("nfe", fs, Attribution.CORRUPTED, nfe), dir, fs, "x.txt").kind());
        Load lineTooFar = (d, c) -> {
            throw new DataFormatException(new SourceLocation(d.resolve("x.txt"), 4), "too far");
        };
        assertEquals(Kind.BAD, run(new Target("far", fs, Attribution.CORRUPTED, lineTooFar), dir, fs, "x.txt").kind());
        Load lastPlusOne = (d, c) -> {
            throw new DataFormatException(new SourceLocation(d.resolve("x.txt"), 3), "end of file");
        };
        assertEquals(Kind.REJECTED, run(new Target("eof", fs, Attribution.CORRUPTED, lastPlusOne), dir, fs, "x.txt")
                .kind());
        Load otherFile = (d, c) -> {
            throw new DataFormatException(new SourceLocation(d.resolve("y.txt"), 1), "elsewhere");
        };
        assertEquals(Kind.BAD, run(new Target("other", fs, Attribution.ANY_FILE, otherFile), dir, fs, "x.txt").kind());
        Load wrongRows = (d, c) -> {
            Path f = d.resolve("x.txt");
            RawInteractions r = RawInteractions.builder(RawInteractions.Feedback.IMPLICIT, false).startFile(f)
                    .add("a", "i", 1f, 0L, 7).endFile(f, sha256(fs.get("x.txt"))).build();
            c.raw(r, List.of(f));
        };
        assertEquals(Kind.BAD, run(new Target("rows", fs, Attribution.CORRUPTED, wrongRows), dir, fs, "x.txt").kind());
    }

    @Test
    void mutationsAreReproducible() {
        for (long seed : new long[] {1, 42, -7}) {
            byte[] fixture = utf8(U_DATA);
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            byte[] x = mutate(fixture, new SplittableRandom(seed), a);
            byte[] y = mutate(fixture, new SplittableRandom(seed), b);
            assertEquals(a, b);
            assertEquals(HexFormat.of().formatHex(x), HexFormat.of().formatHex(y));
        }
        assertEquals(0, lineCount(new byte[0]));
        assertEquals(1, lineCount(utf8("a")));
        assertEquals(2, lineCount(utf8("a\nb")));
        assertEquals(2, lineCount(utf8("a\n\n")));
        assertEquals("\"a\\tb\\x00\\xFF\"", escape(new byte[] {'a', '\t', 'b', 0, (byte) 0xFF}));
    }
}
