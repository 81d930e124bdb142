package org.rectransfer.datasets.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.DataFormatException;
import org.rectransfer.datasets.DelimitedFormat;
import org.rectransfer.datasets.DelimitedLoader;
import org.rectransfer.datasets.RawInteractions;

class DuplicateResolutionTest {

    private static final DelimitedFormat FORMAT = DelimitedFormat.of("\t", 4, 0, 1, 2).withTimestampColumn(3);

    @TempDir
    Path dir;

    private RawInteractions raw() throws Exception {
        Path f = dir.resolve("dups.tsv");
        Files.writeString(f, String.join("\n", "1\ta\t3\t100", "1\ta\t5\t50", "1\tb\t2\t10", "2\ta\t4\t10",
                "2\ta\t2\t20", "2\ta\t3\t30", "3\tb\t1\t5") + "\n");
        return new DelimitedLoader(FORMAT).read(f);
    }

    @Test
    void keepLastKeepsTheLatestTimestamp() throws Exception {
        RawInteractions raw = raw();
        DuplicateResolution.DomainResult r = new DuplicateResolution(DuplicatePolicy.KEEP_LAST)
                .resolve("d", raw, raw.userIndex());
        InteractionMatrix m = r.domain().interactions();
        assertThat(m.get(0, 0)).isEqualTo(3f); // (1, a): ts 100 beats ts 50 although it came first
        assertThat(m.timestamp(m.find(0, 0))).isEqualTo(100L);
        assertThat(m.get(1, 0)).isEqualTo(3f); // (2, a): ts 30
        assertThat(r.report()).isEqualTo(new DuplicateResolution.Report("d", 7, 4, 2));
        assertThat(r.report().mergedRows()).isEqualTo(3);
    }

    @Test
    void meanAveragesAndFingerprintNamesThePolicy() throws Exception {
        RawInteractions raw = raw();
        DomainData mean = new DuplicateResolution(DuplicatePolicy.MEAN).resolve("d", raw, raw.userIndex()).domain();
        DomainData last = new DuplicateResolution(DuplicatePolicy.KEEP_LAST).resolve("d", raw, raw.userIndex()).domain();
        assertThat(mean.interactions().get(0, 0)).isEqualTo(4f);
        assertThat(mean.interactions().get(1, 0)).isEqualTo(3f);
        assertThat(mean.interactions().timestamp(mean.interactions().find(1, 0))).isEqualTo(30L);
        assertThat(mean.fingerprint()).isNotEqualTo(last.fingerprint());
        assertThat(new DuplicateResolution(DuplicatePolicy.MEAN).describe()).isEqualTo("duplicates(policy=MEAN)");
    }

    @Test
    void errorPolicyNamesBothLines() throws Exception {
        RawInteractions raw = raw();
        assertThatThrownBy(() -> new DuplicateResolution(DuplicatePolicy.ERROR).resolve("d", raw, raw.userIndex()))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("dups.tsv:2")
                .hasMessageContaining("dups.tsv:1");
    }

    @Test
    void assembleResolvesEveryDomainOverTheSharedUsers() throws Exception {
        Path g = dir.resolve("other.tsv");
        Files.writeString(g, "4\tx\t5\t1\n1\tx\t4\t2\n");
        Map<String, RawInteractions> domains = new LinkedHashMap<>();
        domains.put("s", new DelimitedLoader(FORMAT).read(g));
        domains.put("t", raw());
        DuplicateResolution.Assembly a = new DuplicateResolution(DuplicatePolicy.KEEP_LAST)
                .assemble(domains, List.of("s"), "t");
        assertThat(a.data().users().size()).isEqualTo(4);
        assertThat(a.reports()).extracting(DuplicateResolution.Report::mergedRows).containsExactly(0L, 3L);
        assertThat(a.data().overlappingUsers()).containsExactly(0);
        assertThatThrownBy(() -> new DuplicateResolution(DuplicatePolicy.MEAN).assemble(domains, List.of("s"), "zz"))
                .hasMessageContaining("'zz'");
    }
}
