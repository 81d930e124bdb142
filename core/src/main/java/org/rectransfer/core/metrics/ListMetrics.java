package org.rectransfer.core.metrics;

import java.util.Arrays;

import org.rectransfer.core.data.InteractionMatrix;

/**
 * Beyond-accuracy metrics of recommendation lists: two per-user functions (novelty, intra-list
 * diversity) and three list-level functions over all users' top-k lists (catalogue coverage,
 * Gini of exposure, and the exposure counts behind them). Pure static functions.
 *
 * <p>Conventions: a list is a user's recommendation list, best first, without duplicates; only
 * its first {@code min(k, length)} entries are read (a shorter list is used as it is). In the
 * list-level functions {@code lists[u] == null} means "no list for this user" (a user the
 * {@link Evaluator} skipped) and is ignored; an empty list is a user who was evaluated but got
 * no recommendation (all candidates excluded).
 */
public final class ListMetrics {
    private ListMetrics() {
    }

    /**
     * Training popularity of every item: {@code pop(i)} = number of users with a stored entry for
     * item i in {@code train} (its column count). Length {@code train.numCols()}.
     */
    public static int[] itemPopularity(InteractionMatrix train) {
        InteractionMatrix byItem = train.transpose();
        int[] pop = new int[byItem.numRows()];
        for (int i = 0; i < pop.length; i++) {
            pop[i] = byItem.rowSize(i);
        }
        return pop;
    }

    /**
     * Novelty@k of one list as mean self-information (Zhou et al. 2010, "Solving the apparent
     * diversity-accuracy dilemma of recommender systems", PNAS 107(10)):
     * {@code (1 / L) sum_{r=1..L} -log2(pop(i_r) / N)} with {@code L = min(k, ranked.length)},
     * {@code pop} the training popularity ({@link #itemPopularity}) and {@code N} the number of
     * users with at least one training interaction.
     *
     * <p>Items never seen in training ({@code pop = 0}) are counted as if {@code pop = 1} (one
     * pseudo-observation), so their self-information is the finite maximum {@code log2 N}. In
     * {@code [0, log2 N]} (bits); higher means less popular, more novel items.
     *
     * @return novelty in bits, or {@code NaN} for an empty list (undefined)
     * @throws IllegalArgumentException if {@code k < 1}, {@code numTrainUsers < 1}, or an item's
     *                                  popularity is outside {@code [0, numTrainUsers]}
     */
    public static double novelty(int[] ranked, int k, int[] popularity, int numTrainUsers) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        if (numTrainUsers < 1) {
            throw new IllegalArgumentException("novelty needs at least one user with training data");
        }
        int limit = Math.min(k, ranked.length);
        if (limit == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int r = 0; r < limit; r++) {
            int pop = popularity[ranked[r]];
            if (pop < 0 || pop > numTrainUsers) {
                throw new IllegalArgumentException("popularity " + pop + " of item " + ranked[r] + " outside [0, "
                        + numTrainUsers + "]");
            }
            sum += log2((double) numTrainUsers / Math.max(pop, 1)); // = -log2(pop / N), never -0.0
        }
        return sum / limit;
    }

    /**
     * Intra-list diversity@k of one list (Ziegler et al. 2005, "Improving recommendation lists
     * through topic diversification", WWW): the mean dissimilarity over unordered pairs of the
     * first {@code L = min(k, ranked.length)} items,
     * {@code (2 / (L (L - 1))) sum_{r < s <= L} (1 - sim(i_r, i_s))}.
     *
     * <p>In [0, 2] in general and [0, 1] when similarities are in [0, 1] (cosine over
     * non-negative data). Independent of the order within the list.
     *
     * @return ILD, or {@code NaN} when {@code L < 2} (no pair: undefined; so ILD@1 is always NaN)
     */
    public static double intraListDiversity(int[] ranked, int k, ItemSimilarity similarity) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        int limit = Math.min(k, ranked.length);
        if (limit < 2) {
            return Double.NaN;
        }
        double[] cumulative = cumulativeDissimilarity(ranked, limit, similarity);
        return cumulative[limit] / ((double) limit * (limit - 1) / 2);
    }

    /**
     * {@code out[L]} = sum of {@code 1 - sim} over the pairs among the first L items, for
     * {@code L = 0..limit}, accumulated pair by pair in the order (s = 1, r = 0), (s = 2, r = 0),
     * (s = 2, r = 1), ... so that every prefix sum is bit-identical to a direct computation for
     * that L. Lets the {@link Evaluator} get ILD for all cutoffs from one pass.
     */
    static double[] cumulativeDissimilarity(int[] ranked, int limit, ItemSimilarity similarity) {
        double[] out = new double[limit + 1];
        double sum = 0;
        for (int s = 1; s < limit; s++) {
            for (int r = 0; r < s; r++) {
                sum += 1.0 - similarity.similarity(ranked[r], ranked[s]);
            }
            out[s + 1] = sum;
        }
        return out;
    }

    /**
     * Exposure counts: {@code c_i} = number of lists whose first {@code min(k, length)} entries
     * contain item i, for every catalogue item {@code i in [0, numItems)} (never-recommended
     * items have 0). Null lists are skipped.
     */
    public static long[] exposureCounts(int[][] lists, int k, int numItems) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        long[] counts = new long[numItems];
        for (int[] list : lists) {
            if (list == null) {
                continue;
            }
            int limit = Math.min(k, list.length);
            for (int r = 0; r < limit; r++) {
                counts[list[r]]++;
            }
        }
        return counts;
    }

    /**
     * Catalogue coverage@k (aggregate diversity; Herlocker et al. 2004, "Evaluating
     * collaborative filtering recommender systems", ACM TOIS 22(1)): the number of distinct items
     * that appear in at least one top-k list, divided by {@code numItems}. In [0, 1].
     *
     * @return coverage, or {@code NaN} when no list is present (every entry null)
     */
    public static double coverage(int[][] lists, int k, int numItems) {
        if (!anyList(lists)) {
            return Double.NaN;
        }
        long[] counts = exposureCounts(lists, k, numItems);
        int distinct = 0;
        for (long c : counts) {
            if (c > 0) {
                distinct++;
            }
        }
        return (double) distinct / numItems;
    }

    /**
     * Gini coefficient of exposure at k over the <b>whole catalogue</b> (never-recommended items
     * included with count 0), in the normalisation of Shani &amp; Gunawardana 2011 ("Evaluating
     * recommendation systems", Recommender Systems Handbook):
     * {@code G = (1 / (n - 1)) sum_{j=1..n} (2j - n - 1) p_(j)} with {@code p_(j)} the exposure
     * shares {@code c_i / sum c} sorted ascending and {@code n = numItems}. Equivalently
     * {@code G = sum_{i,j} |c_i - c_j| / (2 (n - 1) sum c)}.
     *
     * <p>Range [0, 1]: 0 = every item recommended equally often, 1 = a single item gets every
     * exposure. (Dividing by {@code n} instead of {@code n - 1}, the textbook sample Gini used
     * e.g. by RecBole, gives {@code n/(n-1)} times less, maximum {@code (n-1)/n}; not this one.)
     * With {@code n = 1} the value is 0.
     *
     * @return Gini, or {@code NaN} when nothing was recommended (every list null or empty)
     */
    public static double gini(int[][] lists, int k, int numItems) {
        return gini(exposureCounts(lists, k, numItems));
    }

    /** {@link #gini(int[][], int, int)} from exposure counts (one per catalogue item, each {@code >= 0}). */
    public static double gini(long[] counts) {
        int n = counts.length;
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        long total = 0;
        long weighted = 0;
        for (int j = 0; j < n; j++) {
            if (sorted[j] < 0) {
                throw new IllegalArgumentException("negative exposure count " + sorted[j]);
            }
            total += sorted[j];
            weighted += (2L * (j + 1) - n - 1) * sorted[j];
        }
        if (total == 0) {
            return Double.NaN;
        }
        if (n == 1) {
            return 0.0;
        }
        return (double) weighted / ((double) (n - 1) * total);
    }

    private static boolean anyList(int[][] lists) {
        for (int[] list : lists) {
            if (list != null) {
                return true;
            }
        }
        return false;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
