package org.rectransfer.datasets.synthetic;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parameters of {@link MultiDomainSynthetic}: several source domains, each with its own
 * relatedness to the target, explicit or implicit output, item popularity skew, user activity
 * skew and optional timestamps. Every field is validated; {@link #defaults()} gives one source
 * and the rating model of {@link SyntheticConfig}'s defaults.
 *
 * @param numUsers           users, ids {@code "1".."numUsers"} ({@code >= 1}; default 2000)
 * @param rank               latent dimension k ({@code >= 1}; default 8)
 * @param sources            the source domains, in order (may be empty; names distinct and
 *                           different from the target's)
 * @param target             the target domain
 * @param explicit           {@code true}: integer ratings 1..5; {@code false}: implicit entries,
 *                           the draws whose rating is {@code >= implicitThreshold} (default true)
 * @param implicitThreshold  finite; the rating an implicit positive needs (default 4)
 * @param popularityExponent Zipf exponent {@code s >= 0} of item choice: the item of popularity
 *                           rank {@code r} (0-based) is drawn with weight {@code (r + 1)^-s};
 *                           0 = uniform (default 0)
 * @param activitySigma      {@code >= 0}: each user's activity multiplier is log-normal
 *                           {@code exp(sigma N - sigma^2 / 2)} (mean 1); 0 = no skew (default 0)
 * @param timestamps         whether the output carries timestamps (default false)
 * @param noiseStd           std of the rating noise, {@code >= 0} (default 0.4)
 * @param userBiasStd        std of user biases, {@code >= 0} (default 0.5)
 * @param itemBiasStd        std of item biases, {@code >= 0} (default 0.4)
 * @param interactionStd     std of {@code p_u . q_i}, {@code >= 0} (default 0.8)
 * @param globalMean         global mean before rounding, finite (default 3.6)
 * @param seed               master seed (default 1)
 */
public record MultiDomainConfig(int numUsers, int rank, List<Source> sources, Domain target, boolean explicit,
                                double implicitThreshold, double popularityExponent, double activitySigma,
                                boolean timestamps, double noiseStd, double userBiasStd, double itemBiasStd,
                                double interactionStd, double globalMean, long seed) {

    /**
     * One domain.
     *
     * @param name        domain name, non-empty
     * @param numItems    items, ids {@code "1".."numItems"} ({@code >= 1})
     * @param meanPerUser mean number of item draws per present user, finite and {@code >= 3}
     *                    (each present user draws {@code min(numItems, 3 + G)}, {@code G}
     *                    geometric with mean {@code (meanPerUser - 3) * activity})
     * @param presence    probability in {@code [0, 1]} that a user is present in the domain,
     *                    independently per user and domain
     */
    public record Domain(String name, int numItems, double meanPerUser, double presence) {
        public Domain {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("domain name must be non-empty");
            }
            if (numItems < 1) {
                throw new IllegalArgumentException("domain '" + name + "': numItems must be >= 1, got " + numItems);
            }
            if (!(meanPerUser >= 3) || Double.isInfinite(meanPerUser)) {
                throw new IllegalArgumentException("domain '" + name + "': meanPerUser must be finite and >= 3, got "
                        + meanPerUser);
            }
            if (!(presence >= 0 && presence <= 1)) {
                throw new IllegalArgumentException("domain '" + name + "': presence must be in [0, 1], got " + presence);
            }
        }
    }

    /**
     * A source domain and its relatedness {@code rho} in {@code [0, 1]} to the target: the
     * correlation of a user's latent vector (and bias) in this source with those in the target.
     */
    public record Source(Domain domain, double relatedness) {
        public Source {
            Objects.requireNonNull(domain, "domain");
            if (!(relatedness >= 0 && relatedness <= 1)) {
                throw new IllegalArgumentException("source '" + domain.name() + "': relatedness must be in [0, 1], got "
                        + relatedness);
            }
        }
    }

    public MultiDomainConfig {
        if (numUsers < 1) {
            throw new IllegalArgumentException("numUsers must be >= 1, got " + numUsers);
        }
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, got " + rank);
        }
        sources = List.copyOf(sources);
        Objects.requireNonNull(target, "target");
        Set<String> names = new HashSet<>();
        names.add(target.name());
        for (Source s : sources) {
            if (!names.add(s.domain().name())) {
                throw new IllegalArgumentException("domain name '" + s.domain().name() + "' is used twice");
            }
        }
        if (!Double.isFinite(implicitThreshold)) {
            throw new IllegalArgumentException("implicitThreshold must be finite, got " + implicitThreshold);
        }
        nonNegative("popularityExponent", popularityExponent);
        nonNegative("activitySigma", activitySigma);
        nonNegative("noiseStd", noiseStd);
        nonNegative("userBiasStd", userBiasStd);
        nonNegative("itemBiasStd", itemBiasStd);
        nonNegative("interactionStd", interactionStd);
        if (!Double.isFinite(globalMean)) {
            throw new IllegalArgumentException("globalMean must be finite, got " + globalMean);
        }
    }

    private static void nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, got " + value);
        }
    }

    /** 2000 users, one source {@code "source"} (1000 items, 40 per user, relatedness 1), target {@code "target"} (1000 items, 20 per user). */
    public static MultiDomainConfig defaults() {
        return new MultiDomainConfig(2000, 8, List.of(new Source(new Domain("source", 1000, 40, 1.0), 1.0)),
                new Domain("target", 1000, 20, 1.0), true, 4, 0, 0, false, 0.4, 0.5, 0.4, 0.8, 3.6, 1L);
    }

    /** Std of each latent coordinate: {@code sqrt(interactionStd / sqrt(rank))}, as in {@link SyntheticConfig#factorStd()}. */
    public double factorStd() {
        return Math.sqrt(interactionStd / Math.sqrt(rank));
    }

    /** Sources in order, then the target. */
    public List<Domain> domains() {
        java.util.ArrayList<Domain> all = new java.util.ArrayList<>();
        for (Source s : sources) {
            all.add(s.domain());
        }
        all.add(target);
        return List.copyOf(all);
    }

    public MultiDomainConfig withNumUsers(int n) {
        return new MultiDomainConfig(n, rank, sources, target, explicit, implicitThreshold, popularityExponent,
                activitySigma, timestamps, noiseStd, userBiasStd, itemBiasStd, interactionStd, globalMean, seed);
    }

    public MultiDomainConfig withDomains(List<Source> newSources, Domain newTarget) {
        return new MultiDomainConfig(numUsers, rank, newSources, newTarget, explicit, implicitThreshold,
                popularityExponent, activitySigma, timestamps, noiseStd, userBiasStd, itemBiasStd, interactionStd,
                globalMean, seed);
    }

    /** Explicit ratings ({@code true}) or implicit entries with rating {@code >= threshold}. */
    public MultiDomainConfig withFeedback(boolean isExplicit, double threshold) {
        return new MultiDomainConfig(numUsers, rank, sources, target, isExplicit, threshold, popularityExponent,
                activitySigma, timestamps, noiseStd, userBiasStd, itemBiasStd, interactionStd, globalMean, seed);
    }

    public MultiDomainConfig withPopularityExponent(double s) {
        return new MultiDomainConfig(numUsers, rank, sources, target, explicit, implicitThreshold, s, activitySigma,
                timestamps, noiseStd, userBiasStd, itemBiasStd, interactionStd, globalMean, seed);
    }

    public MultiDomainConfig withActivitySigma(double sigma) {
        return new MultiDomainConfig(numUsers, rank, sources, target, explicit, implicitThreshold, popularityExponent,
                sigma, timestamps, noiseStd, userBiasStd, itemBiasStd, interactionStd, globalMean, seed);
    }

    public MultiDomainConfig withTimestamps(boolean on) {
        return new MultiDomainConfig(numUsers, rank, sources, target, explicit, implicitThreshold, popularityExponent,
                activitySigma, on, noiseStd, userBiasStd, itemBiasStd, interactionStd, globalMean, seed);
    }

    public MultiDomainConfig withSeed(long s) {
        return new MultiDomainConfig(numUsers, rank, sources, target, explicit, implicitThreshold, popularityExponent,
                activitySigma, timestamps, noiseStd, userBiasStd, itemBiasStd, interactionStd, globalMean, s);
    }
}
