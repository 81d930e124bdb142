package org.rectransfer.datasets.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.CrossDomainAssembler;
import org.rectransfer.datasets.DelimitedFormat;
import org.rectransfer.datasets.RawInteractions;
import org.rectransfer.datasets.SourceLocation;

/** Every loader on a small fixture written in its exact published format (src/test/resources/formats). */
class FormatLoadersTest {

    static Path fixture(String name) {
        try {
            return Path.of(FormatLoadersTest.class.getResource("/formats/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void movieLensDat() throws Exception {
        Path f = fixture("ml-ratings.dat");
        RawInteractions in = new MovieLensDat().read(f);
        assertThat(in.feedback()).isEqualTo(RawInteractions.Feedback.EXPLICIT);
        assertThat(in.size()).isEqualTo(4);
        assertThat(in.userIds()).containsExactly("1", "2", "3");
        assertThat(in.itemId(2)).isEqualTo("1193");
        assertThat(in.value(2)).isEqualTo(4.5f);
        assertThat(in.timestamp(0)).isEqualTo(978300760L);
        assertThat(in.location(3)).isEqualTo(new SourceLocation(f, 4));
        assertThat(in.fileSha256()).containsOnlyKeys("ml-ratings.dat");
        DomainData d = in.toDomainData("ml", in.userIndex(), DuplicatePolicy.ERROR);
        assertThat(d.interactions().nnz()).isEqualTo(4);
        assertThat(d.interactions().get(in.userIndex().indexOf("2"), d.items().indexOf("1193"))).isEqualTo(4.5f);
    }

    @Test
    void movieLensCsvWithHeaderAndCrlf() throws Exception {
        Path f = fixture("ml-ratings.csv");
        RawInteractions in = new MovieLensCsv().read(f);
        assertThat(in.size()).isEqualTo(3);
        assertThat(in.value(2)).isEqualTo(3.5f);
        assertThat(in.timestamp(2)).isEqualTo(1445714835L);
        assertThat(in.location(0)).isEqualTo(new SourceLocation(f, 2));
    }

    @Test
    void amazonRatingsCsvBothLayouts() throws Exception {
        RawInteractions a14 = new AmazonRatingsCsv(AmazonRatingsCsv.Layout.USER_ITEM_RATING_TIMESTAMP)
                .read(fixture("amazon-2014-ratings.csv"));
        assertThat(a14.userId(0)).isEqualTo("AH2L9G3DQHHAJ");
        assertThat(a14.itemId(0)).isEqualTo("0000000116");
        assertThat(a14.numItems()).isEqualTo(2);
        RawInteractions a18 = new AmazonRatingsCsv(AmazonRatingsCsv.Layout.ITEM_USER_RATING_TIMESTAMP)
                .read(fixture("amazon-2018-ratings.csv"));
        assertThat(a18.userId(0)).isEqualTo("A1C6M8LCIX4M6M");
        assertThat(a18.itemId(0)).isEqualTo("0001713353");
        assertThat(a18.numUsers()).isEqualTo(2);
        assertThat(a18.value(2)).isEqualTo(3f);
        assertThat(a18.timestamp(2)).isEqualTo(1365811200L);
    }

    @Test
    void amazonReviewJsonLinesIgnoreOtherMembers() throws Exception {
        RawInteractions in = new AmazonReviewsJsonLines().read(fixture("amazon-reviews_5.json"));
        assertThat(in.size()).isEqualTo(3);
        assertThat(in.userId(1)).isEqualTo("A14VAT5EAX3D9S");
        assertThat(in.itemId(1)).isEqualTo("1384719342");
        assertThat(in.value(1)).isEqualTo(4f);
        assertThat(in.timestamp(1)).isEqualTo(1441411200L);
        assertThat(in.value(2)).isEqualTo(3f); // integer "overall"
        assertThat(in.userIds()).containsExactly("A2IBPI20UZIR0U", "A14VAT5EAX3D9S");
    }

    @Test
    void bookCrossingModes() throws Exception {
        Path f = fixture("BX-Book-Ratings.csv");
        RawInteractions explicit = new BookCrossingRatings(BookCrossingRatings.Mode.EXPLICIT_ONLY).read(f);
        assertThat(explicit.size()).isEqualTo(5);
        assertThat(explicit.skippedRows()).isEqualTo(4);
        assertThat(explicit.feedback()).isEqualTo(RawInteractions.Feedback.EXPLICIT);
        assertThat(explicit.itemId(4)).isEqualTo("\u00e93442;X"); // ISO-8859-1 byte 0xE9 and ';' inside quotes
        assertThat(explicit.value(4)).isEqualTo(9f);
        assertThat(explicit.location(0)).isEqualTo(new SourceLocation(f, 3));
        RawInteractions implicit = new BookCrossingRatings(BookCrossingRatings.Mode.IMPLICIT_ONLY).read(f);
        assertThat(implicit.size()).isEqualTo(4);
        assertThat(implicit.feedback()).isEqualTo(RawInteractions.Feedback.IMPLICIT);
        assertThat(implicit.value(0)).isEqualTo(1f);
        RawInteractions all = new BookCrossingRatings(BookCrossingRatings.Mode.ALL_AS_IMPLICIT).read(f);
        assertThat(all.size()).isEqualTo(9);
        assertThat(all.skippedRows()).isZero();
        InteractionMatrix m = all.toDomainData("bx", all.userIndex(), DuplicatePolicy.ERROR).interactions();
        assertThat(m.isExplicit()).isFalse();
    }

    @Test
    void lastFmWeightsAndFriends() throws Exception {
        RawInteractions in = new LastFmHetrec().read(fixture("user_artists.dat"));
        assertThat(in.feedback()).isEqualTo(RawInteractions.Feedback.WEIGHTED);
        assertThat(in.value(0)).isEqualTo(13883f);
        DomainData d = in.toDomainData("lastfm", in.userIndex(), DuplicatePolicy.SUM);
        assertThat(d.interactions().isExplicit()).isTrue(); // stores the counts
        UserRelation friends = LastFmHetrec.readFriends(fixture("user_friends.dat"));
        IdIndex users = IdIndex.of(friends.userIds());
        InteractionMatrix fm = friends.toMatrix(users, DuplicatePolicy.ERROR);
        assertThat(fm.nnz()).isEqualTo(2);
        assertThat(fm.find(users.indexOf("2"), users.indexOf("3"))).isGreaterThanOrEqualTo(0);
    }

    @Test
    void loadersOfDifferentFormatsAssembleIntoOneCrossDomainDataSet() throws Exception {
        RawInteractions dat = new MovieLensDat().read(fixture("ml-ratings.dat"));
        RawInteractions netflix = new NetflixPrize().read(fixture("netflix-combined.txt"));
        java.util.Map<String, RawInteractions> domains = new java.util.LinkedHashMap<>();
        domains.put("ml", dat);
        domains.put("netflix", netflix);
        CrossDomainAssembler.Assembly a = CrossDomainAssembler.assemble(domains, List.of("netflix"), "ml");
        java.util.Set<String> union = new java.util.HashSet<>(dat.userIds());
        union.addAll(netflix.userIds());
        assertThat(a.data().users().size()).isEqualTo(union.size());
        assertThat(a.data().target().interactions().nnz()).isEqualTo(dat.size());
        assertThat(a.data().target().fingerprint())
                .isEqualTo(dat.toDomainData("ml", a.data().users(), DuplicatePolicy.ERROR).fingerprint());
        assertThat(a.fileSha256().get("netflix")).isEqualTo(netflix.fileSha256());
    }

    @Test
    void ciaoAndEpinionsLayouts() throws Exception {
        RawInteractions ciao = new TangRatings(TangRatings.Layout.RATING_MAT, DelimitedFormat.WHITESPACE)
                .read(fixture("ciao-rating.txt"));
        assertThat(ciao.size()).isEqualTo(3);
        assertThat(ciao.itemId(1)).isEqualTo("3"); // runs of spaces are one separator
        assertThat(ciao.value(0)).isEqualTo(4f);   // column 3, not the category (column 2)
        assertThat(ciao.userId(2)).isEqualTo("7");
        assertThat(ciao.hasTimestamps()).isFalse();
        RawInteractions epinions = new TangRatings(TangRatings.Layout.RATING_WITH_TIMESTAMP_MAT, ",")
                .read(fixture("epinions-rating_with_timestamp.csv"));
        assertThat(epinions.value(1)).isEqualTo(2f);
        assertThat(epinions.timestamp(1)).isEqualTo(1020816000L);
    }

    @Test
    void netflixMovieBlocks() throws Exception {
        Path f = fixture("netflix-combined.txt");
        RawInteractions in = new NetflixPrize().read(f);
        assertThat(in.size()).isEqualTo(4);
        assertThat(in.itemIds()).containsExactly("1", "2");
        assertThat(in.userId(3)).isEqualTo("1488844");
        assertThat(in.itemId(3)).isEqualTo("2");
        assertThat(in.value(3)).isEqualTo(4f);
        assertThat(in.timestamp(0)).isEqualTo(1125964800L); // 2005-09-06T00:00Z
        assertThat(in.location(2)).isEqualTo(new SourceLocation(f, 5));
        assertThat(in.skippedRows()).isZero();
    }

    @Test
    void recBoleHeaderDrivenColumns() throws Exception {
        RawInteractions in = new RecBoleInter().read(fixture("ml-100k.inter"));
        assertThat(in.feedback()).isEqualTo(RawInteractions.Feedback.EXPLICIT);
        assertThat(in.size()).isEqualTo(3);
        assertThat(in.timestamp(1)).isEqualTo(891717742L);
        RawInteractions implicit = new RecBoleInter().read(fixture("implicit.inter"));
        assertThat(implicit.feedback()).isEqualTo(RawInteractions.Feedback.IMPLICIT);
        assertThat(implicit.userIds()).containsExactly("u1", "u2");
        assertThat(implicit.itemIds()).containsExactly("10", "11");
        assertThat(implicit.hasTimestamps()).isFalse();
    }

    @Test
    void registryOfFormatsResolvesEveryId() {
        assertThat(Formats.ids()).contains(MovieLensDat.ID, MovieLensCsv.ID, "amazon-ratings-csv-2014",
                "amazon-ratings-csv-2018", AmazonReviewsJsonLines.ID, BookCrossingRatings.ID, FilmTrust.ID,
                LastFmHetrec.ID, NetflixPrize.ID, RecBoleInter.ID, "tang-rating-mat");
        for (String id : Formats.ids()) {
            assertThat(Formats.byId(id).id()).isEqualTo(id);
        }
        assertThat(List.copyOf(Formats.ids())).doesNotHaveDuplicates();
    }
}
