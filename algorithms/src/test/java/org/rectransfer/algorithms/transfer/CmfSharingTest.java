package org.rectransfer.algorithms.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.factor.Fixtures;
import org.rectransfer.algorithms.mf.CollectiveSgd;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;
import org.rectransfer.core.testing.TestData;

/** CMF's sharing modes: the common item index, the shared-item setting on cold items, and the default mode. */
class CmfSharingTest {
    /** Required RMSE gain of share=items over share=users on target items without target training ratings. */
    private static final double COLD_ITEM_MIN_GAIN = 0.10;

    private static DomainData domain(String name, IdIndex users, IdIndex items, InteractionMatrix m) {
        return new DomainData(name, items, m, DomainData.contentFingerprint(users, items, m));
    }

    @Test
    void commonItemIndexPutsMatchedSourceItemsOnTargetColumnsAndAppendsTheRest() {
        IdIndex users = IdIndex.of("u1", "u2");
        IdIndex targetItems = IdIndex.of("a", "b", "c");
        IdIndex sourceItems = IdIndex.of("a", "b", "x");
        InteractionMatrix target = InteractionMatrix.builder(2, 3, true, false).add(0, 2, 4f).build(DuplicatePolicy.ERROR);
        InteractionMatrix source = InteractionMatrix.builder(2, 3, true, false).add(0, 1, 5f).add(1, 2, 2f)
                .add(1, 0, 3f).build(DuplicatePolicy.ERROR);
        TransferTask task = new TransferTask(users, List.of(domain("s", users, sourceItems, source)), "t",
                targetItems, target);

        InteractionMatrix[] common = Cmf.onCommonItemIndex(task);

        assertThat(common[0].numCols()).isEqualTo(4);
        assertThat(common[0].get(0, 2)).isEqualTo(4f);
        assertThat(common[1].numCols()).isEqualTo(4);
        assertThat(common[1].get(0, 1)).as("b -> target column of b").isEqualTo(5f);
        assertThat(common[1].get(1, 0)).as("a -> target column of a").isEqualTo(3f);
        assertThat(common[1].get(1, 3)).as("x is appended after the target items").isEqualTo(2f);
        assertThat(common[1].nnz()).isEqualTo(3);
    }

    @Test
    void itemSharingNeedsAtLeastOneCommonItemId() {
        IdIndex users = IdIndex.of("u1");
        IdIndex targetItems = IdIndex.of("a");
        IdIndex sourceItems = IdIndex.of("x");
        InteractionMatrix target = InteractionMatrix.builder(1, 1, true, false).add(0, 0, 4f).build(DuplicatePolicy.ERROR);
        InteractionMatrix source = InteractionMatrix.builder(1, 1, true, false).add(0, 0, 4f).build(DuplicatePolicy.ERROR);
        TransferTask task = new TransferTask(users, List.of(domain("books", users, sourceItems, source)), "movies",
                targetItems, target);
        Cmf cmf = new Cmf();
        Cmf.Config items = withShare(cmf.defaultConfig(), "items");
        assertThatThrownBy(() -> cmf.fit(task, items, RunContext.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("books").hasMessageContaining("no item id in common");
        assertThatThrownBy(() -> withShare(cmf.defaultConfig(), "rows"))
                .hasMessageContaining("share must be one of");
    }

    @Test
    void defaultModeIsTheSharedUserCollectiveFactorisation() {
        CrossDomainData d = TestData.crossDomain(3, 40, 20, 0.3, 0.6);
        TransferTask task = new TransferTask(d.users(), d.sources(), "target", d.target().items(),
                d.target().interactions());
        Cmf cmf = new Cmf();
        Recommender viaCmf = cmf.fit(task, cmf.defaultConfig(), RunContext.of(5));
        CollectiveSgd.Result direct = CollectiveSgd.train(Pooled.targetThenSources(task), new double[] {1, 1}, true,
                cmf.defaultConfig().sgd(), RunContext.of(5).child("cmf"));
        Recommender expected = direct.model(0, task.numUsers());
        for (int u = 0; u < task.numUsers(); u++) {
            for (int i = 0; i < task.numTargetItems(); i++) {
                assertThat(viaCmf.predict(u, i)).isEqualTo(expected.predict(u, i));
            }
        }
    }

    /**
     * Shared-item world: 60 items known to both systems with the same bias and factors; 300
     * source-only users rate them all densely, 150 target users rate only the first 40 items in
     * training. Held out: target ratings of items 40-59 (cold items). Sharing items carries the
     * source's item parameters to the cold items; sharing users cannot (the populations are
     * disjoint), so it predicts those items from the mean and the user bias alone.
     */
    @Test
    void sharingItemsTransfersToItemsWithoutTargetRatings() {
        int numSourceUsers = 300;
        int numTargetUsers = 150;
        int numItems = 60;
        int warmItems = 40;
        int k = 3;
        SplittableRandom rng = new SplittableRandom(11);
        double[][] q = new double[numItems][k];
        double[] bi = new double[numItems];
        for (int i = 0; i < numItems; i++) {
            bi[i] = 0.8 * gauss(rng);
            for (int f = 0; f < k; f++) {
                q[i][f] = 0.6 * gauss(rng);
            }
        }
        int numUsers = numSourceUsers + numTargetUsers;
        InteractionMatrix.Builder src = InteractionMatrix.builder(numUsers, numItems, true, false);
        InteractionMatrix.Builder tgt = InteractionMatrix.builder(numUsers, numItems, true, false);
        InteractionMatrix.Builder held = InteractionMatrix.builder(numUsers, numItems, true, false);
        for (int u = 0; u < numUsers; u++) {
            double[] p = new double[k];
            for (int f = 0; f < k; f++) {
                p[f] = 0.6 * gauss(rng);
            }
            double bu = 0.3 * gauss(rng);
            for (int i = 0; i < numItems; i++) {
                if (u < numSourceUsers && rng.nextDouble() >= 0.5) {
                    continue;
                }
                if (u >= numSourceUsers && rng.nextDouble() >= 0.4) {
                    continue;
                }
                double r = 3 + bu + bi[i] + 0.2 * gauss(rng);
                for (int f = 0; f < k; f++) {
                    r += p[f] * q[i][f];
                }
                if (u < numSourceUsers) {
                    src.add(u, i, (float) r);
                } else {
                    (i < warmItems ? tgt : held).add(u, i, (float) r);
                }
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < numItems; i++) {
            ids.add("item" + i);
        }
        IdIndex users = IdIndex.of(TestData.numericIds(numUsers));
        IdIndex items = IdIndex.of(ids);
        // IdIndex sorts raw ids; the builders used generation order, so map through the sorted index.
        int[] col = new int[numItems];
        for (int i = 0; i < numItems; i++) {
            col[i] = items.require("item" + i);
        }
        InteractionMatrix s = permuteColumns(src.build(DuplicatePolicy.ERROR), col);
        InteractionMatrix t = permuteColumns(tgt.build(DuplicatePolicy.ERROR), col);
        InteractionMatrix h = permuteColumns(held.build(DuplicatePolicy.ERROR), col);
        TransferTask task = new TransferTask(users, List.of(domain("source", users, items, s)), "target", items, t);

        Cmf cmf = new Cmf();
        Cmf.Config base = new Cmf.Config(k, 40, 0.02, 0.02, 0.01, 0.1, 1.0, 1.0, true, "users", true);
        double usersRmse = Fixtures.rmse(cmf.fit(task, base, RunContext.of(2)), h);
        double itemsRmse = Fixtures.rmse(cmf.fit(task, withShare(base, "items"), RunContext.of(2)), h);
        double bothRmse = Fixtures.rmse(cmf.fit(task, withShare(base, "both"), RunContext.of(2)), h);

        assertThat((usersRmse - itemsRmse) / usersRmse).as("items %s vs users %s", itemsRmse, usersRmse)
                .isGreaterThan(COLD_ITEM_MIN_GAIN);
        assertThat((usersRmse - bothRmse) / usersRmse).as("both %s vs users %s", bothRmse, usersRmse)
                .isGreaterThan(COLD_ITEM_MIN_GAIN);
    }

    private static Cmf.Config withShare(Cmf.Config c, String share) {
        return new Cmf.Config(c.factors(), c.epochs(), c.learningRate(), c.regularization(), c.biasRegularization(),
                c.initStd(), c.sourceWeight(), c.targetWeight(), c.sharedUserBias(), share, c.sharedItemBias());
    }

    private static InteractionMatrix permuteColumns(InteractionMatrix m, int[] col) {
        InteractionMatrix.Builder b = InteractionMatrix.builder(m.numRows(), m.numCols(), true, false);
        for (int u = 0; u < m.numRows(); u++) {
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                b.add(u, col[m.col(p)], m.value(p));
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    private static double gauss(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
