package org.rectransfer.algorithms.ensemble;

import java.util.SplittableRandom;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.TransferTask;

/**
 * An inner validation split carved from a task's <em>target training</em> data (the only target
 * data a strategy can see): the inner task (same users, sources and items; some target training
 * ratings hidden) and the hidden ratings, on which blend weights are fitted.
 *
 * <ul>
 *   <li>{@link #coldUsers}: mimics the cold-start protocol. Of the warm users (target training
 *   ratings and ratings in at least one source), a fraction becomes simulated cold users: all
 *   their target training rows are hidden, their source rows stay.</li>
 *   <li>{@link #ratings}: for every user with at least two target training ratings, a fraction of
 *   their ratings (rounded, at most all but one) is hidden; everyone stays warm.</li>
 * </ul>
 * Sources are never touched. Only the stream passed in is drawn from.
 *
 * @param task    the inner task (target training data minus the hidden ratings)
 * @param heldOut the hidden ratings (same shape as the target training matrix)
 */
record InnerSplit(TransferTask task, InteractionMatrix heldOut) {

    /** Hides all target training ratings of {@code round(fraction * warm)} warm users (at least one warm user stays warm). */
    static InnerSplit coldUsers(TransferTask task, double fraction, SplittableRandom rng) {
        InteractionMatrix train = task.targetTrain();
        int numUsers = task.numUsers();
        int[] warm = new int[numUsers];
        int numWarm = 0;
        for (int u = 0; u < numUsers; u++) {
            if (train.rowSize(u) > 0 && hasSourceData(task, u)) {
                warm[numWarm++] = u;
            }
        }
        int hide = (int) Math.min(Math.round(fraction * numWarm), Math.max(0, numWarm - 1));
        if (hide == 0 && numWarm >= 2) {
            hide = 1;
        }
        // Partial Fisher-Yates: the first `hide` entries become a uniform random subset.
        for (int k = 0; k < hide; k++) {
            int pick = k + rng.nextInt(numWarm - k);
            int t = warm[k];
            warm[k] = warm[pick];
            warm[pick] = t;
        }
        boolean[] hiddenUser = new boolean[numUsers];
        for (int k = 0; k < hide; k++) {
            hiddenUser[warm[k]] = true;
        }
        boolean[] keep = new boolean[train.nnz()];
        for (int u = 0; u < numUsers; u++) {
            for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
                keep[p] = !hiddenUser[u];
            }
        }
        return of(task, keep);
    }

    /** Hides {@code min(n - 1, round(fraction * n))} random ratings of every user with n target training ratings. */
    static InnerSplit ratings(TransferTask task, double fraction, SplittableRandom rng) {
        InteractionMatrix train = task.targetTrain();
        boolean[] keep = new boolean[train.nnz()];
        java.util.Arrays.fill(keep, true);
        int[] pos = new int[0];
        for (int u = 0; u < task.numUsers(); u++) {
            int start = train.rowStart(u);
            int n = train.rowSize(u);
            int hide = (int) Math.min(Math.round(fraction * n), Math.max(0, n - 1));
            if (hide == 0) {
                continue;
            }
            if (pos.length < n) {
                pos = new int[Math.max(n, 2 * pos.length)];
            }
            for (int k = 0; k < n; k++) {
                pos[k] = start + k;
            }
            for (int k = 0; k < hide; k++) {
                int pick = k + rng.nextInt(n - k);
                int t = pos[k];
                pos[k] = pos[pick];
                pos[pick] = t;
                keep[pos[k]] = false;
            }
        }
        return of(task, keep);
    }

    private static InnerSplit of(TransferTask task, boolean[] keep) {
        InteractionMatrix train = task.targetTrain();
        boolean[] hidden = new boolean[keep.length];
        for (int p = 0; p < keep.length; p++) {
            hidden[p] = !keep[p];
        }
        TransferTask inner = new TransferTask(task.users(), task.sources(), task.targetName(), task.targetItems(),
                train.select(keep));
        return new InnerSplit(inner, train.select(hidden));
    }

    static boolean hasSourceData(TransferTask task, int u) {
        for (DomainData s : task.sources()) {
            if (s.interactions().rowSize(u) > 0) {
                return true;
            }
        }
        return false;
    }
}
