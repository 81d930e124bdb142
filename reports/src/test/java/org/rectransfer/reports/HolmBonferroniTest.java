package org.rectransfer.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link HolmBonferroni} (Holm 1979) on hand-computed cases, and on the cases of
 * {@code significance_reference.json} computed by the independent implementation in
 * {@code significance_reference.py} (see {@link SignificanceTest}).
 */
class HolmBonferroniTest {
    private static final double EPS = 1e-15;

    @Test
    void handComputed() {
        // sorted: 0.005 x4 = 0.02; 0.01 x3 = 0.03; 0.03 x2 = 0.06; 0.04 x1 = 0.04 -> running max 0.06
        assertArray(HolmBonferroni.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 0.03, 0.06, 0.06, 0.02);
        // 0.5 x2 = 1.0; 0.6 x1 = 0.6 -> max 1.0; capped at 1
        assertArray(HolmBonferroni.adjust(new double[] {0.5, 0.6}), 1.0, 1.0);
        assertArray(HolmBonferroni.adjust(new double[] {0.7, 0.9}), 1.0, 1.0);
        // NaN is not in the family: m = 2; 0.02 x2 = 0.04, 0.04 x1 = 0.04
        double[] withNaN = HolmBonferroni.adjust(new double[] {Double.NaN, 0.02, 0.04});
        assertThat(withNaN[0]).isNaN();
        assertThat(withNaN[1]).isCloseTo(0.04, within(EPS));
        assertThat(withNaN[2]).isCloseTo(0.04, within(EPS));
        // ties get equal values whatever their position: 0.001 x5 = 0.005; 0.02 x4 = 0.08; 0.02 x3 = 0.06 -> 0.08
        assertArray(HolmBonferroni.adjust(new double[] {0.02, 0.02, 0.2, 0.001, 0.9}), 0.08, 0.08, 0.4, 0.005, 0.9);
        // a single test is unchanged; none is fine
        assertArray(HolmBonferroni.adjust(new double[] {0.03}), 0.03);
        assertThat(HolmBonferroni.adjust(new double[0])).isEmpty();
    }

    @Test
    void matchesTheIndependentImplementation() throws IOException {
        for (JsonNode c : SignificanceTest.reference().get("holm")) {
            double[] p = SignificanceTest.doubles(c.get("p"));
            double[] expected = SignificanceTest.doubles(c.get("adjusted"));
            double[] adjusted = HolmBonferroni.adjust(p);
            for (int i = 0; i < p.length; i++) {
                if (Double.isNaN(expected[i])) {
                    assertThat(adjusted[i]).isNaN();
                } else {
                    assertThat(adjusted[i]).isCloseTo(expected[i], within(EPS));
                }
            }
        }
    }

    @Test
    void monotoneNeverBelowRawAndAtMostOne() {
        double[] p = {0.2, 0.001, 0.04, 0.049, 0.3, 0.0101, 0.5, 0.01};
        double[] a = HolmBonferroni.adjust(p);
        for (int i = 0; i < p.length; i++) {
            assertThat(a[i]).isGreaterThanOrEqualTo(p[i]).isLessThanOrEqualTo(1.0);
            for (int j = 0; j < p.length; j++) {
                if (p[i] <= p[j]) {
                    assertThat(a[i]).isLessThanOrEqualTo(a[j]);
                }
            }
        }
        assertThat(p).containsExactly(0.2, 0.001, 0.04, 0.049, 0.3, 0.0101, 0.5, 0.01);   // input untouched
    }

    @Test
    void rejectsValuesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> HolmBonferroni.adjust(new double[] {0.1, 1.5}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertArray(double[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("index " + i).isCloseTo(expected[i], within(EPS));
        }
    }
}
