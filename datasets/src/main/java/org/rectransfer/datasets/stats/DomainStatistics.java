package org.rectransfer.datasets.stats;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Statistics of one domain. Definitions:
 * <ul>
 *   <li>{@code users}: users with at least one interaction in the domain (non-empty rows; other
 *       users of a shared index belong to other domains);</li>
 *   <li>{@code items}: size of the domain's item index (items without interactions included);</li>
 *   <li>{@code density = interactions / (users * items)} ({@code NaN} if either is 0), the usual
 *       definition of published dataset tables;</li>
 *   <li>{@code ratingHistogram}: stored value to count, ascending; empty for implicit data;</li>
 *   <li>per-user figures over the {@code users} above; per-item figures over all {@code items};
 *       the median of an even count is the mean of the two middle values; {@code NaN} when empty;</li>
 *   <li>{@code giniItemPopularity}: Gini coefficient of the interaction counts of all items,
 *       {@code sum_i (2i - n - 1) x_(i) / (n * sum x)} over ascending counts {@code x_(1..n)}:
 *       0 when every item is equally popular, approaching 1 when one item has everything;
 *       {@code NaN} without interactions.</li>
 * </ul>
 */
public record DomainStatistics(String name, int users, int items, long interactions, double density, boolean explicit,
                               boolean timestamps, Map<Float, Long> ratingHistogram, double meanPerUser,
                               double medianPerUser, double meanPerItem, double medianPerItem,
                               double giniItemPopularity) {

    public DomainStatistics {
        Objects.requireNonNull(name, "name");
        ratingHistogram = Collections.unmodifiableMap(new TreeMap<>(ratingHistogram));
    }

    /** The statistics of {@code d}. */
    public static DomainStatistics of(DomainData d) {
        InteractionMatrix m = d.interactions();
        int rows = m.numRows();
        int[] perUser = new int[rows];
        int users = 0;
        for (int u = 0; u < rows; u++) {
            int s = m.rowSize(u);
            if (s > 0) {
                perUser[users++] = s;
            }
        }
        perUser = Arrays.copyOf(perUser, users);
        int items = m.numCols();
        int[] perItem = new int[items];
        long nnz = m.nnz();
        for (int p = 0; p < nnz; p++) {
            perItem[m.col(p)]++;
        }
        TreeMap<Float, Long> hist = new TreeMap<>();
        if (m.isExplicit()) {
            for (int p = 0; p < nnz; p++) {
                hist.merge(m.value(p), 1L, Long::sum);
            }
        }
        double density = users == 0 || items == 0 ? Double.NaN : nnz / ((double) users * items);
        Arrays.sort(perUser);
        Arrays.sort(perItem);
        return new DomainStatistics(d.name(), users, items, nnz, density, m.isExplicit(), m.hasTimestamps(), hist,
                mean(perUser), median(perUser), mean(perItem), median(perItem), gini(perItem));
    }

    /** Mean of {@code sortedCounts} ({@code NaN} if empty). */
    static double mean(int[] counts) {
        if (counts.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int c : counts) {
            s += c;
        }
        return s / counts.length;
    }

    /** Median of ascending {@code sorted} ({@code NaN} if empty). */
    static double median(int[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
    }

    /** Gini coefficient of ascending {@code sorted} counts ({@code NaN} if empty or all zero). */
    public static double gini(int[] sorted) {
        int n = sorted.length;
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[i];
            weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
        }
        return n == 0 || sum == 0 ? Double.NaN : weighted / (n * sum);
    }
}
