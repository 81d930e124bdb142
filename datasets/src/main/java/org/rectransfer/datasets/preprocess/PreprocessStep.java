package org.rectransfer.datasets.preprocess;

import java.util.Objects;

import org.rectransfer.core.data.CrossDomainData;

/**
 * One preprocessing step over cross-domain data (a single domain is a {@link CrossDomainData}
 * without sources, see {@link Pipeline#applyToDomain}).
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>they are validated {@code record}s, immutable and thread-safe;</li>
 *   <li>{@link #apply} is a pure, deterministic function of its input and the step's fields;</li>
 *   <li>the output keeps the index conventions: the shared user index and every item index are
 *       rebuilt with {@link org.rectransfer.core.data.IdIndex#of} over the ids that still have at
 *       least one interaction (users: in some domain; items: in their domain), so indices stay
 *       in sorted raw-id order and no empty user or item survives a step;</li>
 *   <li>every output domain's fingerprint is
 *       {@code SHA-256("preprocess|input:" + input.fingerprint() + "|step:" + describe() + "|domain:" + name)},
 *       so the output {@link CrossDomainData#fingerprint()} is a function of the input fingerprint
 *       and the step descriptions;</li>
 *   <li>nothing is dropped silently: the {@link StepReport} counts users, items and interactions
 *       per domain before and after.</li>
 * </ul>
 */
public interface PreprocessStep {

    /**
     * A stable, human-readable description of the step and all its parameters (e.g.
     * {@code "k-core(scope=JOINT,userK=5,itemK=5)"}); it enters fingerprints, so it must not
     * change between versions for the same behaviour.
     */
    String describe();

    /** Applies the step. */
    Result apply(CrossDomainData data);

    /** The output data and what the step removed. */
    record Result(CrossDomainData data, StepReport report) {
        public Result {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(report, "report");
        }
    }
}
