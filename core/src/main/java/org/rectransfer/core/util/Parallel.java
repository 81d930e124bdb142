package org.rectransfer.core.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work in fixed blocks so that results can be combined in block order, independent of the
 * number of threads. A block's task must write only to its own slots of shared output arrays.
 */
public final class Parallel {

    /** Work on the half-open range {@code [from, to)} of block {@code block}. */
    @FunctionalInterface
    public interface BlockTask {
        void run(int block, int from, int to);
    }

    private Parallel() {
    }

    /** Number of blocks of {@code blockSize} covering {@code n} elements. */
    public static int numBlocks(int n, int blockSize) {
        return (int) (((long) n + blockSize - 1) / blockSize); // long: n + blockSize may overflow int
    }

    /**
     * Runs {@code task} on every block of {@code [0, n)} using up to {@code threads} threads
     * (the calling thread when {@code threads == 1}). Blocks are claimed dynamically, so the
     * task must not depend on which thread runs it or in which order blocks run. Exceptions of
     * a task are rethrown (the first one, wrapped if checked).
     */
    public static void forBlocks(int n, int blockSize, int threads, BlockTask task) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be >= 1");
        }
        int blocks = numBlocks(n, blockSize);
        if (threads <= 1 || blocks <= 1) {
            for (int b = 0; b < blocks; b++) {
                task.run(b, b * blockSize, (int) Math.min(n, (long) (b + 1) * blockSize));
            }
            return;
        }
        int workers = Math.min(threads, blocks);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "rectransfer-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < blocks) {
                        task.run(b, b * blockSize, (int) Math.min(n, (long) (b + 1) * blockSize));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
