package org.rectransfer.reports;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Paired comparison of a strategy against the baseline over matched pairs (in reports: the same
 * user, seed and fold). Inputs are two aligned arrays; a pair whose difference is {@code NaN}
 * ({@code NaN} on either side, e.g. a ranking metric for a user without a relevant item) is dropped
 * and counted in {@link Result#droppedNaN()}. All differences are {@code d = strategy - baseline}.
 *
 * <ul>
 *   <li><b>Paired t-test</b> (Student 1908), two-sided, {@code t = mean(d) / (sd(d) / sqrt(n))}
 *       with {@code n - 1} degrees of freedom, by Commons Math {@link TTest#pairedTTest(double[],
 *       double[])}. {@code NaN} for {@code n < 2} or when all differences are 0; 0 when they are
 *       all equal and non-zero (as {@code scipy.stats.ttest_rel}).</li>
 *   <li><b>Wilcoxon signed-rank test</b> (Wilcoxon 1945), two-sided, see {@link #wilcoxon}: zero
 *       differences are dropped (Wilcoxon's original treatment, {@code zero_method='wilcox'} in
 *       scipy), |d| is ranked with average ranks for ties; exact null distribution when at most
 *       {@value #WILCOXON_EXACT_MAX_N} non-zero differences remain and there are no ties, otherwise
 *       the normal approximation with tie-corrected variance and continuity correction. Equal to
 *       {@code scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, method='exact')} resp.
 *       {@code method='asymptotic'}.</li>
 *   <li><b>Bootstrap CI</b> (Efron 1979): 95 % percentile interval of the mean difference from
 *       {@code B} resamples of the pairs with replacement (see {@link #bootstrapMeanCi}),
 *       deterministic for a given seed.</li>
 *   <li><b>Effect size</b> Cohen's {@code d_z = mean(d) / sd(d)} (Cohen 1988, sample standard
 *       deviation, {@code n - 1}); {@code NaN} for {@code n < 2} or {@code sd = 0}.</li>
 * </ul>
 *
 * <p><b>Why the Wilcoxon p-value is not Commons Math's.</b> {@code WilcoxonSignedRankTest} 3.6.1
 * ranks zero differences and counts them in W-, its normal approximation applies the continuity
 * correction in the wrong direction ({@code z = (W_min - E - 0.5) / sd}, anti-conservative), has no
 * tie correction and overflows {@code int} for n > 46340, and its exact p-value enumerates all
 * {@code 2^n} sign vectors (unusable near its limit n = 30) and can exceed 1. This class therefore
 * ranks with Commons Math's {@link NaturalRanking} and evaluates the normal tail with
 * {@link Erf#erfc}, but computes the statistic and p-value itself (exact distribution by dynamic
 * programming over rank sums, {@code O(n^3)}). {@code SignificanceTest} checks it against scipy and
 * against Commons Math's exact p-value where the latter is valid.
 *
 * <p>References: Student, "The probable error of a mean", Biometrika 6, 1908. F. Wilcoxon,
 * "Individual comparisons by ranking methods", Biometrics Bulletin 1, 1945. B. Efron, "Bootstrap
 * methods: another look at the jackknife", Annals of Statistics 7, 1979. J. Cohen, Statistical
 * Power Analysis for the Behavioral Sciences, 2nd ed., 1988. Multiple comparisons: Holm 1979,
 * {@link HolmBonferroni}.
 *
 * <p>Cost: {@code O(B n)} for the bootstrap plus {@code O(n log n)} for the tests. Stateless and
 * thread-safe; no ambient randomness. Tests: {@code SignificanceTest} (against scipy, see there).
 */
public final class Significance {
    /** Default number of bootstrap resamples. */
    public static final int DEFAULT_BOOTSTRAP_RESAMPLES = 2000;
    /** Default bootstrap seed (reports derive one seed per comparison from it). */
    public static final long DEFAULT_BOOTSTRAP_SEED = 1979L;
    /** Confidence level of the bootstrap interval. */
    public static final double CONFIDENCE = 0.95;
    /** Largest number of non-zero differences for which the exact Wilcoxon p-value is used. */
    public static final int WILCOXON_EXACT_MAX_N = 30;

    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private Significance() {
    }

    /**
     * Bootstrap settings.
     *
     * @param bootstrapResamples number of resamples {@code B}, at least 1
     * @param bootstrapSeed      seed of the {@link SplittableRandom} drawing the resamples
     */
    public record Options(int bootstrapResamples, long bootstrapSeed) {
        /** {@value #DEFAULT_BOOTSTRAP_RESAMPLES} resamples, seed {@value #DEFAULT_BOOTSTRAP_SEED}. */
        public static final Options DEFAULT = new Options(DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_BOOTSTRAP_SEED);

        public Options {
            if (bootstrapResamples < 1) {
                throw new IllegalArgumentException("bootstrapResamples must be >= 1: " + bootstrapResamples);
            }
        }

        /** The same number of resamples with another seed. */
        public Options withSeed(long seed) {
            return new Options(bootstrapResamples, seed);
        }
    }

    /**
     * A closed interval; both ends {@code NaN} when undefined.
     *
     * @param low  lower end
     * @param high upper end
     */
    public record Interval(double low, double high) {
        /** Whether the interval is defined and excludes 0. */
        public boolean excludesZero() {
            return low > 0 || high < 0;
        }
    }

    /**
     * Wilcoxon signed-rank test result.
     *
     * @param n      non-zero differences ranked
     * @param zeros  zero differences dropped
     * @param wPlus  sum of the ranks of positive differences
     * @param wMinus sum of the ranks of negative differences
     * @param exact  whether {@code p} is from the exact null distribution (else normal approximation)
     * @param p      two-sided p-value, {@code NaN} when {@code n == 0}
     */
    public record Wilcoxon(int n, int zeros, double wPlus, double wMinus, boolean exact, double p) {
    }

    /**
     * Result of {@link #paired}.
     *
     * @param n               pairs used
     * @param droppedNaN      pairs dropped because their difference is {@code NaN}
     * @param lowerIsBetter   the metric's direction, as given
     * @param meanDifference  mean of {@code strategy - baseline} ({@code NaN} when {@code n == 0})
     * @param meanImprovement the same, positive = better: {@code -meanDifference} when lower is better
     * @param ci              bootstrap percentile CI of {@code meanDifference}
     * @param tTestP          paired t-test two-sided p-value
     * @param wilcoxon        Wilcoxon signed-rank test
     * @param dz              Cohen's {@code d_z} of {@code strategy - baseline}
     */
    public record Result(int n, int droppedNaN, boolean lowerIsBetter, double meanDifference, double meanImprovement,
                         Interval ci, double tTestP, Wilcoxon wilcoxon, double dz) {
        public Result {
            Objects.requireNonNull(ci, "ci");
            Objects.requireNonNull(wilcoxon, "wilcoxon");
        }

        /** The Wilcoxon two-sided p-value. */
        public double wilcoxonP() {
            return wilcoxon.p();
        }
    }

    /** {@link #paired(double[], double[], boolean, Options)} with {@link Options#DEFAULT}. */
    public static Result paired(double[] strategy, double[] baseline, boolean lowerIsBetter) {
        return paired(strategy, baseline, lowerIsBetter, Options.DEFAULT);
    }

    /**
     * Compares {@code strategy[i]} with {@code baseline[i]} over all pairs (see the class comment).
     * The bootstrap resamples the retained pairs in their given order, so the same arrays, order
     * and options give the same result.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Result paired(double[] strategy, double[] baseline, boolean lowerIsBetter, Options options) {
        Objects.requireNonNull(options, "options");
        if (strategy.length != baseline.length) {
            throw new IllegalArgumentException("paired arrays differ in length: " + strategy.length + " vs "
                    + baseline.length);
        }
        int m = strategy.length;
        double[] s = new double[m];
        double[] b = new double[m];
        double[] d = new double[m];
        int n = 0;
        for (int i = 0; i < m; i++) {
            double diff = strategy[i] - baseline[i];
            if (!Double.isNaN(diff)) {
                s[n] = strategy[i];
                b[n] = baseline[i];
                d[n] = diff;
                n++;
            }
        }
        s = Arrays.copyOf(s, n);
        b = Arrays.copyOf(b, n);
        d = Arrays.copyOf(d, n);
        double mean = mean(d);
        return new Result(n, m - n, lowerIsBetter, mean, lowerIsBetter ? -mean : mean,
                bootstrapMeanCi(d, options.bootstrapResamples(), options.bootstrapSeed()),
                pairedTTest(s, b), wilcoxon(d), cohensDz(d));
    }

    /**
     * Two-sided p-value of the paired t-test (Commons Math {@link TTest#pairedTTest(double[],
     * double[])}); {@code NaN} when fewer than 2 pairs. Inputs must not contain {@code NaN}.
     */
    public static double pairedTTest(double[] strategy, double[] baseline) {
        if (strategy.length != baseline.length) {
            throw new IllegalArgumentException("paired arrays differ in length");
        }
        if (strategy.length < 2) {
            return Double.NaN;
        }
        return new TTest().pairedTTest(strategy, baseline);
    }

    /**
     * Wilcoxon signed-rank test of the differences {@code d} against a symmetric distribution
     * around 0, two-sided.
     *
     * <p>Zero differences are dropped; the remaining {@code n} absolute differences get ranks
     * 1..n, ties the average of their ranks. {@code T = min(W+, W-)}. Without ties and with
     * {@code n <= }{@value #WILCOXON_EXACT_MAX_N}: {@code p = min(1, 2 P(W <= T))} under the exact
     * null distribution of {@code W} (each rank signed + or - with probability 1/2). Otherwise the
     * normal approximation {@code E = n(n+1)/4}, {@code Var = n(n+1)(2n+1)/24 - sum(t^3 - t)/48}
     * over tie groups of size {@code t}, {@code z = (T - E - 0.5 sign(T - E)) / sqrt(Var)},
     * {@code p = min(1, 2 Phi(-|z|))}.
     *
     * @throws IllegalArgumentException if {@code d} contains {@code NaN}
     */
    public static Wilcoxon wilcoxon(double[] d) {
        int zeros = 0;
        double[] nz = new double[d.length];
        int n = 0;
        for (double x : d) {
            if (Double.isNaN(x)) {
                throw new IllegalArgumentException("NaN difference");
            }
            if (x == 0) {
                zeros++;
            } else {
                nz[n++] = x;
            }
        }
        if (n == 0) {
            return new Wilcoxon(0, zeros, 0, 0, false, Double.NaN);
        }
        nz = Arrays.copyOf(nz, n);
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(nz[i]);
        }
        double[] ranks = RANKING.rank(abs);
        double wPlus = 0;
        double wMinus = 0;
        for (int i = 0; i < n; i++) {
            if (nz[i] > 0) {
                wPlus += ranks[i];
            } else {
                wMinus += ranks[i];
            }
        }
        double[] sorted = abs.clone();
        Arrays.sort(sorted);
        double tieSum = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            tieSum += t * t * t - t;
            i = j;
        }
        double stat = Math.min(wPlus, wMinus);
        if (tieSum == 0 && n <= WILCOXON_EXACT_MAX_N) {
            return new Wilcoxon(n, zeros, wPlus, wMinus, true, Math.min(1.0, 2 * exactCdf(n, (int) stat)));
        }
        double e = n * (n + 1.0) / 4.0;
        double var = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - tieSum / 48.0;
        double diff = stat - e;
        diff -= 0.5 * Math.signum(diff);
        double z = -Math.abs(diff) / Math.sqrt(var);
        double p = Math.min(1.0, 2 * normalCdf(z));
        return new Wilcoxon(n, zeros, wPlus, wMinus, false, p);
    }

    /** P(W <= t) for the signed-rank statistic of n untied ranks under the null. */
    private static double exactCdf(int n, int t) {
        int max = n * (n + 1) / 2;
        double[] count = new double[max + 1];
        count[0] = 1;
        int reach = 0;
        for (int k = 1; k <= n; k++) {
            reach += k;
            for (int s = reach; s >= k; s--) {
                count[s] += count[s - k];
            }
        }
        double below = 0;
        for (int s = 0; s <= Math.min(t, max); s++) {
            below += count[s];
        }
        return below / Math.pow(2, n);
    }

    private static double normalCdf(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2.0));
    }

    /**
     * Percentile bootstrap {@value #CONFIDENCE} confidence interval of the mean of {@code d}.
     *
     * <p>{@code rng = new SplittableRandom(seed)}; for each of the {@code resamples} resamples,
     * in order, the mean of {@code d[rng.nextInt(n)]} over {@code n} draws (summed in draw order).
     * The ends are the 2.5 % and 97.5 % quantiles of the sorted resample means by linear
     * interpolation between order statistics (Hyndman-Fan type 7, numpy's default): position
     * {@code h = (B - 1) q} (0-based), {@code x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])}.
     * Both ends {@code NaN} for empty {@code d}.
     */
    public static Interval bootstrapMeanCi(double[] d, int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1: " + resamples);
        }
        int n = d.length;
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += d[rng.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double tail = (1 - CONFIDENCE) / 2;
        return new Interval(quantile(means, tail), quantile(means, 1 - tail));
    }

    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /**
     * Cohen's {@code d_z}: mean of {@code d} over its sample standard deviation ({@code n - 1});
     * {@code NaN} for fewer than 2 values or zero deviation.
     */
    public static double cohensDz(double[] d) {
        int n = d.length;
        if (n < 2) {
            return Double.NaN;
        }
        double m = mean(d);
        double ss = 0;
        for (double x : d) {
            ss += (x - m) * (x - m);
        }
        double sd = Math.sqrt(ss / (n - 1));
        return sd == 0 ? Double.NaN : m / sd;
    }

    private static double mean(double[] d) {
        if (d.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : d) {
            s += x;
        }
        return s / d.length;
    }
}
