package org.rectransfer.algorithms.factor;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.rectransfer.algorithms.linear.ItemGram;
import org.rectransfer.algorithms.mf.Checks;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.algorithms.mf.Gaussian;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Algorithm;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.util.Parallel;

/**
 * PureSVD (Cremonesi, Koren &amp; Turrin, "Performance of recommender algorithms on top-N
 * recommendation tasks", RecSys 2010, Sec. 4.3): the truncated SVD {@code R ~ U_k S_k Q^T} of
 * the users x items matrix {@code R} with missing entries as 0 (stored values as entries: ratings
 * for explicit data, 1 for implicit data). A user is scored by {@code r_u Q Q^T}, i.e. the
 * fitted model stores {@code p_u = r_u Q} and {@code q_i} and scores {@code p_u . q_i}. Only
 * {@code Q} (the top-k right singular vectors) is needed, obtained as eigenvectors of
 * {@code R^T R}:
 *
 * <ul>
 *   <li>{@link Solver#GRAM}: dense {@code R^T R} ({@link ItemGram}) and EJML's symmetric eigen
 *   decomposition (all n eigenpairs); exact, but {@code O(n^3)} time with a large constant and
 *   {@code 16 n^2} bytes for {@code n} items: MovieLens-100K's 1682 items take about 30 s;</li>
 *   <li>{@link Solver#RANDOMIZED}: randomized subspace iteration (Halko, Martinsson &amp; Tropp,
 *   "Finding structure with randomness", SIAM Review 2011, Alg. 4.4) with
 *   {@code l = k + oversampling} Gaussian test vectors from {@code ctx.random("pure-svd-sketch")}
 *   and {@code powerIterations} passes of {@code R^T R}, orthonormalised by QR after every pass,
 *   then the exact eigenvectors of the small {@code l x l} matrix {@code (R V)^T (R V)}; uses only
 *   sparse products, {@code O(nnz l)} per pass and {@code O(n l)} memory (about 1 s on
 *   MovieLens-100K, where its top-10 accuracy equals GRAM's to 3 digits);</li>
 *   <li>{@link Solver#AUTO} (default): GRAM for at most {@value #AUTO_GRAM_MAX_ITEMS} items,
 *   RANDOMIZED above.</li>
 * </ul>
 *
 * <p>The rank is {@code min(factors, numItems)}. Eigenvectors are ordered by decreasing
 * eigenvalue (ties by index); their signs do not affect scores. A user without training data has
 * {@code r_u = 0} and scores 0 for every item (ties by item index). Sparse products run in fixed
 * blocks; EJML's decompositions are single-threaded: bit-identical for any thread count (and,
 * with GRAM, independent of the seed). Scores are on no rating scale: PureSVD is a ranking
 * model. Id {@code pure-svd}.
 */
public final class PureSvd implements Algorithm<PureSvd.Config> {

    /** How {@code Q} is computed; see the class comment. */
    public enum Solver { AUTO, GRAM, RANDOMIZED }

    /** Largest item count for which {@link Solver#AUTO} picks the exact Gram solver. */
    public static final int AUTO_GRAM_MAX_ITEMS = 500;

    static final int BLOCK = 256;

    /**
     * @param factors         rank k, >= 1 (default 50: Cremonesi et al.'s best on MovieLens)
     * @param solver          how to compute Q (default AUTO)
     * @param oversampling    extra random vectors of RANDOMIZED, >= 0 (default 10)
     * @param powerIterations power iterations of RANDOMIZED, >= 0 (default 4)
     */
    public record Config(int factors, Solver solver, int oversampling, int powerIterations) {
        public Config {
            Checks.positive("factors", factors);
            if (solver == null) {
                throw new IllegalArgumentException("solver must be one of AUTO, GRAM, RANDOMIZED");
            }
            if (oversampling < 0) {
                throw new IllegalArgumentException("oversampling must be >= 0, was " + oversampling);
            }
            if (powerIterations < 0) {
                throw new IllegalArgumentException("powerIterations must be >= 0, was " + powerIterations);
            }
        }
    }

    @Override
    public String id() {
        return "pure-svd";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(50, Solver.AUTO, 10, 4);
    }

    @Override
    public Determinism determinism() {
        return Determinism.BIT_IDENTICAL;
    }

    @Override
    public FactorModel fit(InteractionMatrix train, Config config, RunContext ctx) {
        if (train.nnz() == 0) {
            throw new IllegalArgumentException("pure-svd needs at least one training interaction");
        }
        int numUsers = train.numRows();
        int n = train.numCols();
        int k = Math.min(config.factors(), n);
        Solver solver = config.solver();
        if (solver == Solver.AUTO) {
            solver = n <= AUTO_GRAM_MAX_ITEMS ? Solver.GRAM : Solver.RANDOMIZED;
        }
        ctx.checkCancelled("pure-svd");
        float[] q = solver == Solver.GRAM ? gramSolve(train, k, ctx.threads())
                : randomizedSolve(train, k, config.oversampling(), config.powerIterations(), ctx);
        // p_u = r_u Q
        float[] p = new float[numUsers * k];
        Parallel.forBlocks(numUsers, BLOCK, ctx.threads(), (block, from, to) -> {
            double[] acc = new double[k];
            for (int u = from; u < to; u++) {
                java.util.Arrays.fill(acc, 0.0);
                for (int x = train.rowStart(u); x < train.rowEnd(u); x++) {
                    double v = train.value(x);
                    int o = train.col(x) * k;
                    for (int f = 0; f < k; f++) {
                        acc[f] += v * q[o + f];
                    }
                }
                for (int f = 0; f < k; f++) {
                    p[u * k + f] = (float) acc[f];
                }
            }
        });
        ctx.progress().report("pure-svd", 1, 1);
        return new FactorModel(numUsers, n, k, 0.0, new float[numUsers], new float[n], p, q);
    }

    /** The top-k eigenvectors of the dense {@code R^T R}, as an {@code n x k} row-major float array. */
    private static float[] gramSolve(InteractionMatrix train, int k, int threads) {
        DMatrixRMaj gram = ItemGram.compute(train, false, threads);
        return topEigenvectors(gram, k, null);
    }

    /**
     * The top-k eigenvectors of the symmetric {@code c} ({@code m x m}), mapped through
     * {@code basis} ({@code n x m}, or {@code null} for the identity), as an {@code n x k} array.
     */
    private static float[] topEigenvectors(DMatrixRMaj c, int k, DMatrixRMaj basis) {
        int m = c.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(c)) {
            throw new IllegalStateException("pure-svd: eigen decomposition failed");
        }
        int found = eig.getNumberOfEigenvalues();
        Integer[] idx = new Integer[found];
        double[] values = new double[found];
        for (int j = 0; j < found; j++) {
            idx[j] = j;
            values[j] = eig.getEigenvalue(j).getReal();
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            int cmp = Double.compare(values[b], values[a]);
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        int n = basis == null ? m : basis.numRows;
        float[] q = new float[n * k];
        for (int f = 0; f < Math.min(k, found); f++) {
            DMatrixRMaj v = eig.getEigenVector(idx[f]);
            if (v == null) {
                throw new IllegalStateException("pure-svd: missing eigenvector");
            }
            for (int i = 0; i < n; i++) {
                double s;
                if (basis == null) {
                    s = v.get(i, 0);
                } else {
                    s = 0;
                    for (int j = 0; j < m; j++) {
                        s += basis.get(i, j) * v.get(j, 0);
                    }
                }
                q[i * k + f] = (float) s;
            }
        }
        return q;
    }

    private static float[] randomizedSolve(InteractionMatrix train, int k, int oversampling, int powerIterations,
                                           RunContext ctx) {
        int n = train.numCols();
        int numUsers = train.numRows();
        int l = Math.min(n, k + oversampling);
        SplittableRandom rng = ctx.random("pure-svd-sketch");
        DMatrixRMaj v = new DMatrixRMaj(n, l);
        float[] tmp = new float[n * l];
        Gaussian.fill(tmp, 0, tmp.length, 1.0, rng);
        for (int x = 0; x < tmp.length; x++) {
            v.data[x] = tmp[x];
        }
        DMatrixRMaj y = new DMatrixRMaj(numUsers, l);
        DMatrixRMaj z = new DMatrixRMaj(n, l);
        InteractionMatrix byItem = train.transpose();
        for (int t = 0; t <= powerIterations; t++) {
            ctx.checkCancelled("pure-svd");
            multiply(train, v, y, ctx.threads());
            multiply(byItem, y, z, ctx.threads());
            v = orthonormalize(z);
        }
        multiply(train, v, y, ctx.threads());
        DMatrixRMaj c = new DMatrixRMaj(l, l);
        CommonOps_DDRM.multTransA(y, y, c);
        return topEigenvectors(c, k, v);
    }

    /** {@code out = m * dense} for a sparse {@code m} (rows x cols) and dense {@code dense} (cols x l). */
    private static void multiply(InteractionMatrix m, DMatrixRMaj dense, DMatrixRMaj out, int threads) {
        int l = dense.numCols;
        double[] d = dense.data;
        double[] o = out.data;
        Parallel.forBlocks(m.numRows(), BLOCK, threads, (block, from, to) -> {
            for (int r = from; r < to; r++) {
                int ro = r * l;
                java.util.Arrays.fill(o, ro, ro + l, 0.0);
                for (int x = m.rowStart(r); x < m.rowEnd(r); x++) {
                    double w = m.value(x);
                    int co = m.col(x) * l;
                    for (int j = 0; j < l; j++) {
                        o[ro + j] += w * d[co + j];
                    }
                }
            }
        });
    }

    /** An orthonormal basis (thin Q of a Householder QR) of the columns of {@code a}. */
    private static DMatrixRMaj orthonormalize(DMatrixRMaj a) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(a.numRows, a.numCols);
        DMatrixRMaj copy = a.copy();
        if (!qr.decompose(copy)) {
            throw new IllegalStateException("pure-svd: QR decomposition failed");
        }
        return qr.getQ(null, true);
    }
}
