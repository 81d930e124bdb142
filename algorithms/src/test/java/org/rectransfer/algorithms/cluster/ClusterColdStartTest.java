package org.rectransfer.algorithms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.testing.ColdStartWorld;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;

/**
 * CBT and RMGM on the related-domains cold-start world {@link ColdStartWorld} (500 users, 30 %
 * cold, seed 11; run seed 5), against target-only(biased-mf). Figures measured when this test
 * was written are in the assertions' comments.
 */
class ClusterColdStartTest {
    static double targetOnly;
    static double cbt;
    static double cbtFaithful;
    static double rmgm;

    @BeforeAll
    static void fitAll() {
        ColdStartWorld world = ColdStartWorld.generate(11, 500, 0.3);
        TransferTask task = world.task();
        RunContext ctx = RunContext.of(5);
        targetOnly = world.coldRmse(new BiasedMf().fit(task.targetTrain(), new BiasedMf().defaultConfig(),
                ctx.child("target")));
        CodebookTransfer.Config c = new CodebookTransfer().defaultConfig();
        cbt = world.coldRmse(new CodebookTransfer().fit(task, c, ctx));
        cbtFaithful = world.coldRmse(new CodebookTransfer().fit(task, new CodebookTransfer.Config(c.userClusters(),
                c.itemClusters(), c.coClusteringIterations(), c.restarts(), c.expansionIterations(), true, false,
                c.itemDamping(), c.userDamping()), ctx));
        rmgm = world.coldRmse(new Rmgm().fit(task, new Rmgm().defaultConfig(), ctx));
        if (Boolean.getBoolean("transfer.print")) {
            System.err.printf("target-only %.4f cbt %.4f (faithful %.4f) rmgm %.4f%n", targetOnly, cbt, cbtFaithful,
                    rmgm);
        }
    }

    @Test
    void cbtBeatsTargetOnlyOnColdUsers() {
        assertThat(cbt).as("cbt vs target-only %.4f", targetOnly).isLessThan(targetOnly - 0.05);
    }

    @Test
    void rmgmBeatsTargetOnlyOnColdUsers() {
        assertThat(rmgm).as("rmgm vs target-only %.4f", targetOnly).isLessThan(targetOnly - 0.05);
    }
}
