package org.rectransfer.algorithms.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.contract.StrategyContract;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.TransferTask;
import org.rectransfer.core.testing.TestData;

/**
 * {@link InnerSplit}: the cold-users split hides whole warm users (and only them), the ratings
 * split hides a fraction of each user's ratings; both partition the target training data exactly
 * (every held-out rating is a training rating: nothing else is reachable) and leave sources alone.
 */
class InnerSplitTest {

    static TransferTask task() {
        CrossDomainData d = TestData.crossDomain(7, 200, 40, 50, 0.3, 0.6);
        return StrategyContract.task(d);
    }

    @Test
    void coldUsersSplitHidesWholeWarmUsers() {
        TransferTask task = task();
        InteractionMatrix train = task.targetTrain();
        int warm = 0;
        for (int u = 0; u < task.numUsers(); u++) {
            if (train.rowSize(u) > 0 && InnerSplit.hasSourceData(task, u)) {
                warm++;
            }
        }
        InnerSplit s = InnerSplit.coldUsers(task, 0.2, new SplittableRandom(1));
        InteractionMatrix inner = s.task().targetTrain();
        InteractionMatrix held = s.heldOut();
        int hiddenUsers = 0;
        for (int u = 0; u < task.numUsers(); u++) {
            if (held.rowSize(u) > 0) {
                hiddenUsers++;
                assertThat(inner.rowSize(u)).as("hidden user %d keeps no target row", u).isZero();
                assertThat(held.rowSize(u)).isEqualTo(train.rowSize(u));
                assertThat(InnerSplit.hasSourceData(task, u)).isTrue();
            } else {
                assertThat(inner.rowSize(u)).isEqualTo(train.rowSize(u));
            }
        }
        assertThat(hiddenUsers).isEqualTo(Math.round(0.2 * warm));
        assertPartition(train, inner, held);
        assertThat(s.task().sources()).isEqualTo(task.sources());
        assertThat(s.task().users()).isSameAs(task.users());
        // The same stream gives the same split; another stream another one.
        assertThat(InnerSplit.coldUsers(task, 0.2, new SplittableRandom(1)).heldOut().contentHash())
                .isEqualTo(held.contentHash());
        assertThat(InnerSplit.coldUsers(task, 0.2, new SplittableRandom(2)).heldOut().contentHash())
                .isNotEqualTo(held.contentHash());
    }

    @Test
    void ratingsSplitHidesAFractionOfEveryUser() {
        TransferTask task = task();
        InteractionMatrix train = task.targetTrain();
        InnerSplit s = InnerSplit.ratings(task, 0.25, new SplittableRandom(4));
        for (int u = 0; u < task.numUsers(); u++) {
            int n = train.rowSize(u);
            long expected = Math.min(Math.round(0.25 * n), Math.max(0, n - 1));
            assertThat(s.heldOut().rowSize(u)).as("user %d with %d ratings", u, n).isEqualTo((int) expected);
            if (n > 0) {
                assertThat(s.task().targetTrain().rowSize(u)).isPositive();
            }
        }
        assertThat(s.heldOut().nnz()).isPositive();
        assertPartition(train, s.task().targetTrain(), s.heldOut());
    }

    @Test
    void noWarmUserMeansNothingHidden() {
        TransferTask task = task();
        TransferTask noTarget = new TransferTask(task.users(), task.sources(), task.targetName(), task.targetItems(),
                InteractionMatrix.empty(task.numUsers(), task.numTargetItems(), true));
        assertThat(InnerSplit.coldUsers(noTarget, 0.2, new SplittableRandom(1)).heldOut().nnz()).isZero();
    }

    /** inner and held are disjoint and their union is exactly train (same values). */
    private static void assertPartition(InteractionMatrix train, InteractionMatrix inner, InteractionMatrix held) {
        assertThat(inner.nnz() + held.nnz()).isEqualTo(train.nnz());
        for (InteractionMatrix part : new InteractionMatrix[] {inner, held}) {
            for (int u = 0; u < part.numRows(); u++) {
                for (int p = part.rowStart(u); p < part.rowEnd(u); p++) {
                    int q = train.find(u, part.col(p));
                    assertThat(q).as("entry (%d, %d) comes from the training data", u, part.col(p)).isNotNegative();
                    assertThat(train.value(q)).isEqualTo(part.value(p));
                }
            }
        }
        for (int u = 0; u < held.numRows(); u++) {
            for (int p = held.rowStart(u); p < held.rowEnd(u); p++) {
                assertThat(inner.find(u, held.col(p))).isNegative();
            }
        }
    }
}
