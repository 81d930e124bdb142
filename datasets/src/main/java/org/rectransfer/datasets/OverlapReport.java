package org.rectransfer.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * How the users of the domains of a {@link CrossDomainData} overlap.
 * "Users of a domain" are the users with at least one row in it.
 *
 * @param totalUsers          size of the shared user index
 * @param usersPerDomain      users per domain, sources in order then the target
 * @param overlappingUsers    users in the target and in at least one source
 * @param pairs               every unordered pair of domains, in {@code usersPerDomain} order
 */
public record OverlapReport(int totalUsers, Map<String, Integer> usersPerDomain, int overlappingUsers,
                            List<Pair> pairs) {

    /** Users present in both {@code first} and {@code second}. */
    public record Pair(String first, String second, int sharedUsers) {
    }

    public OverlapReport {
        usersPerDomain = Collections.unmodifiableMap(new LinkedHashMap<>(usersPerDomain));
        pairs = List.copyOf(pairs);
    }

    /** Users present in both named domains (in either order); throws if the pair is unknown. */
    public int sharedUsers(String a, String b) {
        for (Pair p : pairs) {
            if ((p.first.equals(a) && p.second.equals(b)) || (p.first.equals(b) && p.second.equals(a))) {
                return p.sharedUsers;
            }
        }
        throw new IllegalArgumentException("no domain pair (" + a + ", " + b + "); domains: " + usersPerDomain.keySet());
    }

    /** The overlap of the sources and the target of {@code data}. */
    public static OverlapReport of(CrossDomainData data) {
        List<DomainData> domains = new ArrayList<>(data.sources());
        domains.add(data.target());
        int numUsers = data.users().size();
        Map<String, Integer> perDomain = new LinkedHashMap<>();
        for (DomainData d : domains) {
            perDomain.put(d.name(), d.interactions().nonEmptyRows());
        }
        List<Pair> pairs = new ArrayList<>();
        for (int a = 0; a < domains.size(); a++) {
            for (int b = a + 1; b < domains.size(); b++) {
                InteractionMatrix ma = domains.get(a).interactions();
                InteractionMatrix mb = domains.get(b).interactions();
                int shared = 0;
                for (int u = 0; u < numUsers; u++) {
                    if (ma.rowSize(u) > 0 && mb.rowSize(u) > 0) {
                        shared++;
                    }
                }
                pairs.add(new Pair(domains.get(a).name(), domains.get(b).name(), shared));
            }
        }
        return new OverlapReport(numUsers, perDomain, data.overlappingUsers().length, pairs);
    }
}
