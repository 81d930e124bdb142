package org.rectransfer.datasets.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.IdIndex;

/**
 * Steps applied in order. Applying a pipeline is the same as applying its steps one after the
 * other (same data, same fingerprints): each step stamps its description into the fingerprints
 * of its output (see {@link PreprocessStep}), so the final fingerprint is a function of the input
 * fingerprint and {@link #describe()}.
 *
 * @param steps the steps, in order (may be empty: the data is returned unchanged)
 */
public record Pipeline(List<PreprocessStep> steps) {

    public Pipeline {
        steps = List.copyOf(steps);
    }

    public static Pipeline of(PreprocessStep... steps) {
        return new Pipeline(List.of(steps));
    }

    /** The step descriptions, in order. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (PreprocessStep s : steps) {
            out.add(s.describe());
        }
        return out;
    }

    /** The output data and one report per step, in step order. */
    public record Result(CrossDomainData data, List<StepReport> reports) {
        public Result {
            Objects.requireNonNull(data, "data");
            reports = List.copyOf(reports);
        }
    }

    /** Applies the steps in order. */
    public Result apply(CrossDomainData data) {
        CrossDomainData current = Objects.requireNonNull(data, "data");
        List<StepReport> reports = new ArrayList<>();
        for (PreprocessStep s : steps) {
            PreprocessStep.Result r = s.apply(current);
            current = r.data();
            reports.add(r.report());
        }
        return new Result(current, reports);
    }

    /**
     * Applies the steps to a single domain over {@code users}, as a {@link CrossDomainData} with
     * no source and {@code domain} as its target; the processed domain is {@code result.data().target()}
     * and the re-built user index {@code result.data().users()}.
     */
    public Result applyToDomain(IdIndex users, DomainData domain) {
        return apply(new CrossDomainData(users, List.of(), domain));
    }
}
