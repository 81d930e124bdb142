package org.rectransfer.core.data;

import java.util.List;
import java.util.Objects;

/**
 * Source domains and one target domain over <b>one user index shared by all domains</b>: user
 * index {@code u} is the same person in every domain; a user absent from a domain has an empty
 * row there. Each domain has its own item index.
 *
 * <p>Thread safety: immutable.
 */
public record CrossDomainData(IdIndex users, List<DomainData> sources, DomainData target) {
    public CrossDomainData {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(target, "target");
        sources = List.copyOf(sources);
        for (DomainData d : sources) {
            checkRows(users, d);
        }
        checkRows(users, target);
    }

    private static void checkRows(IdIndex users, DomainData d) {
        if (d.interactions().numRows() != users.size()) {
            throw new IllegalArgumentException("domain '" + d.name() + "' has " + d.interactions().numRows()
                    + " rows but there are " + users.size() + " users");
        }
    }

    /**
     * Users with at least one interaction in the target and in at least one source, in
     * increasing index order.
     */
    public int[] overlappingUsers() {
        int n = users.size();
        int count = 0;
        int[] out = new int[n];
        for (int u = 0; u < n; u++) {
            if (target.interactions().rowSize(u) == 0) {
                continue;
            }
            for (DomainData s : sources) {
                if (s.interactions().rowSize(u) > 0) {
                    out[count++] = u;
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** SHA-256 over the domain names and fingerprints, sources first then target. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder(users.fingerprint());
        for (DomainData s : sources) {
            sb.append("|source:").append(s.name()).append(':').append(s.fingerprint());
        }
        sb.append("|target:").append(target.name()).append(':').append(target.fingerprint());
        return org.rectransfer.core.provenance.Hashing.sha256Hex(sb.toString());
    }
}
