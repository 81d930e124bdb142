package org.rectransfer.algorithms.knn;

/**
 * Similarity between two <em>entities</em> {@code a}, {@code b} (items for {@link ItemKnn},
 * users for {@link UserKnn}) computed from their ratings by the <em>context</em> entities (users
 * for item-KNN, items for user-KNN). Notation: {@code R(a)} is the set of contexts that rated
 * {@code a}, {@code C = R(a) ∩ R(b)} the co-rated contexts, {@code n = |C|}, and {@code x_ca}
 * the (possibly centred) value of context {@code c} for entity {@code a}; every sum below runs
 * over {@code C} unless it says otherwise.
 *
 * <p>A measure is <em>undefined</em> when {@code n = 0} or a denominator is 0; undefined and
 * non-positive similarities never become neighbours. Every defined value is then shrunk toward
 * 0 by its support: {@code s' = s * n / (n + shrinkage)} (Koren 2010,
 * "Factor in the neighbors", Sec. 2.2; the same role as the significance weighting of
 * Herlocker et al. 1999).
 *
 * <p>All measures are symmetric, and the implementation computes {@code s(a, b)} and
 * {@code s(b, a)} with the same floating-point operations in the same order, so the stored
 * values are bit-identical in both directions.
 */
public enum Similarity {
    /**
     * Vector cosine of the raw rating vectors with missing ratings as 0 (Sarwar et al. 2001,
     * "Item-based collaborative filtering recommendation algorithms", WWW, Sec. 3.1.1):
     * {@code sum_C r_ca r_cb / (sqrt(sum_{R(a)} r_ca^2) * sqrt(sum_{R(b)} r_cb^2))}. The norms run
     * over <em>all</em> ratings of each entity. On implicit data (all values 1) this is
     * {@code n / sqrt(|R(a)| |R(b)|)}.
     */
    COSINE,
    /**
     * Pearson correlation over the co-rated contexts, each entity centred on its mean over
     * {@code C} (Sarwar et al. 2001, Sec. 3.1.2; Herlocker et al. 1999, "An algorithmic framework
     * for performing collaborative filtering", SIGIR):
     * {@code sum (r_ca - m_a)(r_cb - m_b) / sqrt(sum (r_ca - m_a)^2 * sum (r_cb - m_b)^2)} with
     * {@code m_a = sum_C r_ca / n}. Undefined when either entity is constant on {@code C} (so
     * always for {@code n = 1}). Explicit data only.
     */
    PEARSON,
    /**
     * Adjusted cosine (Sarwar et al. 2001, Sec. 3.1.3): ratings centred on the mean of the
     * <em>context</em> entity over all its training ratings, {@code x_ca = r_ca - mean(c)}, then
     * {@code sum x_ca x_cb / sqrt(sum x_ca^2 * sum x_cb^2)}. For item-KNN the context is the user
     * (Sarwar's definition); for user-KNN it is the item (the transposed analogue). Explicit data
     * only.
     */
    ADJUSTED_COSINE,
    /**
     * Jaccard index of the rating sets, values ignored: {@code n / (|R(a)| + |R(b)| - n)}.
     */
    JACCARD,
    /**
     * Pearson-style correlation of baseline residuals (Koren 2010, "Factor in the neighbors:
     * scalable and accurate collaborative filtering", ACM TKDD 4(1), Sec. 2.2):
     * {@code x_ca = r_ca - b_ca} with the damped user-item baseline
     * {@code b_ui = mu + b_u + b_i} of {@link org.rectransfer.algorithms.baseline.BiasBaseline}
     * (with the config's dampings), then
     * {@code sum x_ca x_cb / sqrt(sum x_ca^2 * sum x_cb^2)}. The residuals are not re-centred on
     * {@code C}. Explicit data only.
     */
    BASELINE_PEARSON;

    /** True for the measures that need rating values (explicit data). */
    public boolean needsRatings() {
        return this == PEARSON || this == ADJUSTED_COSINE || this == BASELINE_PEARSON;
    }
}
