package org.rectransfer.datasets.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Statistics of a data set: per domain ({@link DomainStatistics}, sources in order then the
 * target) and the user overlap between every unordered pair of domains.
 *
 * @param totalUsers       size of the shared user index
 * @param domains          per-domain statistics, sources in order then the target
 * @param overlaps         users with interactions in both domains of each pair, in domain order
 * @param overlappingUsers users in the target and in at least one source
 *                         ({@link CrossDomainData#overlappingUsers()}; 0 for a single domain)
 */
public record DatasetStatistics(int totalUsers, List<DomainStatistics> domains, List<Overlap> overlaps,
                                int overlappingUsers) {

    /** Users with at least one interaction in both {@code first} and {@code second}. */
    public record Overlap(String first, String second, int sharedUsers) {
    }

    public DatasetStatistics {
        domains = List.copyOf(domains);
        overlaps = List.copyOf(overlaps);
    }

    /** Statistics of all domains of {@code data}. */
    public static DatasetStatistics of(CrossDomainData data) {
        List<DomainData> all = new ArrayList<>(data.sources());
        all.add(data.target());
        return of(data.users(), all, data.overlappingUsers().length);
    }

    /** Statistics of one domain (rows of its matrix are its users; no overlap). */
    public static DatasetStatistics of(DomainData domain) {
        return new DatasetStatistics(domain.interactions().numRows(), List.of(DomainStatistics.of(domain)), List.of(), 0);
    }

    private static DatasetStatistics of(IdIndex users, List<DomainData> all, int overlapping) {
        List<DomainStatistics> stats = new ArrayList<>();
        for (DomainData d : all) {
            stats.add(DomainStatistics.of(d));
        }
        List<Overlap> pairs = new ArrayList<>();
        for (int a = 0; a < all.size(); a++) {
            for (int b = a + 1; b < all.size(); b++) {
                InteractionMatrix ma = all.get(a).interactions();
                InteractionMatrix mb = all.get(b).interactions();
                int shared = 0;
                for (int u = 0; u < users.size(); u++) {
                    if (ma.rowSize(u) > 0 && mb.rowSize(u) > 0) {
                        shared++;
                    }
                }
                pairs.add(new Overlap(all.get(a).name(), all.get(b).name(), shared));
            }
        }
        return new DatasetStatistics(users.size(), stats, pairs, overlapping);
    }

    /** The statistics of domain {@code name}; throws if there is none. */
    public DomainStatistics domain(String name) {
        for (DomainStatistics d : domains) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no domain '" + name + "'");
    }

    /** Users shared by the two named domains (either order); throws if the pair is unknown. */
    public int sharedUsers(String a, String b) {
        for (Overlap o : overlaps) {
            if ((o.first.equals(a) && o.second.equals(b)) || (o.first.equals(b) && o.second.equals(a))) {
                return o.sharedUsers;
            }
        }
        throw new IllegalArgumentException("no domain pair (" + a + ", " + b + ")");
    }

    /**
     * A Markdown rendering: one table row per domain (density to 6 decimals, other ratios to 2,
     * counts with thousands separators, histogram as {@code value:count} pairs), then the
     * pairwise overlaps. Locale-independent; the same statistics give the same text.
     */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| domain | users | items | interactions | density | feedback | ratings | mean/user | median/user"
                + " | mean/item | median/item | item Gini |\n");
        sb.append("|---|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|\n");
        for (DomainStatistics d : domains) {
            sb.append("| ").append(d.name())
                    .append(" | ").append(count(d.users()))
                    .append(" | ").append(count(d.items()))
                    .append(" | ").append(count(d.interactions()))
                    .append(" | ").append(fixed(d.density(), 6))
                    .append(" | ").append(d.explicit() ? "explicit" : "implicit").append(d.timestamps() ? ", timestamps" : "")
                    .append(" | ").append(histogram(d.ratingHistogram()))
                    .append(" | ").append(fixed(d.meanPerUser(), 2))
                    .append(" | ").append(fixed(d.medianPerUser(), 1))
                    .append(" | ").append(fixed(d.meanPerItem(), 2))
                    .append(" | ").append(fixed(d.medianPerItem(), 1))
                    .append(" | ").append(fixed(d.giniItemPopularity(), 4))
                    .append(" |\n");
        }
        sb.append("\nUsers in the shared index: ").append(count(totalUsers));
        if (!overlaps.isEmpty()) {
            sb.append("; in the target and a source: ").append(count(overlappingUsers)).append("\n\n");
            sb.append("| domain pair | shared users |\n|---|---:|\n");
            for (Overlap o : overlaps) {
                sb.append("| ").append(o.first()).append(" & ").append(o.second()).append(" | ")
                        .append(count(o.sharedUsers())).append(" |\n");
            }
        } else {
            sb.append("\n");
        }
        return sb.toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String histogram(Map<Float, Long> h) {
        if (h.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Float, Long> e : h.entrySet()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            float v = e.getKey();
            sb.append(v == Math.rint(v) ? Long.toString((long) v) : Float.toString(v)).append(':').append(e.getValue());
        }
        return sb.toString();
    }
}
