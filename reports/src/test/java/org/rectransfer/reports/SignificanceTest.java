package org.rectransfer.reports;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rectransfer.reports.Significance.Interval;
import org.rectransfer.reports.Significance.Options;
import org.rectransfer.reports.Significance.Result;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Significance} against values computed independently with scipy.
 *
 * <p>The expected values are in {@code significance_reference.json} beside this class in the test
 * resources, written by {@code significance_reference.py} there (Python 3.11, numpy 2.4.6,
 * scipy 1.17.1; run {@code python3 significance_reference.py > significance_reference.json}):
 * {@code scipy.stats.ttest_rel} for the paired t-test (Student 1908),
 * {@code scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, method='exact' | 'asymptotic')}
 * for the signed-rank test (Wilcoxon 1945), {@code mean(d) / std(d, ddof=1)} for Cohen's d_z
 * (Cohen 1988), and for the percentile bootstrap (Efron 1979) a Python re-implementation of
 * {@link SplittableRandom} (SplitMix64 and JDK 17's bounded {@code nextInt}) with
 * {@code numpy.quantile(method='linear')}.
 *
 * <p>Tolerances: {@link #T_TEST} 1e-10 absolute: both sides evaluate the same t statistic and a
 * Student-t tail (Commons Math's regularized incomplete beta to 1e-14 vs cephes {@code stdtr}).
 * {@link #EXACT} 1e-14: exact rational probabilities with denominator 2^n evaluated in doubles.
 * {@link #NORMAL} 1e-12: the normal approximation is the same closed form on both sides (z with tie
 * and continuity correction), only the normal tail differs (Commons Math {@code Erf.erfc} to
 * ~1e-15 vs cephes {@code ndtr}). {@link #ARITHMETIC} 1e-12: means and d_z differ only in summation
 * order (numpy's pairwise sum). {@link #BOOTSTRAP} 1e-12: identical draws, summation order and
 * quantile; only numpy's lerp form ({@code b - (b - a)(1 - t)} for t >= 0.5) differs by an ulp.
 */
class SignificanceTest {
    static final double T_TEST = 1e-10;
    static final double EXACT = 1e-14;
    static final double NORMAL = 1e-12;
    static final double ARITHMETIC = 1e-12;
    static final double BOOTSTRAP = 1e-12;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    static JsonNode reference() throws IOException {
        try (InputStream in = SignificanceTest.class.getResourceAsStream("significance_reference.json")) {
            assertThat(in).as("significance_reference.json on the test class path").isNotNull();
            return JSON.readTree(in);
        }
    }

    static List<JsonNode> cases() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        reference().get("cases").forEach(out::add);
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static void assertClose(double actual, JsonNode expected, double tol, String what) {
        double e = expected.asDouble();
        if (Double.isNaN(e)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(e, within(tol));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesScipy(JsonNode c) {
        boolean lower = c.get("lowerIsBetter").asBoolean();
        Result r = Significance.paired(doubles(c.get("strategy")), doubles(c.get("baseline")), lower,
                new Options(c.get("resamples").asInt(), c.get("seed").asLong()));
        String name = c.get("name").asText();
        assertThat(r.n()).as(name + " n").isEqualTo(c.get("n").asInt());
        assertThat(r.droppedNaN()).as(name + " dropped").isEqualTo(c.get("droppedNaN").asInt());
        assertThat(r.wilcoxon().zeros()).as(name + " zeros").isEqualTo(c.get("zeros").asInt());
        assertThat(r.lowerIsBetter()).isEqualTo(lower);
        assertClose(r.meanDifference(), c.get("meanDifference"), ARITHMETIC, name + " mean");
        assertThat(r.meanImprovement()).isEqualTo(lower ? -r.meanDifference() : r.meanDifference());
        assertClose(r.tTestP(), c.get("tTestP"), T_TEST, name + " t-test p");
        boolean exact = c.get("wilcoxonExact").asBoolean();
        assertThat(r.wilcoxon().exact()).as(name + " exact").isEqualTo(exact);
        assertClose(r.wilcoxonP(), c.get("wilcoxonP"), exact ? EXACT : NORMAL, name + " Wilcoxon p");
        assertClose(Math.min(r.wilcoxon().wPlus(), r.wilcoxon().wMinus()), c.get("wilcoxonStatistic"), 0,
                name + " Wilcoxon T");
        assertClose(r.dz(), c.get("dz"), ARITHMETIC, name + " d_z");
        assertClose(r.ci().low(), c.get("ci").get(0), BOOTSTRAP, name + " CI low");
        assertClose(r.ci().high(), c.get("ci").get(1), BOOTSTRAP, name + " CI high");
    }

    /** The reference file covers every branch. */
    @Test
    void referenceCoversExactAsymptoticZerosNaNAndTies() throws IOException {
        List<JsonNode> cs = cases();
        assertThat(cs).anyMatch(c -> c.get("wilcoxonExact").asBoolean() && c.get("zeros").asInt() > 0
                && c.get("droppedNaN").asInt() == 2);
        assertThat(cs).anyMatch(c -> !c.get("wilcoxonExact").asBoolean() && c.get("n").asInt() > 30);
        assertThat(cs).anyMatch(c -> !c.get("wilcoxonExact").asBoolean() && c.get("n").asInt() <= 30
                && c.get("zeros").asInt() > 0);
        assertThat(cs).anyMatch(c -> c.get("wilcoxonExact").asBoolean() && c.get("n").asInt() == 30);
        assertThat(cs).anyMatch(c -> c.get("lowerIsBetter").asBoolean());
    }

    /**
     * Where Commons Math's exact Wilcoxon p-value is valid (no zeros, no ties, p <= 1, small n so
     * that its 2^n enumeration is quick) it agrees with the dynamic programme here.
     */
    @Test
    void exactWilcoxonAgreesWithCommonsMathEnumeration() {
        SplittableRandom rng = new SplittableRandom(11);
        WilcoxonSignedRankTest cm = new WilcoxonSignedRankTest();
        int compared = 0;
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + rng.nextInt(16);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextDouble();
                x[i] = y[i] + (rng.nextDouble() - 0.3) * (i + 1);   // distinct |d| almost surely
            }
            double cmP = cm.wilcoxonSignedRankTest(x, y, true);
            double ours = Significance.paired(x, y, false).wilcoxonP();
            assertThat(ours).isCloseTo(Math.min(1.0, cmP), within(EXACT));
            compared++;
        }
        assertThat(compared).isEqualTo(60);
    }

    /**
     * Documents why the normal approximation is not delegated: Commons Math 3.6.1 puts the
     * continuity correction on the wrong side, giving a smaller p than scipy (and than without
     * correction) for the asymptotic reference case.
     */
    @Test
    void commonsMathAsymptoticWilcoxonIsAntiConservative() throws IOException {
        JsonNode c = cases().stream().filter(x -> x.get("name").asText().equals("asymptotic_n40")).findFirst()
                .orElseThrow();
        double cmP = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(doubles(c.get("strategy")),
                doubles(c.get("baseline")), false);
        assertThat(cmP).isLessThan(c.get("wilcoxonP").asDouble() - 1e-3);
    }

    @Test
    void edgeCases() {
        Result empty = Significance.paired(new double[0], new double[0], false);
        assertThat(empty.n()).isZero();
        assertThat(empty.meanDifference()).isNaN();
        assertThat(empty.tTestP()).isNaN();
        assertThat(empty.wilcoxonP()).isNaN();
        assertThat(empty.ci().low()).isNaN();
        assertThat(empty.dz()).isNaN();

        Result allNaN = Significance.paired(new double[] {Double.NaN, 1}, new double[] {0, Double.NaN}, true);
        assertThat(allNaN.n()).isZero();
        assertThat(allNaN.droppedNaN()).isEqualTo(2);

        // all differences zero: no test possible, mean 0
        Result same = Significance.paired(new double[] {1, 2, 3}, new double[] {1, 2, 3}, false);
        assertThat(same.meanDifference()).isZero();
        assertThat(same.tTestP()).isNaN();
        assertThat(same.wilcoxonP()).isNaN();
        assertThat(same.wilcoxon().zeros()).isEqualTo(3);
        assertThat(same.dz()).isNaN();
        assertThat(same.ci()).isEqualTo(new Interval(0, 0));

        assertThatThrownBy(() -> Significance.paired(new double[1], new double[2], false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Options(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Hand-computed exact case: d = (1, 2, 3, -4, 5): ranks 1..5, W- = 4, W+ = 11, T = 4. Subsets of
     * {1..5} with sum <= 4: {}, {1}, {2}, {3}, {1,2}, {4}, {1,3} = 7 of 32, p = 2 * 7/32 = 0.4375.
     */
    @Test
    void exactWilcoxonByHand() {
        Significance.Wilcoxon w = Significance.wilcoxon(new double[] {1, 2, 3, -4, 5});
        assertThat(w.exact()).isTrue();
        assertThat(w.wPlus()).isEqualTo(11);
        assertThat(w.wMinus()).isEqualTo(4);
        assertThat(w.p()).isEqualTo(0.4375);
    }

    @Test
    void bootstrapIsDeterministicPerSeedAndOrderDependentOnlyThroughTheSeed() {
        double[] s = {0.3, 0.5, 0.2, 0.9, 0.4, 0.6, 0.1};
        double[] b = {0.25, 0.5, 0.3, 0.7, 0.35, 0.5, 0.2};
        Result r1 = Significance.paired(s, b, false, new Options(2000, 5));
        Result r2 = Significance.paired(s, b, false, new Options(2000, 5));
        Result r3 = Significance.paired(s, b, false, new Options(2000, 6));
        assertThat(r1).isEqualTo(r2);
        assertThat(r3.ci()).isNotEqualTo(r1.ci());
        assertThat(r1.ci().low()).isLessThanOrEqualTo(r1.meanDifference());
        assertThat(r1.ci().high()).isGreaterThanOrEqualTo(r1.meanDifference());
        // the default options are the documented ones
        assertThat(Options.DEFAULT).isEqualTo(new Options(2000, Significance.DEFAULT_BOOTSTRAP_SEED));
        assertThat(Significance.paired(s, b, false)).isEqualTo(Significance.paired(s, b, false, Options.DEFAULT));
    }
}
