package org.rectransfer.algorithms.transfer;

import java.util.ArrayList;
import java.util.List;

import org.rectransfer.algorithms.mf.BiasedMf;
import org.rectransfer.algorithms.mf.FactorModel;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TransferTask;

/**
 * The per-domain step shared by the embedding-and-mapping strategies (EMCDR, EMCDR-MLP,
 * PTUPCDR): one {@link BiasedMf} per domain, fitted with the child contexts {@code "target"} and
 * {@code "source-s"}, so for the same seed and MF config all these strategies start from
 * bit-identical per-domain models and differ only in the bridge.
 *
 * @param target  the MF of the target training data
 * @param sources the MF of each source domain, in task order
 */
public record DomainModels(FactorModel target, List<FactorModel> sources) {

    /** Fits the target and every source MF. */
    public static DomainModels fit(TransferTask task, BiasedMf.Config mf, RunContext ctx) {
        BiasedMf algo = new BiasedMf();
        FactorModel target = algo.fit(task.targetTrain(), mf, ctx.child("target"));
        List<FactorModel> sources = new ArrayList<>(task.sources().size());
        for (int s = 0; s < task.sources().size(); s++) {
            sources.add(algo.fit(task.sources().get(s).interactions(), mf, ctx.child("source-" + s)));
        }
        return new DomainModels(target, List.copyOf(sources));
    }

    /** True when {@code u} has at least one interaction in some source domain. */
    public static boolean hasSourceData(TransferTask task, int u) {
        for (var s : task.sources()) {
            if (s.interactions().rowSize(u) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The target model's item factors as doubles, row-major numItems x k. */
    public static double[] itemFactors(FactorModel m) {
        int k = m.rank();
        float[] row = new float[k];
        double[] out = new double[m.numItems() * k];
        for (int i = 0; i < m.numItems(); i++) {
            m.copyItemFactors(i, row, 0);
            for (int f = 0; f < k; f++) {
                out[i * k + f] = row[f];
            }
        }
        return out;
    }
}
