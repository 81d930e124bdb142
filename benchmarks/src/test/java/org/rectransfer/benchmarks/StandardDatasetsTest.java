package org.rectransfer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rectransfer.benchmarks.harness.Experiments;
import org.rectransfer.benchmarks.harness.LoadedDataset;
import org.rectransfer.benchmarks.harness.StandardDatasets;
import org.rectransfer.core.data.CrossDomainData;

/** The dataset types of experiment configs beyond the built-in readers: generic files and preprocessing. */
class StandardDatasetsTest {

    private static LoadedDataset load(String datasetJson) {
        String cfg = """
                {"name": "d", "seeds": [1], "datasets": [%s], "split": {"type": "random-holdout"},
                 "strategies": [{"strategy": "target-only(global-mean)"}]}
                """.formatted(datasetJson);
        return StandardDatasets.create(null).load(Experiments.parse(cfg, "d.json").datasets().get(0));
    }

    @Test
    void filesTypeAssemblesAnyFormatLikeTheDedicatedReader() {
        // Douban's tab-separated "user item rating" files read through a generic format id.
        LoadedDataset generic = load("""
                {"label": "g", "type": "files", "params": {
                  "domains": {"music": {"format": "tang-user-item-rating", "files": ["douban-gadtcdr/douban_music_ratings.dat"]},
                              "book": {"format": "tang-user-item-rating", "files": ["douban-gadtcdr/douban_book_ratings.dat"]}},
                  "sources": ["music"], "target": "book"}}
                """);
        LoadedDataset dedicated = load("""
                {"label": "d", "type": "douban", "params": {"source": "music", "target": "book"}}
                """);
        CrossDomainData g = generic.data();
        CrossDomainData d = dedicated.data();
        // PROVENANCE.md: 2,216 users in the union, 1,566 in both, 96,041 book and 69,709 music ratings.
        assertThat(g.users().size()).isEqualTo(2216);
        assertThat(g.overlappingUsers()).hasSize(1566);
        assertThat(g.target().interactions().nnz()).isEqualTo(96_041);
        assertThat(g.sources().get(0).interactions().nnz()).isEqualTo(69_709);
        assertThat(g.target().interactions().contentHash()).isEqualTo(d.target().interactions().contentHash());
        assertThat(g.sources().get(0).interactions().contentHash())
                .isEqualTo(d.sources().get(0).interactions().contentHash());
        assertThat(generic.fingerprints()).containsKeys("raw:douban_music_ratings.dat", "raw:douban_book_ratings.dat");
    }

    @Test
    void preprocessingStepsRunInOrderAndAreFingerprinted() {
        String base = """
                {"label": "s", "type": "synthetic",
                 "params": {"numUsers": 300, "numSourceItems": 100, "numTargetItems": 100, "seed": 4}%s}
                """;
        LoadedDataset raw = load(base.formatted(""));
        LoadedDataset sampled = load(base.formatted(", \"preprocess\": [{\"type\": \"user-sample\", \"count\": 100, "
                + "\"fraction\": 0}, {\"type\": \"k-core\", \"userK\": 3, \"itemK\": 3}]"));
        assertThat(sampled.data().users().size()).isLessThanOrEqualTo(100);
        assertThat(sampled.fingerprints().get("preprocess")).contains("user-sample").contains("k-core");
        assertThat(sampled.fingerprints().get("target:target")).isNotEqualTo(raw.fingerprints().get("target:target"));
        // k-core per domain: every remaining user and item has >= 3 interactions in the target
        var t = sampled.data().target().interactions();
        for (int u = 0; u < t.numRows(); u++) {
            assertThat(t.rowSize(u) == 0 || t.rowSize(u) >= 3).isTrue();
        }
        for (int i = 0; i < t.numCols(); i++) {
            assertThat(t.transpose().rowSize(i)).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void badPreprocessingIsNamed() {
        assertThatThrownBy(() -> load("""
                {"label": "s", "type": "synthetic", "preprocess": [{"type": "kcore"}]}
                """)).hasMessageContaining("unknown preprocess step 'kcore'").hasMessageContaining("k-core");
        assertThatThrownBy(() -> load("""
                {"label": "s", "type": "synthetic", "preprocess": [{"type": "k-core", "k": 3}]}
                """)).hasMessageContaining("'k'").hasMessageContaining("userK");
    }
}
