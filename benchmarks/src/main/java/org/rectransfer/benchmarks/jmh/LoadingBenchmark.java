package org.rectransfer.benchmarks.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.DelimitedLoader;
import org.rectransfer.datasets.RawInteractions;
import org.rectransfer.datasets.synthetic.MultiDomainConfig;
import org.rectransfer.datasets.synthetic.MultiDomainSynthetic;

/**
 * Loading cost: wall time of reading about {@code interactions} explicit ratings (tab-separated
 * {@code user item rating}, no timestamps; 50 ratings per user on average over 20,000 items,
 * written once per trial by {@link MultiDomainSynthetic#writeTsv} into a temp directory) through
 * {@link DelimitedLoader#read} and {@link RawInteractions#toDomainData}, and the memory of the
 * resulting {@link InteractionMatrix}, reported as auxiliary counters per iteration:
 * <ul>
 *   <li>{@code csrBytesPerInteraction}: retained bytes of the matrix computed from its array
 *       sizes (16-byte array headers, 4-byte {@code int}/{@code float}, 8-byte {@code long}):
 *       {@code (4 (rows + 1) + 4 nnz [+ 4 nnz values] [+ 8 nnz timestamps] + headers) / nnz};</li>
 *   <li>{@code heapBytesPerInteraction} ({@code loadMeasuringHeap} only): used heap after a GC
 *       with the loaded domain retained minus before the load, per interaction (so it includes
 *       the item index and the user index it was built over);</li>
 *   <li>{@code interactions}: the actual number loaded.</li>
 * </ul>
 * JMH sums {@code EVENTS} counters over the measurement iterations: divide the printed counter
 * values by {@code Cnt} for the per-load figure (e.g. {@code -i 1} prints them directly).
 * {@code generateInMemory} times {@link MultiDomainSynthetic#toCrossDomainData()} at the same size.
 *
 * <p>Run (1M, the default): {@code java -jar benchmarks/target/benchmarks.jar jmh Loading}.
 * 10M: {@code java -jar benchmarks/target/benchmarks.jar jmh Loading -p interactions=10000000
 * -jvmArgs -Xmx4g} (the 10M file is about 130 MB in the temp directory). Timings are single
 * shots (one load per iteration), so use a few iterations rather than one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class LoadingBenchmark {

    static final int PER_USER = 50;
    static final int ITEMS = 20_000;

    @Param({"1000000"})
    int interactions;

    private Path dir;
    private Path file;
    private MultiDomainSynthetic generator;
    private DelimitedLoader loader;

    /** Memory counters, reset every iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Memory {
        public double csrBytesPerInteraction;
        public double heapBytesPerInteraction;
        public long interactions;

        @Setup(Level.Iteration)
        public void reset() {
            csrBytesPerInteraction = 0;
            heapBytesPerInteraction = 0;
            interactions = 0;
        }
    }

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        MultiDomainConfig c = MultiDomainConfig.defaults().withNumUsers(Math.max(1, interactions / PER_USER))
                .withDomains(List.of(), new MultiDomainConfig.Domain("t", ITEMS, PER_USER, 1.0)).withSeed(42);
        generator = MultiDomainSynthetic.of(c);
        dir = Files.createTempDirectory("rectransfer-loading");
        file = generator.writeTsv(dir).get("t");
        loader = new DelimitedLoader(generator.tsvFormat());
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public DomainData load(Memory mem) throws IOException {
        RawInteractions raw = loader.read(file);
        DomainData d = raw.toDomainData("t", raw.userIndex());
        record(mem, d.interactions());
        return d;
    }

    @Benchmark
    public DomainData loadMeasuringHeap(Memory mem) throws IOException {
        long before = usedAfterGc();
        RawInteractions raw = loader.read(file);
        DomainData d = raw.toDomainData("t", raw.userIndex());
        raw = null;
        long after = usedAfterGc();
        record(mem, d.interactions());
        mem.heapBytesPerInteraction = (double) (after - before) / d.interactions().nnz();
        return d;
    }

    @Benchmark
    public Object generateInMemory(Memory mem) {
        InteractionMatrix m = generator.toCrossDomainData().target().interactions();
        record(mem, m);
        return m;
    }

    private static void record(Memory mem, InteractionMatrix m) {
        mem.interactions = m.nnz();
        mem.csrBytesPerInteraction = csrBytes(m) / (double) m.nnz();
    }

    /** Retained bytes of the arrays of {@code m} (16-byte headers; the transpose is not built). */
    static long csrBytes(InteractionMatrix m) {
        long header = 16;
        long nnz = m.nnz();
        long bytes = header + 4L * (m.numRows() + 1) + header + 4 * nnz;
        if (m.isExplicit()) {
            bytes += header + 4 * nnz;
        }
        if (m.hasTimestamps()) {
            bytes += header + 8 * nnz;
        }
        return bytes + 32; // the object itself
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
