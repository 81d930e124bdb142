package org.rectransfer.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * {@link MovieLens} on the real ml-100k files (expected numbers: movielens-100k/PROVENANCE.md)
 * and on small hand-made fixtures for the partition checks.
 */
class MovieLensTest {

    private static MovieLens.MovieLens100k ml;

    @BeforeAll
    static void load() throws IOException {
        ml = MovieLens.load100k();
    }

    @Test
    void uDataCountsHistogramAndRawFile() throws Exception {
        InteractionMatrix all = ml.all();
        assertThat(all.nnz()).isEqualTo(100_000);
        assertThat(ml.users().size()).isEqualTo(943);
        assertThat(ml.items().size()).isEqualTo(1_682);
        assertThat(all.nonEmptyRows()).isEqualTo(943);
        assertThat(all.transpose().nonEmptyRows()).isEqualTo(1_682);
        assertThat(RealDataAssertions.histogram(all)).containsExactly(0, 6_110, 11_370, 27_145, 34_174, 21_201);
        assertThat(all.hasTimestamps()).isTrue();
        // first line: 196 242 3 881250949; the rating PROVENANCE.md cross-checked: 94 1224 -> 3
        int p = all.find(ml.users().indexOf("196"), ml.items().indexOf("242"));
        assertThat(all.value(p)).isEqualTo(3f);
        assertThat(all.timestamp(p)).isEqualTo(881_250_949L);
        assertThat(all.get(ml.users().indexOf("94"), ml.items().indexOf("1224"))).isEqualTo(3f);
        // sorted numeric ids: index i is raw id i + 1
        assertThat(ml.users().rawId(0)).isEqualTo("1");
        assertThat(ml.items().rawId(1_681)).isEqualTo("1682");
        Path uData = ml.directory().resolve("u.data");
        assertThat(RealDataAssertions.gitBlobId(uData)).isEqualTo("16ef21ed827cae1a3f71e89e23cffb5a8f44baae");
        assertThat(ml.uDataSha256()).isEqualTo(RealDataAssertions.sha256(uData));
        assertThat(ml.domain().interactions()).isSameAs(all);
    }

    /** name, base, test, base users, test users, base items, test items (PROVENANCE.md table). */
    private static final Object[][] SPLITS = {
        {"u1", 80_000, 20_000, 943, 459, 1_650, 1_410},
        {"u2", 80_000, 20_000, 943, 653, 1_648, 1_420},
        {"u3", 80_000, 20_000, 943, 869, 1_650, 1_423},
        {"u4", 80_000, 20_000, 943, 923, 1_660, 1_394},
        {"u5", 80_000, 20_000, 943, 927, 1_650, 1_407},
        {"ua", 90_570, 9_430, 943, 943, 1_680, 1_129},
        {"ub", 90_570, 9_430, 943, 943, 1_675, 1_145},
    };

    @Test
    void everySplitMatchesProvenanceOnTheSharedIndices() throws IOException {
        for (Object[] s : SPLITS) {
            MovieLens.Fold f = ml.fold((String) s[0]);
            assertThat(f.name()).isEqualTo(s[0]);
            assertThat(f.train().numRows()).isEqualTo(943);
            assertThat(f.train().numCols()).isEqualTo(1_682);
            assertThat(f.test().numCols()).isEqualTo(1_682);
            assertThat(f.train().nnz()).as("%s.base", s[0]).isEqualTo(s[1]);
            assertThat(f.test().nnz()).as("%s.test", s[0]).isEqualTo(s[2]);
            assertThat(f.train().nonEmptyRows()).as("%s.base users", s[0]).isEqualTo(s[3]);
            assertThat(f.test().nonEmptyRows()).as("%s.test users", s[0]).isEqualTo(s[4]);
            assertThat(f.train().transpose().nonEmptyRows()).as("%s.base items", s[0]).isEqualTo(s[5]);
            assertThat(f.test().transpose().nonEmptyRows()).as("%s.test items", s[0]).isEqualTo(s[6]);
            assertThat(f.fileSha256()).containsOnlyKeys(s[0] + ".base", s[0] + ".test");
        }
    }

    @Test
    void theFiveTestFoldsPartitionUData() throws IOException {
        List<MovieLens.Fold> folds = ml.folds(MovieLens.CROSS_VALIDATION_FOLDS);
        InteractionMatrix all = ml.all();
        int[] seen = new int[all.nnz()];
        for (MovieLens.Fold f : folds) {
            InteractionMatrix t = f.test();
            for (int u = 0; u < t.numRows(); u++) {
                for (int p = t.rowStart(u); p < t.rowEnd(u); p++) {
                    int q = all.find(u, t.col(p));
                    assertThat(all.value(q)).isEqualTo(t.value(p));
                    seen[q]++;
                }
            }
        }
        for (int q = 0; q < seen.length; q++) {
            assertThat(seen[q]).as("u.data rating at position %d is in exactly one test fold", q).isEqualTo(1);
        }
    }

    @Test
    void uaAndUbTestTenRatingsPerUser() throws IOException {
        for (String name : List.of("ua", "ub")) {
            InteractionMatrix t = ml.fold(name).test();
            for (int u = 0; u < t.numRows(); u++) {
                assertThat(t.rowSize(u)).as("%s.test user %s", name, ml.users().rawId(u)).isEqualTo(10);
            }
        }
    }

    @Test
    void unknownSplitIsNamed() {
        assertThatThrownBy(() -> ml.fold("u6")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'u6'").hasMessageContaining("ua");
    }

    // ---- partition checks on fixtures ----

    private static final String U_DATA = "1\t10\t5\t100\n1\t20\t3\t101\n2\t10\t4\t102\n2\t30\t1\t103\n";

    private static Path fixture(Path dir, String base, String test) throws IOException {
        Files.writeString(dir.resolve("u.data"), U_DATA);
        Files.writeString(dir.resolve("u1.base"), base);
        Files.writeString(dir.resolve("u1.test"), test);
        return dir;
    }

    @Test
    void fixtureFoldUsesTheUDataIndices(@TempDir Path dir) throws IOException {
        // u1.base holds items 30 and 20 only (its own index would be {20, 30}); the fold must use
        // u.data's {10, 20, 30}
        MovieLens.MovieLens100k m = MovieLens.load100k(fixture(dir, "2\t30\t1\t103\n1\t20\t3\t101\n",
                "1\t10\t5\t100\n2\t10\t4\t102\n"));
        MovieLens.Fold f = m.fold("u1");
        assertThat(m.items().size()).isEqualTo(3);
        assertThat(f.train().numCols()).isEqualTo(3);
        assertThat(f.train().get(m.users().indexOf("2"), m.items().indexOf("30"))).isEqualTo(1f);
        assertThat(f.test().get(m.users().indexOf("2"), m.items().indexOf("10"))).isEqualTo(4f);
        assertThat(f.train().timestamp(f.train().find(m.users().indexOf("1"), m.items().indexOf("20"))))
                .isEqualTo(101L);
    }

    @Test
    void changedRatingIsAnErrorWithFileAndLine(@TempDir Path dir) throws IOException {
        MovieLens.MovieLens100k m = MovieLens.load100k(fixture(dir, "1\t10\t5\t100\n1\t20\t4\t101\n",
                "2\t10\t4\t102\n2\t30\t1\t103\n"));
        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> m.fold("u1"));
        assertThat(e.location()).isEqualTo(new SourceLocation(dir.resolve("u1.base"), 2));
        assertThat(e.getMessage()).contains("user '1', item '20'").contains("differs from u.data");
    }

    @Test
    void unknownUserOrPairIsAnError(@TempDir Path dir) throws IOException {
        MovieLens.MovieLens100k m = MovieLens.load100k(fixture(dir, "1\t10\t5\t100\n1\t20\t3\t101\n",
                "2\t10\t4\t102\n3\t30\t1\t103\n"));
        assertThatThrownBy(() -> m.fold("u1")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("u1.test:2:").hasMessageContaining("user '3' does not occur in u.data");
        Files.writeString(dir.resolve("u1.test"), "2\t10\t4\t102\n1\t30\t1\t103\n");
        assertThatThrownBy(() -> m.fold("u1")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("u1.test:2:").hasMessageContaining("is not in u.data");
    }

    @Test
    void overlapAndMissingRatingsAreErrors(@TempDir Path dir) throws IOException {
        MovieLens.MovieLens100k m = MovieLens.load100k(fixture(dir, "1\t10\t5\t100\n1\t20\t3\t101\n2\t10\t4\t102\n",
                "2\t10\t4\t102\n2\t30\t1\t103\n"));
        DataFormatException both = catchThrowableOfType(DataFormatException.class, () -> m.fold("u1"));
        assertThat(both.location()).isEqualTo(new SourceLocation(dir.resolve("u1.test"), 1));
        assertThat(both.earlierLocation()).isEqualTo(new SourceLocation(dir.resolve("u1.base"), 3));
        assertThat(both.getMessage()).contains("in both u1.base and u1.test");

        Files.writeString(dir.resolve("u1.test"), "2\t30\t1\t103\n");
        Files.writeString(dir.resolve("u1.base"), "1\t10\t5\t100\n2\t10\t4\t102\n");
        DataFormatException missing = catchThrowableOfType(DataFormatException.class, () -> m.fold("u1"));
        assertThat(missing.location()).isEqualTo(new SourceLocation(dir.resolve("u.data"), 2));
        assertThat(missing.getMessage()).contains("user '1', item '20' is in neither u1.base nor u1.test");

        Files.writeString(dir.resolve("u1.base"), "1\t10\t5\t100\n1\t20\t3\t101\n1\t10\t5\t100\n");
        DataFormatException dup = catchThrowableOfType(DataFormatException.class, () -> m.fold("u1"));
        assertThat(dup.location()).isEqualTo(new SourceLocation(dir.resolve("u1.base"), 3));
        assertThat(dup.earlierLocation()).isEqualTo(new SourceLocation(dir.resolve("u1.base"), 1));
    }
}
