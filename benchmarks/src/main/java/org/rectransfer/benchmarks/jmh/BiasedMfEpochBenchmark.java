package org.rectransfer.benchmarks.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.RunContext;

/**
 * Time of one BiasedMF SGD epoch, reported per rating ({@code ns/op} with one op = one rating
 * update): a fit with {@code epochs = 1} on {@value #RATINGS} distinct random ratings (6,040 users x
 * 3,706 items, the shape of MovieLens 1M), including the per-fit flattening and initialisation.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar jmh BiasedMfEpoch}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BiasedMfEpochBenchmark {
    static final int RATINGS = 1_000_000;

    @Param({"64"})
    int factors;

    private InteractionMatrix train;
    private BiasedMf.Config config;
    private final BiasedMf algorithm = new BiasedMf();

    @Setup(Level.Trial)
    public void setUp() {
        int users = 6040;
        int items = 3706;
        SplittableRandom rng = new SplittableRandom(42);
        InteractionMatrix.Builder b = InteractionMatrix.builder(users, items, true, false);
        boolean[] taken = new boolean[users * items];
        for (int n = 0; n < RATINGS; ) {
            int cell = rng.nextInt(users * items);
            if (!taken[cell]) {
                taken[cell] = true;
                b.add(cell / items, cell % items, 1 + rng.nextInt(5));
                n++;
            }
        }
        train = b.build(DuplicatePolicy.ERROR);
        config = new BiasedMf.Config(factors, 1, 0.01, 0.05, 0.01, 0.1);
    }

    @Benchmark
    @OperationsPerInvocation(RATINGS)
    public Object epoch() {
        return algorithm.fit(train, config, RunContext.of(7));
    }
}
