package org.rectransfer.datasets.preprocess;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;
import org.rectransfer.datasets.RawInteractions;

/**
 * Resolves repeated (user, item) rows of {@link RawInteractions} by a {@link DuplicatePolicy}
 * ({@link RawInteractions#toDomainData(String, IdIndex, DuplicatePolicy)}) instead of the
 * format's own policy, and reports how many rows were merged. Under {@link DuplicatePolicy#ERROR}
 * a duplicate is a {@link org.rectransfer.datasets.DataFormatException} naming both lines.
 * {@link DuplicatePolicy#KEEP_LAST} keeps the latest timestamp when the data has timestamps
 * (ties and data without timestamps: the later file row); {@link DuplicatePolicy#MEAN} averages
 * the ratings and keeps the latest timestamp.
 *
 * <p>Unlike the {@link PreprocessStep}s this works on raw rows, before a domain exists; the
 * domain fingerprint is
 * {@code SHA-256("preprocess|input:" + rawDomainFingerprint + "|step:" + describe() + "|domain:" + name)}
 * where {@code rawDomainFingerprint} is the fingerprint {@code toDomainData} gives.
 *
 * @param policy the duplicate policy
 */
public record DuplicateResolution(DuplicatePolicy policy) {

    public DuplicateResolution {
        Objects.requireNonNull(policy, "policy");
    }

    public String describe() {
        return "duplicates(policy=" + policy + ")";
    }

    /**
     * What resolution did to one domain.
     *
     * @param domain          domain name
     * @param rows            raw rows read
     * @param entries         entries of the resolved matrix
     * @param duplicatedCells (user, item) cells that had more than one row
     */
    public record Report(String domain, long rows, long entries, long duplicatedCells) {
        /** Rows merged into another row of their cell: {@code rows - entries}. */
        public long mergedRows() {
            return rows - entries;
        }
    }

    /** One resolved domain. */
    public record DomainResult(DomainData domain, Report report) {
    }

    /** Resolved cross-domain data and one report per domain, sources in order then the target. */
    public record Assembly(CrossDomainData data, List<Report> reports) {
        public Assembly {
            reports = List.copyOf(reports);
        }
    }

    /** The rows of {@code raw} as domain {@code name} over {@code users}, duplicates resolved by {@link #policy()}. */
    public DomainResult resolve(String name, RawInteractions raw, IdIndex users) {
        DomainData d = raw.toDomainData(name, users, policy);
        InteractionMatrix m = d.interactions();
        long dupCells = 0;
        if (m.nnz() < raw.size()) {
            // count rows per cell: an explicit matrix of ones summed per cell
            InteractionMatrix.Builder b = InteractionMatrix.builder(users.size(), raw.itemIndex().size(), true, false);
            for (int r = 0; r < raw.size(); r++) {
                b.add(users.require(raw.userId(r)), raw.itemIndex().require(raw.itemId(r)), 1f);
            }
            InteractionMatrix counts = b.build(DuplicatePolicy.SUM);
            for (int p = 0; p < counts.nnz(); p++) {
                if (counts.value(p) > 1f) {
                    dupCells++;
                }
            }
        }
        String fp = Hashing.sha256Hex("preprocess|input:" + d.fingerprint() + "|step:" + describe() + "|domain:" + name);
        return new DomainResult(d.withInteractions(m, fp), new Report(name, raw.size(), m.nnz(), dupCells));
    }

    /**
     * Like {@link org.rectransfer.datasets.CrossDomainAssembler#assemble} (shared user index over
     * the sorted union of the domains' user ids) but with this policy for every domain.
     *
     * @throws IllegalArgumentException if a name is unknown, there is no source, or a name repeats
     */
    public Assembly assemble(Map<String, RawInteractions> domains, List<String> sources, String target) {
        Objects.requireNonNull(target, "target");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one source domain is needed");
        }
        List<String> names = new ArrayList<>(sources);
        names.add(target);
        Set<String> seen = new HashSet<>();
        Set<String> userIds = new HashSet<>();
        for (String n : names) {
            if (!domains.containsKey(n)) {
                throw new IllegalArgumentException("unknown domain '" + n + "'; known domains: " + domains.keySet());
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("domain '" + n + "' is named twice among sources " + sources
                        + " and target '" + target + "'");
            }
            userIds.addAll(domains.get(n).userIds());
        }
        IdIndex users = IdIndex.of(userIds);
        Map<String, DomainResult> built = new LinkedHashMap<>();
        for (String n : names) {
            built.put(n, resolve(n, domains.get(n), users));
        }
        List<DomainData> data = new ArrayList<>();
        List<Report> reports = new ArrayList<>();
        for (DomainResult r : built.values()) {
            data.add(r.domain());
            reports.add(r.report());
        }
        return new Assembly(new CrossDomainData(users, data.subList(0, sources.size()), data.get(sources.size())),
                reports);
    }
}
