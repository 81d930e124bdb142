package org.rectransfer.datasets;

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
import org.rectransfer.core.data.IdIndex;

/** The builder, feedback kinds and the equivalence of built and delimited-loaded rows. */
class RawInteractionsTest {

    @TempDir
    Path dir;

    @Test
    void builtRowsEqualDelimitedRowsOfTheSameFile() throws Exception {
        Path f = Files.writeString(dir.resolve("r.tsv"), "u1\ti1\t4\t10\nu2\ti1\t2\t20\nu1\ti2\t5\t30\n");
        RawInteractions loaded = new DelimitedLoader(DelimitedFormat.of("\t", 4, 0, 1, 2).withTimestampColumn(3)).read(f);
        RawInteractions.Builder b = RawInteractions.builder(RawInteractions.Feedback.EXPLICIT, true).startFile(f);
        b.add("u1", "i1", 4f, 10L, 1).add("u2", "i1", 2f, 20L, 2).add("u1", "i2", 5f, 30L, 3);
        RawInteractions built = b.endFile(f, loaded.fileSha256().get("r.tsv")).build();

        assertThat(loaded.feedback()).isEqualTo(RawInteractions.Feedback.EXPLICIT);
        assertThat(built.format()).isNull();
        assertThat(built.duplicatePolicy()).isEqualTo(DuplicatePolicy.ERROR);
        assertThat(built.rawFingerprint()).isEqualTo(loaded.rawFingerprint());
        assertThat(built.userIds()).isEqualTo(loaded.userIds());
        assertThat(built.itemIds()).isEqualTo(loaded.itemIds());
        assertThat(built.location(2)).isEqualTo(loaded.location(2));
        IdIndex users = loaded.userIndex();
        DomainData a = loaded.toDomainData("d", users);
        DomainData c = built.toDomainData("d", users);
        assertThat(c.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(c.interactions().nnz()).isEqualTo(3);
    }

    @Test
    void builderLocationsSkipFilesWithoutRows() {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        Path c = dir.resolve("c.txt");
        RawInteractions.Builder rb = RawInteractions.builder(RawInteractions.Feedback.IMPLICIT, false);
        rb.startFile(a).add("u", "x", 7f, 0L, 2).endFile(a, "aa");
        rb.startFile(b).skip().endFile(b, "bb");
        rb.startFile(c).add("v", "x", 7f, 0L, 5).endFile(c, "cc");
        RawInteractions raw = rb.build();
        assertThat(raw.value(0)).isEqualTo(1f); // implicit: values dropped
        assertThat(raw.isExplicit()).isFalse();
        assertThat(raw.skippedRows()).isEqualTo(1);
        assertThat(raw.location(0)).isEqualTo(new SourceLocation(a, 2));
        assertThat(raw.location(1)).isEqualTo(new SourceLocation(c, 5));
        assertThat(raw.fileSha256()).containsExactly(Map.entry("a.txt", "aa"), Map.entry("b.txt", "bb"),
                Map.entry("c.txt", "cc"));
        assertThatThrownBy(() -> RawInteractions.builder(RawInteractions.Feedback.IMPLICIT, false).startFile(a)
                .startFile(dir.resolve("sub").resolve("a.txt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two files named 'a.txt'");
    }

    @Test
    void withFeedbackRelabelsOrDropsValues() throws Exception {
        Path f = Files.writeString(dir.resolve("w.tsv"), "u\ti\t12\nv\ti\t3\n");
        RawInteractions raw = new DelimitedLoader(DelimitedFormat.of("\t", 3, 0, 1, 2)).read(f);
        RawInteractions weighted = raw.withFeedback(RawInteractions.Feedback.WEIGHTED);
        assertThat(weighted.feedback()).isEqualTo(RawInteractions.Feedback.WEIGHTED);
        assertThat(weighted.value(0)).isEqualTo(12f);
        assertThat(weighted.toDomainData("w", weighted.userIndex()).interactions().isExplicit()).isTrue();
        RawInteractions implicit = raw.withFeedback(RawInteractions.Feedback.IMPLICIT);
        assertThat(implicit.value(0)).isEqualTo(1f);
        assertThat(implicit.toDomainData("w", implicit.userIndex()).interactions().isExplicit()).isFalse();
        assertThatThrownBy(() -> implicit.withFeedback(RawInteractions.Feedback.EXPLICIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EXPLICIT feedback needs a value column, the rows have none");
        assertThat(raw.withDuplicatePolicy(DuplicatePolicy.MEAN).duplicatePolicy()).isEqualTo(DuplicatePolicy.MEAN);
    }

    @Test
    void builtAndLoadedDomainsAssembleTogether() throws Exception {
        Path f = Files.writeString(dir.resolve("book.tsv"), "1\tb1\t4\n2\tb2\t3\n");
        RawInteractions book = new DelimitedLoader(DelimitedFormat.of("\t", 3, 0, 1, 2)).read(f);
        Path g = dir.resolve("music.dat");
        RawInteractions music = RawInteractions.builder(RawInteractions.Feedback.IMPLICIT, false).startFile(g)
                .add("2", "m1", 1f, 0L, 1).add("3", "m1", 1f, 0L, 2).endFile(g, "00").build();
        Map<String, RawInteractions> domains = new LinkedHashMap<>();
        domains.put("book", book);
        domains.put("music", music);
        CrossDomainAssembler.Assembly a = CrossDomainAssembler.assemble(domains, List.of("music"), "book");
        assertThat(a.data().users().size()).isEqualTo(3);
        assertThat(a.data().sources().get(0).interactions().isExplicit()).isFalse();
        assertThat(a.data().overlappingUsers()).containsExactly(1);
        assertThat(a.fileSha256().get("music")).containsExactly(Map.entry("music.dat", "00"));
    }
}
