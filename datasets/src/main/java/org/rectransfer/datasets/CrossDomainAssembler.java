package org.rectransfer.datasets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.IdIndex;

/**
 * Puts separately read domains into one {@link CrossDomainData}. A domain is any
 * {@link RawInteractions}: read by {@link DelimitedLoader} or by any loader of
 * {@link org.rectransfer.datasets.formats}, so domains of different formats can be combined. The
 * shared user index is
 * {@link IdIndex#of} over the union of the raw user ids of the source and target domains (sorted,
 * so indices do not depend on file order), each domain keeps its own item index, and each
 * domain's duplicates are resolved by its own default policy
 * ({@link RawInteractions#duplicatePolicy()}, see {@link RawInteractions#toDomainData(String, IdIndex)}). Users with the same raw id are the
 * same person in every domain; the caller vouches for that.
 *
 * <p>Stateless and thread-safe.
 */
public final class CrossDomainAssembler {

    /**
     * The assembled data, its user overlap and the SHA-256 of every raw file read.
     *
     * @param data       sources and target over the shared user index
     * @param overlap    users per domain and their overlaps
     * @param fileSha256 per domain (sources in order, then the target): file name to SHA-256 (hex)
     *                   of its raw bytes, in reading order
     */
    public record Assembly(CrossDomainData data, OverlapReport overlap, Map<String, Map<String, String>> fileSha256) {
        public Assembly {
            Map<String, Map<String, String>> copy = new LinkedHashMap<>();
            fileSha256.forEach((domain, files) -> copy.put(domain, Collections.unmodifiableMap(new LinkedHashMap<>(files))));
            fileSha256 = Collections.unmodifiableMap(copy);
        }
    }

    private CrossDomainAssembler() {
    }

    /** Reads the rows of one named domain of a data set. */
    @FunctionalInterface
    public interface DomainReader {
        RawInteractions read(String domain) throws IOException;
    }

    /**
     * Reads {@code source} and {@code target} with {@code reader} (once each) and assembles them
     * with one source; for the two-domain readers of fixed data sets.
     */
    public static Assembly assemblePair(String source, String target, DomainReader reader) throws IOException {
        Map<String, RawInteractions> raw = new LinkedHashMap<>();
        raw.put(source, reader.read(source));
        if (!target.equals(source)) {
            raw.put(target, reader.read(target));
        }
        return assemble(raw, List.of(source), target);
    }

    /**
     * Assembles {@code sources} (in the given order) and {@code target} out of {@code domains}
     * (domain name to rows). Domains of the map that are neither source nor target are ignored.
     *
     * @throws IllegalArgumentException if a name is unknown (the message lists the known ones),
     *                                  there is no source, a source repeats, or the target is
     *                                  also a source
     */
    public static Assembly assemble(Map<String, RawInteractions> domains, List<String> sources, String target) {
        Objects.requireNonNull(target, "target");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one source domain is needed");
        }
        List<String> names = new ArrayList<>(sources);
        names.add(target);
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!domains.containsKey(n)) {
                throw new IllegalArgumentException("unknown domain '" + n + "'; known domains: " + domains.keySet());
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("domain '" + n + "' is named twice among sources " + sources
                        + " and target '" + target + "'");
            }
        }
        Set<String> union = new HashSet<>();
        for (String n : names) {
            union.addAll(domains.get(n).userIds());
        }
        IdIndex users = IdIndex.of(union);
        List<DomainData> built = new ArrayList<>();
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        for (String n : names) {
            built.add(domains.get(n).toDomainData(n, users));
            files.put(n, domains.get(n).fileSha256());
        }
        CrossDomainData data = new CrossDomainData(users, built.subList(0, sources.size()), built.get(sources.size()));
        return new Assembly(data, OverlapReport.of(data), files);
    }
}
