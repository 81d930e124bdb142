package org.rectransfer.algorithms.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;
import org.rectransfer.core.testing.TestData;
import org.rectransfer.core.data.DomainData;

/**
 * {@link StackedFit} with fake components whose predictions are fixed functions a(u,i), b(u,i)
 * (independent of training) and target ratings exactly {@code 0.7 a + 0.3 b} (integers, so the
 * float storage of ratings is exact): every holdout mode recovers the weights 0.7 / 0.3 and
 * intercept 0 within 1e-9; the fused model reproduces the ratings; components see only the
 * target training data.
 */
class StackedFitTest {
    private static final double RECOVERY = 1e-9;
    private static final int USERS = 120;
    private static final int ITEMS = 30;

    static double a(int u, int i) {
        return 10 * ((u + 2 * i) % 5);
    }

    static double b(int u, int i) {
        return 10 * ((3 * u + i) % 7);
    }

    /** Recommender over fixed scores; records the size of the target training data it was fitted on. */
    record Fixed(boolean first) implements Recommender {
        @Override
        public int numUsers() {
            return USERS;
        }

        @Override
        public int numItems() {
            return ITEMS;
        }

        @Override
        public double predict(int u, int i) {
            return first ? a(u, i) : b(u, i);
        }

        @Override
        public void scoreAll(int u, float[] out) {
            for (int i = 0; i < ITEMS; i++) {
                out[i] = (float) predict(u, i);
            }
        }
    }

    static StackedFit.Component fake(String name, boolean first, List<Integer> seenNnz) {
        return new StackedFit.Component() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Recommender fit(TransferTask task, RunContext ctx) {
                seenNnz.add(task.targetTrain().nnz());
                return new Fixed(first);
            }
        };
    }

    static TransferTask task() {
        IdIndex users = IdIndex.of(TestData.numericIds(USERS));
        IdIndex items = IdIndex.of(TestData.numericIds(ITEMS));
        InteractionMatrix.Builder t = InteractionMatrix.builder(USERS, ITEMS, true, false);
        InteractionMatrix.Builder s = InteractionMatrix.builder(USERS, 5, true, false);
        for (int u = 0; u < USERS; u++) {
            s.add(u, u % 5, 3f);
            if (u % 10 == 9) {
                continue; // cold users: source rows only
            }
            for (int i = u % 3; i < ITEMS; i += 3) {
                t.add(u, i, (float) (0.7 * a(u, i) + 0.3 * b(u, i)));
            }
        }
        InteractionMatrix sm = s.build(DuplicatePolicy.ERROR);
        IdIndex sItems = IdIndex.of(TestData.numericIds(5));
        DomainData source = new DomainData("src", sItems, sm, "fp");
        return new TransferTask(users, List.of(source), "tgt", items, t.build(DuplicatePolicy.ERROR));
    }

    @Test
    void everyHoldoutRecoversTheKnownBlend() {
        TransferTask task = task();
        for (String holdout : List.of("cold-users", "ratings", "both")) {
            List<Integer> seen = new java.util.ArrayList<>();
            StackedFit.Result r = StackedFit.fit(task, List.of(fake("a", true, seen), fake("b", false, seen)),
                    new StackedFit.Settings(holdout, 0.2, 0, true, true), RunContext.of(1));
            for (Blend blend : List.of(r.cold(), r.warm())) {
                assertThat(blend.weights()).as(holdout).containsExactly(new double[] {0.7, 0.3}, within(RECOVERY));
                assertThat(blend.intercept()).as(holdout).isCloseTo(0, within(RECOVERY));
            }
            // Inner fits see less than the training data, the final refits see all of it; nothing more.
            int full = task.targetTrain().nnz();
            assertThat(seen).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(full));
            assertThat(seen.subList(seen.size() - 2, seen.size())).containsOnly(full);
            assertThat(seen.subList(0, seen.size() - 2)).allSatisfy(n -> assertThat(n).isLessThan(full));
            assertThat(seen).hasSize(holdout.equals("both") ? 6 : 4);
            Recommender m = r.model();
            float[] out = new float[ITEMS];
            for (int u = 0; u < USERS; u++) {
                m.scoreAll(u, out);
                for (int i = 0; i < ITEMS; i++) {
                    double truth = 0.7 * a(u, i) + 0.3 * b(u, i);
                    assertThat(m.predict(u, i)).isCloseTo(truth, within(1e-7));
                    assertThat((double) out[i]).isCloseTo(m.predict(u, i), within(1e-4));
                }
            }
        }
    }

    @Test
    void nothingToFitOnGivesThePlainAverage() {
        TransferTask t = task();
        TransferTask empty = new TransferTask(t.users(), t.sources(), t.targetName(), t.targetItems(),
                InteractionMatrix.empty(USERS, ITEMS, true));
        List<Integer> seen = new java.util.ArrayList<>();
        StackedFit.Result r = StackedFit.fit(empty, List.of(fake("a", true, seen), fake("b", false, seen)),
                new StackedFit.Settings("cold-users", 0.2, 0, true, true), RunContext.of(1));
        assertThat(r.cold().weights()).containsExactly(0.5, 0.5);
        assertThat(r.model().predict(3, 4)).isCloseTo(0.5 * a(3, 4) + 0.5 * b(3, 4), within(1e-12));
        assertThat(seen).hasSize(2); // only the final fits
    }
}
