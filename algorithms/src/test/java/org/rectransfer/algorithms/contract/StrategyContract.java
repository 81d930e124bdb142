package org.rectransfer.algorithms.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferStrategy;
import org.rectransfer.core.spi.TransferTask;

/**
 * The contract every {@link TransferStrategy} (and, through {@code target-only(algo)}, every
 * algorithm) must meet, as reusable checks:
 * <ol>
 *   <li>same data, config and seed give bit-identical scores for every user and item;</li>
 *   <li>a stochastic strategy gives different scores for another seed;</li>
 *   <li>1 and 4 threads give bit-identical scores unless the strategy declares otherwise;</li>
 *   <li>{@code scoreAll} fills finite values for every user, including users with no target
 *   training data and users with no data at all, and agrees with {@code predict};</li>
 *   <li>concurrent scoring from several threads agrees with sequential scoring;</li>
 *   <li>fitting does not modify the training data.</li>
 * </ol>
 */
public final class StrategyContract {
    /** Float storage of scores against double predictions: a relative tolerance for predict == scoreAll. */
    static final double PREDICT_TOLERANCE = 1e-4;

    private StrategyContract() {
    }

    /** A task over {@code data} whose target training data leaves users without target rows (cold). */
    public static TransferTask task(CrossDomainData data) {
        return new TransferTask(data.users(), data.sources(), data.target().name(), data.target().items(),
                data.target().interactions());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Recommender fit(TransferStrategy s, Record config, TransferTask task, RunContext ctx) {
        return s.fit(task, config, ctx);
    }

    /** Runs every check; {@code stochastic} says whether the strategy draws random numbers. */
    public static void check(TransferStrategy<?> strategy, Record config, CrossDomainData data, boolean stochastic)
            throws Exception {
        TransferTask task = task(data);
        String before = hashAll(task);
        Recommender a = fit(strategy, config, task, RunContext.of(17));
        assertThat(hashAll(task)).as("%s must not modify its training data", strategy.id()).isEqualTo(before);
        Recommender b = fit(strategy, config, task, RunContext.of(17));
        float[][] sa = scores(a);
        assertThat(scores(b)).as("%s: same seed must give bit-identical scores", strategy.id()).isDeepEqualTo(sa);

        Recommender c = fit(strategy, config, task, RunContext.of(18));
        boolean differs = !java.util.Arrays.deepEquals(scores(c), sa);
        if (stochastic) {
            assertThat(differs).as("%s is stochastic: another seed must change its scores", strategy.id()).isTrue();
        } else {
            assertThat(differs).as("%s is deterministic: the seed must not matter", strategy.id()).isFalse();
        }

        if (strategy.determinism() == Determinism.BIT_IDENTICAL) {
            Recommender d = fit(strategy, config, task, RunContext.of(17).withThreads(4));
            assertThat(scores(d)).as("%s: 4 threads must equal 1 thread", strategy.id()).isDeepEqualTo(sa);
        }

        assertThat(a.numUsers()).isEqualTo(data.users().size());
        assertThat(a.numItems()).isEqualTo(data.target().items().size());
        for (int u = 0; u < a.numUsers(); u++) {
            for (int i = 0; i < a.numItems(); i++) {
                float s = sa[u][i];
                assertThat(Float.isFinite(s)).as("%s: score of user %d item %d is %s", strategy.id(), u, i, s).isTrue();
                double p = a.predict(u, i);
                assertThat(Math.abs(p - s)).as("%s: predict vs scoreAll at (%d, %d)", strategy.id(), u, i)
                        .isLessThanOrEqualTo(PREDICT_TOLERANCE * Math.max(1, Math.abs(p)));
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[][]>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> scores(a)));
            }
            for (Future<float[][]> f : futures) {
                assertThat(f.get()).as("%s: concurrent scoring", strategy.id()).isDeepEqualTo(sa);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static float[][] scores(Recommender r) {
        float[][] out = new float[r.numUsers()][r.numItems()];
        for (int u = 0; u < r.numUsers(); u++) {
            r.scoreAll(u, out[u]);
        }
        return out;
    }

    private static String hashAll(TransferTask task) {
        StringBuilder sb = new StringBuilder(task.targetTrain().contentHash());
        for (DomainData s : task.sources()) {
            sb.append(s.interactions().contentHash());
        }
        return sb.toString();
    }

    /** Users of {@code data} with no target row and no source row, for the "no data at all" case. */
    static int countUsersWithoutData(CrossDomainData data) {
        int n = 0;
        for (int u = 0; u < data.users().size(); u++) {
            boolean any = data.target().interactions().rowSize(u) > 0;
            for (DomainData s : data.sources()) {
                any |= s.interactions().rowSize(u) > 0;
            }
            if (!any) {
                n++;
            }
        }
        return n;
    }

    /** Users with source data but no target training data. */
    static int countColdUsers(CrossDomainData data) {
        int n = 0;
        InteractionMatrix t = data.target().interactions();
        for (int u = 0; u < data.users().size(); u++) {
            if (t.rowSize(u) == 0) {
                for (DomainData s : data.sources()) {
                    if (s.interactions().rowSize(u) > 0) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }
}
