package org.rectransfer.datasets.preprocess;

import java.util.List;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;

/** Small hand-made data sets for the preprocessing tests. */
final class PreprocessFixtures {
    private PreprocessFixtures() {
    }

    /**
     * Users "1".."5", domain A (items a1..a3, source) and B (items b1, b2, target), explicit with
     * timestamps (value = 1 + item index, timestamp = 100 * user + item):
     * <pre>
     * A: 1{a1,a2} 2{a1,a2} 3{a1} 4{a3} 5{a1,a2,a3}
     * B: 1{b1,b2} 3{b1,b2} 4{b1,b2} 5{b1,b2}
     * </pre>
     */
    static CrossDomainData twoDomains() {
        IdIndex users = IdIndex.of("1", "2", "3", "4", "5");
        DomainData a = domain("A", users, new String[] {"a1", "a2", "a3"},
                new int[][] {{0, 1}, {0, 1}, {0}, {2}, {0, 1, 2}});
        DomainData b = domain("B", users, new String[] {"b1", "b2"},
                new int[][] {{0, 1}, {}, {0, 1}, {0, 1}, {0, 1}});
        return new CrossDomainData(users, List.of(a), b);
    }

    static DomainData domain(String name, IdIndex users, String[] itemIds, int[][] rows) {
        IdIndex items = IdIndex.of(itemIds);
        InteractionMatrix.Builder b = InteractionMatrix.builder(users.size(), items.size(), true, true);
        for (int u = 0; u < rows.length; u++) {
            for (int i : rows[u]) {
                b.add(u, i, 1 + i, 100L * u + i);
            }
        }
        InteractionMatrix m = b.build(DuplicatePolicy.ERROR);
        return new DomainData(name, items, m, DomainData.contentFingerprint(users, items, m));
    }

    /** The raw item ids of user {@code rawUser}'s row in {@code d}, in column order. */
    static List<String> itemsOf(CrossDomainData data, DomainData d, String rawUser) {
        int u = data.users().require(rawUser);
        InteractionMatrix m = d.interactions();
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
            out.add(d.items().rawId(m.col(p)));
        }
        return out;
    }
}
