package org.rectransfer.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.OverlapReport;

class SyntheticCrossDomainTest {

    private static final SyntheticConfig DEFAULTS = SyntheticConfig.defaults();

    @Test
    void sameConfigGivesBitIdenticalDataAndOtherSeedsDoNot() {
        SyntheticConfig c = DEFAULTS.withSize(500, 300, 200).withSeed(11);
        CrossDomainData a = SyntheticCrossDomain.generate(c).data();
        CrossDomainData b = SyntheticCrossDomain.generate(c).data();
        assertThat(b.target().interactions().contentHash()).isEqualTo(a.target().interactions().contentHash());
        assertThat(b.sources().get(0).interactions().contentHash())
                .isEqualTo(a.sources().get(0).interactions().contentHash());
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());

        CrossDomainData other = SyntheticCrossDomain.generate(c.withSeed(12)).data();
        assertThat(other.target().interactions().contentHash()).isNotEqualTo(a.target().interactions().contentHash());
        assertThat(other.sources().get(0).interactions().contentHash())
                .isNotEqualTo(a.sources().get(0).interactions().contentHash());
        assertThat(other.fingerprint()).isNotEqualTo(a.fingerprint());
    }

    @Test
    void relatednessChangesOnlyTheTarget() {
        SyntheticConfig c = DEFAULTS.withSize(300, 200, 200);
        CrossDomainData r1 = SyntheticCrossDomain.generate(c.withRelatedness(1.0)).data();
        CrossDomainData r0 = SyntheticCrossDomain.generate(c.withRelatedness(0.0)).data();
        InteractionMatrix s1 = r1.sources().get(0).interactions();
        InteractionMatrix s0 = r0.sources().get(0).interactions();
        assertThat(s0.contentHash()).isEqualTo(s1.contentHash());
        InteractionMatrix t1 = r1.target().interactions();
        InteractionMatrix t0 = r0.target().interactions();
        assertThat(t0.contentHash()).isNotEqualTo(t1.contentHash());
        // same items chosen (selection streams do not depend on rho), only ratings differ
        assertThat(t0.nnz()).isEqualTo(t1.nnz());
        for (int p = 0; p < t0.nnz(); p++) {
            assertThat(t0.col(p)).isEqualTo(t1.col(p));
        }
    }

    @Test
    void overlapFractionIsRespected() {
        SyntheticCrossDomain s = SyntheticCrossDomain.generate(DEFAULTS.withOverlapFraction(0.3).withSize(2000, 400, 300)
                .withRatingsPerUser(10, 5));
        // 0.3 * 2000 = 600 in both; the other 1400 split 700 / 700
        assertThat(s.overlappingUsers()).hasSize(600);
        assertThat(s.sourceOnlyUsers()).hasSize(700);
        assertThat(s.targetOnlyUsers()).hasSize(700);
        CrossDomainData d = s.data();
        InteractionMatrix src = d.sources().get(0).interactions();
        InteractionMatrix tgt = d.target().interactions();
        int both = 0;
        int srcOnly = 0;
        int tgtOnly = 0;
        for (int u = 0; u < d.users().size(); u++) {
            boolean inS = src.rowSize(u) > 0;
            boolean inT = tgt.rowSize(u) > 0;
            assertThat(inS || inT).as("user %d is in some domain", u).isTrue();
            both += inS && inT ? 1 : 0;
            srcOnly += inS && !inT ? 1 : 0;
            tgtOnly += !inS && inT ? 1 : 0;
        }
        assertThat(both).isEqualTo(600);
        assertThat(srcOnly).isEqualTo(700);
        assertThat(tgtOnly).isEqualTo(700);
        assertThat(d.overlappingUsers()).containsExactly(s.overlappingUsers());
        for (int u : s.sourceOnlyUsers()) {
            assertThat(tgt.rowSize(u)).isZero();
        }
        OverlapReport r = OverlapReport.of(d);
        assertThat(r.usersPerDomain()).containsEntry("source", 1300).containsEntry("target", 1300);

        SyntheticConfig odd = DEFAULTS.withSize(1001, 50, 50).withOverlapFraction(0.5);
        assertThat(odd.numOverlappingUsers()).isEqualTo(501); // round(500.5)
        assertThat(odd.numSourceOnlyUsers()).isEqualTo(250);
        assertThat(odd.numTargetOnlyUsers()).isEqualTo(250);
    }

    @Test
    void ratingsAreIntegersOneToFiveAndCountsFollowTheConfig() {
        SyntheticCrossDomain s = SyntheticCrossDomain.generate(DEFAULTS);
        CrossDomainData d = s.data();
        assertThat(d.users().size()).isEqualTo(2000);
        assertThat(d.users().rawId(0)).isEqualTo("1");
        assertThat(d.users().rawId(1999)).isEqualTo("2000");
        assertThat(d.sources().get(0).name()).isEqualTo("source");
        assertThat(d.target().name()).isEqualTo("target");
        assertThat(d.sources().get(0).items().size()).isEqualTo(1000);
        double[] meanCount = new double[2];
        int[] minCount = {Integer.MAX_VALUE, Integer.MAX_VALUE};
        double sum = 0;
        long n = 0;
        InteractionMatrix[] ms = {d.sources().get(0).interactions(), d.target().interactions()};
        for (int k = 0; k < 2; k++) {
            InteractionMatrix m = ms[k];
            for (int p = 0; p < m.nnz(); p++) {
                float v = m.value(p);
                assertThat(v).isIn(1f, 2f, 3f, 4f, 5f);
                sum += v;
                n++;
            }
            for (int u = 0; u < m.numRows(); u++) {
                minCount[k] = Math.min(minCount[k], m.rowSize(u));
            }
            meanCount[k] = (double) m.nnz() / m.nonEmptyRows();
        }
        assertThat(minCount).containsExactly(3, 3);
        // geometric counts: sd of the mean over 2000 users is about 0.85 (source) and 0.4 (target)
        assertThat(meanCount[0]).isCloseTo(40.0, within(3.0));
        assertThat(meanCount[1]).isCloseTo(20.0, within(1.5));
        assertThat(sum / n).isCloseTo(3.6, within(0.25));

        // fewer items than the mean: every user rates all of them
        InteractionMatrix capped = SyntheticCrossDomain.generate(DEFAULTS.withSize(50, 5, 4)).data().target()
                .interactions();
        for (int u = 0; u < 50; u++) {
            assertThat(capped.rowSize(u)).isEqualTo(4);
        }
    }

    @Test
    void relatednessDrivesTheCorrelationOfUserMeansAcrossDomains() {
        double related = userMeanCorrelation(DEFAULTS.withRelatedness(1.0));
        double unrelated = userMeanCorrelation(DEFAULTS.withRelatedness(0.0));
        double half = userMeanCorrelation(DEFAULTS.withRelatedness(0.5));
        assertThat(related).isGreaterThan(0.3);
        assertThat(Math.abs(unrelated)).isLessThan(0.1);
        assertThat(half).isBetween(unrelated, related);
    }

    /** Pearson correlation, over the users in both domains, of their mean source and mean target rating. */
    private static double userMeanCorrelation(SyntheticConfig c) {
        SyntheticCrossDomain s = SyntheticCrossDomain.generate(c);
        InteractionMatrix src = s.data().sources().get(0).interactions();
        InteractionMatrix tgt = s.data().target().interactions();
        int[] users = s.overlappingUsers();
        assertThat(users).hasSize(c.numUsers());
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int u : users) {
            double x = rowMean(src, u);
            double y = rowMean(tgt, u);
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        int n = users.length;
        double cov = sxy / n - (sx / n) * (sy / n);
        double vx = sxx / n - (sx / n) * (sx / n);
        double vy = syy / n - (sy / n) * (sy / n);
        return cov / Math.sqrt(vx * vy);
    }

    private static double rowMean(InteractionMatrix m, int u) {
        double sum = 0;
        for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
            sum += m.value(p);
        }
        return sum / m.rowSize(u);
    }

    @Test
    void factorStdCalibratesTheInteractionVariance() {
        // s = sqrt(0.8 / sqrt(8)); Var(p.q) = k s^4 = 0.64
        double s = DEFAULTS.factorStd();
        assertThat(s).isCloseTo(0.531829, within(1e-6));
        assertThat(DEFAULTS.rank() * Math.pow(s, 4)).isCloseTo(0.64, within(1e-12));
    }

    @Test
    void invalidConfigsNameTheField() {
        assertThatThrownBy(() -> DEFAULTS.withRelatedness(1.5)).hasMessageContaining("relatedness");
        assertThatThrownBy(() -> DEFAULTS.withRelatedness(Double.NaN)).hasMessageContaining("relatedness");
        assertThatThrownBy(() -> DEFAULTS.withOverlapFraction(0)).hasMessageContaining("overlapFraction");
        assertThatThrownBy(() -> DEFAULTS.withSize(0, 10, 10)).hasMessageContaining("numUsers");
        assertThatThrownBy(() -> DEFAULTS.withSize(10, 0, 10)).hasMessageContaining("numSourceItems");
        assertThatThrownBy(() -> DEFAULTS.withSize(10, 10, 0)).hasMessageContaining("numTargetItems");
        assertThatThrownBy(() -> DEFAULTS.withRatingsPerUser(2, 20)).hasMessageContaining("meanSourceRatingsPerUser");
        assertThatThrownBy(() -> DEFAULTS.withRatingsPerUser(40, Double.POSITIVE_INFINITY))
                .hasMessageContaining("meanTargetRatingsPerUser");
        assertThatThrownBy(() -> new SyntheticConfig(10, 10, 10, 0, 1, 1, 40, 20, 0.4, 0.5, 0.4, 0.8, 3.6, 1))
                .hasMessageContaining("rank");
        assertThatThrownBy(() -> new SyntheticConfig(10, 10, 10, 8, 1, 1, 40, 20, -0.1, 0.5, 0.4, 0.8, 3.6, 1))
                .hasMessageContaining("noiseStd");
        assertThatThrownBy(() -> new SyntheticConfig(10, 10, 10, 8, 1, 1, 40, 20, 0.4, -1, 0.4, 0.8, 3.6, 1))
                .hasMessageContaining("userBiasStd");
        assertThatThrownBy(() -> new SyntheticConfig(10, 10, 10, 8, 1, 1, 40, 20, 0.4, 0.5, Double.NaN, 0.8, 3.6, 1))
                .hasMessageContaining("itemBiasStd");
        assertThatThrownBy(() -> new SyntheticConfig(10, 10, 10, 8, 1, 1, 40, 20, 0.4, 0.5, 0.4, -0.8, 3.6, 1))
                .hasMessageContaining("interactionStd");
        assertThatThrownBy(() -> new SyntheticConfig(10, 10, 10, 8, 1, 1, 40, 20, 0.4, 0.5, 0.4, 0.8, Double.NaN, 1))
                .hasMessageContaining("globalMean");
    }
}
