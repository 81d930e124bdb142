package org.rectransfer.core.spi;

import java.util.Objects;
import java.util.SplittableRandom;

import org.rectransfer.core.provenance.Hashing;

/**
 * What a fit gets besides data and config: seeded random streams, a thread budget and a
 * progress / cancellation hook.
 *
 * <p>Every random stream is derived from (master seed, experiment cell, component name) by
 * SHA-256, so a component's stream does not depend on which other components drew before it,
 * and two cells never share a stream. There is no other source of randomness in the library.
 *
 * <p>Thread safety: immutable; each {@link #random} call returns a fresh stream.
 */
public final class RunContext {

    /** Receives progress and may ask a long fit to stop. Implementations must be thread-safe. */
    public interface Progress {
        /** Progress of {@code component}: {@code done} of {@code total} steps. */
        void report(String component, long done, long total);

        /** True when the run should stop as soon as possible ({@link #checkCancelled()} throws). */
        default boolean cancelled() {
            return false;
        }

        Progress NONE = (component, done, total) -> { };
    }

    /** Thrown by {@link #checkCancelled()} when the progress hook asks to stop. */
    public static final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CancelledException(String component) {
            super("run cancelled during " + component);
        }
    }

    private final long masterSeed;
    private final String cell;
    private final int threads;
    private final Progress progress;

    public RunContext(long masterSeed, String cell, int threads, Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.masterSeed = masterSeed;
        this.cell = Objects.requireNonNull(cell, "cell");
        this.threads = threads;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A single-threaded context without progress reporting, for tests and simple use. */
    public static RunContext of(long masterSeed) {
        return new RunContext(masterSeed, "default", 1, Progress.NONE);
    }

    public long masterSeed() {
        return masterSeed;
    }

    public String cell() {
        return cell;
    }

    /** Threads the fit may use; results must not depend on it unless the algorithm declares so. */
    public int threads() {
        return threads;
    }

    public Progress progress() {
        return progress;
    }

    /** The seed of the stream for {@code component}: SHA-256 of "seed/cell/component". */
    public long seedFor(String component) {
        return Hashing.sha256Long(masterSeed + "/" + cell + "/" + component);
    }

    /** A fresh random stream for {@code component}, the same on every call with the same name. */
    public SplittableRandom random(String component) {
        return new SplittableRandom(seedFor(component));
    }

    /** A context for a sub-component: same seed and threads, cell {@code cell + "/" + name}. */
    public RunContext child(String name) {
        return new RunContext(masterSeed, cell + "/" + name, threads, progress);
    }

    /** A context with another thread budget (for thread-count invariance tests). */
    public RunContext withThreads(int newThreads) {
        return new RunContext(masterSeed, cell, newThreads, progress);
    }

    /** Throws {@link CancelledException} if the progress hook asks to stop. */
    public void checkCancelled(String component) {
        if (progress.cancelled()) {
            throw new CancelledException(component);
        }
    }
}
