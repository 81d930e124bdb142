package org.rectransfer.datasets.synthetic;

/**
 * Parameters of {@link SyntheticCrossDomain}: a two-domain (source, target) explicit-rating data
 * set from a biased matrix-factorisation model whose user tastes are correlated across domains by
 * {@code relatedness}. Every field is validated; defaults are the {@code DEFAULT_*} constants
 * ({@link #defaults()}).
 *
 * @param numUsers                 users in total, ids {@code "1".."numUsers"} (default 2000; {@code >= 1})
 * @param numSourceItems           source items, ids {@code "1".."numSourceItems"} (default 1000; {@code >= 1})
 * @param numTargetItems           target items, ids {@code "1".."numTargetItems"} (default 1000; {@code >= 1})
 * @param rank                     latent dimension k (default 8; {@code >= 1})
 * @param relatedness              rho in [0, 1]: correlation of a user's source and target latent
 *                                 vector and bias (default 1.0; 0 = unrelated domains, 1 = same tastes)
 * @param overlapFraction          share of users present in both domains, in (0, 1] (default 1.0);
 *                                 {@code max(1, round(overlapFraction * numUsers))} users are in both,
 *                                 the rest split into source-only ({@code floor(rest / 2)}) and
 *                                 target-only users (the remainder)
 * @param meanSourceRatingsPerUser mean number of ratings per user in the source, {@code >= 3} (default 40)
 * @param meanTargetRatingsPerUser mean number of ratings per user in the target, {@code >= 3} (default 20)
 * @param noiseStd                 std of the Gaussian rating noise, {@code >= 0} (default 0.4)
 * @param userBiasStd              std of user biases, {@code >= 0} (default 0.5)
 * @param itemBiasStd              std of item biases, {@code >= 0} (default 0.4)
 * @param interactionStd           std of the dot product {@code p_u . q_i}, {@code >= 0} (default 0.8)
 * @param globalMean               global mean before rounding, finite (default 3.6)
 * @param seed                     master seed of all random streams (default 1)
 */
public record SyntheticConfig(
        int numUsers,
        int numSourceItems,
        int numTargetItems,
        int rank,
        double relatedness,
        double overlapFraction,
        double meanSourceRatingsPerUser,
        double meanTargetRatingsPerUser,
        double noiseStd,
        double userBiasStd,
        double itemBiasStd,
        double interactionStd,
        double globalMean,
        long seed) {

    public static final int DEFAULT_NUM_USERS = 2000;
    public static final int DEFAULT_NUM_SOURCE_ITEMS = 1000;
    public static final int DEFAULT_NUM_TARGET_ITEMS = 1000;
    public static final int DEFAULT_RANK = 8;
    public static final double DEFAULT_RELATEDNESS = 1.0;
    public static final double DEFAULT_OVERLAP_FRACTION = 1.0;
    public static final double DEFAULT_MEAN_SOURCE_RATINGS_PER_USER = 40;
    public static final double DEFAULT_MEAN_TARGET_RATINGS_PER_USER = 20;
    public static final double DEFAULT_NOISE_STD = 0.4;
    public static final double DEFAULT_USER_BIAS_STD = 0.5;
    public static final double DEFAULT_ITEM_BIAS_STD = 0.4;
    public static final double DEFAULT_INTERACTION_STD = 0.8;
    public static final double DEFAULT_GLOBAL_MEAN = 3.6;
    public static final long DEFAULT_SEED = 1L;

    public SyntheticConfig {
        atLeast("numUsers", numUsers, 1);
        atLeast("numSourceItems", numSourceItems, 1);
        atLeast("numTargetItems", numTargetItems, 1);
        atLeast("rank", rank, 1);
        if (!(relatedness >= 0 && relatedness <= 1)) {
            throw new IllegalArgumentException("relatedness must be in [0, 1], got " + relatedness);
        }
        if (!(overlapFraction > 0 && overlapFraction <= 1)) {
            throw new IllegalArgumentException("overlapFraction must be in (0, 1], got " + overlapFraction);
        }
        if (!(meanSourceRatingsPerUser >= 3) || Double.isInfinite(meanSourceRatingsPerUser)) {
            throw new IllegalArgumentException("meanSourceRatingsPerUser must be finite and >= 3, got "
                    + meanSourceRatingsPerUser);
        }
        if (!(meanTargetRatingsPerUser >= 3) || Double.isInfinite(meanTargetRatingsPerUser)) {
            throw new IllegalArgumentException("meanTargetRatingsPerUser must be finite and >= 3, got "
                    + meanTargetRatingsPerUser);
        }
        nonNegative("noiseStd", noiseStd);
        nonNegative("userBiasStd", userBiasStd);
        nonNegative("itemBiasStd", itemBiasStd);
        nonNegative("interactionStd", interactionStd);
        if (!Double.isFinite(globalMean)) {
            throw new IllegalArgumentException("globalMean must be finite, got " + globalMean);
        }
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", got " + value);
        }
    }

    private static void nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, got " + value);
        }
    }

    /** All defaults. */
    public static SyntheticConfig defaults() {
        return new SyntheticConfig(DEFAULT_NUM_USERS, DEFAULT_NUM_SOURCE_ITEMS, DEFAULT_NUM_TARGET_ITEMS, DEFAULT_RANK,
                DEFAULT_RELATEDNESS, DEFAULT_OVERLAP_FRACTION, DEFAULT_MEAN_SOURCE_RATINGS_PER_USER,
                DEFAULT_MEAN_TARGET_RATINGS_PER_USER, DEFAULT_NOISE_STD, DEFAULT_USER_BIAS_STD, DEFAULT_ITEM_BIAS_STD,
                DEFAULT_INTERACTION_STD, DEFAULT_GLOBAL_MEAN, DEFAULT_SEED);
    }

    /** Std of each coordinate of the latent vectors: {@code sqrt(interactionStd / sqrt(rank))}. */
    public double factorStd() {
        return Math.sqrt(interactionStd / Math.sqrt(rank));
    }

    /** Users present in both domains: {@code max(1, round(overlapFraction * numUsers))}. */
    public int numOverlappingUsers() {
        return (int) Math.max(1, Math.round(overlapFraction * numUsers));
    }

    /** Users present only in the source: half of the non-overlapping users, rounded down. */
    public int numSourceOnlyUsers() {
        return (numUsers - numOverlappingUsers()) / 2;
    }

    /** Users present only in the target: the remaining non-overlapping users. */
    public int numTargetOnlyUsers() {
        return numUsers - numOverlappingUsers() - numSourceOnlyUsers();
    }

    public SyntheticConfig withSeed(long s) {
        return new SyntheticConfig(numUsers, numSourceItems, numTargetItems, rank, relatedness, overlapFraction,
                meanSourceRatingsPerUser, meanTargetRatingsPerUser, noiseStd, userBiasStd, itemBiasStd, interactionStd,
                globalMean, s);
    }

    public SyntheticConfig withRelatedness(double rho) {
        return new SyntheticConfig(numUsers, numSourceItems, numTargetItems, rank, rho, overlapFraction,
                meanSourceRatingsPerUser, meanTargetRatingsPerUser, noiseStd, userBiasStd, itemBiasStd, interactionStd,
                globalMean, seed);
    }

    public SyntheticConfig withOverlapFraction(double fraction) {
        return new SyntheticConfig(numUsers, numSourceItems, numTargetItems, rank, relatedness, fraction,
                meanSourceRatingsPerUser, meanTargetRatingsPerUser, noiseStd, userBiasStd, itemBiasStd, interactionStd,
                globalMean, seed);
    }

    /** This config with another number of users and of source and target items. */
    public SyntheticConfig withSize(int users, int sourceItems, int targetItems) {
        return new SyntheticConfig(users, sourceItems, targetItems, rank, relatedness, overlapFraction,
                meanSourceRatingsPerUser, meanTargetRatingsPerUser, noiseStd, userBiasStd, itemBiasStd, interactionStd,
                globalMean, seed);
    }

    /** This config with other mean numbers of ratings per user in source and target. */
    public SyntheticConfig withRatingsPerUser(double source, double target) {
        return new SyntheticConfig(numUsers, numSourceItems, numTargetItems, rank, relatedness, overlapFraction,
                source, target, noiseStd, userBiasStd, itemBiasStd, interactionStd, globalMean, seed);
    }
}
