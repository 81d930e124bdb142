package org.rectransfer.datasets.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

/** Shared machinery of the steps: entry masks to compacted, re-indexed, re-fingerprinted data. */
final class Rebuild {

    private Rebuild() {
    }

    /** Sources in order, then the target. */
    static List<DomainData> domains(CrossDomainData data) {
        List<DomainData> all = new ArrayList<>(data.sources());
        all.add(data.target());
        return all;
    }

    /**
     * Keeps, per domain {@code d}, the entries {@code p} with {@code keep.get(d)[p]} (a
     * {@code null} mask keeps all), turning domain {@code d} implicit where {@code toImplicit[d]}
     * (a {@code null} array converts none); then drops users without entries in every domain and
     * items without entries in their domain, rebuilding indices in sorted raw-id order.
     */
    static PreprocessStep.Result apply(CrossDomainData in, String description, List<boolean[]> keep,
                                       boolean[] toImplicit, List<String> notes) {
        List<DomainData> domains = domains(in);
        IdIndex users = in.users();
        int n = users.size();
        boolean[] userKept = new boolean[n];
        List<boolean[]> itemKept = new ArrayList<>();
        for (int d = 0; d < domains.size(); d++) {
            InteractionMatrix m = domains.get(d).interactions();
            boolean[] mask = keep == null ? null : keep.get(d);
            boolean[] items = new boolean[m.numCols()];
            for (int u = 0; u < n; u++) {
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    if (mask == null || mask[p]) {
                        userKept[u] = true;
                        items[m.col(p)] = true;
                    }
                }
            }
            itemKept.add(items);
        }
        int[] newUser = new int[n];
        IdIndex newUsers = subIndex(users, userKept, newUser);
        String inputFingerprint = in.fingerprint();
        List<DomainData> out = new ArrayList<>();
        List<StepReport.DomainCounts> counts = new ArrayList<>();
        for (int d = 0; d < domains.size(); d++) {
            DomainData dom = domains.get(d);
            InteractionMatrix m = dom.interactions();
            boolean[] mask = keep == null ? null : keep.get(d);
            int[] newItem = new int[m.numCols()];
            IdIndex newItems = subIndex(dom.items(), itemKept.get(d), newItem);
            boolean explicit = m.isExplicit() && (toImplicit == null || !toImplicit[d]);
            InteractionMatrix.Builder b = InteractionMatrix.builder(newUsers.size(), newItems.size(), explicit,
                    m.hasTimestamps());
            for (int u = 0; u < n; u++) {
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    if (mask == null || mask[p]) {
                        b.add(newUser[u], newItem[m.col(p)], m.value(p), m.hasTimestamps() ? m.timestamp(p) : 0L);
                    }
                }
            }
            InteractionMatrix nm = b.build(DuplicatePolicy.ERROR);
            String fp = Hashing.sha256Hex("preprocess|input:" + inputFingerprint + "|step:" + description + "|domain:"
                    + dom.name());
            out.add(new DomainData(dom.name(), newItems, nm, fp));
            counts.add(new StepReport.DomainCounts(dom.name(), m.nonEmptyRows(), nm.nonEmptyRows(), m.numCols(),
                    nm.numCols(), m.nnz(), nm.nnz()));
        }
        CrossDomainData data = new CrossDomainData(newUsers, out.subList(0, out.size() - 1), out.get(out.size() - 1));
        return new PreprocessStep.Result(data, new StepReport(description, n, newUsers.size(), counts, notes));
    }

    /**
     * The sub-index of the ids with {@code kept[i]}; fills {@code newIndexOf[i]} with the new
     * index of kept id {@code i} (-1 otherwise). A subset of a sorted index keeps its order, so
     * new indices are ranks among the kept ids.
     */
    static IdIndex subIndex(IdIndex index, boolean[] kept, int[] newIndexOf) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < kept.length; i++) {
            if (kept[i]) {
                newIndexOf[i] = ids.size();
                ids.add(index.rawId(i));
            } else {
                newIndexOf[i] = -1;
            }
        }
        IdIndex sub = IdIndex.of(ids);
        if (sub.size() != ids.size()) {
            throw new AssertionError("duplicate ids in an index");
        }
        return sub;
    }
}
