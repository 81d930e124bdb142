package org.rectransfer.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectransfer.datasets.RealDataAssertions.histogram;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;

/** Expected numbers are those of amazon-music-movie-neucdcf/PROVENANCE.md unless marked otherwise. */
class AmazonMusicMovieNeuCdcfTest {

    private static Path dir;
    private static CrossDomainAssembler.Assembly movieToMusic;
    private static RawInteractions rawMusic;
    private static RawInteractions rawMovie;

    @BeforeAll
    static void load() throws Exception {
        dir = AmazonMusicMovieNeuCdcf.defaultDirectory();
        movieToMusic = AmazonMusicMovieNeuCdcf.assemble(dir, "movie", "music");
        rawMusic = AmazonMusicMovieNeuCdcf.read(dir, "music");
        rawMovie = AmazonMusicMovieNeuCdcf.read(dir, "movie");
    }

    @Test
    void musicIsTrainfullPlusTest() {
        DomainData music = movieToMusic.data().target();
        InteractionMatrix m = music.interactions();
        assertThat(music.name()).isEqualTo("music");
        assertThat(m.nnz()).isEqualTo(91_766); // "Music (all 3 splits together) = 91,766 ratings"
        assertThat(m.nonEmptyRows()).isEqualTo(2_091); // trainfull users; all 2,022 test users are among them
        // trainfull has 4,538 items; that test adds none was measured here with awk (not in PROVENANCE.md)
        assertThat(music.items().size()).isEqualTo(4_538);
        // trainfull histogram + test histogram
        assertThat(histogram(m)).containsExactly(0, 3757 + 903, 3611 + 795, 7883 + 1842, 19247 + 4449, 40001 + 9278);
        assertThat(rawMusic.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("music.trainfull.rating", "music.test.rating");
        assertThat(rawMusic.skippedRows()).isZero();
        assertThat(rawMusic.location(74_499).toString()).endsWith("music.test.rating:1");
    }

    @Test
    void movieIsDomainOneOfTheMixedFile() {
        DomainData movie = movieToMusic.data().sources().get(0);
        InteractionMatrix m = movie.interactions();
        assertThat(movie.name()).isEqualTo("movie");
        assertThat(m.nnz()).isEqualTo(131_617);
        assertThat(m.nonEmptyRows()).isEqualTo(2_098);
        assertThat(movie.items().size()).isEqualTo(5_241);
        assertThat(histogram(m)).containsExactly(0, 7437, 9823, 19158, 35169, 60030);
        assertThat(rawMovie.skippedRows()).isEqualTo(74_499); // the domain-0 rows (= music trainfull)
    }

    @Test
    void overlap() {
        CrossDomainData data = movieToMusic.data();
        assertThat(data.overlappingUsers()).hasSize(2_071);
        assertThat(data.users().size()).isEqualTo(2_118); // users of music_movie.trainfull.rating
        assertThat(movieToMusic.overlap().sharedUsers("movie", "music")).isEqualTo(2_071);
        Set<String> sharedItemIds = new HashSet<>(rawMusic.itemIds());
        sharedItemIds.retainAll(rawMovie.itemIds());
        assertThat(sharedItemIds).hasSize(142); // listed in both categories, kept as separate items
    }

    @Test
    void defaultDirectionAndUnknownDomain() throws Exception {
        CrossDomainData d = AmazonMusicMovieNeuCdcf.load(dir);
        assertThat(d.target().name()).isEqualTo("music");
        assertThat(d.fingerprint()).isEqualTo(movieToMusic.data().fingerprint());
        assertThatThrownBy(() -> AmazonMusicMovieNeuCdcf.load(dir, "book", "music"))
                .hasMessageContaining("'book'").hasMessageContaining("[movie, music]");
    }
}
