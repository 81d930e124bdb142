package org.rectransfer.algorithms.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.algorithms.testing.ColdStartWorld;
import org.rectransfer.algorithms.transfer.DomainModels;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;

class PtupcdrTest {

    static Ptupcdr.Config withTransferBias(Ptupcdr.Config c, boolean transferBias) {
        return new Ptupcdr.Config(c.factors(), c.epochs(), c.learningRate(), c.regularization(), c.biasRegularization(),
                c.initStd(), c.positiveThreshold(), c.maxItems(), c.metaDim(), c.metaEpochs(), c.batchSize(),
                c.metaLearningRate(), c.weightDecay(), transferBias);
    }

    static Ptupcdr.Config withThreshold(Ptupcdr.Config c, double threshold) {
        return new Ptupcdr.Config(c.factors(), c.epochs(), c.learningRate(), c.regularization(), c.biasRegularization(),
                c.initStd(), threshold, c.maxItems(), c.metaDim(), c.metaEpochs(), c.batchSize(),
                c.metaLearningRate(), c.weightDecay(), c.transferBias());
    }

    @Test
    void characteristicSetIsHighestRatedThenLowestIndexAboveTheThreshold() {
        InteractionMatrix m = InteractionMatrix.builder(2, 10, true, false)
                .add(0, 7, 4).add(0, 2, 5).add(0, 5, 3).add(0, 1, 4).add(0, 9, 5).add(0, 4, 4.5f)
                .add(1, 3, 2).build(DuplicatePolicy.ERROR);
        assertThat(Ptupcdr.characteristicSet(m, 0, 4.0, 20)).containsExactly(2, 9, 4, 1, 7);
        assertThat(Ptupcdr.characteristicSet(m, 0, 4.0, 3)).containsExactly(2, 9, 4);
        assertThat(Ptupcdr.characteristicSet(m, 0, 3.0, 20)).containsExactly(2, 9, 4, 1, 7, 5);
        assertThat(Ptupcdr.characteristicSet(m, 1, 4.0, 20)).isEmpty();
    }

    @Test
    void configValidationNamesTheParameter() {
        Ptupcdr.Config d = new Ptupcdr().defaultConfig();
        assertThat(d.factors()).isEqualTo(20);
        assertThat(d.metaDim()).isEqualTo(50);
        assertThat(d.maxItems()).isEqualTo(20);
        assertThat(d.positiveThreshold()).isEqualTo(4.0);
        assertThat(d.transferBias()).isTrue();
        assertThatThrownBy(() -> new Ptupcdr.Config(20, 30, 0.01, 0.05, 0.01, 0.1, 4.0, 0, 50, 10, 16, 0.01, 0, true))
                .hasMessageContaining("maxItems");
        assertThatThrownBy(() -> new Ptupcdr.Config(20, 30, 0.01, 0.05, 0.01, 0.1, 4.0, 20, 0, 10, 16, 0.01, 0, true))
                .hasMessageContaining("metaDim");
        assertThatThrownBy(() -> new Ptupcdr.Config(20, 30, 0.01, 0.05, 0.01, 0.1, 4.0, 20, 50, 0, 16, 0.01, 0, true))
                .hasMessageContaining("metaEpochs");
        assertThatThrownBy(() -> new Ptupcdr.Config(20, 30, 0.01, 0.05, 0.01, 0.1, 4.0, 20, 50, 10, 0, 0.01, 0, true))
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new Ptupcdr.Config(20, 30, 0.01, 0.05, 0.01, 0.1, 4.0, 20, 50, 10, 16, -1, 0, true))
                .hasMessageContaining("metaLearningRate");
        assertThatThrownBy(() -> new Ptupcdr.Config(20, 30, 0.01, 0.05, 0.01, 0.1, 4.0, 20, 50, 10, 16, 0.01, -1, true))
                .hasMessageContaining("weightDecay");
        assertThatThrownBy(() -> new Ptupcdr.Config(20, 30, 0.01, 0.05, 0.01, 0.1, Double.NaN, 20, 50, 10, 16, 0.01, 0,
                true)).hasMessageContaining("positiveThreshold");
        assertThatThrownBy(() -> new Ptupcdr.Config(0, 30, 0.01, 0.05, 0.01, 0.1, 4.0, 20, 50, 10, 16, 0.01, 0, true))
                .hasMessageContaining("factors");
    }

    @Test
    void warmUsersKeepTheirTargetModelAndColdUsersAreMapped() {
        ColdStartWorld w = ColdStartWorld.generate(3, 200, 0.3);
        TransferTask task = w.task();
        RunContext ctx = RunContext.of(9);
        Recommender pt = new Ptupcdr().fit(task, new Ptupcdr().defaultConfig(), ctx);
        // target-only(biased-mf) fits the target with ctx.child("target") and the same MF defaults.
        FactorModel to = new BiasedMf().fit(task.targetTrain(), new BiasedMf().defaultConfig(), ctx.child("target"));
        float[] a = new float[pt.numItems()];
        float[] b = new float[pt.numItems()];
        int cold = 0;
        int differs = 0;
        for (int u = 0; u < pt.numUsers(); u++) {
            pt.scoreAll(u, a);
            to.scoreAll(u, b);
            if (task.targetTrain().rowSize(u) > 0) {
                assertThat(a).as("warm user %d", u).containsExactly(b);
            } else {
                cold++;
                differs += java.util.Arrays.equals(a, b) ? 0 : 1;
            }
        }
        assertThat(cold).isPositive();
        assertThat(differs).isEqualTo(cold);
    }

    /**
     * Threshold 5.5 on the continuous synthetic ratings leaves many cold users without a
     * characteristic item: they take the mean bridge and must still gain from the transferred
     * rating level (measured: RMSE 0.699 against 0.866 for target-only on those 39 users;
     * asserted: a gain of at least 0.08).
     */
    @Test
    void coldUsersWithoutCharacteristicItemsUseTheMeanBridge() {
        ColdStartWorld w = ColdStartWorld.generate(4, 300, 0.3);
        TransferTask task = w.task();
        RunContext ctx = RunContext.of(2);
        InteractionMatrix src = task.sources().get(0).interactions();
        Recommender pt = new Ptupcdr().fit(task, withThreshold(new Ptupcdr().defaultConfig(), 5.5), ctx);
        FactorModel to = new BiasedMf().fit(task.targetTrain(), new BiasedMf().defaultConfig(), ctx.child("target"));
        double sePt = 0;
        double seTo = 0;
        int n = 0;
        int users = 0;
        for (int u = 0; u < task.numUsers(); u++) {
            if (task.targetTrain().rowSize(u) > 0 || Ptupcdr.characteristicSet(src, u, 5.5, 20).length > 0) {
                continue;
            }
            users++;
            for (int p = w.heldOut.rowStart(u); p < w.heldOut.rowEnd(u); p++) {
                double r = w.heldOut.value(p);
                sePt += sq(pt.predict(u, w.heldOut.col(p)) - r);
                seTo += sq(to.predict(u, w.heldOut.col(p)) - r);
                n++;
            }
        }
        assertThat(users).isGreaterThan(30);
        double rmsePt = Math.sqrt(sePt / n);
        double rmseTo = Math.sqrt(seTo / n);
        assertThat(rmsePt).as("mean bridge %.4f vs target-only %.4f on %d users", rmsePt, rmseTo, users)
                .isLessThan(rmseTo - 0.08);
    }

    @Test
    void refusesSeveralSourcesAndTasksWithoutMetaUsers() {
        ColdStartWorld w = ColdStartWorld.generate(5, 60, 0.3);
        TransferTask t = w.task();
        TransferTask two = new TransferTask(t.users(), List.of(t.sources().get(0), t.sources().get(0)), t.targetName(),
                t.targetItems(), t.targetTrain());
        assertThatThrownBy(() -> new Ptupcdr().fit(two, new Ptupcdr().defaultConfig(), RunContext.of(1)))
                .hasMessageContaining("exactly one source");
        assertThatThrownBy(() -> new Ptupcdr().fit(t, withThreshold(new Ptupcdr().defaultConfig(), 100),
                RunContext.of(1))).hasMessageContaining("no user has both");
    }

    @Test
    void trainingLowersTheTaskLoss() {
        ColdStartWorld w = ColdStartWorld.generate(6, 200, 0.3);
        RunContext ctx = RunContext.of(4);
        Ptupcdr.Config c = new Ptupcdr().defaultConfig();
        // Rebuild the inputs the strategy trains on, through the same code path.
        TransferTask task = w.task();
        DomainModels models = DomainModels.fit(task, new BiasedMf.Config(20, 30, 0.01, 0.05, 0.01, 0.1), ctx);
        InteractionMatrix src = task.sources().get(0).interactions();
        int[][] sets = new int[task.numUsers()][];
        List<Integer> meta = new java.util.ArrayList<>();
        for (int u = 0; u < task.numUsers(); u++) {
            sets[u] = Ptupcdr.characteristicSet(src, u, 4.0, 20);
            if (task.targetTrain().rowSize(u) > 0 && sets[u].length > 0) {
                meta.add(u);
            }
        }
        PtupcdrMetaNet.Data data = Ptupcdr.metaData(meta, sets, models.sources().get(0), models.target(),
                task.targetTrain(), 20);
        PtupcdrMetaNet net = new PtupcdrMetaNet(20, 50, 20, true).init(ctx.random("ptupcdr-init"));
        int[] all = new int[data.numUsers()];
        for (int j = 0; j < all.length; j++) {
            all[j] = j;
        }
        PtupcdrMetaNet.Work work = new PtupcdrMetaNet.Work(net);
        double before = net.batchLoss(data, all, 0, all.length, work, false);
        Ptupcdr.train(net, data, c, ctx);
        double after = net.batchLoss(data, all, 0, all.length, work, false);
        if (Boolean.getBoolean("neural.print")) {
            System.err.printf("ptupcdr task loss before %.5f after %.5f%n", before, after);
        }
        // Measured: 1.067 before, 0.301 after (the bridge starts near mu + b_i + small factors).
        assertThat(after).as("loss before %.4f", before).isLessThan(0.5 * before);
    }

    private static double sq(double x) {
        return x * x;
    }
}
