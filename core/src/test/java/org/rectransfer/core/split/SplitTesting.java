package org.rectransfer.core.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.testing.TestData;

/** Data and assertions shared by the split tests. */
final class SplitTesting {

    /** Seeds per property test. */
    static final int SEEDS = 40;

    private SplitTesting() {
    }

    /** A random data set for {@code seed}: sizes, density and overlap vary with the seed (>= 9 overlapping users). */
    static CrossDomainData data(long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5EEDL);
        int users = rng.nextInt(30, 120);
        int items = rng.nextInt(5, 40);
        double density = 0.05 + 0.3 * rng.nextDouble();
        double overlap = 0.3 + 0.5 * rng.nextDouble();
        return TestData.crossDomain(seed, users, items, density, overlap);
    }

    /** {@code d} with every target timestamp divided by {@code bucket}: many ties for {@code bucket} large. */
    static CrossDomainData coarse(CrossDomainData d, long bucket) {
        InteractionMatrix t = d.target().interactions();
        InteractionMatrix.Builder b = InteractionMatrix.builder(t.numRows(), t.numCols(), t.isExplicit(), true);
        for (int u = 0; u < t.numRows(); u++) {
            for (int p = t.rowStart(u); p < t.rowEnd(u); p++) {
                b.add(u, t.col(p), t.value(p), t.timestamp(p) / bucket);
            }
        }
        return withTarget(d, b.build(DuplicatePolicy.ERROR));
    }

    /** {@code d} with its target matrix replaced (same shape). */
    static CrossDomainData withTarget(CrossDomainData d, InteractionMatrix target) {
        return new CrossDomainData(d.users(), d.sources(), d.target().withInteractions(target, "replaced"));
    }

    /**
     * A data set with the given target rows; {@code entries[u]} lists {item, rating, timestamp}
     * triples of user {@code u}. Every user also has one source interaction, so all users with
     * target data overlap. {@code timestamps = false} drops them.
     */
    static CrossDomainData handMade(int numItems, boolean timestamps, long[][][] entries) {
        int n = entries.length;
        IdIndex users = IdIndex.of(TestData.numericIds(n));
        IdIndex items = IdIndex.of(TestData.numericIds(numItems));
        InteractionMatrix.Builder src = InteractionMatrix.builder(n, numItems, true, false);
        InteractionMatrix.Builder tgt = InteractionMatrix.builder(n, numItems, true, timestamps);
        for (int u = 0; u < n; u++) {
            src.add(u, 0, 3f);
            for (long[] e : entries[u]) {
                tgt.add(u, (int) e[0], e[1], e.length > 2 ? e[2] : 0L);
            }
        }
        return new CrossDomainData(users, List.of(new DomainData("s", items, src.build(DuplicatePolicy.ERROR), "s")),
                new DomainData("t", items, tgt.build(DuplicatePolicy.ERROR), "t"));
    }

    /** Every entry of the full target matrix is in exactly one part, with its value and timestamp. */
    static void assertPartition(InteractionMatrix all, TargetSplit s) {
        InteractionMatrix[] parts = {s.train(), s.validation(), s.test()};
        for (InteractionMatrix part : parts) {
            assertThat(part.numRows()).isEqualTo(all.numRows());
            assertThat(part.numCols()).isEqualTo(all.numCols());
            assertThat(part.isExplicit()).isEqualTo(all.isExplicit());
            assertThat(part.hasTimestamps()).isEqualTo(all.hasTimestamps());
        }
        assertThat(s.train().nnz() + s.validation().nnz() + s.test().nnz()).isEqualTo(all.nnz());
        for (int u = 0; u < all.numRows(); u++) {
            for (int p = all.rowStart(u); p < all.rowEnd(u); p++) {
                int i = all.col(p);
                int found = 0;
                for (InteractionMatrix part : parts) {
                    int q = part.find(u, i);
                    if (q >= 0) {
                        found++;
                        assertThat(part.value(q)).isEqualTo(all.value(p));
                        if (all.hasTimestamps()) {
                            assertThat(part.timestamp(q)).isEqualTo(all.timestamp(p));
                        }
                    }
                }
                assertThat(found).as("entry (%d, %d) in exactly one part", u, i).isEqualTo(1);
            }
        }
        // and nothing else: counts add up and every part entry exists in the full matrix
        for (InteractionMatrix part : parts) {
            for (int u = 0; u < part.numRows(); u++) {
                for (int p = part.rowStart(u); p < part.rowEnd(u); p++) {
                    assertThat(all.find(u, part.col(p))).isNotNegative();
                }
            }
        }
    }

    /** Same stream, same fingerprint; for random protocols, another stream, another fingerprint. */
    static void assertDeterministic(SplitSpec spec, CrossDomainData d, long seed, boolean random, TargetSplit s) {
        assertThat(spec.split(d, new SplittableRandom(seed), s.fold()).fingerprint()).isEqualTo(s.fingerprint());
        String other = spec.split(d, new SplittableRandom(seed + 7919), s.fold()).fingerprint();
        if (random) {
            assertThat(other).as("another seed gives another split").isNotEqualTo(s.fingerprint());
        } else {
            assertThat(other).as("the stream is not used").isEqualTo(s.fingerprint());
        }
    }

    /** Rows with at least one entry. */
    static Set<Integer> nonEmptyRows(InteractionMatrix m) {
        Set<Integer> s = new HashSet<>();
        for (int r = 0; r < m.numRows(); r++) {
            if (m.rowSize(r) > 0) {
                s.add(r);
            }
        }
        return s;
    }

    static Set<Integer> set(int[] a) {
        Set<Integer> s = new HashSet<>();
        IntStream.of(a).forEach(s::add);
        return s;
    }

    /** Items (columns) of row {@code u}, increasing. */
    static int[] items(InteractionMatrix m, int u) {
        return IntStream.range(m.rowStart(u), m.rowEnd(u)).map(m::col).toArray();
    }

    /** Expected per-user (test, validation) counts, written out independently of {@code Splits}. */
    static int[] perUserCounts(double tf, double vf, int n) {
        if (n < 2) {
            return new int[] {0, 0};
        }
        long t = Math.min(Math.round(tf * n), n - 1);
        long v = Math.min(Math.round(vf * n), n - 1 - t);
        return new int[] {(int) t, (int) v};
    }
}
