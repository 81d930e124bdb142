package org.rectransfer.core.metrics;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which items a user's held-out relevant items are ranked against.
 *
 * <ul>
 *   <li>{@link FullRanking} (the default): every target item minus the items the user has in the
 *   excluded matrices (training, and validation when scoring test). Metrics are exact.</li>
 *   <li>{@link SampledNegatives}: the user's held-out relevant items plus {@code n} sampled items
 *   the user never interacted with. Krichene &amp; Rendle 2020 ("On sampled metrics for item
 *   recommendation", KDD) show that top-k metrics over sampled candidates are <b>not
 *   consistent</b> with the full-ranking metrics: they can reverse the order of two
 *   recommenders, and shrink differences. Use them only for comparability with published
 *   numbers, always labelled (the policy is part of
 *   {@link EvaluationProtocol#describe()}), and always with persisted, seeded candidates
 *   ({@link CandidateSets}) so that every strategy is ranked against the same items.</li>
 * </ul>
 */
public sealed interface CandidatePolicy permits CandidatePolicy.FullRanking, CandidatePolicy.SampledNegatives {

    /** How sampled negatives are drawn. */
    enum Sampling {
        /** Every available item equally likely. */
        UNIFORM,
        /** Probability proportional to the item's training popularity (see {@link CandidateSets}). */
        POPULARITY
    }

    /** Stable text for provenance; {@link #parse} reads it back. */
    String describe();

    /** The full-ranking policy. */
    static CandidatePolicy fullRanking() {
        return FullRanking.INSTANCE;
    }

    /** Parses the output of {@link #describe()}. */
    static CandidatePolicy parse(String text) {
        if (FullRanking.DESCRIPTION.equals(text)) {
            return FullRanking.INSTANCE;
        }
        Matcher m = SampledNegatives.PATTERN.matcher(text);
        if (m.matches()) {
            return new SampledNegatives(Integer.parseInt(m.group(1)), Sampling.valueOf(m.group(2).toUpperCase(Locale.ROOT)));
        }
        throw new IllegalArgumentException("not a candidate policy: '" + text + "'");
    }

    /** All target items minus the user's excluded items. */
    record FullRanking() implements CandidatePolicy {
        static final String DESCRIPTION = "all-target-items-minus-seen";
        static final FullRanking INSTANCE = new FullRanking();

        /** {@value #DESCRIPTION} (unchanged from before the policy existed, so protocol descriptions stay stable). */
        @Override
        public String describe() {
            return DESCRIPTION;
        }
    }

    /**
     * The user's held-out relevant items plus {@code n} negatives: items the user has not
     * interacted with in any part of the split, drawn without replacement (see
     * {@link CandidateSets#sample}).
     *
     * @param n        negatives per user, {@code >= 1} (e.g. 99 or 100 in the literature)
     * @param sampling uniform or popularity-proportional
     */
    record SampledNegatives(int n, Sampling sampling) implements CandidatePolicy {
        static final Pattern PATTERN = Pattern.compile("sampled-negatives\\(n=(\\d+),sampling=(uniform|popularity)\\)");

        public SampledNegatives {
            if (n < 1) {
                throw new IllegalArgumentException("n must be >= 1, was " + n);
            }
            if (sampling == null) {
                throw new IllegalArgumentException("sampling must not be null");
            }
        }

        /** {@code sampled-negatives(n=<n>,sampling=<uniform|popularity>)}. */
        @Override
        public String describe() {
            return "sampled-negatives(n=" + n + ",sampling=" + sampling.name().toLowerCase(Locale.ROOT) + ")";
        }
    }
}
