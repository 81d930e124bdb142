package org.rectransfer.datasets.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

/**
 * A seeded sample of users for quick runs: each user with at least one interaction gets the key
 * {@code Hashing.sha256Long(seed + "/user-sample/" + rawUserId)}, and the {@code c} users with the
 * smallest keys (signed {@code long} order, ties by user index) keep all their entries; the others
 * lose theirs. {@code c} is {@code count}, or {@code max(1, round(fraction * present users))} in
 * fraction mode, capped at the number of present users (noted in the report). Keys depend on the
 * raw id and the seed only, so samples are nested (a larger sample contains a smaller one with
 * the same seed) and a user's selection does not depend on file order or on the other users'
 * indices. Items left without interactions are removed from their index.
 *
 * <p>Exactly one of {@code count} ({@code >= 1}) and {@code fraction} (in {@code (0, 1]}) is set;
 * the other is 0. Use {@link #ofCount} or {@link #ofFraction}.
 *
 * @param count    number of users to keep, or 0 in fraction mode
 * @param fraction share of users to keep, or 0 in count mode
 * @param seed     sampling seed
 */
public record UserSample(int count, double fraction, long seed) implements PreprocessStep {

    public UserSample {
        boolean byCount = count != 0;
        boolean byFraction = fraction != 0;
        if (byCount == byFraction) {
            throw new IllegalArgumentException("exactly one of count and fraction must be set, got count=" + count
                    + ", fraction=" + fraction);
        }
        if (byCount && count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (byFraction && !(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
    }

    public static UserSample ofCount(int count, long seed) {
        return new UserSample(count, 0, seed);
    }

    public static UserSample ofFraction(double fraction, long seed) {
        return new UserSample(0, fraction, seed);
    }

    @Override
    public String describe() {
        return "user-sample(" + (count > 0 ? "count=" + count : "fraction=" + fraction) + ",seed=" + seed + ")";
    }

    @Override
    public Result apply(CrossDomainData data) {
        List<DomainData> domains = Rebuild.domains(data);
        int n = data.users().size();
        boolean[] present = new boolean[n];
        for (DomainData d : domains) {
            InteractionMatrix m = d.interactions();
            for (int u = 0; u < n; u++) {
                present[u] |= m.rowSize(u) > 0;
            }
        }
        long[] key = new long[n];
        long[] sorted = new long[n];
        int np = 0;
        for (int u = 0; u < n; u++) {
            if (present[u]) {
                key[u] = Hashing.sha256Long(seed + "/user-sample/" + data.users().rawId(u));
                sorted[np++] = key[u];
            }
        }
        int wanted = count > 0 ? count : (int) Math.max(1, Math.round(fraction * np));
        List<String> notes = new ArrayList<>();
        if (wanted > np) {
            notes.add("asked for " + wanted + " users, only " + np + " present: all kept");
        }
        int c = Math.min(wanted, np);
        boolean[] chosen = new boolean[n];
        if (c > 0) {
            sorted = Arrays.copyOf(sorted, np);
            Arrays.sort(sorted);
            long cut = sorted[c - 1];
            int below = 0;
            for (int u = 0; u < n; u++) {
                if (present[u] && key[u] < cut) {
                    chosen[u] = true;
                    below++;
                }
            }
            for (int u = 0; u < n && below < c; u++) {
                if (present[u] && key[u] == cut) {
                    chosen[u] = true;
                    below++;
                }
            }
        }
        notes.add(c + " of " + np + " present user(s) sampled");
        List<boolean[]> keep = new ArrayList<>();
        for (DomainData d : domains) {
            InteractionMatrix m = d.interactions();
            boolean[] mask = new boolean[m.nnz()];
            for (int u = 0; u < n; u++) {
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    mask[p] = chosen[u];
                }
            }
            keep.add(mask);
        }
        return Rebuild.apply(data, describe(), keep, null, notes);
    }
}
