package org.rectransfer.algorithms.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

class SvdPlusPlusTest {

    private static final SvdPlusPlus SVDPP = new SvdPlusPlus();

    @Test
    void reachesALowTrainingErrorOnAnExactlyLowRankMatrix() {
        InteractionMatrix train = Fixtures.lowRank(200, 100, 2, 3.0, 0.3, 3);
        SvdPlusPlus.Config cfg = new SvdPlusPlus.Config(4, 100, 0.02, 0.001, 0.0, 0.1);
        FactorModel m = SVDPP.fit(train, cfg, RunContext.of(11));
        assertThat(Fixtures.rmse(m, train)).isLessThan(0.15 * Fixtures.spread(train));
    }

    /**
     * Two user groups rate disjoint item sets (each user a random 6 of the group's 20 items) with
     * the uninformative value 3; the shared item X is rated 5 by group A and 1 by group B, except
     * by 5 held-out users of each group. Only which items a user rated tells the groups apart, and
     * only the implicit term |N(u)|^-1/2 sum y_j, with y learned, can carry that to X for the
     * held-out users (their explicit errors on 3-rated items carry no group signal; frozen random
     * y give a gap of about 1 here, learned y about 4).
     */
    @Test
    void theImplicitTermTransfersWhatUsersRatedToUnratedItems() {
        int perGroup = 40;
        int itemsPerGroup = 20;
        int x = 2 * itemsPerGroup;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        InteractionMatrix.Builder b = InteractionMatrix.builder(2 * perGroup, x + 1, true, false);
        for (int u = 0; u < 2 * perGroup; u++) {
            boolean groupA = u < perGroup;
            int first = groupA ? 0 : itemsPerGroup;
            int added = 0;
            for (int i = first; i < first + itemsPerGroup; i++) {
                // selection sampling: exactly 6 of the 20
                if (rng.nextInt(first + itemsPerGroup - i) < 6 - added) {
                    b.add(u, i, 3f);
                    added++;
                }
            }
            boolean heldOut = u % perGroup < 5;
            if (!heldOut) {
                b.add(u, x, groupA ? 5f : 1f);
            }
        }
        InteractionMatrix train = b.build(DuplicatePolicy.ERROR);
        FactorModel svdpp = SVDPP.fit(train, new SvdPlusPlus.Config(4, 60, 0.01, 0.01, 0.01, 0.1), RunContext.of(1));
        FactorModel mf = new BiasedMf().fit(train, new BiasedMf.Config(4, 60, 0.01, 0.01, 0.01, 0.1), RunContext.of(1));
        double gapSvdpp = 0;
        double gapMf = 0;
        for (int h = 0; h < 5; h++) {
            gapSvdpp += svdpp.predict(h, x) - svdpp.predict(perGroup + h, x);
            gapMf += mf.predict(h, x) - mf.predict(perGroup + h, x);
        }
        gapSvdpp /= 5;
        gapMf /= 5;
        assertThat(gapSvdpp).isGreaterThan(2.5);
        assertThat(gapSvdpp).isGreaterThan(gapMf + 1.5);
    }

    @Test
    void usersWithoutTrainingDataArePredictedMeanPlusItemBias() {
        InteractionMatrix train = Fixtures.lowRank(50, 30, 2, 3.0, 0.4, 5, 3);
        FactorModel m = SVDPP.fit(train, SVDPP.defaultConfig(), RunContext.of(1));
        for (int i = 0; i < 30; i++) {
            assertThat(m.predict(3, i)).isEqualTo(m.globalMean() + m.itemBias(i));
        }
        Fixtures.assertScoresFiniteAndConsistent(m, 1e-5);
    }

    @Test
    void sameSeedIsBitIdenticalAndAnotherSeedDiffers() {
        InteractionMatrix train = Fixtures.lowRank(80, 40, 2, 3.0, 0.3, 6);
        FactorModel a = SVDPP.fit(train, SVDPP.defaultConfig(), RunContext.of(1));
        FactorModel b = SVDPP.fit(train, SVDPP.defaultConfig(), RunContext.of(1).withThreads(4));
        FactorModel c = SVDPP.fit(train, SVDPP.defaultConfig(), RunContext.of(2));
        assertThat(Fixtures.sameScores(a, b)).isTrue();
        assertThat(Fixtures.sameScores(a, c)).isFalse();
    }

    @Test
    void refusesImplicitData() {
        InteractionMatrix implicit = InteractionMatrix.builder(2, 2, false, false).add(0, 0, 1).build(DuplicatePolicy.ERROR);
        assertThatThrownBy(() -> SVDPP.fit(implicit, SVDPP.defaultConfig(), RunContext.of(1))).hasMessageContaining("explicit");
    }
}
