package org.rectransfer.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectransfer.datasets.RealDataAssertions.histogram;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;

/** Expected numbers are those of douban-gadtcdr/PROVENANCE.md. */
class DoubanGadtcdrTest {

    private static Path dir;
    private static CrossDomainAssembler.Assembly musicToBook;

    @BeforeAll
    static void load() throws Exception {
        dir = DoubanGadtcdr.defaultDirectory();
        musicToBook = DoubanGadtcdr.assemble(dir, "music", "book");
    }

    @Test
    void filesAreTheOnesProvenanceDescribes() throws Exception {
        assertThat(RealDataAssertions.gitBlobId(DoubanGadtcdr.file(dir, "book")))
                .isEqualTo("ed495e9592b0bb9848742c26e73a70ee962f0298");
        assertThat(RealDataAssertions.gitBlobId(DoubanGadtcdr.file(dir, "music")))
                .isEqualTo("99d5bd3570493a27c45dac47eb2fcf7271260ed4");
    }

    @Test
    void bookDomain() {
        DomainData book = musicToBook.data().target();
        InteractionMatrix m = book.interactions();
        assertThat(book.name()).isEqualTo("book");
        assertThat(m.nnz()).isEqualTo(96_041);
        assertThat(m.nonEmptyRows()).isEqualTo(2_110);
        assertThat(book.items().size()).isEqualTo(6_777);
        assertThat(histogram(m)).containsExactly(0, 1605, 4207, 21018, 38975, 30236);
        assertThat(m.hasTimestamps()).isFalse();
    }

    @Test
    void musicDomain() {
        DomainData music = musicToBook.data().sources().get(0);
        InteractionMatrix m = music.interactions();
        assertThat(music.name()).isEqualTo("music");
        assertThat(m.nnz()).isEqualTo(69_709);
        assertThat(m.nonEmptyRows()).isEqualTo(1_672);
        assertThat(music.items().size()).isEqualTo(5_567);
        assertThat(histogram(m)).containsExactly(0, 1478, 3215, 13031, 24805, 27180);
    }

    @Test
    void sharedUsersAndOverlap() {
        CrossDomainData data = musicToBook.data();
        assertThat(data.users().size()).isEqualTo(2_216); // 2110 + 1672 - 1566
        assertThat(data.overlappingUsers()).hasSize(1_566);
        OverlapReport r = musicToBook.overlap();
        assertThat(r.usersPerDomain()).containsEntry("book", 2_110).containsEntry("music", 1_672);
        assertThat(r.sharedUsers("book", "music")).isEqualTo(1_566);
        // user ids 1..2718 per PROVENANCE: numeric order puts 1 first and 2718 last
        assertThat(data.users().rawId(0)).isEqualTo("1");
        assertThat(data.users().rawId(data.users().size() - 1)).isEqualTo("2718");
    }

    @Test
    void directionAndFingerprints() throws Exception {
        CrossDomainData bookToMusic = DoubanGadtcdr.load(dir, "book", "music");
        assertThat(bookToMusic.target().name()).isEqualTo("music");
        assertThat(bookToMusic.sources()).extracting(DomainData::name).containsExactly("book");
        // same users and same domains whichever direction: equal domain fingerprints
        assertThat(bookToMusic.target().fingerprint()).isEqualTo(musicToBook.data().sources().get(0).fingerprint());
        assertThat(musicToBook.fileSha256().keySet()).containsExactly("music", "book");
        assertThat(musicToBook.fileSha256().get("book")).containsExactly(java.util.Map.entry("douban_book_ratings.dat",
                RealDataAssertions.sha256(DoubanGadtcdr.file(dir, "book"))));
        RawInteractions raw = DoubanGadtcdr.read(dir, "book");
        assertThat(raw.fileSha256()).containsExactly(java.util.Map.entry("douban_book_ratings.dat",
                RealDataAssertions.sha256(DoubanGadtcdr.file(dir, "book"))));
    }

    @Test
    void unknownDomainListsTheKnownOnes() {
        assertThatThrownBy(() -> DoubanGadtcdr.load(dir, "movie", "book"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'movie'").hasMessageContaining("[book, music]");
        assertThatThrownBy(() -> DoubanGadtcdr.load(dir, "book", "book"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named twice");
    }
}
