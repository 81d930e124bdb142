package org.rectransfer.core.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;

import org.rectransfer.core.provenance.Hashing;

/**
 * Immutable bijection between raw ids ({@code String}) and dense indices {@code 0..size()-1}.
 *
 * <p>Indices are assigned in {@link #ORDER} of the raw ids, never in input order, so the same
 * set of ids always gets the same indices whatever file or line order it was read in. The
 * order puts canonical numbers first (ids made only of ASCII digits and without a leading zero,
 * such as {@code "0"} or {@code "42"}), by numeric value (length, then text, so
 * {@code "9" < "10"}), then every other id, {@code "007"} included, in {@link String#compareTo}
 * order. Canonical numbers have one spelling each, so distinct ids never compare equal.
 *
 * <p>Thread safety: immutable, safe to share.
 */
public final class IdIndex {

    /** Total order on raw ids used to assign indices; see the class comment. */
    public static final Comparator<String> ORDER = IdIndex::compareIds;

    private final String[] ids;
    private final Map<String, Integer> lookup;

    private IdIndex(String[] sortedDistinct) {
        this.ids = sortedDistinct;
        this.lookup = new HashMap<>(sortedDistinct.length * 2);
        for (int i = 0; i < sortedDistinct.length; i++) {
            lookup.put(sortedDistinct[i], i);
        }
    }

    /** Index over the distinct ids in {@code rawIds}; duplicates are merged, order is irrelevant. */
    public static IdIndex of(Collection<String> rawIds) {
        TreeSet<String> sorted = new TreeSet<>(ORDER);
        for (String id : rawIds) {
            if (id == null || id.isEmpty()) {
                throw new IllegalArgumentException("raw ids must be non-empty strings");
            }
            sorted.add(id);
        }
        return new IdIndex(sorted.toArray(String[]::new));
    }

    /** Index over the given ids; see {@link #of(Collection)}. */
    public static IdIndex of(String... rawIds) {
        return of(Arrays.asList(rawIds));
    }

    /** Index over the ids of both indices (sorted union). */
    public IdIndex union(IdIndex other) {
        TreeSet<String> sorted = new TreeSet<>(ORDER);
        sorted.addAll(Arrays.asList(ids));
        sorted.addAll(Arrays.asList(other.ids));
        return new IdIndex(sorted.toArray(String[]::new));
    }

    public int size() {
        return ids.length;
    }

    /** The raw id of dense index {@code idx} in {@code [0, size())}. */
    public String rawId(int idx) {
        return ids[idx];
    }

    /** The dense index of {@code rawId}, or {@code -1} if it is not in this index. */
    public int indexOf(String rawId) {
        Integer idx = lookup.get(rawId);
        return idx == null ? -1 : idx;
    }

    /** The dense index of {@code rawId}; throws {@link NoSuchElementException} if absent. */
    public int require(String rawId) {
        int idx = indexOf(rawId);
        if (idx < 0) {
            throw new NoSuchElementException("unknown id '" + rawId + "'");
        }
        return idx;
    }

    public boolean contains(String rawId) {
        return lookup.containsKey(rawId);
    }

    /** SHA-256 (hex) of the ids in index order, newline-separated. */
    public String fingerprint() {
        return Hashing.sha256Hex(String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
    }

    static int compareIds(String a, String b) {
        boolean da = isDigits(a);
        boolean db = isDigits(b);
        if (da && db) {
            int byLength = Integer.compare(a.length(), b.length());
            return byLength != 0 ? byLength : a.compareTo(b);
        }
        if (da != db) {
            return da ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdIndex other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "IdIndex[size=" + ids.length + "]";
    }
}
