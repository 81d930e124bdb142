package org.rectransfer.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;

class TestDataTest {

    @Test
    void crossDomainHasTheRequestedShapeAndOverlap() {
        for (long seed = 0; seed < 20; seed++) {
            int users = 10 + (int) seed * 7;
            double overlap = 0.05 * seed;
            CrossDomainData d = TestData.crossDomain(seed, users, 12, 9, 0.2, overlap);
            InteractionMatrix s = d.sources().get(0).interactions();
            InteractionMatrix t = d.target().interactions();
            assertThat(d.users().size()).isEqualTo(users);
            assertThat(s.numCols()).isEqualTo(12);
            assertThat(t.numCols()).isEqualTo(9);
            assertThat(d.sources().get(0).name()).isEqualTo(TestData.SOURCE);
            assertThat(d.target().name()).isEqualTo(TestData.TARGET);
            int expectedOverlap = (int) Math.round(overlap * users);
            assertThat(d.overlappingUsers()).hasSize(expectedOverlap);
            int sourceOnly = 0;
            int targetOnly = 0;
            for (int u = 0; u < users; u++) {
                assertThat(d.users().rawId(u)).isEqualTo(Integer.toString(u));
                boolean inS = s.rowSize(u) > 0;
                boolean inT = t.rowSize(u) > 0;
                assertThat(inS || inT).as("every user is somewhere").isTrue();
                sourceOnly += inS && !inT ? 1 : 0;
                targetOnly += inT && !inS ? 1 : 0;
                for (int p = t.rowStart(u); p < t.rowEnd(u); p++) {
                    assertThat(t.value(p)).isIn(1f, 2f, 3f, 4f, 5f);
                }
            }
            // the rest alternates, source-only first: ceil(rest / 2) source-only
            int rest = users - expectedOverlap;
            assertThat(sourceOnly).isEqualTo((rest + 1) / 2);
            assertThat(targetOnly).isEqualTo(rest / 2);
        }
    }

    @Test
    void deterministicPerSeed() {
        CrossDomainData a = TestData.crossDomain(4, 50, 20, 0.1, 0.5);
        CrossDomainData b = TestData.crossDomain(4, 50, 20, 0.1, 0.5);
        CrossDomainData c = TestData.crossDomain(5, 50, 20, 0.1, 0.5);
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
        assertThat(TestData.matrix(1, 10, 10, 0.3).contentHash()).isEqualTo(TestData.matrix(1, 10, 10, 0.3).contentHash())
                .isNotEqualTo(TestData.matrix(2, 10, 10, 0.3).contentHash());
    }

    @Test
    void densityIsRoughlyRespectedAndDenseViewMatches() {
        InteractionMatrix m = TestData.matrix(8, 200, 100, 0.25);
        // binomial(20000, 0.25): mean 5000, sd = sqrt(20000 * 0.25 * 0.75) = 61.2; allow 5 sd
        assertThat(m.nnz()).isBetween(5000 - 306, 5000 + 306);
        float[][] dense = TestData.toDense(m);
        int count = 0;
        for (int r = 0; r < 200; r++) {
            for (int c = 0; c < 100; c++) {
                if (!Float.isNaN(dense[r][c])) {
                    count++;
                    assertThat(dense[r][c]).isEqualTo(m.get(r, c));
                }
            }
        }
        assertThat(count).isEqualTo(m.nnz());
        assertThat(TestData.matrix(1, 5, 5, 0).nnz()).isZero();
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> TestData.crossDomain(1, 10, 5, 1.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestData.crossDomain(1, 10, 5, 0.5, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestData.crossDomain(1, 10, 0, 0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
