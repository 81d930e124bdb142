package org.rectransfer.algorithms.neural;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.testing.ColdStartWorld;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;

/**
 * SSCDR on {@link ColdStartWorld} (500 users, 30 % cold, seed 11; run seed 5, the setting of
 * {@link ColdStartTest}). Cold-user RMSE measured when this test was written (bit-identical on
 * every run):
 *
 * <pre>
 *   target-only(biased-mf)               0.986
 *   sscdr (defaults)                     0.770
 *   sscdr, transferBias = false          0.907
 *   sscdr, lambda = 0 (supervised map)   0.773
 *   sscdr, hops = 1                      0.782
 * </pre>
 *
 * Asserted: defaults beat target-only by at least 0.15 RMSE (measured 0.216); the distance
 * term alone (no bias transfer) still beats target-only by 0.04 (measured 0.079); carrying the
 * rating level gains at least 0.08 on top (measured 0.137). The semi-supervised term and one
 * neighbourhood hop are reported, not asserted: here they change RMSE by 0.003 and 0.012.
 */
class SscdrColdStartTest {
    static ColdStartWorld world;
    static double targetOnly;
    static double sscdr;
    static double noBias;
    static double supervisedOnly;
    static double oneHop;

    static Sscdr.Config with(Sscdr.Config c, boolean transferBias, double lambda, int hops) {
        return new Sscdr.Config(c.factors(), c.epochs(), c.learningRate(), c.margin(), c.negatives(), c.batchSize(),
                c.initStd(), c.positiveThreshold(), c.relativeThreshold(), c.hiddenSize(), c.mappingEpochs(),
                c.mappingBatchSize(), c.mappingLearningRate(), c.weightDecay(), lambda, c.triplets(),
                c.unlabeledUsers(), hops, c.calibrate(), transferBias, c.biasDamping());
    }

    @BeforeAll
    static void fitAll() {
        world = ColdStartWorld.generate(11, 500, 0.3);
        TransferTask task = world.task();
        RunContext ctx = RunContext.of(5);
        targetOnly = world.coldRmse(new BiasedMf().fit(task.targetTrain(), new BiasedMf().defaultConfig(),
                ctx.child("target")));
        Sscdr.Config d = new Sscdr().defaultConfig();
        sscdr = world.coldRmse(new Sscdr().fit(task, d, ctx));
        noBias = world.coldRmse(new Sscdr().fit(task, with(d, false, d.lambda(), d.hops()), ctx));
        supervisedOnly = world.coldRmse(new Sscdr().fit(task, with(d, true, 0.0, d.hops()), ctx));
        oneHop = world.coldRmse(new Sscdr().fit(task, with(d, true, d.lambda(), 1), ctx));
    }

    @Test
    void sscdrBeatsTargetOnlyOnColdUsers() {
        assertThat(world.numCold).isBetween(120, 180);
        assertThat(sscdr).as("sscdr vs target-only %.4f", targetOnly).isLessThan(targetOnly - 0.15);
    }

    @Test
    void theMappedDistanceAloneTransfersTaste() {
        assertThat(noBias).as("sscdr without bias transfer vs target-only %.4f", targetOnly)
                .isLessThan(targetOnly - 0.04);
    }

    @Test
    void biasTransferCarriesTheRatingLevel() {
        assertThat(sscdr).as("sscdr vs no bias transfer %.4f", noBias).isLessThan(noBias - 0.08);
    }

    @Test
    void report() {
        if (Boolean.getBoolean("neural.print")) {
            System.err.printf("target-only %.4f sscdr %.4f no-bias %.4f lambda0 %.4f hops1 %.4f%n", targetOnly, sscdr,
                    noBias, supervisedOnly, oneHop);
        }
    }
}
