package org.rectransfer.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;

class CrossDomainAssemblerTest {

    private static final DelimitedFormat TSV = DelimitedFormat.of("\t", 3, 0, 1, 2);

    @TempDir
    Path dir;

    private final Map<String, RawInteractions> domains = new LinkedHashMap<>();

    private RawInteractions read(String name, String content) throws IOException {
        return new DelimitedLoader(TSV).read(Files.writeString(dir.resolve(name), content));
    }

    @BeforeEach
    void fixtures() throws IOException {
        // books: users 3, 1, 2; music: users 2, 4, 3; movies: users 5, 1
        domains.put("book", read("book.tsv", "3\tb1\t4\n1\tb1\t5\n2\tb2\t3\n1\tb2\t2\n"));
        domains.put("music", read("music.tsv", "2\tm9\t1\n4\tm9\t2\n3\tm1\t5\n"));
        domains.put("movie", read("movie.tsv", "5\tv1\t3\n1\tv1\t4\n"));
    }

    @Test
    void sharedUserIndexIsTheSortedUnionAndItemsStayPerDomain() {
        CrossDomainAssembler.Assembly a = CrossDomainAssembler.assemble(domains, List.of("music"), "book");
        CrossDomainData data = a.data();
        assertThat(data.users().size()).isEqualTo(4); // 1, 2, 3, 4 (movie is not used)
        assertThat(data.users().rawId(0)).isEqualTo("1");
        assertThat(data.users().rawId(3)).isEqualTo("4");
        assertThat(data.users().contains("5")).isFalse();
        DomainData book = data.target();
        DomainData music = data.sources().get(0);
        assertThat(book.name()).isEqualTo("book");
        assertThat(music.name()).isEqualTo("music");
        assertThat(book.items().size()).isEqualTo(2);
        assertThat(music.items().size()).isEqualTo(2);
        assertThat(book.interactions().get(0, book.items().indexOf("b2"))).isEqualTo(2f); // user 1
        assertThat(music.interactions().get(3, music.items().indexOf("m9"))).isEqualTo(2f); // user 4
        assertThat(music.interactions().rowSize(0)).isZero(); // user 1 has no music
        assertThat(data.overlappingUsers()).containsExactly(1, 2); // users 2 and 3

        OverlapReport r = a.overlap();
        assertThat(r.totalUsers()).isEqualTo(4);
        assertThat(r.usersPerDomain()).containsExactly(Map.entry("music", 3), Map.entry("book", 3));
        assertThat(r.overlappingUsers()).isEqualTo(2);
        assertThat(r.sharedUsers("book", "music")).isEqualTo(2);
    }

    @Test
    void severalSourcesAndPairwiseOverlap() {
        CrossDomainAssembler.Assembly a = CrossDomainAssembler.assemble(domains, List.of("music", "movie"), "book");
        OverlapReport r = a.overlap();
        assertThat(r.totalUsers()).isEqualTo(5);
        assertThat(r.pairs()).containsExactly(
                new OverlapReport.Pair("music", "movie", 0),
                new OverlapReport.Pair("music", "book", 2),
                new OverlapReport.Pair("movie", "book", 1));
        assertThat(r.overlappingUsers()).isEqualTo(3); // users 1 (movie), 2 and 3 (music)
        assertThat(a.data().sources()).extracting(DomainData::name).containsExactly("music", "movie");
    }

    @Test
    void indicesDoNotDependOnMapOrder() {
        Map<String, RawInteractions> reversed = new LinkedHashMap<>();
        reversed.put("music", domains.get("music"));
        reversed.put("book", domains.get("book"));
        CrossDomainData x = CrossDomainAssembler.assemble(domains, List.of("music"), "book").data();
        CrossDomainData y = CrossDomainAssembler.assemble(reversed, List.of("music"), "book").data();
        assertThat(y.fingerprint()).isEqualTo(x.fingerprint());
    }

    @Test
    void badDomainNames() {
        assertThatThrownBy(() -> CrossDomainAssembler.assemble(domains, List.of("music"), "film"))
                .hasMessageContaining("unknown domain 'film'").hasMessageContaining("[book, music, movie]");
        assertThatThrownBy(() -> CrossDomainAssembler.assemble(domains, List.of("book"), "book"))
                .hasMessageContaining("named twice");
        assertThatThrownBy(() -> CrossDomainAssembler.assemble(domains, List.of(), "book"))
                .hasMessageContaining("at least one source");
    }
}
