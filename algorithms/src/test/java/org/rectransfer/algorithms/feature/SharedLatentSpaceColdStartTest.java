package org.rectransfer.algorithms.feature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.testing.ColdStartWorld;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;

/**
 * {@link SharedLatentSpace} on the related-domains cold-start world {@link ColdStartWorld} (500
 * users, 30 % cold, seed 11; run seed 5). Cold-user RMSE measured when this test was written:
 * target-only(biased-mf) 0.9859, shared-latent-space 0.8323 (default config), with
 * {@code transferBias = false} 0.9663. Asserted: the default beats target-only by at least 0.1
 * (measured 0.154), bias transfer is worth at least 0.08 (measured 0.134), and the factor-only
 * variant is still no worse than target-only (measured 0.020 better).
 */
class SharedLatentSpaceColdStartTest {
    static ColdStartWorld world;
    static double targetOnly;
    static double sls;
    static double slsNoBias;

    @BeforeAll
    static void fitAll() {
        world = ColdStartWorld.generate(11, 500, 0.3);
        TransferTask task = world.task();
        RunContext ctx = RunContext.of(5);
        targetOnly = world.coldRmse(new BiasedMf().fit(task.targetTrain(), new BiasedMf().defaultConfig(),
                ctx.child("target")));
        SharedLatentSpace.Config c = new SharedLatentSpace().defaultConfig();
        sls = world.coldRmse(new SharedLatentSpace().fit(task, c, ctx));
        slsNoBias = world.coldRmse(new SharedLatentSpace().fit(task, new SharedLatentSpace.Config(c.factors(),
                c.shrinkage(), c.sourceWeight(), c.oversampling(), c.powerIterations(), false), ctx));
        if (Boolean.getBoolean("transfer.print")) {
            System.err.printf("target-only %.4f sls %.4f (no bias %.4f)%n", targetOnly, sls, slsNoBias);
        }
    }

    @Test
    void beatsTargetOnlyOnColdUsers() {
        assertThat(sls).as("shared-latent-space vs target-only %.4f", targetOnly).isLessThan(targetOnly - 0.1);
    }

    @Test
    void biasTransferCarriesTheRatingLevel() {
        assertThat(sls).as("without bias transfer %.4f", slsNoBias).isLessThan(slsNoBias - 0.08);
        assertThat(slsNoBias).isLessThan(targetOnly);
    }
}
