package org.rectransfer.datasets;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicateEntryException;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * MovieLens 100K ({@code ml-100k}, Harper &amp; Konstan 2015, "The MovieLens Datasets: History
 * and Context", ACM TiiS 5(4)) with its predefined splits, read from directory
 * {@value #DIRECTORY_100K} of the data set root (see its PROVENANCE.md; the licence forbids
 * redistribution, so the files are never copied into the project).
 *
 * <p>Files: {@code u.data} (all 100,000 ratings) and the published splits {@code uN.base} /
 * {@code uN.test} for N = 1..5 (five disjoint 80/20 folds for 5-fold cross-validation) and
 * {@code ua}, {@code ub} (exactly 10 test ratings per user). All are tab-separated
 * {@code user item rating timestamp} without header, integer ratings 1..5 ({@link #FORMAT_100K}).
 *
 * <p>The user and item indices are built once from {@code u.data} (sorted raw ids, see
 * {@link IdIndex}), and every fold's train and test matrices are over those same indices, so
 * models and results of different folds are comparable index by index. Reading a fold checks
 * that it partitions {@code u.data}: every base and test row is a {@code u.data} rating with
 * the same rating and timestamp, no (user, item) pair repeats within or across the two files,
 * and together they hold every {@code u.data} rating. Any violation is a
 * {@link DataFormatException} naming the file and line. Stateless and thread-safe.
 */
public final class MovieLens {

    /** Directory name of ml-100k under the data set root. */
    public static final String DIRECTORY_100K = "movielens-100k";
    /** Format of {@code u.data} and every {@code .base} / {@code .test} file. */
    public static final DelimitedFormat FORMAT_100K = DelimitedFormat.of("\t", 4, 0, 1, 2).withTimestampColumn(3)
            .withRatingRange(1, 5);
    /** The published 5-fold cross-validation folds. */
    public static final List<String> CROSS_VALIDATION_FOLDS = List.of("u1", "u2", "u3", "u4", "u5");
    /** Every published split: the five folds, then {@code ua} and {@code ub}. */
    public static final List<String> SPLITS_100K = List.of("u1", "u2", "u3", "u4", "u5", "ua", "ub");
    /** Name of the ratings domain. */
    public static final String DOMAIN = "movielens-100k";

    private MovieLens() {
    }

    /** {@value #DIRECTORY_100K} under {@link DatasetLocator#root()}. */
    public static Path defaultDirectory100k() throws NoSuchFileException {
        return DatasetLocator.dataset(DIRECTORY_100K);
    }

    /** {@link #load100k(Path)} from {@link #defaultDirectory100k()}. */
    public static MovieLens100k load100k() throws IOException {
        return load100k(defaultDirectory100k());
    }

    /**
     * Reads {@code dir/u.data}; folds are read on demand by {@link MovieLens100k#fold}.
     *
     * @throws DataFormatException if {@code u.data} is malformed or repeats a (user, item) pair
     * @throws IOException         if it cannot be read
     */
    public static MovieLens100k load100k(Path dir) throws IOException {
        RawInteractions raw = new DelimitedLoader(FORMAT_100K).read(dir.resolve("u.data"));
        IdIndex users = raw.userIndex();
        DomainData d = raw.toDomainData(DOMAIN, users);
        return new MovieLens100k(dir, users, d.items(), d.interactions(), d.fingerprint(),
                raw.fileSha256().get("u.data"));
    }

    /**
     * All of ml-100k: {@code all} is users x items over {@code users} and {@code items}, both built
     * from {@code u.data}, with ratings and timestamps.
     *
     * @param directory   the directory read
     * @param users       the 943 users
     * @param items       the 1,682 items
     * @param all         every rating of {@code u.data}
     * @param fingerprint provenance of the ratings: SHA-256 over the raw file and the content
     * @param uDataSha256 SHA-256 of the raw bytes of {@code u.data}
     */
    public record MovieLens100k(Path directory, IdIndex users, IdIndex items, InteractionMatrix all, String fingerprint,
                                String uDataSha256) {
        public MovieLens100k {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(uDataSha256, "uDataSha256");
            if (all.numRows() != users.size() || all.numCols() != items.size()) {
                throw new IllegalArgumentException("matrix " + all.numRows() + "x" + all.numCols() + " does not match "
                        + users.size() + " users and " + items.size() + " items");
            }
        }

        /** The ratings as a domain (for the single-domain and target-only settings). */
        public DomainData domain() {
            return new DomainData(DOMAIN, items, all, fingerprint);
        }

        /**
         * Reads split {@code name} ({@code "u1".."u5"}, {@code "ua"}, {@code "ub"}) from
         * {@code name.base} and {@code name.test} and checks that the two files partition
         * {@code u.data} (see {@link MovieLens}).
         *
         * @throws IllegalArgumentException for another name (the message lists the known ones)
         * @throws DataFormatException      if a file is malformed or the files do not partition u.data
         * @throws IOException              if a file cannot be read
         */
        public Fold fold(String name) throws IOException {
            if (!SPLITS_100K.contains(name)) {
                throw new IllegalArgumentException("unknown ml-100k split '" + name + "'; known splits: " + SPLITS_100K);
            }
            Path basePath = directory.resolve(name + ".base");
            Path testPath = directory.resolve(name + ".test");
            DelimitedLoader loader = new DelimitedLoader(FORMAT_100K);
            RawInteractions base = loader.read(basePath);
            RawInteractions test = loader.read(testPath);
            InteractionMatrix train = onSharedIndex(base);
            InteractionMatrix held = onSharedIndex(test);
            for (int r = 0; r < test.size(); r++) {
                int u = users.indexOf(test.userId(r));
                int i = items.indexOf(test.itemId(r));
                if (train.find(u, i) >= 0) {
                    throw new DataFormatException(test.location(r), base.location(rowOf(base, u, i)),
                            "user '" + test.userId(r) + "', item '" + test.itemId(r) + "' is in both " + name
                                    + ".base and " + name + ".test");
                }
            }
            if ((long) train.nnz() + held.nnz() != all.nnz()) {
                missing(name, train, held);
            }
            Map<String, String> sha = new LinkedHashMap<>(base.fileSha256());
            sha.putAll(test.fileSha256());
            return new Fold(name, train, held, sha);
        }

        /** {@link #fold(String)} for each name, in order. */
        public List<Fold> folds(List<String> names) throws IOException {
            List<Fold> out = new ArrayList<>(names.size());
            for (String n : names) {
                out.add(fold(n));
            }
            return out;
        }

        /** The rows as a matrix over the shared indices, each checked against u.data. */
        private InteractionMatrix onSharedIndex(RawInteractions raw) {
            InteractionMatrix.Builder b = InteractionMatrix.builder(users.size(), items.size(), true, true);
            for (int r = 0; r < raw.size(); r++) {
                int u = users.indexOf(raw.userId(r));
                int i = items.indexOf(raw.itemId(r));
                String what = "user '" + raw.userId(r) + "', item '" + raw.itemId(r) + "'";
                if (u < 0 || i < 0) {
                    throw new DataFormatException(raw.location(r), (u < 0 ? "user '" + raw.userId(r) + "'"
                            : "item '" + raw.itemId(r) + "'") + " does not occur in u.data");
                }
                int p = all.find(u, i);
                if (p < 0) {
                    throw new DataFormatException(raw.location(r), "rating of " + what + " is not in u.data");
                }
                if (all.value(p) != raw.rating(r) || all.timestamp(p) != raw.timestamp(r)) {
                    throw new DataFormatException(raw.location(r), what + ": rating " + raw.rating(r) + " at "
                            + raw.timestamp(r) + " differs from u.data's " + all.value(p) + " at " + all.timestamp(p));
                }
                b.add(u, i, raw.rating(r), raw.timestamp(r));
            }
            try {
                return b.build(DuplicatePolicy.ERROR);
            } catch (DuplicateEntryException e) {
                int second = (int) e.secondPosition();
                throw new DataFormatException(raw.location(second), raw.location((int) e.firstPosition()),
                        "duplicate entry for user '" + raw.userId(second) + "', item '" + raw.itemId(second) + "'");
            }
        }

        private int rowOf(RawInteractions raw, int u, int i) {
            String uid = users.rawId(u);
            String iid = items.rawId(i);
            for (int r = 0; r < raw.size(); r++) {
                if (raw.userId(r).equals(uid) && raw.itemId(r).equals(iid)) {
                    return r;
                }
            }
            throw new AssertionError("no row for " + uid + "/" + iid);
        }

        /** Throws naming the first u.data rating (in file order) that neither file holds. */
        private void missing(String name, InteractionMatrix train, InteractionMatrix held) throws IOException {
            RawInteractions uData = new DelimitedLoader(FORMAT_100K).read(directory.resolve("u.data"));
            for (int r = 0; r < uData.size(); r++) {
                int u = users.indexOf(uData.userId(r));
                int i = items.indexOf(uData.itemId(r));
                if (train.find(u, i) < 0 && held.find(u, i) < 0) {
                    throw new DataFormatException(uData.location(r), "user '" + uData.userId(r) + "', item '"
                            + uData.itemId(r) + "' is in neither " + name + ".base nor " + name + ".test ("
                            + train.nnz() + " + " + held.nnz() + " of " + all.nnz() + " ratings)");
                }
            }
            throw new AssertionError("count mismatch without a missing rating");
        }
    }

    /**
     * One published split over the shared indices of {@link MovieLens100k}.
     *
     * @param name       {@code "u1".."u5"}, {@code "ua"} or {@code "ub"}
     * @param train      ratings of {@code name.base} (users x items, with timestamps)
     * @param test       ratings of {@code name.test}
     * @param fileSha256 SHA-256 of the raw bytes of the two files, keyed by file name (sorted)
     */
    public record Fold(String name, InteractionMatrix train, InteractionMatrix test, Map<String, String> fileSha256) {
        public Fold {
            Objects.requireNonNull(name, "name");
            fileSha256 = Collections.unmodifiableMap(new TreeMap<>(fileSha256));
            if (train.numRows() != test.numRows() || train.numCols() != test.numCols()) {
                throw new IllegalArgumentException("train and test shapes differ");
            }
        }
    }
}
