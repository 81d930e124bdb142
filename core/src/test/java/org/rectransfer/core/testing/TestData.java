package org.rectransfer.core.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Small random data sets for tests, fully determined by a seed (published in the core test-jar).
 *
 * <p>Conventions of every data set built here:
 * <ul>
 *   <li>Raw ids are the decimal numbers {@code "0".."n-1"}, so index {@code i} has raw id
 *   {@code String.valueOf(i)} (for users and for the items of every domain).</li>
 *   <li>Matrices are explicit with integer ratings in {@code 1..5} and have timestamps (random,
 *   in {@code [0, 1_000_000)}).</li>
 *   <li>{@link #crossDomain} builds one source domain named {@value #SOURCE} and one target
 *   domain named {@value #TARGET} over one shared user index.</li>
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
public final class TestData {

    /** Name of the source domain of {@link #crossDomain}. */
    public static final String SOURCE = "source";
    /** Name of the target domain of {@link #crossDomain}. */
    public static final String TARGET = "target";

    private TestData() {
    }

    /**
     * A random cross-domain data set with the same number of items in both domains; see
     * {@link #crossDomain(long, int, int, int, double, double)}.
     */
    public static CrossDomainData crossDomain(long seed, int numUsers, int numItems, double density, double overlap) {
        return crossDomain(seed, numUsers, numItems, numItems, density, overlap);
    }

    /**
     * A random cross-domain data set: one source and one target domain over {@code numUsers}
     * shared users.
     *
     * <p>Exactly {@code round(overlap * numUsers)} users (chosen at random) have interactions in
     * both domains, so {@link CrossDomainData#overlappingUsers()} has that length. The other users
     * alternate, in random order, between source-only and target-only (the first one is
     * source-only), so both kinds exist as soon as there are two non-overlapping users. A user
     * present in a domain rates each item of it with probability {@code density}, and at least one
     * item.
     *
     * @param seed             determines everything
     * @param numUsers         shared users, {@code >= 0}
     * @param numSourceItems   source items, {@code >= 1}
     * @param numTargetItems   target items, {@code >= 1}
     * @param density          probability of each (user, item) cell for a user present in the domain, in [0, 1]
     * @param overlap          fraction of users present in both domains, in [0, 1]
     */
    public static CrossDomainData crossDomain(long seed, int numUsers, int numSourceItems, int numTargetItems,
                                              double density, double overlap) {
        if (numUsers < 0 || numSourceItems < 1 || numTargetItems < 1) {
            throw new IllegalArgumentException("need numUsers >= 0 and at least one item per domain");
        }
        checkFraction("density", density);
        checkFraction("overlap", overlap);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = permutation(numUsers, rng);
        int numOverlap = (int) Math.round(overlap * numUsers);
        boolean[] inSource = new boolean[numUsers];
        boolean[] inTarget = new boolean[numUsers];
        for (int i = 0; i < numUsers; i++) {
            int u = order[i];
            if (i < numOverlap) {
                inSource[u] = true;
                inTarget[u] = true;
            } else if ((i - numOverlap) % 2 == 0) {
                inSource[u] = true;
            } else {
                inTarget[u] = true;
            }
        }
        IdIndex users = IdIndex.of(numericIds(numUsers));
        DomainData source = domain(SOURCE, users, numSourceItems, inSource, density, rng);
        DomainData target = domain(TARGET, users, numTargetItems, inTarget, density, rng);
        return new CrossDomainData(users, List.of(source), target);
    }

    /**
     * A random explicit matrix with timestamps: each cell is present with probability
     * {@code density} (rows may be empty), ratings in {@code 1..5}.
     */
    public static InteractionMatrix matrix(long seed, int numRows, int numCols, double density) {
        checkFraction("density", density);
        boolean[] all = new boolean[numRows];
        Arrays.fill(all, true);
        return fill(numRows, numCols, all, density, false, new SplittableRandom(seed));
    }

    /**
     * The matrix as a dense {@code numRows x numCols} array, {@code NaN} for empty cells (values
     * are 1 for implicit matrices). For naive reference computations in tests.
     */
    public static float[][] toDense(InteractionMatrix m) {
        float[][] d = new float[m.numRows()][m.numCols()];
        for (int r = 0; r < m.numRows(); r++) {
            Arrays.fill(d[r], Float.NaN);
            for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
                d[r][m.col(p)] = m.value(p);
            }
        }
        return d;
    }

    /** The raw ids {@code "0".."n-1"}; {@link IdIndex} gives id {@code "i"} index {@code i}. */
    public static List<String> numericIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }

    private static DomainData domain(String name, IdIndex users, int numItems, boolean[] present, double density,
                                     SplittableRandom rng) {
        IdIndex items = IdIndex.of(numericIds(numItems));
        InteractionMatrix m = fill(users.size(), numItems, present, density, true, rng);
        return new DomainData(name, items, m, DomainData.contentFingerprint(users, items, m));
    }

    private static InteractionMatrix fill(int numRows, int numCols, boolean[] present, double density,
                                          boolean atLeastOne, SplittableRandom rng) {
        InteractionMatrix.Builder b = InteractionMatrix.builder(numRows, numCols, true, true);
        for (int u = 0; u < numRows; u++) {
            if (!present[u]) {
                continue;
            }
            int added = 0;
            for (int i = 0; i < numCols; i++) {
                if (rng.nextDouble() < density) {
                    b.add(u, i, 1 + rng.nextInt(5), rng.nextLong(1_000_000L));
                    added++;
                }
            }
            if (atLeastOne && added == 0 && numCols > 0) {
                b.add(u, rng.nextInt(numCols), 1 + rng.nextInt(5), rng.nextLong(1_000_000L));
            }
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static void checkFraction(String name, double x) {
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + x);
        }
    }
}
