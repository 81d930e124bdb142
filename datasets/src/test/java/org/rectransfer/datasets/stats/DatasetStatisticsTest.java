package org.rectransfer.datasets.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.DoubanGadtcdr;

class DatasetStatisticsTest {

    /** Users 1..3; x: explicit, 4 items, user "3" absent; y: implicit, 2 items, user "1" absent. */
    private static CrossDomainData handMade() {
        IdIndex users = IdIndex.of("1", "2", "3");
        IdIndex itemsX = IdIndex.of("i0", "i1", "i2", "i3");
        InteractionMatrix.Builder bx = InteractionMatrix.builder(3, 4, true, false);
        bx.add(0, 0, 5).add(0, 1, 4).add(0, 2, 4).add(1, 0, 1); // item counts 2, 1, 1, 0
        InteractionMatrix x = bx.build(DuplicatePolicy.ERROR);
        IdIndex itemsY = IdIndex.of("j0", "j1");
        InteractionMatrix.Builder by = InteractionMatrix.builder(3, 2, false, false);
        by.add(1, 0, 1).add(2, 0, 1).add(2, 1, 1);
        InteractionMatrix y = by.build(DuplicatePolicy.ERROR);
        return new CrossDomainData(users, List.of(new DomainData("x", itemsX, x, "fx")), new DomainData("y", itemsY, y, "fy"));
    }

    @Test
    void handComputedValues() {
        DatasetStatistics s = DatasetStatistics.of(handMade());
        DomainStatistics x = s.domain("x");
        assertThat(x.users()).isEqualTo(2);
        assertThat(x.items()).isEqualTo(4);
        assertThat(x.interactions()).isEqualTo(4);
        assertThat(x.density()).isEqualTo(0.5); // 4 / (2 * 4)
        assertThat(x.ratingHistogram()).containsExactly(Map.entry(1f, 1L), Map.entry(4f, 2L), Map.entry(5f, 1L));
        assertThat(x.meanPerUser()).isEqualTo(2.0); // counts 3, 1
        assertThat(x.medianPerUser()).isEqualTo(2.0);
        assertThat(x.meanPerItem()).isEqualTo(1.0); // counts 0, 1, 1, 2
        assertThat(x.medianPerItem()).isEqualTo(1.0);
        // sum (2i - n - 1) x_(i) / (n sum x) = (-3*0 - 1*1 + 1*1 + 3*2) / (4 * 4)
        assertThat(x.giniItemPopularity()).isEqualTo(0.375);
        DomainStatistics y = s.domain("y");
        assertThat(y.explicit()).isFalse();
        assertThat(y.ratingHistogram()).isEmpty();
        assertThat(y.density()).isEqualTo(0.75); // 3 / (2 * 2)
        assertThat(y.medianPerItem()).isEqualTo(1.5); // counts 1, 2
        assertThat(y.giniItemPopularity()).isCloseTo(1.0 / 6, within(1e-15)); // (-1*1 + 1*2) / (2 * 3)
        assertThat(s.totalUsers()).isEqualTo(3);
        assertThat(s.sharedUsers("y", "x")).isEqualTo(1);
        assertThat(s.overlappingUsers()).isEqualTo(1);
        assertThat(DomainStatistics.gini(new int[] {5, 5, 5})).isZero();
        assertThat(DomainStatistics.gini(new int[] {0, 0, 0, 9})).isEqualTo(0.75); // (n - 1) / n
        assertThat(DomainStatistics.gini(new int[] {0, 0})).isNaN();

        String md = s.toMarkdown();
        assertThat(md).contains("| x | 2 | 4 | 4 | 0.500000 | explicit | 1:1 4:2 5:1 | 2.00 | 2.0 | 1.00 | 1.0 | 0.3750 |")
                .contains("| y | 2 | 2 | 3 | 0.750000 | implicit | - |")
                .contains("| x & y | 1 |");
        assertThat(DatasetStatistics.of(handMade()).toMarkdown()).isEqualTo(md);
    }

    @Test
    void singleDomain() {
        DatasetStatistics s = DatasetStatistics.of(handMade().target());
        assertThat(s.domains()).hasSize(1);
        assertThat(s.overlaps()).isEmpty();
        assertThat(s.totalUsers()).isEqualTo(3);
        assertThat(s.toMarkdown()).doesNotContain("domain pair");
    }

    /** Numbers of douban-gadtcdr/PROVENANCE.md. */
    @Test
    void doubanMatchesProvenance() throws Exception {
        Path dir = DoubanGadtcdr.defaultDirectory();
        DatasetStatistics s = DatasetStatistics.of(DoubanGadtcdr.load(dir, "music", "book"));
        DomainStatistics book = s.domain("book");
        assertThat(book.interactions()).isEqualTo(96_041);
        assertThat(book.users()).isEqualTo(2_110);
        assertThat(book.items()).isEqualTo(6_777);
        assertThat(String.format(java.util.Locale.ROOT, "%.6f", book.density())).isEqualTo("0.006716");
        assertThat(book.ratingHistogram()).containsExactly(Map.entry(1f, 1605L), Map.entry(2f, 4207L),
                Map.entry(3f, 21018L), Map.entry(4f, 38975L), Map.entry(5f, 30236L));
        DomainStatistics music = s.domain("music");
        assertThat(music.interactions()).isEqualTo(69_709);
        assertThat(music.users()).isEqualTo(1_672);
        assertThat(music.items()).isEqualTo(5_567);
        assertThat(String.format(java.util.Locale.ROOT, "%.6f", music.density())).isEqualTo("0.007489");
        assertThat(music.ratingHistogram()).containsExactly(Map.entry(1f, 1478L), Map.entry(2f, 3215L),
                Map.entry(3f, 13031L), Map.entry(4f, 24805L), Map.entry(5f, 27180L));
        assertThat(s.sharedUsers("book", "music")).isEqualTo(1_566);
        assertThat(s.overlappingUsers()).isEqualTo(1_566);
        assertThat(s.totalUsers()).isEqualTo(2_216);
        assertThat(book.meanPerUser()).isCloseTo(96_041.0 / 2_110, within(1e-12));
        assertThat(book.meanPerItem()).isCloseTo(96_041.0 / 6_777, within(1e-12));
        assertThat(book.giniItemPopularity()).isBetween(0.0, 1.0);
        assertThat(s.toMarkdown()).contains("| book | 2,110 | 6,777 | 96,041 | 0.006716 | explicit | 1:1605 2:4207 3:21018 4:38975 5:30236 |")
                .contains("| music | 1,672 | 5,567 | 69,709 | 0.007489 |")
                .contains("| music & book | 1,566 |");
    }
}
