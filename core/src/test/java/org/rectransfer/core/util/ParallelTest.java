package org.rectransfer.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyIndexExactlyOnceAndBlocksMatchTheirIndex() {
        int[] sizes = {0, 1, 2, 5, 127, 128, 129, 1000, 4097};
        int[] blockSizes = {1, 3, 64, 128, 5000};
        for (int threads = 1; threads <= 4; threads++) {
            for (int n : sizes) {
                for (int bs : blockSizes) {
                    int blocks = Parallel.numBlocks(n, bs);
                    // ceil(n / bs)
                    assertThat(blocks).isEqualTo((int) Math.ceil(n / (double) bs));
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    AtomicIntegerArray blockHits = new AtomicIntegerArray(Math.max(blocks, 1));
                    int t = threads;
                    Parallel.forBlocks(n, bs, threads, (b, from, to) -> {
                        blockHits.incrementAndGet(b);
                        assertThat(from).isEqualTo(b * bs);
                        assertThat(to).isEqualTo(Math.min(n, (b + 1) * bs));
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertThat(hits.get(i)).as("n=%d bs=%d threads=%d index %d", n, bs, t, i).isEqualTo(1);
                    }
                    for (int b = 0; b < blocks; b++) {
                        assertThat(blockHits.get(b)).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void hugeRangesDoNotOverflow() {
        // n + blockSize exceeds Integer.MAX_VALUE: ceil((2^31 - 1) / 2^20) = 2048 blocks
        int n = Integer.MAX_VALUE;
        int bs = 1 << 20;
        assertThat(Parallel.numBlocks(n, bs)).isEqualTo(2048);
        AtomicLong covered = new AtomicLong();
        AtomicLong lastTo = new AtomicLong(-1);
        Parallel.forBlocks(n, bs, 1, (b, from, to) -> {
            assertThat(to).isGreaterThan(from);
            covered.addAndGet(to - from);
            if (b == 2047) {
                lastTo.set(to);
            }
        });
        assertThat(covered.get()).isEqualTo(Integer.MAX_VALUE);
        assertThat(lastTo.get()).isEqualTo(Integer.MAX_VALUE);
        // one element per block near the limit
        assertThat(Parallel.numBlocks(Integer.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void exceptionsPropagate() {
        for (int threads = 1; threads <= 4; threads++) {
            int t = threads;
            IllegalStateException boom = new IllegalStateException("block 3 failed");
            assertThatThrownBy(() -> Parallel.forBlocks(100, 10, t, (b, from, to) -> {
                if (b == 3) {
                    throw boom;
                }
            })).isSameAs(boom);
            AssertionError err = new AssertionError("error in block 0");
            assertThatThrownBy(() -> Parallel.forBlocks(100, 10, t, (b, from, to) -> {
                if (b == 0) {
                    throw err;
                }
            })).isSameAs(err);
        }
        assertThatThrownBy(() -> Parallel.forBlocks(10, 0, 1, (b, f, t) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moreThanOneThreadIsUsedWhenAllowed() {
        // block 0 waits until another block has started: only possible with a second worker
        CountDownLatch otherStarted = new CountDownLatch(1);
        AtomicBoolean sawOther = new AtomicBoolean();
        Parallel.forBlocks(2, 1, 2, (b, from, to) -> {
            if (b == 0) {
                try {
                    sawOther.set(otherStarted.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                otherStarted.countDown();
            }
        });
        assertThat(sawOther).isTrue();
    }
}
