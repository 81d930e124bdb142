package org.rectransfer.datasets.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Keeps only the users with at least one interaction in at least {@code minDomains} domains
 * (sources and target count alike); the other users lose all their entries. Then, if fewer than
 * {@code minOverlappingUsers} kept users are in the target and in at least one source (as
 * {@link CrossDomainData#overlappingUsers()}), throws {@link InsufficientOverlapException}.
 * Items left without interactions are removed from their index.
 *
 * @param minDomains          {@code >= 1}; at most the number of domains of the input (checked by {@link #apply})
 * @param minOverlappingUsers {@code >= 0}; 0 checks nothing
 */
public record MinimumOverlap(int minDomains, int minOverlappingUsers) implements PreprocessStep {

    public MinimumOverlap {
        if (minDomains < 1) {
            throw new IllegalArgumentException("minDomains must be >= 1, got " + minDomains);
        }
        if (minOverlappingUsers < 0) {
            throw new IllegalArgumentException("minOverlappingUsers must be >= 0, got " + minOverlappingUsers);
        }
    }

    @Override
    public String describe() {
        return "min-overlap(minDomains=" + minDomains + ",minOverlappingUsers=" + minOverlappingUsers + ")";
    }

    /**
     * @throws IllegalArgumentException      if {@code minDomains} exceeds the number of domains
     * @throws InsufficientOverlapException  if too few overlapping users remain
     */
    @Override
    public Result apply(CrossDomainData data) {
        List<DomainData> domains = Rebuild.domains(data);
        if (minDomains > domains.size()) {
            throw new IllegalArgumentException(describe() + ": the data has only " + domains.size() + " domain(s)");
        }
        int n = data.users().size();
        int[] present = new int[n];
        for (DomainData d : domains) {
            InteractionMatrix m = d.interactions();
            for (int u = 0; u < n; u++) {
                if (m.rowSize(u) > 0) {
                    present[u]++;
                }
            }
        }
        InteractionMatrix target = data.target().interactions();
        int overlapping = 0;
        for (int u = 0; u < n; u++) {
            if (present[u] >= minDomains && target.rowSize(u) > 0 && present[u] >= 2) {
                overlapping++; // in the target and, being in >= 2 domains, in some source
            }
        }
        if (overlapping < minOverlappingUsers) {
            throw new InsufficientOverlapException(overlapping, minOverlappingUsers, describe());
        }
        List<boolean[]> keep = new ArrayList<>();
        for (DomainData d : domains) {
            InteractionMatrix m = d.interactions();
            boolean[] mask = new boolean[m.nnz()];
            for (int u = 0; u < n; u++) {
                boolean k = present[u] >= minDomains;
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    mask[p] = k;
                }
            }
            keep.add(mask);
        }
        return Rebuild.apply(data, describe(), keep, null,
                List.of(overlapping + " user(s) in the target and a source after the filter"));
    }
}
