package org.rectransfer.core.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.rectransfer.core.data.InteractionMatrix;

/**
 * Per-user metric values averaged per activity bucket, e.g. by the number of target training
 * interactions: cold (0), 1-5, 6-20, &gt;20. This is where transfer learning is expected to
 * help (cold and sparse users) and where an overall mean hides it.
 *
 * <p>Buckets are given by strictly increasing inclusive upper bounds {@code b_0 < b_1 < ... < b_{m-1}}
 * ({@code b_0 >= 0}): bucket 0 is {@code [0, b_0]}, bucket j is {@code [b_{j-1} + 1, b_j]}, and a
 * last open bucket {@code [b_{m-1} + 1, infinity)}; so {@code {0, 5, 20}} gives the four buckets
 * {@code 0}, {@code 1-5}, {@code 6-20}, {@code >20}. A bucket's mean is over its users whose
 * value is not {@code NaN} (summed in the given user order), {@code NaN} if it has none.
 *
 * <p>Pure functions; thread-safe.
 */
public final class Stratification {
    private Stratification() {
    }

    /**
     * One activity bucket.
     *
     * @param label          {@code "0"}, {@code "1-5"}, {@code ">20"}, ...
     * @param min            smallest activity in the bucket
     * @param max            largest activity in the bucket ({@link Integer#MAX_VALUE} for the open one)
     * @param users          users whose activity falls in the bucket
     * @param usersWithValue those of them with a defined (non-NaN) value: the mean's denominator
     * @param mean           mean of the defined values, {@code NaN} if none
     */
    public record Bucket(String label, int min, int max, int users, int usersWithValue, double mean) {
    }

    /** The default bounds {@code {0, 5, 20}}: buckets 0, 1-5, 6-20, &gt;20 (a fresh array). */
    public static int[] defaultUpperBounds() {
        return new int[] {0, 5, 20};
    }

    /** Activity of every user: the number of stored entries in its row of {@code m} (e.g. target training). */
    public static int[] activity(InteractionMatrix m) {
        int[] a = new int[m.numRows()];
        for (int u = 0; u < a.length; u++) {
            a[u] = m.rowSize(u);
        }
        return a;
    }

    /** {@link #stratify(int[], double[], int[], int[])} of one per-user metric of {@code evaluation}. */
    public static List<Bucket> stratify(Evaluation evaluation, String metric, int[] activity, int[] upperBounds) {
        double[] values = evaluation.perUser().get(metric);
        if (values == null) {
            throw new IllegalArgumentException("no per-user values for '" + metric + "'; have "
                    + evaluation.perUser().keySet());
        }
        return stratify(evaluation.users(), values, activity, upperBounds);
    }

    /**
     * Bucket means.
     *
     * @param users       user indices (e.g. {@link Evaluation#users()})
     * @param values      per-user values aligned with {@code users} ({@code NaN} = undefined)
     * @param activity    activity count per user <b>index</b> ({@code activity[users[j]]}), each {@code >= 0}
     * @param upperBounds strictly increasing inclusive upper bounds, the first {@code >= 0}
     * @return one bucket per bound plus the open last bucket, in increasing activity
     */
    public static List<Bucket> stratify(int[] users, double[] values, int[] activity, int[] upperBounds) {
        if (users.length != values.length) {
            throw new IllegalArgumentException(users.length + " users but " + values.length + " values");
        }
        if (upperBounds.length == 0 || upperBounds[0] < 0) {
            throw new IllegalArgumentException("need at least one upper bound, the first >= 0");
        }
        for (int j = 1; j < upperBounds.length; j++) {
            if (upperBounds[j] <= upperBounds[j - 1]) {
                throw new IllegalArgumentException("upper bounds must increase strictly, found " + upperBounds[j - 1]
                        + " then " + upperBounds[j]);
            }
        }
        if (upperBounds[upperBounds.length - 1] == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the last upper bound must leave room for the open bucket");
        }
        int numBuckets = upperBounds.length + 1;
        int[] members = new int[numBuckets];
        int[] defined = new int[numBuckets];
        double[] sums = new double[numBuckets];
        for (int j = 0; j < users.length; j++) {
            int a = activity[users[j]];
            if (a < 0) {
                throw new IllegalArgumentException("negative activity " + a + " of user " + users[j]);
            }
            int b = bucketOf(a, upperBounds);
            members[b]++;
            if (!Double.isNaN(values[j])) {
                defined[b]++;
                sums[b] += values[j];
            }
        }
        List<Bucket> out = new ArrayList<>(numBuckets);
        for (int b = 0; b < numBuckets; b++) {
            int min = b == 0 ? 0 : upperBounds[b - 1] + 1;
            int max = b < upperBounds.length ? upperBounds[b] : Integer.MAX_VALUE;
            String label = max == Integer.MAX_VALUE ? ">" + (min - 1) : min == max ? Integer.toString(min) : min + "-" + max;
            out.add(new Bucket(label, min, max, members[b], defined[b], defined[b] == 0 ? Double.NaN : sums[b] / defined[b]));
        }
        return Collections.unmodifiableList(out);
    }

    /** First bucket whose upper bound is {@code >= a} (binary search), or the open last one. */
    private static int bucketOf(int a, int[] upperBounds) {
        int lo = 0;
        int hi = upperBounds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (upperBounds[mid] >= a) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
