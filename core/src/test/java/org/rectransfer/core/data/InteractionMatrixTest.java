package org.rectransfer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InteractionMatrixTest {

    /** Tolerance for double sums of float values (naive sum in another order). */
    private static final double EPS = 1e-9;

    // ---------------------------------------------------------------- naive reference

    /** A random dense matrix (NaN = empty) plus its entries in a shuffled insertion order. */
    private static final class Dense {
        final int rows;
        final int cols;
        final float[][] v;
        final long[][] ts;
        final List<int[]> cells = new ArrayList<>();

        Dense(int rows, int cols, double density, SplittableRandom rng) {
            this.rows = rows;
            this.cols = cols;
            v = new float[rows][cols];
            ts = new long[rows][cols];
            for (int r = 0; r < rows; r++) {
                Arrays.fill(v[r], Float.NaN);
                for (int c = 0; c < cols; c++) {
                    if (rng.nextDouble() < density) {
                        // quarter steps in [-2, 5]: exactly representable, includes 0 and negatives
                        v[r][c] = (float) (rng.nextInt(29) - 8) / 4f;
                        ts[r][c] = rng.nextLong(1_000_000L);
                        cells.add(new int[] {r, c});
                    }
                }
            }
            shuffle(cells, rng);
        }

        InteractionMatrix build(boolean explicit, boolean withTs) {
            InteractionMatrix.Builder b = InteractionMatrix.builder(rows, cols, explicit, withTs);
            for (int[] rc : cells) {
                b.add(rc[0], rc[1], v[rc[0]][rc[1]], ts[rc[0]][rc[1]]);
            }
            return b.build(DuplicatePolicy.ERROR);
        }

        int nnz() {
            return cells.size();
        }
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** Asserts that m holds exactly the non-NaN cells of expected (values and, if given, timestamps). */
    private static void assertMatches(InteractionMatrix m, float[][] expected, long[][] expectedTs, int rows, int cols) {
        assertThat(m.numRows()).isEqualTo(rows);
        assertThat(m.numCols()).isEqualTo(cols);
        int nnz = 0;
        for (int r = 0; r < rows; r++) {
            int rowSize = 0;
            for (int c = 0; c < cols; c++) {
                float e = expected[r][c];
                int p = m.find(r, c);
                if (Float.isNaN(e)) {
                    assertThat(p).as("find(%d,%d)", r, c).isNegative();
                    assertThat(m.get(r, c)).isNaN();
                } else {
                    assertThat(p).as("find(%d,%d)", r, c).isBetween(m.rowStart(r), m.rowEnd(r) - 1);
                    assertThat(m.col(p)).isEqualTo(c);
                    assertThat(m.get(r, c)).isEqualTo(e);
                    if (expectedTs != null) {
                        assertThat(m.timestamp(p)).isEqualTo(expectedTs[r][c]);
                    }
                    rowSize++;
                }
            }
            assertThat(m.rowSize(r)).as("rowSize(%d)", r).isEqualTo(rowSize);
            for (int p = m.rowStart(r) + 1; p < m.rowEnd(r); p++) {
                assertThat(m.col(p)).isGreaterThan(m.col(p - 1));
            }
            nnz += rowSize;
        }
        assertThat(m.nnz()).isEqualTo(nnz);
    }

    static Stream<Arguments> shapes() {
        // seed, rows, cols, density: empty shapes, single cells, empty rows/cols, dense
        return Stream.of(
                Arguments.of(1L, 0, 0, 0.5),
                Arguments.of(2L, 0, 7, 0.5),
                Arguments.of(3L, 7, 0, 0.5),
                Arguments.of(4L, 1, 1, 1.0),
                Arguments.of(5L, 6, 4, 0.0),
                Arguments.of(6L, 13, 9, 0.15),
                Arguments.of(7L, 30, 20, 0.3),
                Arguments.of(8L, 20, 30, 1.0),
                Arguments.of(9L, 50, 11, 0.05),
                Arguments.of(10L, 64, 64, 0.5));
    }

    // ---------------------------------------------------------------- against the naive dense matrix

    @ParameterizedTest
    @MethodSource("shapes")
    void matchesNaiveDenseMatrix(long seed, int rows, int cols, double density) {
        Dense d = new Dense(rows, cols, density, new SplittableRandom(seed));
        InteractionMatrix m = d.build(true, true);

        assertMatches(m, d.v, d.ts, rows, cols);
        assertThat(m.nnz()).isEqualTo(d.nnz());
        assertThat(m.isExplicit()).isTrue();
        assertThat(m.hasTimestamps()).isTrue();
        int nonEmpty = 0;
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            boolean any = false;
            for (int c = 0; c < cols; c++) {
                if (!Float.isNaN(d.v[r][c])) {
                    sum += d.v[r][c];
                    any = true;
                }
            }
            nonEmpty += any ? 1 : 0;
        }
        assertThat(m.nonEmptyRows()).isEqualTo(nonEmpty);
        if (d.nnz() == 0) {
            assertThat(m.meanValue()).isNaN();
        } else {
            assertThat(m.meanValue()).isCloseTo(sum / d.nnz(), within(EPS));
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void transposeMatchesDenseTranspose(long seed, int rows, int cols, double density) {
        Dense d = new Dense(rows, cols, density, new SplittableRandom(seed));
        InteractionMatrix m = d.build(true, true);
        float[][] tv = new float[cols][rows];
        long[][] tts = new long[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                tv[c][r] = d.v[r][c];
                tts[c][r] = d.ts[r][c];
            }
        }
        InteractionMatrix t = m.transpose();
        assertMatches(t, tv, tts, cols, rows);
        assertThat(t.isExplicit()).isTrue();
        assertThat(t.hasTimestamps()).isTrue();
        // cached: same instance every call, and the transpose of the transpose is the original
        assertThat(m.transpose()).isSameAs(t);
        assertThat(t.transpose()).isSameAs(m);
        assertThat(t.transpose().contentHash()).isEqualTo(m.contentHash());
        // a transpose built independently (from the dense transpose) has the same content hash
        InteractionMatrix.Builder b = InteractionMatrix.builder(cols, rows, true, true);
        for (int[] rc : d.cells) {
            b.add(rc[1], rc[0], d.v[rc[0]][rc[1]], d.ts[rc[0]][rc[1]]);
        }
        assertThat(b.build(DuplicatePolicy.ERROR).contentHash()).isEqualTo(t.contentHash());
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void selectKeepsExactlyTheMaskedEntries(long seed, int rows, int cols, double density) {
        SplittableRandom rng = new SplittableRandom(seed * 1000 + 17);
        Dense d = new Dense(rows, cols, density, rng);
        InteractionMatrix m = d.build(true, true);
        boolean[] keep = new boolean[m.nnz()];
        float[][] expected = new float[rows][cols];
        for (float[] row : expected) {
            Arrays.fill(row, Float.NaN);
        }
        // positions are in CSR order: row by row, columns ascending
        int p = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (!Float.isNaN(d.v[r][c])) {
                    keep[p] = rng.nextBoolean();
                    if (keep[p]) {
                        expected[r][c] = d.v[r][c];
                    }
                    p++;
                }
            }
        }
        assertMatches(m.select(keep), expected, d.ts, rows, cols);
        assertThatThrownBy(() -> m.select(new boolean[m.nnz() + 1])).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void remapRowsWithPermutationMovesRows(long seed, int rows, int cols, double density) {
        SplittableRandom rng = new SplittableRandom(seed * 1000 + 29);
        Dense d = new Dense(rows, cols, density, rng);
        InteractionMatrix m = d.build(true, true);
        int[] perm = new int[rows];
        for (int i = 0; i < rows; i++) {
            perm[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        float[][] expected = new float[rows][];
        long[][] expectedTs = new long[rows][];
        for (int r = 0; r < rows; r++) {
            expected[perm[r]] = d.v[r];
            expectedTs[perm[r]] = d.ts[r];
        }
        assertMatches(m.remapRows(rows, perm), expected, expectedTs, rows, cols);

        // into a larger index: old row r -> 2r + 1, even rows stay empty
        int[] spread = new int[rows];
        float[][] wide = new float[2 * rows + 1][cols];
        long[][] wideTs = new long[2 * rows + 1][cols];
        for (float[] row : wide) {
            Arrays.fill(row, Float.NaN);
        }
        for (int r = 0; r < rows; r++) {
            spread[r] = 2 * r + 1;
            wide[2 * r + 1] = d.v[r];
            wideTs[2 * r + 1] = d.ts[r];
        }
        assertMatches(m.remapRows(2 * rows + 1, spread), wide, wideTs, 2 * rows + 1, cols);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void remapColumnsMovesColumnsIntoALargerIndex(long seed, int rows, int cols, double density) {
        SplittableRandom rng = new SplittableRandom(seed * 1000 + 31);
        Dense d = new Dense(rows, cols, density, rng);
        InteractionMatrix m = d.build(true, true);
        // old column c -> 2 (cols - 1 - c) + 1: reversed and spread, even columns stay empty
        int wideCols = 2 * cols + 1;
        int[] map = new int[cols];
        float[][] expected = new float[rows][wideCols];
        long[][] expectedTs = new long[rows][wideCols];
        for (float[] row : expected) {
            Arrays.fill(row, Float.NaN);
        }
        for (int c = 0; c < cols; c++) {
            map[c] = 2 * (cols - 1 - c) + 1;
            for (int r = 0; r < rows; r++) {
                expected[r][map[c]] = d.v[r][c];
                expectedTs[r][map[c]] = d.ts[r][c];
            }
        }
        assertMatches(m.remapColumns(wideCols, map), expected, expectedTs, rows, wideCols);
        InteractionMatrix two = InteractionMatrix.builder(1, 2, true, false).add(0, 0, 1f).build(DuplicatePolicy.ERROR);
        assertThatThrownBy(() -> two.remapColumns(2, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("injective");
        assertThatThrownBy(() -> two.remapColumns(2, new int[] {0, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> two.remapColumns(2, new int[] {0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remapRowsRejectsInvalidMaps() {
        // rows 0 and 1 have disjoint columns: a non-injective map would merge them without a duplicate cell
        InteractionMatrix m = InteractionMatrix.builder(3, 2, true, false)
                .add(0, 0, 1f).add(1, 1, 2f).build(DuplicatePolicy.ERROR);
        assertThatThrownBy(() -> m.remapRows(3, new int[] {0, 0, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("injective");
        // an empty old row (row 2) must not share a target row either
        assertThatThrownBy(() -> m.remapRows(3, new int[] {0, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("injective");
        assertThatThrownBy(() -> m.remapRows(3, new int[] {0, 1, 3})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.remapRows(3, new int[] {-1, 1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.remapRows(3, new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void contentHashIgnoresInsertionOrderButSeesEveryValue(long seed, int rows, int cols, double density) {
        SplittableRandom rng = new SplittableRandom(seed * 1000 + 31);
        Dense d = new Dense(rows, cols, density, rng);
        InteractionMatrix a = d.build(true, true);
        shuffle(d.cells, rng);
        InteractionMatrix b = d.build(true, true);
        assertThat(b.contentHash()).isEqualTo(a.contentHash());
        assertThat(a.contentHash()).hasSize(64);

        // same structure without timestamps / without values / with another shape: different hashes
        InteractionMatrix noTs = d.build(true, false);
        InteractionMatrix implicit = d.build(false, false);
        assertThat(noTs.contentHash()).isNotEqualTo(a.contentHash()).isNotEqualTo(implicit.contentHash());
        assertThat(InteractionMatrix.empty(rows + 1, cols, true).contentHash())
                .isNotEqualTo(InteractionMatrix.empty(rows, cols + 1, true).contentHash());

        if (d.nnz() > 0) {
            int[] rc = d.cells.get(rng.nextInt(d.nnz()));
            float old = d.v[rc[0]][rc[1]];
            d.v[rc[0]][rc[1]] = old + 0.25f;
            assertThat(d.build(true, true).contentHash()).as("changed value").isNotEqualTo(a.contentHash());
            d.v[rc[0]][rc[1]] = old;
            d.ts[rc[0]][rc[1]] += 1;
            assertThat(d.build(true, true).contentHash()).as("changed timestamp").isNotEqualTo(a.contentHash());
            d.ts[rc[0]][rc[1]] -= 1;
            assertThat(d.build(true, true).contentHash()).as("restored").isEqualTo(a.contentHash());
        }
    }

    @Test
    void contentHashSpansBufferFlushes() {
        // 10 000 entries x 20 bytes > the 64 KiB hashing buffer: hashes must still agree across orders
        SplittableRandom rng = new SplittableRandom(99);
        Dense d = new Dense(200, 100, 0.5, rng);
        assertThat(d.nnz()).isGreaterThan(4000);
        String h = d.build(true, true).contentHash();
        shuffle(d.cells, rng);
        assertThat(d.build(true, true).contentHash()).isEqualTo(h);
        // change the entry hashed last (greatest row, then column), which lies beyond the first flush
        int[] last = d.cells.stream().max((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0])
                : Integer.compare(x[1], y[1])).orElseThrow();
        d.v[last[0]][last[1]] += 1f;
        assertThat(d.build(true, true).contentHash()).isNotEqualTo(h);
    }

    @Test
    void emptyMatrix() {
        InteractionMatrix e = InteractionMatrix.empty(3, 4, true);
        assertThat(e.nnz()).isZero();
        assertThat(e.nonEmptyRows()).isZero();
        assertThat(e.meanValue()).isNaN();
        assertThat(e.get(2, 3)).isNaN();
        assertThat(e.transpose().numRows()).isEqualTo(4);
        assertThat(e.contentHash()).isEqualTo(InteractionMatrix.builder(3, 4, true, false).build(DuplicatePolicy.ERROR)
                .contentHash());
        assertThat(InteractionMatrix.empty(3, 4, false).isExplicit()).isFalse();
    }

    // ---------------------------------------------------------------- duplicates

    @Nested
    class Duplicates {

        @Test
        void errorNamesCellAndBothInsertionPositions() {
            InteractionMatrix.Builder b = InteractionMatrix.builder(3, 4, true, false)
                    .add(2, 3, 1f)   // #0
                    .add(1, 2, 4f)   // #1
                    .add(0, 0, 2f)   // #2
                    .add(1, 2, 5f)   // #3 duplicates #1
                    .add(1, 2, 3f);  // #4 duplicates #1 again
            assertThatThrownBy(() -> b.build(DuplicatePolicy.ERROR))
                    .isInstanceOfSatisfying(DuplicateEntryException.class, e -> {
                        assertThat(e.row()).isEqualTo(1);
                        assertThat(e.column()).isEqualTo(2);
                        assertThat(e.firstPosition()).isEqualTo(1);
                        assertThat(e.secondPosition()).isEqualTo(3);
                    })
                    .hasMessageContaining("#1").hasMessageContaining("#3");
        }

        @Test
        void keepFirstKeepsFirstInserted() {
            InteractionMatrix m = InteractionMatrix.builder(2, 2, true, true)
                    .add(0, 1, 3f, 50).add(1, 0, 1f, 1).add(0, 1, 5f, 10).add(0, 1, 2f, 99)
                    .build(DuplicatePolicy.KEEP_FIRST);
            assertThat(m.nnz()).isEqualTo(2);
            int p = m.find(0, 1);
            // insertion order wins even though timestamps exist: value 3 with its timestamp 50
            assertThat(m.value(p)).isEqualTo(3f);
            assertThat(m.timestamp(p)).isEqualTo(50L);
            assertThat(m.get(1, 0)).isEqualTo(1f);
        }

        @Test
        void keepLastWithoutTimestampsKeepsLastInserted() {
            InteractionMatrix m = InteractionMatrix.builder(1, 3, true, false)
                    .add(0, 2, 3f).add(0, 2, 5f).add(0, 1, 4f).add(0, 2, 2f)
                    .build(DuplicatePolicy.KEEP_LAST);
            assertThat(m.nnz()).isEqualTo(2);
            assertThat(m.get(0, 2)).isEqualTo(2f);
            assertThat(m.get(0, 1)).isEqualTo(4f);
        }

        @Test
        void keepLastWithTimestampsKeepsLatestTimestampTiesByInsertion() {
            InteractionMatrix m = InteractionMatrix.builder(2, 2, true, true)
                    // cell (0,0): latest timestamp 30 inserted first, then older ones
                    .add(0, 0, 1f, 30).add(0, 0, 2f, 10).add(0, 0, 3f, 20)
                    // cell (1,1): two entries at the latest timestamp 40: the later insertion (4) wins
                    .add(1, 1, 5f, 40).add(1, 1, 4f, 40).add(1, 1, 9f, 5)
                    .build(DuplicatePolicy.KEEP_LAST);
            assertThat(m.nnz()).isEqualTo(2);
            assertThat(m.get(0, 0)).isEqualTo(1f);
            assertThat(m.timestamp(m.find(0, 0))).isEqualTo(30L);
            assertThat(m.get(1, 1)).isEqualTo(4f);
            assertThat(m.timestamp(m.find(1, 1))).isEqualTo(40L);
        }

        @Test
        void meanAveragesValuesAndKeepsLatestTimestamp() {
            InteractionMatrix m = InteractionMatrix.builder(1, 2, true, true)
                    .add(0, 1, 1f, 7).add(0, 0, 5f, 3).add(0, 1, 2f, 9).add(0, 1, 4f, 8)
                    .build(DuplicatePolicy.MEAN);
            // (1 + 2 + 4) / 3 = 7/3, stored as float; timestamp max(7, 9, 8) = 9
            assertThat(m.get(0, 1)).isEqualTo((float) (7.0 / 3.0));
            assertThat(m.timestamp(m.find(0, 1))).isEqualTo(9L);
            assertThat(m.get(0, 0)).isEqualTo(5f);
            assertThat(m.timestamp(m.find(0, 0))).isEqualTo(3L);
        }

        @Test
        void sumAddsValuesAndKeepsLatestTimestamp() {
            InteractionMatrix m = InteractionMatrix.builder(2, 1, true, true)
                    .add(1, 0, 10f, -5).add(1, 0, 2.5f, -1).add(1, 0, 0.5f, -3)
                    .build(DuplicatePolicy.SUM);
            // 10 + 2.5 + 0.5 = 13; timestamps -5, -1, -3 -> latest -1 (negative timestamps work)
            assertThat(m.nnz()).isEqualTo(1);
            assertThat(m.get(1, 0)).isEqualTo(13f);
            assertThat(m.timestamp(m.find(1, 0))).isEqualTo(-1L);
        }

        @Test
        void aggregatesWithoutTimestamps() {
            InteractionMatrix.Builder b = InteractionMatrix.builder(1, 1, true, false).add(0, 0, 2f).add(0, 0, 3f);
            assertThat(b.build(DuplicatePolicy.SUM).get(0, 0)).isEqualTo(5f);   // 2 + 3
            assertThat(b.build(DuplicatePolicy.MEAN).get(0, 0)).isEqualTo(2.5f); // (2 + 3) / 2
            assertThat(b.build(DuplicatePolicy.SUM).hasTimestamps()).isFalse();
        }

        @Test
        void implicitDuplicatesCollapseToOneEntryOfValueOne() {
            for (DuplicatePolicy policy : new DuplicatePolicy[] {DuplicatePolicy.KEEP_FIRST, DuplicatePolicy.KEEP_LAST,
                    DuplicatePolicy.MEAN, DuplicatePolicy.SUM}) {
                InteractionMatrix m = InteractionMatrix.builder(2, 2, false, true)
                        .add(0, 1, 7f, 3).add(0, 1, 9f, 8).add(1, 0, 0f, 1)
                        .build(policy);
                assertThat(m.nnz()).as(policy.name()).isEqualTo(2);
                assertThat(m.get(0, 1)).as(policy.name()).isEqualTo(1f);
            }
        }
    }

    // ---------------------------------------------------------------- builder input checks

    @Test
    void implicitMatrixHasValueOneEverywhere() {
        InteractionMatrix m = InteractionMatrix.builder(2, 3, false, false)
                .add(0, 2, 4.5f).add(1, 0, Float.NaN).add(1, 1, -3f)   // values are ignored, even NaN
                .build(DuplicatePolicy.ERROR);
        assertThat(m.isExplicit()).isFalse();
        assertThat(m.nnz()).isEqualTo(3);
        for (int p = 0; p < m.nnz(); p++) {
            assertThat(m.value(p)).isEqualTo(1f);
        }
        assertThat(m.get(1, 0)).isEqualTo(1f);
        assertThat(m.get(0, 0)).isNaN();
        assertThat(m.meanValue()).isEqualTo(1.0);
        assertThat(m.transpose().isExplicit()).isFalse();
        assertThatThrownBy(() -> m.timestamp(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsOutOfRangeEntriesAndNonFiniteValues() {
        InteractionMatrix.Builder b = InteractionMatrix.builder(2, 3, true, false);
        assertThatThrownBy(() -> b.add(-1, 0, 1f)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.add(2, 0, 1f)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.add(0, -1, 1f)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.add(0, 3, 1f)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.add(0, 0, Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.add(0, 0, Float.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.size()).as("rejected entries are not added").isZero();
        assertThatThrownBy(() -> InteractionMatrix.builder(-1, 3, true, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderGrowsPastInitialCapacity() {
        // 1000 entries force several array growths (initial capacity 16)
        InteractionMatrix.Builder b = InteractionMatrix.builder(1000, 1, true, true);
        for (int r = 999; r >= 0; r--) {
            b.add(r, 0, r % 7, 1000L - r);
        }
        InteractionMatrix m = b.build(DuplicatePolicy.ERROR);
        assertThat(m.nnz()).isEqualTo(1000);
        for (int r = 0; r < 1000; r++) {
            assertThat(m.get(r, 0)).isEqualTo((float) (r % 7));
            assertThat(m.timestamp(m.find(r, 0))).isEqualTo(1000L - r);
        }
    }
}
