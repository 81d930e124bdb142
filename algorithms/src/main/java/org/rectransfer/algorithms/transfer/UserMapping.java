package org.rectransfer.algorithms.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.spi.TransferTask;

/**
 * A linear map from a user's source representation to target user parameters, learned by
 * ridge regression on the overlapping training users (EMCDR's linear mapping, Man et al. 2017).
 *
 * <p>The input {@code x_u} concatenates, for every source, the user's source factors (and source
 * bias when {@code transferBias}), plus a constant 1 when {@code intercept}; a user absent from
 * a source has zeros in that source's block. The output is the target factors (and target
 * bias when {@code transferBias}). Immutable; {@link #map} is thread-safe. The closed-form
 * {@link #ridge} solve is public for other mapping strategies (TCA maps transfer components).
 */
public final class UserMapping {
    private final int k;
    private final boolean transferBias;
    private final boolean intercept;
    private final int numSources;
    private final DMatrixRMaj weights; // dimIn x dimOut

    private UserMapping(int k, boolean transferBias, boolean intercept, int numSources, DMatrixRMaj weights) {
        this.k = k;
        this.transferBias = transferBias;
        this.intercept = intercept;
        this.numSources = numSources;
        this.weights = weights;
    }

    /**
     * Fits {@code W = argmin sum_u |x_u W - y_u|^2 + lambda |W|^2} over users with target
     * training data and data in some source.
     */
    static UserMapping fitRidge(TransferTask task, List<FactorModel> sources, FactorModel target, boolean transferBias,
                                boolean intercept, double lambda) {
        int k = target.rank();
        int numSources = sources.size();
        int dimIn = inputDim(k, numSources, transferBias, intercept);
        int dimOut = k + (transferBias ? 1 : 0);
        List<Integer> pairUsers = new ArrayList<>();
        for (int u = 0; u < task.numUsers(); u++) {
            if (task.targetTrain().rowSize(u) > 0 && DomainModels.hasSourceData(task, u)) {
                pairUsers.add(u);
            }
        }
        if (pairUsers.isEmpty()) {
            throw new IllegalArgumentException("no user has both target training data and source data: "
                    + "a source-to-target map cannot be learned");
        }
        UserMapping shape = new UserMapping(k, transferBias, intercept, numSources, null);
        DMatrixRMaj x = new DMatrixRMaj(pairUsers.size(), dimIn);
        DMatrixRMaj y = new DMatrixRMaj(pairUsers.size(), dimOut);
        float[] rowIn = new float[dimIn];
        float[] rowOut = new float[dimOut];
        for (int r = 0; r < pairUsers.size(); r++) {
            int u = pairUsers.get(r);
            shape.features(task, sources, u, rowIn);
            target.copyUserFactors(u, rowOut, 0);
            if (transferBias) {
                rowOut[k] = target.userBias(u);
            }
            for (int c = 0; c < dimIn; c++) {
                x.set(r, c, rowIn[c]);
            }
            for (int c = 0; c < dimOut; c++) {
                y.set(r, c, rowOut[c]);
            }
        }
        return new UserMapping(k, transferBias, intercept, numSources, ridge(x, y, lambda));
    }

    /**
     * The identity map from the single source's factors (and bias) to the target's: for
     * fine-tuning, where the target model is trained starting from the source user factors.
     */
    static UserMapping identity(int k, int numSources, boolean transferBias) {
        if (numSources != 1) {
            throw new IllegalArgumentException("the identity map needs exactly one source domain, got " + numSources);
        }
        int dim = k + (transferBias ? 1 : 0);
        DMatrixRMaj w = new DMatrixRMaj(dim, dim);
        for (int i = 0; i < dim; i++) {
            w.set(i, i, 1.0);
        }
        return new UserMapping(k, transferBias, false, 1, w);
    }

    private static int inputDim(int k, int numSources, boolean transferBias, boolean intercept) {
        return numSources * (k + (transferBias ? 1 : 0)) + (intercept ? 1 : 0);
    }

    /** Writes x_u into {@code out} (length {@link #inputDim}). */
    private void features(TransferTask task, List<FactorModel> sources, int u, float[] out) {
        int block = k + (transferBias ? 1 : 0);
        for (int s = 0; s < numSources; s++) {
            int off = s * block;
            if (task.sources().get(s).interactions().rowSize(u) > 0) {
                sources.get(s).copyUserFactors(u, out, off);
                if (transferBias) {
                    out[off + k] = sources.get(s).userBias(u);
                }
            } else {
                Arrays.fill(out, off, off + block, 0f);
            }
        }
        if (intercept) {
            out[out.length - 1] = 1f;
        }
    }

    /**
     * Maps user {@code u}: writes k factors to {@code factorsOut[u * k ..]} and, when biases are
     * mapped, the bias to {@code biasOut[u]} (left unchanged otherwise).
     */
    void map(TransferTask task, List<FactorModel> sources, int u, float[] factorsOut, float[] biasOut) {
        float[] in = new float[weights.numRows];
        features(task, sources, u, in);
        for (int c = 0; c < weights.numCols; c++) {
            double v = 0;
            for (int j = 0; j < in.length; j++) {
                v += in[j] * weights.get(j, c);
            }
            if (c < k) {
                factorsOut[u * k + c] = (float) v;
            } else {
                biasOut[u] = (float) v;
            }
        }
    }

    /** Solves {@code (X^T X + lambda I) W = X^T Y} by Cholesky (QR least squares if singular). */
    public static DMatrixRMaj ridge(DMatrixRMaj x, DMatrixRMaj y, double lambda) {
        return ridge(x, y, lambda, false);
    }

    /**
     * Solves {@code (X^T X + lambda D) W = X^T Y} by Cholesky, with {@code D} the identity, or
     * the identity except 0 for the last input when {@code lastUnpenalised} (an intercept column
     * of ones that the ridge must not shrink). If the system is not positive definite: least
     * squares by QR without the penalty, or, when the last input is unpenalised, the
     * pseudo-inverse of the penalised system.
     */
    public static DMatrixRMaj ridge(DMatrixRMaj x, DMatrixRMaj y, double lambda, boolean lastUnpenalised) {
        int d = x.numCols;
        DMatrixRMaj xtx = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(x, x, xtx);
        for (int i = 0; i < (lastUnpenalised ? d - 1 : d); i++) {
            xtx.add(i, i, lambda);
        }
        DMatrixRMaj xty = new DMatrixRMaj(d, y.numCols);
        CommonOps_DDRM.multTransA(x, y, xty);
        DMatrixRMaj w = new DMatrixRMaj(d, y.numCols);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(d);
        if (solver.setA(xtx.copy())) {
            solver.solve(xty, w);
            return w;
        }
        LinearSolverDense<DMatrixRMaj> fallback = lastUnpenalised ? LinearSolverFactory_DDRM.pseudoInverse(true)
                : LinearSolverFactory_DDRM.leastSquares(x.numRows, d);
        if (!fallback.setA(lastUnpenalised ? xtx.copy() : x.copy())) {
            throw new IllegalStateException("mapping regression is singular; raise the mapping regularization");
        }
        fallback.solve(lastUnpenalised ? xty : y, w);
        return w;
    }
}
