package org.rectransfer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IdIndexTest {

    private static List<String> shuffled(List<String> ids, long seed) {
        List<String> out = new ArrayList<>(ids);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private static List<String> ids(IdIndex idx) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < idx.size(); i++) {
            out.add(idx.rawId(i));
        }
        return out;
    }

    @Test
    void indicesDoNotDependOnInputOrderOrDuplicates() {
        List<String> base = List.of("u7", "42", "alice", "3", "bob", "007", "x-1", "1000", "B", "0");
        IdIndex reference = IdIndex.of(base);
        for (long seed = 0; seed < 20; seed++) {
            List<String> input = new ArrayList<>(shuffled(base, seed));
            input.add(base.get((int) seed % base.size())); // a duplicate changes nothing
            IdIndex idx = IdIndex.of(shuffled(input, seed + 100));
            assertThat(idx).isEqualTo(reference);
            assertThat(idx.hashCode()).isEqualTo(reference.hashCode());
            assertThat(idx.fingerprint()).isEqualTo(reference.fingerprint());
            assertThat(ids(idx)).isEqualTo(ids(reference));
        }
        assertThat(reference.size()).isEqualTo(10);
        assertThat(IdIndex.of(base.subList(0, 9)).fingerprint()).isNotEqualTo(reference.fingerprint());
        assertThat(IdIndex.of(base.subList(0, 9))).isNotEqualTo(reference);
    }

    @Test
    void numericIdsComeFirstByValueThenTextInStringOrder() {
        IdIndex idx = IdIndex.of("b", "100", "007", "9", "A", "10", "0", "a", "01", "99", "1a");
        // numbers by value: 0 < 9 < 10 < 99 < 100; then text by String.compareTo:
        // "007" < "01" < "1a" < "A" < "a" < "b" ('0' = 48 < '1' = 49 < 'A' = 65 < 'a' = 97 < 'b')
        assertThat(ids(idx)).containsExactly("0", "9", "10", "99", "100", "007", "01", "1a", "A", "a", "b");
        assertThat(idx.indexOf("9")).isEqualTo(1);
        assertThat(idx.indexOf("007")).isEqualTo(5);
    }

    @Test
    void orderComparatorAgreesWithNaiveNumericOrder() {
        // random canonical numbers (no leading zero) up to 18 digits compare like their long values
        SplittableRandom rng = new SplittableRandom(5);
        for (int t = 0; t < 2000; t++) {
            long a = rng.nextLong(1L, (long) 1e18) >> rng.nextInt(60);
            long b = rng.nextLong(1L, (long) 1e18) >> rng.nextInt(60);
            assertThat(Integer.signum(IdIndex.ORDER.compare(Long.toString(a), Long.toString(b))))
                    .as("%d vs %d", a, b).isEqualTo(Integer.signum(Long.compare(a, b)));
        }
    }

    @Test
    void unionIsTheSortedUnion() {
        IdIndex a = IdIndex.of("3", "x", "20");
        IdIndex b = IdIndex.of("20", "100", "a");
        IdIndex u = a.union(b);
        assertThat(ids(u)).containsExactly("3", "20", "100", "a", "x");
        assertThat(u).isEqualTo(b.union(a)).isEqualTo(IdIndex.of("x", "a", "100", "20", "3"));
        assertThat(a.union(IdIndex.of())).isEqualTo(a);
    }

    @Test
    void lookups() {
        IdIndex idx = IdIndex.of("10", "2", "z");
        assertThat(idx.indexOf("2")).isEqualTo(0);
        assertThat(idx.indexOf("10")).isEqualTo(1);
        assertThat(idx.require("z")).isEqualTo(2);
        assertThat(idx.rawId(1)).isEqualTo("10");
        assertThat(idx.indexOf("absent")).isEqualTo(-1);
        assertThat(idx.indexOf("02")).isEqualTo(-1);
        assertThat(idx.indexOf(null)).isEqualTo(-1);
        assertThat(idx.contains("z")).isTrue();
        assertThat(idx.contains("Z")).isFalse();
        assertThatThrownBy(() -> idx.require("missing-id-17"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("missing-id-17");
    }

    @Test
    void rejectsEmptyAndNullIds() {
        assertThatThrownBy(() -> IdIndex.of("a", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdIndex.of(Arrays.asList("a", null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyIndex() {
        IdIndex e = IdIndex.of(List.of());
        assertThat(e.size()).isZero();
        assertThat(e.indexOf("a")).isEqualTo(-1);
        // SHA-256 of the empty string
        assertThat(e.fingerprint()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
