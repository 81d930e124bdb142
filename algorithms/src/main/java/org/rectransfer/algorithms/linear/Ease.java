package org.rectransfer.algorithms.linear;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;

/**
 * EASE^R, the embarrassingly shallow autoencoder (Steck, "Embarrassingly shallow autoencoders
 * for sparse data", WWW 2019): the item-item weight matrix minimising
 * {@code |X - X B|_F^2 + lambda |B|_F^2} subject to {@code diag(B) = 0}, in closed form
 *
 * <pre>
 *   P = (X^T X + lambda I)^-1,   B = I - P diag(1 / diag(P)),  i.e.  B_ij = -P_ij / P_jj (i != j), B_jj = 0
 * </pre>
 *
 * and a user is scored by {@code x_u B}. {@code X} is the binary users x items matrix (every
 * stored entry counts as 1, also for explicit ratings, as in Steck's experiments). The inverse is
 * computed by EJML's Cholesky solver (single-threaded, deterministic); the Gram matrix by
 * {@link ItemGram} in fixed blocks. Bit-identical for any thread count; no randomness.
 *
 * <p>Memory: fitting holds two dense {@code n x n} double matrices and the model one float
 * matrix, about {@code 20 n^2} bytes at the peak ({@code n} = items): 57 MB for MovieLens-100K's
 * 1682 items, 500 MB for 5000, 2 GB for 10000; time is {@code O(n^3)}. Fitting refuses more than
 * {@code maxItems} items with a message naming the parameter. Scoring a user costs
 * {@code O(|N(u)| n)} without allocation; a user without training data scores 0 for every item
 * (ties by item index), and so does an item without training data for every user.
 * Id {@code ease}.
 */
public final class Ease implements Algorithm<Ease.Config> {

    /**
     * @param lambda   L2 weight, > 0 (default 500: Steck's value for ML-20M, and the best of
     *                 100 to 1000 on ML-100K u1)
     * @param maxItems largest item count to fit, >= 1 (default 5000, about 500 MB at the peak; see
     *                 the class comment)
     */
    public record Config(double lambda, int maxItems) {
        public Config {
            Checks.positive("lambda", lambda);
            Checks.positive("maxItems", maxItems);
        }
    }

    @Override
    public String id() {
        return "ease";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(500.0, 5000);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public Recommender fit(InteractionMatrix train, Config config, RunContext ctx) {
        int n = train.numCols();
        if (n > config.maxItems()) {
            long mb = (20L * n * n) >> 20;
            throw new IllegalArgumentException("ease: " + n + " items exceed maxItems = " + config.maxItems()
                    + "; the dense item-item fit needs about " + mb + " MB and O(n^3) time. Raise maxItems if that"
                    + " fits the heap, or use slim or a factor model");
        }
        if (n > ItemGram.MAX_DENSE_ITEMS) {
            throw new IllegalArgumentException("ease: " + n + " items exceed the largest dense matrix ("
                    + ItemGram.MAX_DENSE_ITEMS + ")");
        }
        DMatrixRMaj g = ItemGram.compute(train, true, ctx.threads());
        for (int i = 0; i < n; i++) {
            g.data[i * n + i] += config.lambda();
        }
        ctx.checkCancelled("ease");
        float[] b = weights(g, n);
        ctx.progress().report("ease", 1, 1);
        return new ItemItemModel(train, b);
    }

    /** {@code B} (row-major float, n x n) from {@code G + lambda I} (which is overwritten). */
    static float[] weights(DMatrixRMaj regularizedGram, int n) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(n);
        if (!solver.setA(regularizedGram)) {
            throw new IllegalStateException("ease: X^T X + lambda I is not positive definite");
        }
        DMatrixRMaj p = new DMatrixRMaj(n, n);
        solver.invert(p);
        float[] b = new float[n * n];
        double[] pd = p.data;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                b[row + j] = i == j ? 0f : (float) (-pd[row + j] / pd[j * n + j]);
            }
        }
        return b;
    }
}
