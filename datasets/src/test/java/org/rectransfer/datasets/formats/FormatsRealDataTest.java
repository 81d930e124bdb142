package org.rectransfer.datasets.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.DatasetLocator;
import org.rectransfer.datasets.RawInteractions;

/** The loaders on the real files under the data set root; expected numbers are those of each PROVENANCE.md. */
class FormatsRealDataTest {

    @Test
    void filmTrustRatingsTrustAndDeclaredDuplicatePolicy() throws Exception {
        Path dir = DatasetLocator.dataset("filmtrust");
        List<Path> files = new ArrayList<>();
        for (String f : FilmTrust.RATING_FILES) {
            files.add(dir.resolve(f));
        }
        RawInteractions ratings = new FilmTrust().read(files);
        assertThat(ratings.size()).isEqualTo(35_497);
        assertThat(ratings.numUsers()).isEqualTo(1_508);
        assertThat(ratings.numItems()).isEqualTo(2_071);

        UserRelation trust = FilmTrust.readTrust(dir.resolve(FilmTrust.TRUST_FILE));
        assertThat(trust.size()).isEqualTo(1_853);
        assertThat(trust.links().numUsers()).isEqualTo(609);  // distinct trusters
        assertThat(trust.links().numItems()).isEqualTo(732);  // distinct trustees

        FilmTrust.Data data = FilmTrust.load(dir);
        InteractionMatrix m = data.ratings().interactions();
        assertThat(m.nnz()).isEqualTo(35_497 - 3);           // the 3 duplicate pairs collapse
        assertThat(m.nonEmptyRows()).isEqualTo(1_508);
        int u = data.users().indexOf("308");
        IdIndex items = data.ratings().items();
        // KEEP_LAST: the later line wins (ratings_2.txt lines 7280, 7301, 7249)
        assertThat(m.get(u, items.indexOf("235"))).isEqualTo(1.5f); // 4 then 1.5
        assertThat(m.get(u, items.indexOf("12"))).isEqualTo(4f);    // 4 then 4
        assertThat(m.get(u, items.indexOf("207"))).isEqualTo(3f);   // 3.5 then 3
        assertThat(data.trust().nnz()).isEqualTo(1_853);
        assertThat(data.trust().numRows()).isEqualTo(data.users().size());
        Set<String> union = new HashSet<>(ratings.userIds());
        union.addAll(trust.userIds());
        assertThat(data.users().size()).isEqualTo(union.size());
    }

    @Test
    void lastFmUserArtistsAndFriends() throws Exception {
        Path dir = DatasetLocator.dataset("lastfm-hetrec2011-2k");
        RawInteractions in = new LastFmHetrec().read(dir.resolve("user_artists.dat"));
        assertThat(in.size()).isEqualTo(92_834);
        assertThat(in.numUsers()).isEqualTo(1_892);
        assertThat(in.numItems()).isEqualTo(17_632);
        float[] w = new float[in.size()];
        double sum = 0;
        for (int r = 0; r < in.size(); r++) {
            w[r] = in.value(r);
            sum += w[r];
        }
        Arrays.sort(w);
        assertThat(w[0]).isEqualTo(1f);
        assertThat(w[w.length - 1]).isEqualTo(352_698f);
        assertThat(sum / in.size()).isCloseTo(745.2, org.assertj.core.data.Offset.offset(0.05));
        DomainData d = in.toDomainData("lastfm", in.userIndex(), DuplicatePolicy.ERROR); // no duplicate pairs
        assertThat(d.interactions().nnz()).isEqualTo(92_834);
        assertThat(d.interactions().numRows() * (double) d.interactions().numCols())
                .isCloseTo(92_834 / 0.002783, org.assertj.core.data.Offset.offset(1.0e4));

        UserRelation friends = LastFmHetrec.readFriends(dir.resolve("user_friends.dat"));
        assertThat(friends.size()).isEqualTo(25_434);
    }
}
