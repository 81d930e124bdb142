package org.rectransfer.datasets.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.datasets.DatasetLocator;
import org.rectransfer.datasets.formats.Formats;

/** The cards: their checksums match the shared copies, and formats resolve. */
class DatasetRegistryTest {

    @Test
    void standardCardsArePresent() {
        assertThat(DatasetRegistry.cards()).extracting(DatasetCard::id).contains("movielens-100k", "movielens-1m",
                "movielens-10m", "movielens-20m", "movielens-25m", "movielens-latest-small", "amazon-2014-movies-music",
                "amazon-2018-movies-music", "douban-gadtcdr", "book-crossing", "filmtrust", "lastfm-hetrec2011-2k",
                "netflix-prize", "ciao-tang", "epinions-tang");
        assertThatThrownBy(() -> DatasetRegistry.card("nope")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("movielens-1m");
    }

    @Test
    void formatIdsResolveExceptDedicatedReaders() {
        for (DatasetCard c : DatasetRegistry.cards()) {
            if (c.formatId().equals("movielens-100k") || c.formatId().equals("douban-gadtcdr")) {
                continue; // read by org.rectransfer.datasets.MovieLens / DoubanGadtcdr
            }
            assertThat(Formats.byId(c.formatId()).id()).isEqualTo(c.formatId());
        }
    }

    /** Every recorded checksum and size is that of the file in the shared data set directory. */
    @Test
    void recordedChecksumsMatchTheSharedCopies() throws Exception {
        String[][] dirs = {{"movielens-100k", "movielens-100k"}, {"filmtrust", "filmtrust"},
            {"lastfm-hetrec2011-2k", "lastfm-hetrec2011-2k"}, {"douban-gadtcdr", "douban-gadtcdr"}};
        int checked = 0;
        for (String[] d : dirs) {
            Path dir = DatasetLocator.dataset(d[1]);
            for (FileEntry f : DatasetRegistry.card(d[0]).files()) {
                if (!f.isVerified()) {
                    continue;
                }
                Path file = dir.resolve(f.name());
                assertThat(Files.size(file)).as(f.name()).isEqualTo(f.sizeBytes());
                assertThat(DatasetDownloader.sha256(file)).as(f.name()).isEqualTo(f.sha256());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3 + 5 + 4 + 2);
        for (DatasetCard c : DatasetRegistry.cards()) {
            if (!List.of("movielens-100k", "filmtrust", "lastfm-hetrec2011-2k", "douban-gadtcdr").contains(c.id())) {
                assertThat(c.files()).as(c.id()).noneMatch(FileEntry::isVerified);
            }
        }
    }

    @Test
    void adoptingASharedFileVerifiesIt(@TempDir Path cache) throws Exception {
        DatasetDownloader d = new DatasetDownloader(cache, java.net.http.HttpClient.newHttpClient(),
                DatasetDownloader.Options.defaults());
        DatasetCard card = DatasetRegistry.card("filmtrust");
        Path src = DatasetLocator.dataset("filmtrust").resolve("trust/trust.txt");
        DatasetDownloader.Fetched f = d.adopt(card, "trust/trust.txt", src);
        assertThat(f.verified()).isTrue();
        assertThat(f.path()).isEqualTo(cache.resolve("filmtrust/trust/trust.txt"));
        assertThat(d.adopt(card, "trust/trust.txt", src).path()).hasSameBinaryContentAs(src);
        Path wrong = DatasetLocator.dataset("filmtrust").resolve("rating/ratings_1.txt");
        assertThatThrownBy(() -> d.adopt(card, "trust/trust.txt", wrong)).isInstanceOf(ChecksumMismatchException.class);
    }

    @Test
    void entriesAreValidated() {
        assertThatThrownBy(() -> new FileEntry("../x", null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileEntry("x", null, null, "abc")).isInstanceOf(IllegalArgumentException.class);
        FileEntry f = new FileEntry("x", null, null, "AB".repeat(32));
        assertThat(f.sha256()).isEqualTo("ab".repeat(32));
        assertThatThrownBy(() -> new DatasetCard("x", "d", URI.create("http://x/"), List.of(f, f), "l", "c", "f"))
                .hasMessageContaining("twice");
    }
}
