package org.rectransfer.algorithms.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.mf.CollectiveSgd;
import org.rectransfer.algorithms.testing.ColdStartWorld;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;

/**
 * {@link InstanceSelection} on {@link ColdStartWorld} (500 users, 30 % cold, seed 11; run seed 5)
 * and on variants of it whose source is partly replaced:
 * <ul>
 *   <li><em>noisy</em>: the ratings of half of the source items ({@code j mod 4 in {2, 3}}, half
 *   of each block) are replaced by pure noise {@code 3 + N(0, 1.3^2)} (about the spread of the
 *   real ratings, so the noise cannot be told apart by its variance);</li>
 *   <li><em>anti</em>: the same items are rated {@code 6 - r} (anti-correlated with the user's
 *   level and taste);</li>
 *   <li><em>all noise</em>: every source rating is noise.</li>
 * </ul>
 * Figures measured when this test was written (bit-identical on every run), cold-user RMSE:
 * <pre>
 *   world      target-only   keep all (= joint MF)   defaults   kept / 15000   precision   recall   rho_s
 *   clean      0.9859        0.6367                  0.6380     14703                                 0.240
 *   noisy                    0.8196                  0.7537      8428          0.880       0.984    0.047
 *   anti                     0.7085                  0.7091     14703          0.505                0.236
 *   all noise                1.1046                  0.9856         0 (source dropped whole)          -0.063
 * </pre>
 * Mean {@code rho_j} on the noisy world: 0.200 over consistent items, -0.067 over noise items.
 * With {@code keepFraction = 0.5} and no threshold the noisy world keeps 50.0 % of the ratings
 * at precision 0.950. Mirrored ({@code 6 - r}) items are kept: the free level coefficient and
 * the factors of the profile regression explain them, and a factor model can indeed use them
 * (keeping them costs nothing against keeping everything).
 */
class InstanceSelectionTest {
    /** Share of kept ratings that must belong to consistent items. */
    private static final double MIN_PRECISION = 0.85;
    /** Share of the consistent items' ratings that must be kept. */
    private static final double MIN_RECALL = 0.85;
    private static final double COLD_MARGIN_OVER_TARGET_ONLY = 0.25;
    private static final double NOISY_MARGIN_OVER_KEEP_ALL = 0.05;
    private static final double CLEAN_COST_TOLERANCE = 0.02;

    static ColdStartWorld world;
    static TransferTask clean;
    static TransferTask noisy;
    static TransferTask anti;
    static InstanceSelection is = new InstanceSelection();
    static InstanceSelection.Config defaults = is.defaultConfig();
    static RunContext ctx = RunContext.of(5);

    @BeforeAll
    static void worlds() {
        world = ColdStartWorld.generate(11, 500, 0.3);
        clean = world.task();
        noisy = withSource(clean, corrupt(clean.sources().get(0).interactions(), Corruption.NOISE, false));
        anti = withSource(clean, corrupt(clean.sources().get(0).interactions(), Corruption.ANTI, false));
    }

    enum Corruption { NOISE, ANTI }

    /** Items {@code j mod 4 >= 2} (or every item when {@code all}) corrupted as in the class comment. */
    static InteractionMatrix corrupt(InteractionMatrix m, Corruption how, boolean all) {
        SplittableRandom rng = new SplittableRandom(3);
        InteractionMatrix.Builder b = InteractionMatrix.builder(m.numRows(), m.numCols(), true, false);
        for (int u = 0; u < m.numRows(); u++) {
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                int j = m.col(p);
                float v = m.value(p);
                if (all || !consistent(j)) {
                    v = how == Corruption.ANTI ? 6 - v : (float) (3 + 1.3 * normal(rng));
                }
                b.add(u, j, v);
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    static boolean consistent(int item) {
        return item % 4 < 2;
    }

    static double normal(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static TransferTask withSource(TransferTask t, InteractionMatrix... sources) {
        List<DomainData> list = new java.util.ArrayList<>();
        for (int s = 0; s < sources.length; s++) {
            DomainData d = t.sources().get(0);
            list.add(new DomainData("source-" + s, d.items(), sources[s], "corrupted-" + s));
        }
        return new TransferTask(t.users(), list, t.targetName(), t.targetItems(), t.targetTrain());
    }

    static InstanceSelection.Config config(double keepFraction, double minImprovement, double minSource) {
        InstanceSelection.Config d = defaults;
        return new InstanceSelection.Config(d.factors(), d.epochs(), d.learningRate(), d.regularization(),
                d.biasRegularization(), d.initStd(), keepFraction, minImprovement, minSource, d.ridge(), d.shrinkage(),
                d.minUserRatings(), d.profileFactors(), d.transferBias());
    }

    /** {precision, recall} of the kept ratings of source 0 w.r.t. the consistent items. */
    static double[] precisionRecall(TransferTask task, InstanceSelection.Selection sel) {
        InteractionMatrix src = task.sources().get(0).interactions();
        int keptGood = 0;
        int kept = 0;
        int good = 0;
        for (int p = 0; p < src.nnz(); p++) {
            boolean g = consistent(src.col(p));
            good += g ? 1 : 0;
            if (sel.keep()[0][p]) {
                kept++;
                keptGood += g ? 1 : 0;
            }
        }
        return new double[] {(double) keptGood / kept, (double) keptGood / good};
    }

    @Test
    void theThresholdKeepsMostlyConsistentItems() {
        // the source gate is switched off: this measures the item-level selection alone
        InstanceSelection.Selection sel = InstanceSelection.select(noisy, config(1, 0, -1), ctx);
        double[] pr = precisionRecall(noisy, sel);
        assertThat(pr[0]).as("precision (measured 0.880)").isGreaterThan(MIN_PRECISION);
        assertThat(pr[1]).as("recall (measured 0.984)").isGreaterThan(MIN_RECALL);
    }

    @Test
    void rankingWithAFractionKeepsMostlyConsistentItems() {
        InstanceSelection.Selection sel = InstanceSelection.select(noisy, config(0.5, -1, -1), ctx);
        assertThat(precisionRecall(noisy, sel)[0]).as("precision").isGreaterThan(MIN_PRECISION);
        // the cap: at least half of the ratings, and not much more (one item plus the user floor)
        assertThat((double) sel.kept()[0] / sel.total()[0]).isBetween(0.5, 0.55);
    }

    @Test
    void mirroredItemsAreKeptBecauseTheProfileExplainsThem() {
        InstanceSelection.Selection sel = InstanceSelection.select(anti, defaults, ctx);
        assertThat((double) sel.kept()[0] / sel.total()[0]).as("kept share (measured 0.980)").isGreaterThan(0.9);
        double selected = world.coldRmse(is.fit(anti, defaults, ctx));
        double keepAll = world.coldRmse(is.fit(anti, config(1, -1, -1), ctx));
        assertThat(selected).as("vs keeping everything (measured 0.7091 vs 0.7085)")
                .isCloseTo(keepAll, within(CLEAN_COST_TOLERANCE));
    }

    @Test
    void everyItemScoreIsAProperRatioAndConsistentItemsScoreHigher() {
        InstanceSelection.Selection sel = InstanceSelection.select(noisy, defaults, ctx);
        double[] rho = sel.itemScore()[0];
        double good = 0;
        double bad = 0;
        for (int j = 0; j < rho.length; j++) {
            assertThat(rho[j]).isBetween(-1.0, 1.0);
            if (consistent(j)) {
                good += rho[j] / (rho.length / 2.0);
            } else {
                bad += rho[j] / (rho.length / 2.0);
            }
        }
        assertThat(good).as("mean rho of consistent items").isGreaterThan(0.1);
        assertThat(bad).as("mean rho of noise items").isLessThan(0.0);
    }

    @Test
    void everyUserKeepsTheFloorOfSourceRatings() {
        InstanceSelection.Selection sel = InstanceSelection.select(noisy, config(0.3, 0, -1), ctx);
        InteractionMatrix src = noisy.sources().get(0).interactions();
        int lifted = 0;
        for (int u = 0; u < src.numRows(); u++) {
            int kept = 0;
            for (int p = src.rowStart(u); p < src.rowEnd(u); p++) {
                kept += sel.keep()[0][p] ? 1 : 0;
            }
            assertThat(kept).as("user %d", u)
                    .isGreaterThanOrEqualTo(Math.min(defaults.minUserRatings(), src.rowSize(u)));
            lifted += kept == defaults.minUserRatings() ? 1 : 0;
        }
        assertThat(lifted).as("the floor is actually exercised at keepFraction 0.3").isPositive();
    }

    @Test
    void keepingEverythingIsExactlyTheJointModel() {
        InstanceSelection.Config all = config(1, -1, -1);
        InstanceSelection.Selection sel = InstanceSelection.select(clean, all, ctx);
        assertThat(sel.kept()[0]).isEqualTo(sel.total()[0]);
        assertThat(sel.itemScore()[0]).isNull();
        Recommender r = is.fit(clean, all, ctx);
        InteractionMatrix[] domains = {clean.targetTrain(), clean.sources().get(0).interactions()};
        Recommender cmf = CollectiveSgd.train(domains, new double[] {1, 1}, true, all.sgd(),
                ctx.child("instance-selection")).model(0, clean.numUsers());
        float[] a = new float[clean.numTargetItems()];
        float[] b = new float[clean.numTargetItems()];
        for (int u = 0; u < clean.numUsers(); u++) {
            r.scoreAll(u, a);
            cmf.scoreAll(u, b);
            assertThat(a).as("user %d", u).containsExactly(b);
        }
    }

    @Test
    void coldStartGainOverTargetOnlyAndAlmostNoCostWhenEveryItemIsConsistent() {
        double targetOnly = world.coldRmse(new BiasedMf().fit(clean.targetTrain(), new BiasedMf().defaultConfig(),
                ctx.child("target")));
        double selected = world.coldRmse(is.fit(clean, defaults, ctx));
        double keepAll = world.coldRmse(is.fit(clean, config(1, -1, -1), ctx));
        assertThat(selected).as("vs target-only %.4f (measured 0.6380 vs 0.9859)", targetOnly)
                .isLessThan(targetOnly - COLD_MARGIN_OVER_TARGET_ONLY);
        assertThat(selected).as("vs keeping everything (measured 0.6380 vs 0.6367)")
                .isCloseTo(keepAll, within(CLEAN_COST_TOLERANCE));
    }

    @Test
    void droppingNoiseItemsHelpsColdUsers() {
        double selected = world.coldRmse(is.fit(noisy, defaults, ctx));
        double keepAll = world.coldRmse(is.fit(noisy, config(1, -1, -1), ctx));
        assertThat(selected).as("vs keeping everything %.4f (measured 0.7537 vs 0.8196)", keepAll)
                .isLessThan(keepAll - NOISY_MARGIN_OVER_KEEP_ALL);
    }

    @Test
    void anUnrelatedSourceIsDroppedWholeAndARelatedOneKept() {
        TransferTask unrelated = withSource(clean, corrupt(clean.sources().get(0).interactions(), Corruption.NOISE,
                true));
        InstanceSelection.Selection u = InstanceSelection.select(unrelated, defaults, ctx);
        assertThat(u.sourceScore()[0]).isNegative();
        assertThat(u.kept()[0]).isZero();
        InstanceSelection.Selection c = InstanceSelection.select(clean, defaults, ctx);
        assertThat(c.sourceScore()[0]).as("measured 0.240").isGreaterThan(0.1);
        assertThat((double) c.kept()[0] / c.total()[0]).as("measured 0.980").isGreaterThan(0.9);
        double targetOnly = world.coldRmse(new BiasedMf().fit(clean.targetTrain(), new BiasedMf().defaultConfig(),
                ctx.child("target")));
        double selected = world.coldRmse(is.fit(unrelated, defaults, ctx));
        double keepAll = world.coldRmse(is.fit(unrelated, config(1, -1, -1), ctx));
        assertThat(selected).as("unrelated source vs keeping it (measured 0.9856 vs 1.1046)")
                .isLessThan(keepAll - NOISY_MARGIN_OVER_KEEP_ALL);
        assertThat(selected).as("unrelated source vs target-only (measured 0.9856 vs 0.9859)")
                .isCloseTo(targetOnly, within(CLEAN_COST_TOLERANCE));
    }

    @Test
    void severalSourcesAreSelectedIndependently() {
        InteractionMatrix clean0 = clean.sources().get(0).interactions();
        InteractionMatrix noisy0 = noisy.sources().get(0).interactions();
        TransferTask two = withSource(clean, clean0, noisy0);
        InstanceSelection.Config c = config(1, 0, -1);
        InstanceSelection.Selection both = InstanceSelection.select(two, c, ctx);
        InstanceSelection.Selection onlyClean = InstanceSelection.select(withSource(clean, clean0), c, ctx);
        InstanceSelection.Selection onlyNoisy = InstanceSelection.select(withSource(clean, noisy0), c, ctx);
        assertThat(both.keep()[0]).containsExactly(onlyClean.keep()[0]);
        assertThat(both.keep()[1]).containsExactly(onlyNoisy.keep()[0]);
        assertThat(both.kept()[0]).isGreaterThan(both.kept()[1]);
        Recommender r = is.fit(two, c, ctx);
        assertThat(world.coldRmse(r)).isFinite();
    }

    @Test
    void leaveOneOutResidualsMatchExplicitRefits() {
        SplittableRandom rng = new SplittableRandom(17);
        int dim = 3;
        int n = 7;
        double ridge = 0.7;
        double interceptRidge = 0.05;
        double[][] x = new double[n][dim];
        double[] y = new double[n];
        InstanceSelection.Loo loo = new InstanceSelection.Loo(dim);
        for (int t = 0; t < n; t++) {
            x[t][0] = normal(rng);
            x[t][1] = normal(rng);
            x[t][2] = 1;
            y[t] = 0.5 * x[t][0] - x[t][1] + 0.3 + 0.2 * normal(rng);
            loo.add(x[t], y[t]);
        }
        double expected = 0;
        for (int out = 0; out < n; out++) {
            double[][] a = new double[dim][dim + 1];
            for (int t = 0; t < n; t++) {
                if (t == out) {
                    continue;
                }
                for (int r = 0; r < dim; r++) {
                    for (int c = 0; c < dim; c++) {
                        a[r][c] += x[t][r] * x[t][c];
                    }
                    a[r][dim] += x[t][r] * y[t];
                }
            }
            for (int r = 0; r < dim; r++) {
                a[r][r] += r == dim - 1 ? interceptRidge : ridge;
            }
            double[] theta = gauss(a);
            double fit = 0;
            for (int r = 0; r < dim; r++) {
                fit += x[out][r] * theta[r];
            }
            expected += (y[out] - fit) * (y[out] - fit);
        }
        assertThat(loo.squaredLooError(ridge, interceptRidge)).isCloseTo(expected, within(1e-10));
    }

    /** Gauss-Jordan elimination of an augmented {@code d x (d + 1)} system (no pivoting: SPD input). */
    private static double[] gauss(double[][] a) {
        int d = a.length;
        for (int c = 0; c < d; c++) {
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int q = c; q <= d; q++) {
                        a[r][q] -= f * a[c][q];
                    }
                }
            }
        }
        double[] out = new double[d];
        for (int r = 0; r < d; r++) {
            out[r] = a[r][d] / a[r][r];
        }
        return out;
    }

    @Test
    void badConfigsAreRejectedWithTheParameterName() {
        assertThatThrownBy(() -> config(0, 0, 0)).hasMessageContaining("keepFraction");
        assertThatThrownBy(() -> config(1.5, 0, 0)).hasMessageContaining("keepFraction");
        assertThatThrownBy(() -> config(1, 1.5, 0)).hasMessageContaining("minImprovement");
        assertThatThrownBy(() -> config(1, 0, Double.NaN)).hasMessageContaining("minSourceImprovement");
        InstanceSelection.Config d = defaults;
        assertThatThrownBy(() -> new InstanceSelection.Config(d.factors(), d.epochs(), d.learningRate(),
                d.regularization(), d.biasRegularization(), d.initStd(), 1, 0, 0, 0, 5, 5, true, true))
                .hasMessageContaining("ridge");
        assertThatThrownBy(() -> new InstanceSelection.Config(d.factors(), d.epochs(), d.learningRate(),
                d.regularization(), d.biasRegularization(), d.initStd(), 1, 0, 0, 1, -1, 5, true, true))
                .hasMessageContaining("shrinkage");
        assertThatThrownBy(() -> new InstanceSelection.Config(d.factors(), d.epochs(), d.learningRate(),
                d.regularization(), d.biasRegularization(), d.initStd(), 1, 0, 0, 1, 5, -1, true, true))
                .hasMessageContaining("minUserRatings");
        assertThatThrownBy(() -> is.fit(new TransferTask(clean.users(), List.of(), clean.targetName(),
                clean.targetItems(), clean.targetTrain()), defaults, ctx))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
    }
}
