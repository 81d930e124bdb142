package org.rectransfer.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DelimitedFormatTest {

    @Test
    void defaults() {
        DelimitedFormat f = DelimitedFormat.of("\t", 3, 0, 1, 2);
        assertThat(f.headerLines()).isZero();
        assertThat(f.timestampColumn()).isEqualTo(-1);
        assertThat(f.domainColumn()).isEqualTo(-1);
        assertThat(f.checksRatingRange()).isFalse();
        assertThat(f.duplicatePolicy()).hasToString("ERROR");
        assertThat(f.charset().name()).isEqualTo("UTF-8");
        assertThat(f.skipBlankLines()).isFalse();
        assertThat(f.explicit()).isTrue();
        assertThat(DelimitedFormat.of(",", 2, 0, 1, -1).explicit()).isFalse();
    }

    @Test
    void invalidFormatsNameTheField() {
        assertThatThrownBy(() -> DelimitedFormat.of("::", 3, 0, 1, 2)).hasMessageContaining("separator");
        assertThatThrownBy(() -> DelimitedFormat.of("\n", 3, 0, 1, 2)).hasMessageContaining("separator");
        assertThatThrownBy(() -> DelimitedFormat.of("\t", 3, 0, 3, 2)).hasMessageContaining("itemColumn");
        assertThatThrownBy(() -> DelimitedFormat.of("\t", 3, 0, 0, 2)).hasMessageContaining("column 0 is used twice");
        assertThatThrownBy(() -> DelimitedFormat.of("\t", 3, 0, 1, 2).withTimestampColumn(2))
                .hasMessageContaining("column 2 is used twice");
        assertThatThrownBy(() -> DelimitedFormat.of("\t", 3, 0, 1, 2).withHeaderLines(-1))
                .hasMessageContaining("headerLines");
        assertThatThrownBy(() -> DelimitedFormat.of("\t", 3, 0, 1, 2).withRatingRange(5, 1))
                .hasMessageContaining("minRating <= maxRating");
        assertThatThrownBy(() -> DelimitedFormat.of("\t", 3, 0, 1, 2).withRatingRange(1, Double.NaN))
                .hasMessageContaining("minRating and maxRating");
        assertThatThrownBy(() -> DelimitedFormat.of("\t", 2, 0, 1, -1).withRatingRange(1, 5))
                .hasMessageContaining("ratingColumn");
        assertThatThrownBy(() -> DelimitedFormat.of("\t", 4, 0, 1, 2).withDomainFilter(3, ""))
                .hasMessageContaining("domainValue");
        assertThatThrownBy(() -> DelimitedFormat.of("\t", 4, 0, 1, 2).withDomainFilter(3, null))
                .hasMessageContaining("domainValue");
    }
}
