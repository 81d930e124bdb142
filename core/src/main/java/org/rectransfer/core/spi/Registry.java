package org.rectransfer.core.spi;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The algorithms, strategies and wrappers found on a class path through
 * {@link ServiceLoader}. Strategy ids are either a registered strategy ({@code "cmf"}) or a
 * wrapper applied to an algorithm ({@code "target-only(biased-mf)"}).
 *
 * <p>Thread safety: immutable after construction.
 */
public final class Registry {

    private final Map<String, Algorithm<?>> algorithms = new TreeMap<>();
    private final Map<String, TransferStrategy<?>> strategies = new TreeMap<>();
    private final Map<String, AlgorithmWrapper> wrappers = new TreeMap<>();

    private Registry() {
    }

    /** Everything registered in {@code META-INF/services} visible to {@code loader}. */
    @SuppressWarnings("rawtypes")
    public static Registry load(ClassLoader loader) {
        Registry r = new Registry();
        for (Algorithm a : ServiceLoader.load(Algorithm.class, loader)) {
            putUnique(r.algorithms, a.id(), a, "algorithm");
        }
        for (TransferStrategy s : ServiceLoader.load(TransferStrategy.class, loader)) {
            putUnique(r.strategies, s.id(), s, "strategy");
        }
        for (AlgorithmWrapper w : ServiceLoader.load(AlgorithmWrapper.class, loader)) {
            putUnique(r.wrappers, w.id(), w, "wrapper");
        }
        return r;
    }

    /** {@link #load(ClassLoader)} with this class's loader. */
    public static Registry load() {
        return load(Registry.class.getClassLoader());
    }

    private static <T> void putUnique(Map<String, T> map, String id, T value, String kind) {
        T previous = map.putIfAbsent(id, value);
        if (previous != null && previous.getClass() != value.getClass()) {
            throw new IllegalStateException("two " + kind + "s share the id '" + id + "': "
                    + previous.getClass().getName() + " and " + value.getClass().getName());
        }
    }

    public List<String> algorithmIds() {
        return List.copyOf(algorithms.keySet());
    }

    public List<String> strategyIds() {
        return List.copyOf(strategies.keySet());
    }

    public List<String> wrapperIds() {
        return List.copyOf(wrappers.keySet());
    }

    /** The algorithm with this id; the error lists the ids that exist. */
    public Algorithm<?> algorithm(String id) {
        Algorithm<?> a = algorithms.get(id);
        if (a == null) {
            throw new IllegalArgumentException("unknown algorithm '" + id + "'; known algorithms: " + algorithms.keySet());
        }
        return a;
    }

    /**
     * The strategy with this id: a registered one, or {@code wrapper(algorithm)}. The error
     * lists the strategies, wrappers and algorithms that exist.
     */
    public TransferStrategy<?> strategy(String id) {
        TransferStrategy<?> s = strategies.get(id);
        if (s != null) {
            return s;
        }
        int open = id.indexOf('(');
        if (open > 0 && id.endsWith(")")) {
            String wrapperId = id.substring(0, open);
            String algorithmId = id.substring(open + 1, id.length() - 1);
            AlgorithmWrapper w = wrappers.get(wrapperId);
            if (w == null) {
                throw new IllegalArgumentException("unknown wrapper '" + wrapperId + "' in '" + id
                        + "'; known wrappers: " + wrappers.keySet());
            }
            return w.wrap(algorithm(algorithmId));
        }
        throw new IllegalArgumentException("unknown strategy '" + id + "'; known strategies: " + strategies.keySet()
                + ", or wrapper(algorithm) with wrappers " + wrappers.keySet() + " and algorithms " + algorithms.keySet());
    }

    /** Read-only view of the registered algorithms by id. */
    public Map<String, Algorithm<?>> algorithms() {
        return Collections.unmodifiableMap(algorithms);
    }
}
