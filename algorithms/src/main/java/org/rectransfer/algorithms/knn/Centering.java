package org.rectransfer.algorithms.knn;

/**
 * What a neighbourhood model's rating prediction is centred on: the prediction is
 * {@code b(u, i)} plus a similarity-weighted average of the neighbours' residuals
 * {@code r - b(., .)}, and {@code b(u, i)} alone when there is no neighbour.
 */
public enum Centering {
    /**
     * The damped user-item baseline {@code b(u, i) = mu + b_u + b_i} of
     * {@link org.rectransfer.algorithms.baseline.BiasBaseline} (Koren 2010, Sec. 2.1), with the
     * config's item and user damping.
     */
    BASELINE,
    /**
     * The plain mean of the predicted entity: item-KNN uses the item's mean training rating
     * {@code b(u, i) = mean(i)} (Sarwar et al. 2001's weighted sum, mean-centred), user-KNN the
     * user's mean {@code b(u, i) = mean(u)} (Resnick et al. 1994; Herlocker et al. 1999). An
     * entity without training ratings gets the global mean.
     */
    MEAN
}
