package org.rectransfer.reports;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.reports.ComparisonTable.MetricSummary;
import org.rectransfer.reports.ComparisonTable.Row;
import org.rectransfer.reports.ComparisonTable.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rectransfer.reports.Fixtures.run;

class ComparisonTableTest {
    private static final double EPS = 1e-12;

    /**
     * 2 strategies x 3 seeds (seeds 1, 2, 3), records interleaved by seed.
     * <pre>
     *                  rmse                  ndcg@10
     * target-only MF   1.00  0.90  0.95      0.20  0.30  0.25
     * CMF              0.90  0.72  0.855     0.18  0.27  0.24
     * </pre>
     */
    static List<RunRecord> fixture() {
        double[][] base = {{1.00, 0.20}, {0.90, 0.30}, {0.95, 0.25}};
        double[][] cmf = {{0.90, 0.18}, {0.72, 0.27}, {0.855, 0.24}};
        List<RunRecord> out = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            out.add(run("target-only MF", "target-only(biased-mf)", "NONE", s + 1,
                    Map.of("rmse", base[s][0], "ndcg@10", base[s][1])));
            out.add(run("CMF", "cmf", "COLLECTIVE", s + 1, Map.of("rmse", cmf[s][0], "ndcg@10", cmf[s][1])));
        }
        return out;
    }

    @Test
    void meanStdAndGainsAgainstHandComputedValues() {
        ComparisonTable t = ComparisonTable.of(fixture(), List.of("rmse", "mae", "ndcg@10"));
        assertThat(t.sections()).hasSize(1);
        Section s = t.sections().get(0);
        assertThat(s.metrics()).containsExactly("rmse", "ndcg@10");     // mae is in no record: no column
        assertThat(s.rows()).extracting(Row::strategyLabel).containsExactly("target-only MF", "CMF");
        Row base = s.rows().get(0);
        Row cmf = s.rows().get(1);
        assertThat(base.baseline()).isTrue();
        assertThat(s.baseline()).contains(base);
        assertThat(base.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(base.cells()).isEqualTo(3);

        // baseline rmse: mean (1.00+0.90+0.95)/3 = 0.95; deviations +0.05, -0.05, 0
        //   -> var = (0.0025+0.0025+0)/(3-1) = 0.0025 -> std 0.05
        MetricSummary bRmse = base.metric("rmse").orElseThrow();
        assertThat(bRmse.n()).isEqualTo(3);
        assertThat(bRmse.mean()).isCloseTo(0.95, within(EPS));
        assertThat(bRmse.std()).isCloseTo(0.05, within(EPS));
        assertThat(bRmse.gain()).isNull();

        // CMF rmse: mean (0.90+0.72+0.855)/3 = 2.475/3 = 0.825; deviations +0.075, -0.105, +0.03
        //   -> var = (0.005625+0.011025+0.0009)/2 = 0.008775 -> std sqrt(0.008775)
        MetricSummary cRmse = cmf.metric("rmse").orElseThrow();
        assertThat(cRmse.mean()).isCloseTo(0.825, within(EPS));
        assertThat(cRmse.std()).isCloseTo(Math.sqrt(0.008775), within(EPS));
        // lower is better: from means (0.95-0.825)/0.95*100 = 13.157894736842...
        assertThat(cRmse.gain().fromMeans()).isCloseTo(0.125 / 0.95 * 100, within(1e-9));
        // paired per seed: (1-0.9)/1 = 10 %, (0.9-0.72)/0.9 = 20 %, (0.95-0.855)/0.95 = 10 % -> mean 13.333...
        assertThat(cRmse.gain().paired()).isCloseTo(40.0 / 3, within(1e-9));
        assertThat(cRmse.gain().pairedSeeds()).isEqualTo(3);
        assertThat(cRmse.gain().shown()).isCloseTo(40.0 / 3, within(1e-9));

        // baseline ndcg@10: mean 0.25, deviations -0.05, +0.05, 0 -> std 0.05
        assertThat(base.metric("ndcg@10").orElseThrow().std()).isCloseTo(0.05, within(EPS));
        // CMF ndcg@10 (higher is better): mean 0.69/3 = 0.23; from means (0.23-0.25)/0.25 = -8 %
        // paired: (0.18-0.20)/0.20 = -10 %, (0.27-0.30)/0.30 = -10 %, (0.24-0.25)/0.25 = -4 % -> -8 %
        MetricSummary cNdcg = cmf.metric("ndcg@10").orElseThrow();
        assertThat(cNdcg.mean()).isCloseTo(0.69 / 3, within(EPS));
        assertThat(cNdcg.gain().fromMeans()).isCloseTo(-8.0, within(1e-9));
        assertThat(cNdcg.gain().paired()).isCloseTo(-8.0, within(1e-9));
        assertThat(cNdcg.gain().worseSeeds()).isEqualTo(3);

        // First metric rmse improves: no negative transfer.
        assertThat(cmf.negativeTransfer()).isFalse();
        assertThat(base.negativeTransfer()).isFalse();
    }

    @Test
    void negativeTransferIsJudgedOnTheFirstMetric() {
        // Same runs, ndcg@10 first: CMF is worse on all 3 seeds (-8 % paired) -> negative transfer.
        ComparisonTable t = ComparisonTable.of(fixture(), List.of("ndcg@10", "rmse"));
        Row cmf = t.sections().get(0).rows().get(1);
        assertThat(cmf.negativeTransfer()).isTrue();
        assertThat(MarkdownReport.render(t, "x")).contains("| CMF ⚠ negative transfer |");
        assertThat(MarkdownReport.render(ComparisonTable.of(fixture(), List.of("rmse", "ndcg@10")), "x"))
                .doesNotContain("negative transfer |");
    }

    @Test
    void guardOutcomesAreCountedAndShown() {
        RunRecord base = run("base", "target-only(mf)", "NONE", 1, Map.of("rmse", 1.0));
        RunRecord flagged = withSelection(run("cmf", "cmf", "COLLECTIVE", 1, Map.of("rmse", 1.0)),
                "{\"guard\":{\"fellBack\":true,\"flagged\":true}}");
        RunRecord fine = withSelection(run("cmf", "cmf", "COLLECTIVE", 2, Map.of("rmse", 0.9)),
                "{\"guard\":{\"fellBack\":false,\"flagged\":false}}");
        Row cmf = ComparisonTable.of(List.of(base, flagged, fine), List.of("rmse")).sections().get(0).rows().get(1);
        assertThat(cmf.guardFlagged()).isEqualTo(1);
        assertThat(cmf.guardFellBack()).isEqualTo(1);
        assertThat(cmf.guardNote()).isEqualTo("guard: flagged 1/2, fell back 1/2");
        assertThat(MarkdownReport.render(ComparisonTable.of(List.of(base, flagged, fine), List.of("rmse")), "x"))
                .contains("| cmf (guard: flagged 1/2, fell back 1/2) |");
    }

    private static RunRecord withSelection(RunRecord r, String selection) {
        return new RunRecord(r.schema(), r.experiment(), r.cellKey(), r.dataset(), r.datasetFingerprints(), r.split(),
                r.splitFingerprint(), r.protocol(), r.strategyLabel(), r.strategyId(), r.family(), r.config(),
                r.configSha256(), selection, r.masterSeed(), r.fold(), r.derivedSeeds(), r.validationMetrics(),
                r.metrics(), r.counts(), r.perUserFile(), r.perUserSha256(), r.timingsSeconds(), r.peakMemoryBytes(),
                r.environment());
    }

    @Test
    void aNegativeMeanGainWithMixedSeedsIsNotFlagged() {
        // rmse per seed: base 1.0, 1.0; other 1.1 (worse), 0.95 (better) -> paired mean (-10 + 5)/2 = -2.5 %
        List<RunRecord> recs = List.of(
                run("base", "target-only(mf)", "NONE", 1, Map.of("rmse", 1.0)),
                run("base", "target-only(mf)", "NONE", 2, Map.of("rmse", 1.0)),
                run("other", "cmf", "COLLECTIVE", 1, Map.of("rmse", 1.1)),
                run("other", "cmf", "COLLECTIVE", 2, Map.of("rmse", 0.95)));
        Row other = ComparisonTable.of(recs, List.of("rmse")).sections().get(0).rows().get(1);
        assertThat(other.metrics().get(0).gain().shown()).isCloseTo(-2.5, within(1e-9));
        assertThat(other.metrics().get(0).gain().worseSeeds()).isEqualTo(1);
        assertThat(other.negativeTransfer()).isFalse();
    }

    @Test
    void oneSeedHasZeroStdAndUnsharedSeedsFallBackToGainFromMeans() {
        List<RunRecord> recs = List.of(
                run("base", "target-only(mf)", "NONE", 1, Map.of("rmse", 1.0)),
                run("base", "target-only(mf)", "NONE", 2, Map.of("rmse", 0.8)),
                run("other", "pooled(mf)", "NONE", 3, Map.of("rmse", 0.99)));
        Section s = ComparisonTable.of(recs, List.of("rmse")).sections().get(0);
        MetricSummary other = s.rows().get(1).metrics().get(0);
        assertThat(other.n()).isEqualTo(1);
        assertThat(other.std()).isZero();
        // no common seed: paired undefined, shown = from means (0.9-0.99)/0.9*100 = -10 %
        assertThat(other.gain().pairedSeeds()).isZero();
        assertThat(other.gain().paired()).isNaN();
        assertThat(other.gain().shown()).isCloseTo(-10.0, within(1e-9));
        // Worse on average but never compared on a shared seed: not flagged as negative transfer.
        assertThat(s.rows().get(1).negativeTransfer()).isFalse();
    }

    @Test
    void sectionsGroupByDatasetSplitProtocolAndNoBaselineMeansNoGains() {
        List<RunRecord> recs = List.of(
                run("b", "CMF", "cmf", "COLLECTIVE", 1, Map.of("rmse", 1.0)),
                run("a", "target-only MF", "target-only(mf)", "NONE", 1, Map.of("rmse", 1.0)),
                run("a", "target-only ALS", "target-only(als)", "NONE", 1, Map.of("rmse", 1.1)),
                run("b", "CMF", "cmf", "COLLECTIVE", 1, Map.of("rmse", 0.5)));
        ComparisonTable t = ComparisonTable.of(recs, List.of("rmse"));
        assertThat(t.sections()).extracting(Section::dataset).containsExactly("b", "a");
        Section b = t.sections().get(0);
        assertThat(b.baseline()).isEmpty();
        // two records of one seed: seed value is their mean 0.75, one seed, two cells
        Row cmf = b.rows().get(0);
        assertThat(cmf.cells()).isEqualTo(2);
        assertThat(cmf.seeds()).containsExactly(1L);
        assertThat(cmf.metrics().get(0).mean()).isCloseTo(0.75, within(EPS));
        assertThat(cmf.metrics().get(0).gain()).isNull();
        // several target-only rows: the first is the baseline
        Section a = t.sections().get(1);
        assertThat(a.baseline().orElseThrow().strategyLabel()).isEqualTo("target-only MF");
        assertThat(a.rows().get(1).metrics().get(0).gain().shown()).isCloseTo(-10.0, within(1e-9));
    }

    @Test
    void aLabelWithTwoStrategiesIsRejected() {
        List<RunRecord> recs = List.of(
                run("X", "cmf", "COLLECTIVE", 1, Map.of("rmse", 1.0)),
                run("X", "emcdr", "MAPPING", 2, Map.of("rmse", 1.0)));
        assertThatThrownBy(() -> ComparisonTable.of(recs, List.of("rmse")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cmf").hasMessageContaining("emcdr");
    }

    @Test
    void defaultMetricsPutErrorsFirstAndOrderCutoffsNumerically() {
        List<RunRecord> recs = List.of(run("a", "target-only(mf)", "NONE", 1,
                Map.of("ndcg@10", 0.1, "ndcg@5", 0.1, "recall@20", 0.1, "mae", 0.7, "rmse", 0.9, "auc", 0.6)));
        assertThat(ComparisonTable.defaultMetrics(recs))
                .containsExactly("rmse", "mae", "auc", "ndcg@5", "ndcg@10", "recall@20");
        assertThat(ComparisonTable.lowerIsBetter("RMSE")).isTrue();
        assertThat(ComparisonTable.lowerIsBetter("hr@10")).isFalse();
    }

    @Test
    void provenanceCollectsDistinctSortedValues() {
        ComparisonTable.Provenance p = ComparisonTable.of(fixture(), List.of("rmse")).sections().get(0).provenance();
        assertThat(p.gitCommits()).containsExactly(Fixtures.ENV.gitCommit());
        assertThat(p.configSha256s()).hasSize(2).isSorted();
        assertThat(p.datasetFingerprints()).containsOnlyKeys("target:ml");
        assertThat(p.splitFingerprints()).containsExactly("5p1175eed0000000000000000");
    }
}
