package org.rectransfer.datasets.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Explicit ratings to implicit feedback: in every explicit domain, an entry with rating
 * {@code >= threshold} becomes an implicit entry (no value; its timestamp, if any, is kept) and
 * every other entry is <b>dropped</b> (counted in the report). Negatives are not kept: an implicit
 * {@link InteractionMatrix} has no values to mark them, and the harness's implicit protocols treat
 * every unobserved item as a negative anyway; keep the explicit data if you need explicit
 * negatives. Domains that are already implicit pass through unchanged (noted in the report).
 * Users and items left without interactions are removed from the indices.
 *
 * @param threshold finite minimum rating of a positive
 */
public record RatingThreshold(double threshold) implements PreprocessStep {

    public RatingThreshold {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
    }

    @Override
    public String describe() {
        return "rating-threshold(min=" + threshold + ",below=drop)";
    }

    @Override
    public Result apply(CrossDomainData data) {
        List<DomainData> domains = Rebuild.domains(data);
        List<boolean[]> keep = new ArrayList<>();
        boolean[] convert = new boolean[domains.size()];
        List<String> notes = new ArrayList<>();
        for (int d = 0; d < domains.size(); d++) {
            InteractionMatrix m = domains.get(d).interactions();
            if (!m.isExplicit()) {
                keep.add(null);
                notes.add("domain '" + domains.get(d).name() + "' is already implicit: unchanged");
                continue;
            }
            convert[d] = true;
            boolean[] mask = new boolean[m.nnz()];
            for (int p = 0; p < mask.length; p++) {
                mask[p] = m.value(p) >= threshold;
            }
            keep.add(mask);
        }
        return Rebuild.apply(data, describe(), keep, convert, notes);
    }
}
