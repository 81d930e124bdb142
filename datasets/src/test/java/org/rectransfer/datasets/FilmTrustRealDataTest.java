package org.rectransfer.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * The loader on real files: FilmTrust's four rating files (two with CRLF, two with LF line ends)
 * read as one, with its three duplicate pairs. Expected numbers: filmtrust/PROVENANCE.md; the line
 * numbers of the duplicates were looked up with awk.
 */
class FilmTrustRealDataTest {

    private static final DelimitedFormat FORMAT = DelimitedFormat.of(" ", 3, 0, 1, 2).withRatingRange(0.5, 4.0);
    private static List<Path> files;

    @BeforeAll
    static void locate() throws Exception {
        Path dir = DatasetLocator.dataset("filmtrust").resolve("rating");
        files = List.of(dir.resolve("ratings_0.txt"), dir.resolve("ratings_1.txt"), dir.resolve("ratings_2.txt"),
                dir.resolve("ratings_3.txt"));
    }

    @Test
    void concatenationCountsAndHistogram() throws Exception {
        RawInteractions raw = new DelimitedLoader(FORMAT).read(files);
        assertThat(raw.size()).isEqualTo(35_497);
        assertThat(raw.numUsers()).isEqualTo(1_508);
        assertThat(raw.numItems()).isEqualTo(2_071);
        assertThat(raw.location(10_435)).isEqualTo(new SourceLocation(files.get(1), 1)); // ratings_0 has 10,435 lines
        assertThat(raw.location(10_435 + 188 + 17_925)).isEqualTo(new SourceLocation(files.get(3), 1));
        Map<Float, Integer> hist = new TreeMap<>();
        for (int r = 0; r < raw.size(); r++) {
            hist.merge(raw.rating(r), 1, Integer::sum);
        }
        assertThat(hist).containsExactly(Map.entry(0.5f, 1060), Map.entry(1f, 1141), Map.entry(1.5f, 1601),
                Map.entry(2f, 3113), Map.entry(2.5f, 4392), Map.entry(3f, 7877), Map.entry(3.5f, 7142),
                Map.entry(4f, 9171));
        assertThat(raw.fileSha256()).hasSize(4);
    }

    @Test
    void duplicatesAreReportedWithBothLinesOrResolvedByPolicy() throws Exception {
        RawInteractions raw = new DelimitedLoader(FORMAT).read(files);
        IdIndex users = raw.userIndex();
        // user 308 rated items 12, 207 and 235 twice; item 12 comes first in index order
        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> raw.toDomainData("ft", users));
        assertThat(e.location()).isEqualTo(new SourceLocation(files.get(2), 7_301));
        assertThat(e.earlierLocation()).isEqualTo(new SourceLocation(files.get(2), 7_226));
        assertThat(e.getMessage()).contains("ratings_2.txt:7301:").contains("ratings_2.txt:7226")
                .contains("user '308', item '12'");

        DomainData mean = raw.toDomainData("ft", users, DuplicatePolicy.MEAN);
        InteractionMatrix m = mean.interactions();
        assertThat(m.nnz()).isEqualTo(35_497 - 3);
        assertThat(m.nonEmptyRows()).isEqualTo(1_508);
        int u = users.indexOf("308");
        assertThat(m.get(u, mean.items().indexOf("235"))).isEqualTo(2.75f); // 4 and 1.5
        assertThat(m.get(u, mean.items().indexOf("12"))).isEqualTo(4f);     // 4 and 4
        assertThat(m.get(u, mean.items().indexOf("207"))).isEqualTo(3.25f); // 3.5 and 3
    }
}
