/**
 * Model fusion (model-based transfer by combining fitted models): {@link
 * org.rectransfer.algorithms.ensemble.Stacking} blends several transfer strategies with weights
 * fitted on an inner split of the target training data (Wolpert 1992; Breiman 1996; Netflix-prize
 * blending), and {@link org.rectransfer.algorithms.ensemble.MultiSourceEnsemble} fits one
 * single-source model per source domain plus a target-only model and blends them with the same
 * machinery ({@code StackedFit}). The experiment's validation and test data are never reachable:
 * every weight is fitted on ratings hidden from the strategy's own training data.
 */
package org.rectransfer.algorithms.ensemble;
