package org.rectransfer.algorithms.collective;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.rectransfer.algorithms.factor.DenseMath;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.util.Parallel;

/**
 * The collective tri-factorisation kernel shared by {@link Tcf} and {@link Clfm}: several rating
 * matrices {@code R_0 .. R_{D-1}} over the same users (domain 0 is the target) are factorised as
 *
 * <pre>
 *   R_d(u,i) ~ mu_d + b_u^(d) + c_i^(d) + U_u B_d V_di^T
 * </pre>
 *
 * with one user factor matrix {@code U} (n x k) shared by all domains, per-domain item factors
 * {@code V_d} (m_d x k) and per-domain core ("pattern") matrices {@code B_d} (k x k) whose first
 * {@code sharedCoreColumns} columns are one common block {@code S_0} shared by every domain
 * (CLFM) and whose other columns are domain-specific (all of them for TCF). {@code mu_d} is the
 * domain's mean value (fixed); the biases are optional; the user bias is either one per user for
 * all domains or one per user and domain.
 *
 * <p>Objective (regularisation per observation on the factors, as in ALS-WR and in the TCF
 * reference code, and on the cores; constant on biases):
 *
 * <pre>
 *   J = sum_d w_d sum_{(u,i) in R_d} [ e_dui^2 + lambda (|U_u|^2 + |V_di|^2) ]
 *       + lambda_b (sum of all squared user and item biases)
 *       + beta sum_theta N_theta theta^2   (theta: core parameters, the shared block once; N_theta
 *         the weighted number of observations theta explains: sum_d w_d |R_d| for the shared
 *         block, w_d |R_d| for domain d's specific block)
 * </pre>
 *
 * <p>Algorithm: block-coordinate descent where each block is minimised exactly. One iteration is
 * (1) the user step: for each user, {@code [U_u, b_u]} by a regularised least-squares solve over
 * the user's ratings in every domain, with item features {@code B_d V_di^T}; (2) the item step:
 * for each domain and item, {@code [V_di, c_di]} with user features {@code U_u B_d}; (3) the core
 * step: all core parameters at once, by the closed-form least-squares solution (the prediction is
 * linear in {@code vec(B_d)} with feature {@code U_u (x) V_di}; the normal equations are
 * accumulated per user as {@code (U_u U_u^T) (x) (sum_i V_di V_di^T)}). Every step minimises
 * {@code J} over its block with the rest fixed, so {@code J} never increases (checked by a test).
 *
 * <p>Orthonormal mode (CSVD): after the user step {@code U} is replaced by the Q factor of its
 * thin QR decomposition {@code U = QR} and every core by {@code R B_d}; after the item step of
 * domain d, {@code V_d = QR} becomes Q and {@code B_d} becomes {@code B_d R^T}. These retractions
 * leave every prediction unchanged, so {@code U^T U = I} and {@code V_d^T V_d = I} hold after each
 * iteration; the factor penalty is then not minimised exactly and {@code J} is not guaranteed to
 * be monotone. Only with {@code sharedCoreColumns = 0} (a shared block cannot absorb per-domain
 * rotations).
 *
 * <p>Initialisation: {@code U} and {@code V_d} rows of users / items with at least one rating are
 * N(0, initStd^2) from {@code ctx.random("tri-init")}, others zero; cores are the identity;
 * biases zero. Users without any rating keep zero factors and biases (predicted {@code mu_d +
 * c_i}); a user with source ratings only (cold) gets {@code U_u} and the shared bias from them.
 *
 * <p>Parallelism: the user and item steps solve rows in fixed blocks ({@link Parallel}), each
 * row from fixed inputs; the core step is sequential; so results are bit-identical for any
 * thread count. Not thread-safe during a fit; the returned models are immutable.
 */
final class TriFactorization {

    static final int BLOCK = 128;

    /**
     * @param rank               k, the user and item cluster dimension (cores are k x k), >= 1
     * @param sharedCoreColumns  leading core columns shared by all domains, in [0, k]
     * @param iterations         sweeps (user, item, core step), >= 1
     * @param regularization     lambda, per observation on factors, > 0
     * @param biasRegularization lambda_b on every bias, > 0
     * @param coreRegularization beta, per observation on every core parameter, > 0
     * @param initStd            std of initial factors, > 0
     * @param biases             learn user and item biases (the domain means are always used)
     * @param sharedUserBias     one user bias for all domains (else one per domain)
     * @param orthonormal        CSVD: keep U and every V_d column-orthonormal
     */
    record Params(int rank, int sharedCoreColumns, int iterations, double regularization, double biasRegularization,
                  double coreRegularization, double initStd, boolean biases, boolean sharedUserBias,
                  boolean orthonormal) {
        Params {
            if (rank < 1 || sharedCoreColumns < 0 || sharedCoreColumns > rank || iterations < 1
                    || !(regularization > 0) || !(biasRegularization > 0) || !(coreRegularization > 0)
                    || !(initStd > 0)) {
                throw new IllegalArgumentException("invalid tri-factorisation parameters " + this);
            }
            if (orthonormal && sharedCoreColumns > 0) {
                throw new IllegalArgumentException("orthonormal factors need domain-specific cores (sharedCoreColumns = 0)");
            }
        }
    }

    private final InteractionMatrix[] rows;
    private final InteractionMatrix[] cols;
    private final double[] weights;
    private final Params p;
    private final int numUsers;
    private final int numDomains;
    private final int k;
    private final int k0;
    /** Bias slots per user: 0 (no biases), 1 (shared) or numDomains. */
    private final int userBiasSlots;

    final double[] means;
    final double[] u;
    final double[][] v;
    /** Per domain k x k row-major; the first k0 columns are equal across domains. */
    final double[][] cores;
    /** numUsers x userBiasSlots row-major. */
    final double[] userBias;
    final double[][] itemBias;

    TriFactorization(InteractionMatrix[] domains, double[] weights, Params p) {
        if (domains.length == 0 || weights.length != domains.length) {
            throw new IllegalArgumentException("need one weight per domain and at least one domain");
        }
        this.numDomains = domains.length;
        this.numUsers = domains[0].numRows();
        this.p = p;
        this.k = p.rank();
        this.k0 = p.sharedCoreColumns();
        this.rows = domains.clone();
        this.cols = new InteractionMatrix[numDomains];
        this.weights = weights.clone();
        this.means = new double[numDomains];
        this.v = new double[numDomains][];
        this.cores = new double[numDomains][];
        this.itemBias = new double[numDomains][];
        long total = 0;
        for (int d = 0; d < numDomains; d++) {
            InteractionMatrix m = domains[d];
            if (m.numRows() != numUsers) {
                throw new IllegalArgumentException("domains must share the user index");
            }
            if (!(weights[d] > 0) || Double.isInfinite(weights[d])) {
                throw new IllegalArgumentException("domain weight must be a finite number > 0, was " + weights[d]);
            }
            cols[d] = m.transpose();
            means[d] = m.nnz() == 0 ? 0.0 : m.meanValue();
            v[d] = new double[m.numCols() * k];
            cores[d] = new double[k * k];
            for (int a = 0; a < k; a++) {
                cores[d][a * k + a] = 1.0;
            }
            itemBias[d] = new double[m.numCols()];
            total += m.nnz();
        }
        if (total == 0) {
            throw new IllegalArgumentException("no training ratings in any domain");
        }
        this.userBiasSlots = !p.biases() ? 0 : p.sharedUserBias() ? 1 : numDomains;
        this.u = new double[numUsers * k];
        this.userBias = new double[numUsers * userBiasSlots];
    }

    /**
     * Fits the model; {@code trace}, if not null, receives the objective before the first and
     * after every iteration.
     */
    static TriFactorization fit(InteractionMatrix[] domains, double[] weights, Params p, RunContext ctx,
                                DoubleConsumer trace) {
        TriFactorization t = new TriFactorization(domains, weights, p);
        t.initialise(ctx.random("tri-init"));
        if (trace != null) {
            trace.accept(t.objective());
        }
        for (int it = 0; it < p.iterations(); it++) {
            ctx.checkCancelled("tri-factorisation");
            t.userStep(ctx.threads());
            for (int d = 0; d < t.numDomains; d++) {
                t.itemStep(d, ctx.threads());
            }
            t.coreStep();
            if (trace != null) {
                trace.accept(t.objective());
            }
            ctx.progress().report("tri-factorisation", it + 1, p.iterations());
        }
        t.requireFinite();
        return t;
    }

    void initialise(SplittableRandom rng) {
        for (int x = 0; x < numUsers; x++) {
            boolean any = false;
            for (int d = 0; d < numDomains && !any; d++) {
                any = rows[d].rowSize(x) > 0;
            }
            if (any) {
                fillGaussian(u, x * k, k, rng);
            }
        }
        for (int d = 0; d < numDomains; d++) {
            for (int i = 0; i < cols[d].numRows(); i++) {
                if (cols[d].rowSize(i) > 0) {
                    fillGaussian(v[d], i * k, k, rng);
                }
            }
        }
    }

    private void fillGaussian(double[] out, int from, int n, SplittableRandom rng) {
        for (int j = 0; j < n; j += 2) {
            double r = Math.sqrt(-2.0 * Math.log(1.0 - rng.nextDouble())) * p.initStd();
            double a = 2 * Math.PI * rng.nextDouble();
            out[from + j] = r * Math.cos(a);
            if (j + 1 < n) {
                out[from + j + 1] = r * Math.sin(a);
            }
        }
    }

    private double userBiasOf(int x, int d) {
        if (userBiasSlots == 0) {
            return 0.0;
        }
        return userBias[x * userBiasSlots + (userBiasSlots == 1 ? 0 : d)];
    }

    /** The user step: [U_u, user biases] for every user with at least one rating. */
    void userStep(int threads) {
        // item features W_d = V_d B_d^T (m_d x k)
        double[][] w = new double[numDomains][];
        for (int d = 0; d < numDomains; d++) {
            w[d] = multiplyTransposed(v[d], cols[d].numRows(), cores[d]);
        }
        int dim = k + userBiasSlots;
        Parallel.forBlocks(numUsers, BLOCK, threads, (block, from, to) -> {
            double[] a = new double[dim * dim];
            double[] b = new double[dim];
            double[] x = new double[dim];
            for (int r = from; r < to; r++) {
                Arrays.fill(a, 0.0);
                Arrays.fill(b, 0.0);
                double weightedCount = 0;
                for (int d = 0; d < numDomains; d++) {
                    InteractionMatrix m = rows[d];
                    if (m.rowSize(r) == 0) {
                        continue;
                    }
                    double wd = weights[d];
                    double[] wf = w[d];
                    double[] ib = itemBias[d];
                    int slot = userBiasSlots == 0 ? -1 : k + (userBiasSlots == 1 ? 0 : d);
                    for (int q = m.rowStart(r); q < m.rowEnd(r); q++) {
                        int i = m.col(q);
                        double y = m.value(q) - means[d] - ib[i];
                        Arrays.fill(x, 0.0);
                        System.arraycopy(wf, i * k, x, 0, k);
                        if (slot >= 0) {
                            x[slot] = 1.0;
                        }
                        addOuter(a, b, x, y, wd, dim);
                        weightedCount += wd;
                    }
                }
                if (weightedCount == 0) {
                    continue;
                }
                for (int f = 0; f < k; f++) {
                    a[f * dim + f] += p.regularization() * weightedCount;
                }
                for (int s = 0; s < userBiasSlots; s++) {
                    a[(k + s) * dim + k + s] += p.biasRegularization();
                }
                if (!DenseMath.choleskySolve(a, b, dim)) {
                    throw new IllegalStateException("tri-factorisation: user " + r + " system is not positive definite");
                }
                System.arraycopy(b, 0, u, r * k, k);
                for (int s = 0; s < userBiasSlots; s++) {
                    userBias[r * userBiasSlots + s] = b[k + s];
                }
            }
        });
        if (p.orthonormal()) {
            double[] rFactor = orthonormalise(u, numUsers, "users");
            for (int d = 0; d < numDomains; d++) {
                cores[d] = multiply(rFactor, cores[d], k); // B_d <- R B_d
            }
        }
    }

    /** The item step of domain d: [V_di, c_di] for every item with at least one rating. */
    void itemStep(int d, int threads) {
        InteractionMatrix m = cols[d];
        double[] z = multiply(u, numUsers, cores[d]); // U B_d (n x k)
        boolean biases = p.biases();
        int dim = k + (biases ? 1 : 0);
        double wd = weights[d];
        double[] vd = v[d];
        double[] ib = itemBias[d];
        Parallel.forBlocks(m.numRows(), BLOCK, threads, (block, from, to) -> {
            double[] a = new double[dim * dim];
            double[] b = new double[dim];
            double[] x = new double[dim];
            for (int i = from; i < to; i++) {
                int n = m.rowSize(i);
                if (n == 0) {
                    continue;
                }
                Arrays.fill(a, 0.0);
                Arrays.fill(b, 0.0);
                for (int q = m.rowStart(i); q < m.rowEnd(i); q++) {
                    int r = m.col(q);
                    double y = m.value(q) - means[d] - userBiasOf(r, d);
                    System.arraycopy(z, r * k, x, 0, k);
                    if (biases) {
                        x[k] = 1.0;
                    }
                    addOuter(a, b, x, y, wd, dim);
                }
                for (int f = 0; f < k; f++) {
                    a[f * dim + f] += p.regularization() * wd * n;
                }
                if (biases) {
                    a[k * dim + k] += p.biasRegularization();
                }
                if (!DenseMath.choleskySolve(a, b, dim)) {
                    throw new IllegalStateException("tri-factorisation: item " + i + " of domain " + d
                            + " system is not positive definite");
                }
                System.arraycopy(b, 0, vd, i * k, k);
                if (biases) {
                    ib[i] = b[k];
                }
            }
        });
        if (p.orthonormal()) {
            double[] rFactor = orthonormalise(vd, m.numRows(), "items of domain " + d);
            cores[d] = multiplyTransposed(cores[d], k, rFactor); // B_d <- B_d R^T
        }
    }

    /** Number of core parameters: the shared block once plus each domain's specific block. */
    int numCoreParameters() {
        return k * k0 + numDomains * k * (k - k0);
    }

    /** Index of core entry (a, b) of domain d in the stacked parameter vector. */
    int coreIndex(int d, int a, int b) {
        if (b < k0) {
            return a * k0 + b;
        }
        return k * k0 + d * k * (k - k0) + a * (k - k0) + (b - k0);
    }

    /**
     * The core step: all core parameters by the closed-form regularised least-squares solution
     * given U, V and the biases. Sequential (fixed summation order).
     */
    void coreStep() {
        int np = numCoreParameters();
        double[] a = new double[np * np];
        double[] rhs = new double[np];
        double[] g = new double[k * k];
        double[] h = new double[k];
        int[] idx = new int[k * k];
        for (int d = 0; d < numDomains; d++) {
            for (int x = 0; x < k; x++) {
                for (int y = 0; y < k; y++) {
                    idx[x * k + y] = coreIndex(d, x, y);
                }
            }
            InteractionMatrix m = rows[d];
            double wd = weights[d];
            double[] vd = v[d];
            double[] ib = itemBias[d];
            for (int r = 0; r < numUsers; r++) {
                if (m.rowSize(r) == 0) {
                    continue;
                }
                Arrays.fill(g, 0.0);
                Arrays.fill(h, 0.0);
                double base = means[d] + userBiasOf(r, d);
                for (int q = m.rowStart(r); q < m.rowEnd(r); q++) {
                    int i = m.col(q);
                    double y = m.value(q) - base - ib[i];
                    int o = i * k;
                    for (int b1 = 0; b1 < k; b1++) {
                        double vb = vd[o + b1];
                        h[b1] += y * vb;
                        for (int b2 = 0; b2 < k; b2++) {
                            g[b1 * k + b2] += vb * vd[o + b2];
                        }
                    }
                }
                int ou = r * k;
                for (int a1 = 0; a1 < k; a1++) {
                    double ua1 = wd * u[ou + a1];
                    if (ua1 == 0) {
                        continue;
                    }
                    for (int b1 = 0; b1 < k; b1++) {
                        int row = idx[a1 * k + b1];
                        rhs[row] += ua1 * h[b1];
                        int rowOff = row * np;
                        for (int a2 = 0; a2 < k; a2++) {
                            double c = ua1 * u[ou + a2];
                            int gOff = b1 * k;
                            int idxOff = a2 * k;
                            for (int b2 = 0; b2 < k; b2++) {
                                a[rowOff + idx[idxOff + b2]] += c * g[gOff + b2];
                            }
                        }
                    }
                }
            }
        }
        double[] diag = corePenalty();
        for (int j = 0; j < np; j++) {
            a[j * np + j] += diag[j];
        }
        if (!DenseMath.choleskySolve(a, rhs, np)) {
            throw new IllegalStateException("tri-factorisation: core normal equations are not positive definite");
        }
        for (int d = 0; d < numDomains; d++) {
            for (int x = 0; x < k; x++) {
                for (int y = 0; y < k; y++) {
                    cores[d][x * k + y] = rhs[coreIndex(d, x, y)];
                }
            }
        }
    }

    /**
     * The penalty weight of every stacked core parameter: beta times the weighted number of
     * observations the parameter explains (all domains' for the shared block, the domain's own
     * for its specific block), so that U, V and the cores are penalised on the same scale.
     */
    double[] corePenalty() {
        double[] out = new double[numCoreParameters()];
        double all = 0;
        for (int d = 0; d < numDomains; d++) {
            all += weights[d] * rows[d].nnz();
        }
        for (int d = 0; d < numDomains; d++) {
            double own = weights[d] * rows[d].nnz();
            for (int x = 0; x < k; x++) {
                for (int y = 0; y < k; y++) {
                    out[coreIndex(d, x, y)] = p.coreRegularization() * Math.max(1.0, y < k0 ? all : own);
                }
            }
        }
        return out;
    }

    /** The objective J of the class comment at the current parameters. */
    double objective() {
        double j = 0;
        for (int d = 0; d < numDomains; d++) {
            InteractionMatrix m = rows[d];
            double[] z = multiply(u, numUsers, cores[d]);
            double[] vd = v[d];
            double loss = 0;
            double reg = 0;
            for (int r = 0; r < numUsers; r++) {
                double un = 0;
                for (int f = 0; f < k; f++) {
                    un += u[r * k + f] * u[r * k + f];
                }
                for (int q = m.rowStart(r); q < m.rowEnd(r); q++) {
                    int i = m.col(q);
                    double pred = means[d] + userBiasOf(r, d) + itemBias[d][i];
                    double vn = 0;
                    for (int f = 0; f < k; f++) {
                        pred += z[r * k + f] * vd[i * k + f];
                        vn += vd[i * k + f] * vd[i * k + f];
                    }
                    double e = m.value(q) - pred;
                    loss += e * e;
                    reg += un + vn;
                }
            }
            j += weights[d] * (loss + p.regularization() * reg);
            double bias = 0;
            for (double c : itemBias[d]) {
                bias += c * c;
            }
            j += p.biasRegularization() * bias;
        }
        double bias = 0;
        for (double b : userBias) {
            bias += b * b;
        }
        j += p.biasRegularization() * bias;
        double[] penalty = corePenalty();
        double core = 0;
        for (int d = 0; d < numDomains; d++) {
            for (int x = 0; x < k; x++) {
                for (int y = (d == 0 ? 0 : k0); y < k; y++) {
                    core += penalty[coreIndex(d, x, y)] * cores[d][x * k + y] * cores[d][x * k + y];
                }
            }
        }
        return j + core;
    }

    /** The predictor of domain d: {@code mu_d + b_u + c_i + (U_u B_d) . V_di}. */
    FactorModel model(int d) {
        int numItems = rows[d].numCols();
        double[] z = multiply(u, numUsers, cores[d]);
        float[] userFactors = new float[numUsers * k];
        float[] ub = new float[numUsers];
        for (int r = 0; r < numUsers; r++) {
            for (int f = 0; f < k; f++) {
                userFactors[r * k + f] = (float) z[r * k + f];
            }
            ub[r] = (float) userBiasOf(r, d);
        }
        float[] itemFactors = new float[numItems * k];
        float[] ib = new float[numItems];
        for (int i = 0; i < numItems; i++) {
            for (int f = 0; f < k; f++) {
                itemFactors[i * k + f] = (float) v[d][i * k + f];
            }
            ib[i] = (float) itemBias[d][i];
        }
        return new FactorModel(numUsers, numItems, k, means[d], ub, ib, userFactors, itemFactors);
    }

    private void requireFinite() {
        check(u, "user factors");
        check(userBias, "user biases");
        for (int d = 0; d < numDomains; d++) {
            check(v[d], "item factors");
            check(cores[d], "cores");
            check(itemBias[d], "item biases");
        }
    }

    private static void check(double[] a, String what) {
        for (double x : a) {
            if (!Double.isFinite(x)) {
                throw new IllegalStateException("tri-factorisation " + what + " became non-finite "
                        + "(raise the regularisation)");
            }
        }
    }

    /** {@code a += w x x^T}, {@code b += w y x} (full matrix, dim x dim). */
    private static void addOuter(double[] a, double[] b, double[] x, double y, double w, int dim) {
        for (int f = 0; f < dim; f++) {
            double wx = w * x[f];
            if (wx == 0) {
                continue;
            }
            b[f] += wx * y;
            int o = f * dim;
            for (int g = 0; g <= f; g++) {
                a[o + g] += wx * x[g];
            }
        }
    }

    /** {@code X M} for X n x k and M k x k (row-major). */
    private double[] multiply(double[] x, int n, double[] mat) {
        double[] out = new double[n * k];
        for (int r = 0; r < n; r++) {
            for (int a = 0; a < k; a++) {
                double xa = x[r * k + a];
                if (xa == 0) {
                    continue;
                }
                for (int b = 0; b < k; b++) {
                    out[r * k + b] += xa * mat[a * k + b];
                }
            }
        }
        return out;
    }

    /** {@code X M^T} for X n x k and M k x k (row-major). */
    private double[] multiplyTransposed(double[] x, int n, double[] mat) {
        double[] out = new double[n * k];
        for (int r = 0; r < n; r++) {
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int b = 0; b < k; b++) {
                    s += x[r * k + b] * mat[a * k + b];
                }
                out[r * k + a] = s;
            }
        }
        return out;
    }

    /** {@code A B} for k x k matrices. */
    private static double[] multiply(double[] left, double[] right, int k) {
        double[] out = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
                double l = left[a * k + c];
                for (int b = 0; b < k; b++) {
                    out[a * k + b] += l * right[c * k + b];
                }
            }
        }
        return out;
    }

    /**
     * Replaces the n x k matrix {@code x} by the Q factor of its thin Householder QR
     * decomposition and returns R (k x k, row-major), so that the old x equals Q R.
     */
    private double[] orthonormalise(double[] x, int n, String what) {
        if (n < k) {
            throw new IllegalArgumentException("csvd needs at least " + k + " " + what + ", has " + n);
        }
        DMatrixRMaj m = new DMatrixRMaj(n, k);
        System.arraycopy(x, 0, m.data, 0, n * k);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, k);
        if (!qr.decompose(m)) {
            throw new IllegalStateException("QR decomposition of the " + what + " factors failed");
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        System.arraycopy(q.data, 0, x, 0, n * k);
        return r.data.clone();
    }
}
