package org.rectransfer.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.DelimitedLoader;
import org.rectransfer.datasets.stats.DomainStatistics;

class MultiDomainSyntheticTest {

    private static final MultiDomainConfig.Domain TARGET = new MultiDomainConfig.Domain("target", 400, 20, 1.0);

    private static MultiDomainConfig threeSources(double rhoA, double rhoB, double rhoC) {
        return MultiDomainConfig.defaults().withDomains(List.of(
                new MultiDomainConfig.Source(new MultiDomainConfig.Domain("a", 400, 30, 1.0), rhoA),
                new MultiDomainConfig.Source(new MultiDomainConfig.Domain("b", 300, 30, 1.0), rhoB),
                new MultiDomainConfig.Source(new MultiDomainConfig.Domain("c", 300, 30, 1.0), rhoC)), TARGET);
    }

    @Test
    void deterministicBySeed() {
        MultiDomainConfig c = threeSources(1, 0, 0.5).withNumUsers(300).withTimestamps(true).withPopularityExponent(0.8)
                .withActivitySigma(0.7).withSeed(5);
        CrossDomainData x = MultiDomainSynthetic.of(c).toCrossDomainData();
        CrossDomainData y = MultiDomainSynthetic.of(c).toCrossDomainData();
        assertThat(y.fingerprint()).isEqualTo(x.fingerprint());
        CrossDomainData z = MultiDomainSynthetic.of(c.withSeed(6)).toCrossDomainData();
        for (int d = 0; d < 3; d++) {
            assertThat(z.sources().get(d).interactions().contentHash())
                    .isNotEqualTo(x.sources().get(d).interactions().contentHash());
        }
        assertThat(x.sources()).extracting(DomainData::name).containsExactly("a", "b", "c");
        assertThat(x.target().name()).isEqualTo("target");
        assertThat(x.users().rawId(299)).isEqualTo("300");
    }

    @Test
    void eachSourceHasItsOwnRelatedness() {
        CrossDomainData d = MultiDomainSynthetic.of(threeSources(1.0, 0.0, 0.5)).toCrossDomainData();
        double related = userMeanCorrelation(d.sources().get(0), d.target());
        double unrelated = userMeanCorrelation(d.sources().get(1), d.target());
        double half = userMeanCorrelation(d.sources().get(2), d.target());
        assertThat(related).isGreaterThan(0.3);
        assertThat(Math.abs(unrelated)).isLessThan(0.1);
        assertThat(half).isBetween(unrelated, related);

        // changing one source's relatedness changes that source's values only, not which items
        CrossDomainData e = MultiDomainSynthetic.of(threeSources(1.0, 0.3, 0.5)).toCrossDomainData();
        assertThat(e.sources().get(0).interactions().contentHash()).isEqualTo(d.sources().get(0).interactions().contentHash());
        assertThat(e.sources().get(2).interactions().contentHash()).isEqualTo(d.sources().get(2).interactions().contentHash());
        assertThat(e.target().interactions().contentHash()).isEqualTo(d.target().interactions().contentHash());
        InteractionMatrix b0 = d.sources().get(1).interactions();
        InteractionMatrix b1 = e.sources().get(1).interactions();
        assertThat(b1.contentHash()).isNotEqualTo(b0.contentHash());
        assertThat(b1.nnz()).isEqualTo(b0.nnz());
        for (int p = 0; p < b0.nnz(); p++) {
            assertThat(b1.col(p)).isEqualTo(b0.col(p));
        }
    }

    @Test
    void popularitySkewGrowsWithTheExponent() {
        double g0 = itemGini(0.0);
        double g1 = itemGini(0.8);
        double g2 = itemGini(1.2);
        assertThat(g0).isLessThan(0.2);
        assertThat(g1).isGreaterThan(g0 + 0.2);
        assertThat(g2).isGreaterThan(g1);
    }

    private static double itemGini(double exponent) {
        CrossDomainData d = MultiDomainSynthetic.of(MultiDomainConfig.defaults().withPopularityExponent(exponent))
                .toCrossDomainData();
        return DomainStatistics.of(d.target()).giniItemPopularity();
    }

    @Test
    void activitySkewGrowsWithSigmaAndKeepsTheMean() {
        InteractionMatrix flat = MultiDomainSynthetic.of(MultiDomainConfig.defaults()).toCrossDomainData().target()
                .interactions();
        InteractionMatrix skewed = MultiDomainSynthetic.of(MultiDomainConfig.defaults().withActivitySigma(1.0))
                .toCrossDomainData().target().interactions();
        assertThat(userGini(skewed)).isGreaterThan(userGini(flat) + 0.1);
        assertThat((double) skewed.nnz() / skewed.nonEmptyRows()).isBetween(17.0, 23.0);
        assertThat((double) flat.nnz() / flat.nonEmptyRows()).isBetween(19.0, 21.0);
    }

    private static double userGini(InteractionMatrix m) {
        int[] c = new int[m.numRows()];
        for (int u = 0; u < c.length; u++) {
            c[u] = m.rowSize(u);
        }
        Arrays.sort(c);
        return DomainStatistics.gini(c);
    }

    @Test
    void timestampsIncreasePerUserAndDomain() {
        MultiDomainConfig c = threeSources(1, 0, 0.5).withNumUsers(500).withTimestamps(true);
        long[] last = new long[4 * 500];
        int[] count = {0};
        MultiDomainSynthetic.of(c).generate((d, u, i, v, t) -> {
            assertThat(t).as("user %d domain %d", u, d).isGreaterThan(last[u * 4 + d]);
            assertThat(t).isGreaterThanOrEqualTo(MultiDomainSynthetic.START_EPOCH_SECOND);
            last[u * 4 + d] = t;
            count[0]++;
        });
        assertThat(count[0]).isGreaterThan(500 * 100);
        InteractionMatrix m = MultiDomainSynthetic.of(c).toCrossDomainData().target().interactions();
        assertThat(m.hasTimestamps()).isTrue();
        assertThat(MultiDomainSynthetic.of(c.withTimestamps(false)).toCrossDomainData().target().interactions()
                .hasTimestamps()).isFalse();
    }

    @Test
    void implicitOutputIsTheExplicitDrawsAboveTheThreshold() {
        MultiDomainConfig c = MultiDomainConfig.defaults().withNumUsers(400);
        InteractionMatrix explicit = MultiDomainSynthetic.of(c).toCrossDomainData().target().interactions();
        InteractionMatrix implicit = MultiDomainSynthetic.of(c.withFeedback(false, 4)).toCrossDomainData().target()
                .interactions();
        assertThat(implicit.isExplicit()).isFalse();
        int expected = 0;
        for (int u = 0; u < 400; u++) {
            for (int p = explicit.rowStart(u); p < explicit.rowEnd(u); p++) {
                boolean positive = explicit.value(p) >= 4;
                expected += positive ? 1 : 0;
                assertThat(implicit.find(u, explicit.col(p)) >= 0).isEqualTo(positive);
            }
        }
        assertThat(implicit.nnz()).isEqualTo(expected).isGreaterThan(0);
    }

    @Test
    void presenceAndStreamingFilesRoundTrip(@TempDir Path dir) throws Exception {
        MultiDomainConfig c = MultiDomainConfig.defaults().withNumUsers(600).withTimestamps(true).withDomains(
                List.of(new MultiDomainConfig.Source(new MultiDomainConfig.Domain("s", 60, 10, 0.5), 0.7)),
                new MultiDomainConfig.Domain("t", 50, 8, 0.8));
        MultiDomainSynthetic gen = MultiDomainSynthetic.of(c);
        CrossDomainData d = gen.toCrossDomainData();
        assertThat(d.sources().get(0).interactions().nonEmptyRows()).isBetween(240, 360);
        assertThat(d.target().interactions().nonEmptyRows()).isBetween(430, 530);
        Map<String, Path> files = gen.writeTsv(dir);
        assertThat(files.keySet()).containsExactly("s", "t");
        DomainData loaded = new DelimitedLoader(gen.tsvFormat()).read(files.get("t")).toDomainData("t", d.users());
        assertThat(loaded.items()).isEqualTo(d.target().items()); // 50 items, all drawn
        assertThat(loaded.interactions().contentHash()).isEqualTo(d.target().interactions().contentHash());
        long[] counts = gen.countInteractions();
        assertThat(counts).containsExactly(d.sources().get(0).interactions().nnz(), d.target().interactions().nnz());
    }

    @Test
    void invalidConfigsNameTheField() {
        MultiDomainConfig c = MultiDomainConfig.defaults();
        assertThatThrownBy(() -> c.withPopularityExponent(-1)).hasMessageContaining("popularityExponent");
        assertThatThrownBy(() -> c.withActivitySigma(Double.NaN)).hasMessageContaining("activitySigma");
        assertThatThrownBy(() -> c.withNumUsers(0)).hasMessageContaining("numUsers");
        assertThatThrownBy(() -> new MultiDomainConfig.Domain("x", 0, 10, 1)).hasMessageContaining("numItems");
        assertThatThrownBy(() -> new MultiDomainConfig.Domain("x", 10, 2, 1)).hasMessageContaining("meanPerUser");
        assertThatThrownBy(() -> new MultiDomainConfig.Domain("x", 10, 10, 1.1)).hasMessageContaining("presence");
        assertThatThrownBy(() -> new MultiDomainConfig.Source(TARGET, 2)).hasMessageContaining("relatedness");
        assertThatThrownBy(() -> c.withDomains(List.of(new MultiDomainConfig.Source(TARGET, 1)), TARGET))
                .hasMessageContaining("used twice");
    }

    /** Pearson correlation, over the users in both domains, of their mean ratings. */
    private static double userMeanCorrelation(DomainData x, DomainData y) {
        InteractionMatrix a = x.interactions();
        InteractionMatrix b = y.interactions();
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int u = 0; u < a.numRows(); u++) {
            if (a.rowSize(u) == 0 || b.rowSize(u) == 0) {
                continue;
            }
            double mx = rowMean(a, u);
            double my = rowMean(b, u);
            sx += mx;
            sy += my;
            sxx += mx * mx;
            syy += my * my;
            sxy += mx * my;
            n++;
        }
        double cov = sxy / n - (sx / n) * (sy / n);
        return cov / Math.sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
    }

    private static double rowMean(InteractionMatrix m, int u) {
        double s = 0;
        for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
            s += m.value(p);
        }
        return s / m.rowSize(u);
    }
}
