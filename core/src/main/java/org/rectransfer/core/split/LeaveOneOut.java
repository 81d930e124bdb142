package org.rectransfer.core.split;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Leave-one-out: per user, one target interaction is held out for test and, optionally, one
 * more for validation; everything else is training data. This is the protocol of NCF (He et al.
 * 2017, "Neural Collaborative Filtering", WWW), which holds out each user's latest interaction
 * ({@link Mode#LAST}).
 *
 * <p>Eligible users have at least 2 target interactions, or at least 3 when {@code validation}
 * is set, so that at least one stays in train; other users keep their whole row in train.
 *
 * <ul>
 *   <li>{@link Mode#LAST}: the test interaction is the user's latest by timestamp; among
 *   interactions with the same latest timestamp, the one with the lowest item index. The
 *   validation interaction is the latest of the rest by the same rule. Requires timestamps;
 *   draws nothing from the stream.</li>
 *   <li>{@link Mode#RANDOM}: eligible users in increasing index order; for each, the test
 *   interaction is uniform over the row and the validation interaction uniform over the rest
 *   (a partial Fisher-Yates over the row's positions in column order).</li>
 * </ul>
 *
 * @param mode       which interaction is left out
 * @param validation whether a second interaction per user is left out for validation
 */
public record LeaveOneOut(Mode mode, boolean validation) implements SplitSpec {

    /** Which interaction of a user is left out. */
    public enum Mode {
        /** A uniformly random one. */
        RANDOM,
        /** The latest by timestamp (ties: lowest item index). */
        LAST
    }

    public LeaveOneOut {
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String describe() {
        return "leave-one-out(mode=" + mode.name().toLowerCase(Locale.ROOT) + ",validation=" + validation + ")";
    }

    @Override
    public TargetSplit split(CrossDomainData data, SplittableRandom rng, int fold) {
        Splits.checkFold(this, fold);
        if (mode == Mode.LAST) {
            Splits.requireTimestamps(data, "leave-one-out with mode LAST");
        }
        InteractionMatrix all = data.target().interactions();
        byte[] role = new byte[all.nnz()];
        int minSize = validation ? 3 : 2;
        int held = validation ? 2 : 1;
        for (int u = 0; u < all.numRows(); u++) {
            int n = all.rowSize(u);
            if (n < minSize) {
                continue;
            }
            int start = all.rowStart(u);
            if (mode == Mode.LAST) {
                int test = latest(all, start, all.rowEnd(u), -1);
                role[test] = Splits.TEST;
                if (validation) {
                    role[latest(all, start, all.rowEnd(u), test)] = Splits.VALIDATION;
                }
            } else {
                int[] pos = new int[n];
                for (int k = 0; k < n; k++) {
                    pos[k] = start + k;
                }
                Splits.partialShuffle(pos, held, rng);
                role[pos[0]] = Splits.TEST;
                if (validation) {
                    role[pos[1]] = Splits.VALIDATION;
                }
            }
        }
        return Splits.assemble(this, all, role, fold);
    }

    /** Position in [from, to) of the latest entry, lowest column on ties, skipping {@code except}. */
    private static int latest(InteractionMatrix m, int from, int to, int except) {
        int best = -1;
        for (int p = from; p < to; p++) {
            if (p != except && (best < 0 || m.timestamp(p) > m.timestamp(best))) {
                best = p; // columns increase along the row: the first maximum has the lowest item
            }
        }
        return best;
    }
}
