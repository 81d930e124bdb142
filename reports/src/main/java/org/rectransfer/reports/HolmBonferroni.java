package org.rectransfer.reports;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down multiple-comparison adjustment (S. Holm, "A simple sequentially rejective
 * multiple test procedure", Scandinavian Journal of Statistics 6, 1979), controlling the
 * family-wise error rate under arbitrary dependence.
 *
 * <p>With the {@code m} defined p-values sorted ascending, {@code p(1) <= ... <= p(m)}, the
 * adjusted value of {@code p(i)} is {@code min(1, max_{j <= i} (m - j + 1) p(j))}. Rejecting
 * where the adjusted value is below {@code alpha} is Holm's procedure at level {@code alpha}.
 * Adjusted values are monotone in the raw ones, never below them and at most 1; tied raw values
 * get equal adjusted values, so the result does not depend on the input order. {@code NaN}
 * entries (tests that could not be run) are not part of the family: they do not count in
 * {@code m} and stay {@code NaN}. Tests: {@code HolmBonferroniTest}.
 */
public final class HolmBonferroni {
    private HolmBonferroni() {
    }

    /**
     * Holm-adjusted p-values, aligned with {@code p}.
     *
     * @param p raw p-values in [0, 1] or {@code NaN}
     * @return a new array of adjusted p-values
     * @throws IllegalArgumentException if a value is outside [0, 1] and not {@code NaN}
     */
    public static double[] adjust(double[] p) {
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        for (double v : p) {
            if (!Double.isNaN(v) && (v < 0 || v > 1)) {
                throw new IllegalArgumentException("p-value outside [0, 1]: " + v);
            }
        }
        int[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> p[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        int m = order.length;
        double running = 0;
        for (int j = 0; j < m; j++) {
            double scaled = Math.min(1.0, (m - j) * p[order[j]]);
            running = Math.max(running, scaled);
            out[order[j]] = running;
        }
        return out;
    }
}
