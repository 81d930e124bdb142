package org.rectransfer.algorithms.knn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.core.spi.RunContext;

/**
 * Thread-count invariance (1 vs 4 threads, bit for bit), symmetry of the stored similarities,
 * {@code scoreAll == predict}, and registration, on a random matrix large enough to span several
 * parallel blocks.
 */
class KnnDeterminismTest {
    private static final int USERS = 300;
    private static final int ITEMS = 170;

    /** Integer ratings 1..5 with user and item effects, each cell present with probability 0.08. */
    static InteractionMatrix random(long seed, boolean explicit) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] ue = new double[USERS];
        double[] ie = new double[ITEMS];
        for (int u = 0; u < USERS; u++) {
            ue[u] = rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < ITEMS; i++) {
            ie[i] = rng.nextDouble(-1, 1);
        }
        InteractionMatrix.Builder b = InteractionMatrix.builder(USERS, ITEMS, explicit, false);
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                if (rng.nextDouble() < 0.08) {
                    long r = Math.round(3 + ue[u] + ie[i] + rng.nextDouble(-1, 1));
                    b.add(u, i, Math.max(1, Math.min(5, r)));
                }
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    private static RunContext ctx(int threads) {
        return RunContext.of(7).withThreads(threads);
    }

    private static void assertSameLists(NeighborLists a, NeighborLists b) {
        assertThat(b.numEntities()).isEqualTo(a.numEntities());
        for (int e = 0; e < a.numEntities(); e++) {
            assertThat(b.size(e)).isEqualTo(a.size(e));
            for (int r = 0; r < a.size(e); r++) {
                assertThat(b.neighbor(e, r)).isEqualTo(a.neighbor(e, r));
                assertThat(Float.floatToIntBits(b.similarity(e, r))).isEqualTo(Float.floatToIntBits(a.similarity(e, r)));
            }
        }
    }

    /** scoreAll of both models identical bit for bit, and equal to (float) predict. */
    private static void assertSameScores(Recommender a, Recommender b) {
        float[] sa = new float[a.numItems()];
        float[] sb = new float[b.numItems()];
        for (int u = 0; u < a.numUsers(); u++) {
            a.scoreAll(u, sa);
            b.scoreAll(u, sb);
            assertThat(sb).containsExactly(sa);
            for (int i = 0; i < a.numItems(); i += 7) {
                assertThat(sa[i]).isEqualTo((float) a.predict(u, i));
            }
        }
    }

    private static void assertSymmetric(NeighborLists n) {
        for (int a = 0; a < n.numEntities(); a++) {
            for (int r = 0; r < n.size(a); r++) {
                int b = n.neighbor(a, r);
                assertThat(Float.floatToIntBits(n.similarityTo(b, a))).isEqualTo(Float.floatToIntBits(n.similarity(a, r)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Similarity.class)
    void itemKnnIsThreadCountInvariantAndSymmetric(Similarity s) {
        InteractionMatrix m = random(3, true);
        ItemKnn.Config cfg = new ItemKnn.Config(s, 10, 10, ITEMS, Centering.BASELINE, 5, 5);
        ItemKnnModel one = new ItemKnn().fit(m, cfg, ctx(1));
        ItemKnnModel four = new ItemKnn().fit(m, cfg, ctx(4));
        assertThat(one.neighbors().totalSize()).isPositive();
        assertSameLists(one.neighbors(), four.neighbors());
        assertSameScores(one, four);
        assertSymmetric(one.neighbors()); // modelSize covers every item: all positive pairs stored both ways
    }

    @ParameterizedTest
    @EnumSource(Similarity.class)
    void userKnnIsThreadCountInvariantAndSymmetric(Similarity s) {
        InteractionMatrix m = random(4, true);
        UserKnn.Config cfg = new UserKnn.Config(s, 10, 15, USERS, Centering.MEAN, 5, 5);
        UserKnnModel one = new UserKnn().fit(m, cfg, ctx(1));
        UserKnnModel four = new UserKnn().fit(m, cfg, ctx(4));
        assertThat(one.neighbors().totalSize()).isPositive();
        assertSameLists(one.neighbors(), four.neighbors());
        assertSameScores(one, four);
        assertSymmetric(one.neighbors());
    }

    @Test
    void truncatedListsKeepTheBestNeighboursInOrder() {
        InteractionMatrix m = random(5, true);
        NeighborLists full = new ItemKnn().fit(m, new ItemKnn.Config(Similarity.COSINE, 0, 5, ITEMS, Centering.MEAN, 0, 0),
                ctx(1)).neighbors();
        NeighborLists top = new ItemKnn().fit(m, new ItemKnn.Config(Similarity.COSINE, 0, 5, 5, Centering.MEAN, 0, 0),
                ctx(3)).neighbors();
        for (int i = 0; i < ITEMS; i++) {
            assertThat(top.size(i)).isEqualTo(Math.min(5, full.size(i)));
            for (int r = 0; r < top.size(i); r++) {
                assertThat(top.neighbor(i, r)).isEqualTo(full.neighbor(i, r));
                if (r > 0) {
                    assertThat(top.similarity(i, r)).isLessThanOrEqualTo(top.similarity(i, r - 1));
                }
            }
        }
    }

    @Test
    void implicitScoringIsThreadCountInvariant() {
        InteractionMatrix m = random(6, false);
        ItemKnn.Config ic = new ItemKnn.Config(Similarity.JACCARD, 5, 20, 50, Centering.BASELINE, 0, 0);
        assertSameScores(new ItemKnn().fit(m, ic, ctx(1)), new ItemKnn().fit(m, ic, ctx(4)));
        UserKnn.Config uc = new UserKnn.Config(Similarity.COSINE, 5, 20, 50, Centering.BASELINE, 0, 0);
        assertSameScores(new UserKnn().fit(m, uc, ctx(1)), new UserKnn().fit(m, uc, ctx(4)));
    }

    @Test
    void slopeOneIsThreadCountInvariant() {
        InteractionMatrix m = random(8, true);
        for (boolean weighted : new boolean[] {true, false}) {
            SlopeOneModel one = new SlopeOne().fit(m, new SlopeOne.Config(weighted), ctx(1));
            SlopeOneModel four = new SlopeOne().fit(m, new SlopeOne.Config(weighted), ctx(4));
            assertSameScores(one, four);
            for (int j = 0; j < ITEMS; j += 5) {
                for (int i = 0; i < ITEMS; i += 3) {
                    assertThat(four.support(j, i)).isEqualTo(one.support(j, i)).isEqualTo(one.support(i, j));
                    if (one.support(j, i) > 0) {
                        assertThat(one.deviation(j, i)).isEqualTo(-one.deviation(i, j));
                    }
                }
            }
        }
    }

    @Test
    void registeredAndBitIdentical() {
        Registry r = Registry.load();
        assertThat(r.algorithmIds()).contains("item-knn", "user-knn", "slope-one");
        assertThat(r.algorithm("item-knn").determinism()).isEqualTo(Determinism.BIT_IDENTICAL);
        assertThat(r.algorithm("user-knn").determinism()).isEqualTo(Determinism.BIT_IDENTICAL);
        assertThat(r.algorithm("slope-one").determinism()).isEqualTo(Determinism.BIT_IDENTICAL);
    }
}
