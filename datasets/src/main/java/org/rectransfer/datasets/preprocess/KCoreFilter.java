package org.rectransfer.datasets.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * k-core filtering: the largest sub-data set in which every kept user has at least
 * {@code userK} interactions and every kept item at least {@code itemK} interactions, computed by
 * removing violators until a fixed point. The constraints are monotone (removing an entry never
 * helps another entry's count), so the fixed point is the unique maximal core whatever the
 * removal order.
 *
 * <ul>
 *   <li>{@link Scope#PER_DOMAIN}: each domain on its own. A user's entries in domain {@code d}
 *       are kept iff the user has {@code >= userK} kept entries in {@code d}; items likewise. A
 *       user may survive in one domain and be removed from another.</li>
 *   <li>{@link Scope#JOINT}: a user is kept only if it has {@code >= userK} kept interactions
 *       in <b>every</b> domain (sources and target); a user failing in any domain loses its
 *       entries in all domains, and so does a user absent from some domain. Items need
 *       {@code >= itemK} interactions from kept users in their own domain. The result holds only
 *       users present in all domains (a fully overlapping core).</li>
 * </ul>
 * Users and items left without interactions are removed from the indices, see
 * {@link PreprocessStep}. The report notes the number of pruning rounds.
 *
 * @param scope per domain or joint across domains
 * @param userK minimum interactions per user (per domain), {@code >= 1}
 * @param itemK minimum interactions per item, {@code >= 1}
 */
public record KCoreFilter(Scope scope, int userK, int itemK) implements PreprocessStep {

    /** How the user constraint couples the domains. */
    public enum Scope {
        PER_DOMAIN,
        JOINT
    }

    public KCoreFilter {
        if (scope == null) {
            throw new IllegalArgumentException("scope must not be null");
        }
        if (userK < 1) {
            throw new IllegalArgumentException("userK must be >= 1, got " + userK);
        }
        if (itemK < 1) {
            throw new IllegalArgumentException("itemK must be >= 1, got " + itemK);
        }
    }

    /** The same {@code k} for users and items. */
    public static KCoreFilter of(Scope scope, int k) {
        return new KCoreFilter(scope, k, k);
    }

    @Override
    public String describe() {
        return "k-core(scope=" + scope + ",userK=" + userK + ",itemK=" + itemK + ")";
    }

    @Override
    public Result apply(CrossDomainData data) {
        List<DomainData> domains = Rebuild.domains(data);
        int nd = domains.size();
        int n = data.users().size();
        boolean joint = scope == Scope.JOINT;
        boolean[][] userAlive = new boolean[nd][];
        boolean[][] itemAlive = new boolean[nd][];
        boolean[] jointAlive = new boolean[n];
        java.util.Arrays.fill(jointAlive, true);
        for (int d = 0; d < nd; d++) {
            InteractionMatrix m = domains.get(d).interactions();
            userAlive[d] = joint ? jointAlive : new boolean[n];
            if (!joint) {
                for (int u = 0; u < n; u++) {
                    userAlive[d][u] = m.rowSize(u) > 0;
                }
            }
            itemAlive[d] = new boolean[m.numCols()];
            java.util.Arrays.fill(itemAlive[d], true);
        }
        int rounds = 0;
        boolean changed = true;
        int[] userCount = new int[n];
        while (changed) {
            changed = false;
            rounds++;
            boolean[] failsSomewhere = joint ? new boolean[n] : null;
            for (int d = 0; d < nd; d++) {
                InteractionMatrix m = domains.get(d).interactions();
                int[] itemCount = new int[m.numCols()];
                java.util.Arrays.fill(userCount, 0);
                for (int u = 0; u < n; u++) {
                    if (!userAlive[d][u]) {
                        continue;
                    }
                    for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                        int i = m.col(p);
                        if (itemAlive[d][i]) {
                            userCount[u]++;
                            itemCount[i]++;
                        }
                    }
                }
                for (int i = 0; i < itemCount.length; i++) {
                    if (itemAlive[d][i] && itemCount[i] < itemK) {
                        itemAlive[d][i] = false;
                        changed = true;
                    }
                }
                for (int u = 0; u < n; u++) {
                    if (userAlive[d][u] && userCount[u] < userK) {
                        if (joint) {
                            failsSomewhere[u] = true;
                        } else {
                            userAlive[d][u] = false;
                            changed = true;
                        }
                    }
                }
            }
            if (joint) {
                for (int u = 0; u < n; u++) {
                    if (failsSomewhere[u]) {
                        jointAlive[u] = false;
                        changed = true;
                    }
                }
            }
        }
        List<boolean[]> keep = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            InteractionMatrix m = domains.get(d).interactions();
            boolean[] mask = new boolean[m.nnz()];
            for (int u = 0; u < n; u++) {
                if (userAlive[d][u]) {
                    for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                        mask[p] = itemAlive[d][m.col(p)];
                    }
                }
            }
            keep.add(mask);
        }
        return Rebuild.apply(data, describe(), keep, null, List.of("converged after " + rounds + " round(s)"));
    }
}
