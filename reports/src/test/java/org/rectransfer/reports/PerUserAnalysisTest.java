package org.rectransfer.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.reports.ComparisonTable.Section;
import org.rectransfer.reports.PerUserAnalysis.Activity;
import org.rectransfer.reports.PerUserAnalysis.Comparison;
import org.rectransfer.reports.PerUserAnalysis.Strata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rectransfer.reports.Fixtures.run;

/**
 * The per-user part of {@link ComparisonTable}: pairing by (seed, fold, user), Holm across the
 * section, activity strata, file verification. Expected statistics of the tiny case come from
 * {@code significance_reference.py} ({@code report_tiny}; see {@link SignificanceTest} for the
 * method and tolerances).
 */
class PerUserAnalysisTest {
    private static final List<String> RMSE_NDCG = List.of("rmse", "ndcg@10");

    @TempDir
    Path dir;

    private static Section only(ComparisonTable t) {
        assertThat(t.sections()).hasSize(1);
        return t.sections().get(0);
    }

    private static void close(double actual, JsonNode expected, double tol) {
        if (Double.isNaN(expected.asDouble())) {
            assertThat(actual).isNaN();
        } else {
            assertThat(actual).isCloseTo(expected.asDouble(), within(tol));
        }
    }

    @Test
    void tinyCaseMatchesTheIndependentReference() throws IOException {
        Section s = only(ComparisonTable.of(MarkdownReportTest.tinyWithPerUser(dir), RMSE_NDCG,
                PerUserSource.relativeTo(dir)));
        PerUserAnalysis a = s.perUserAnalysis().orElseThrow();
        JsonNode ref = SignificanceTest.reference().get("report_tiny");

        // CMF x {rmse, ndcg@10}, then Pooled MF (no per-user file) x {rmse, ndcg@10}
        assertThat(a.comparisons()).extracting(Comparison::strategyLabel, Comparison::metric).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CMF | v2", "rmse"),
                org.assertj.core.groups.Tuple.tuple("CMF | v2", "ndcg@10"),
                org.assertj.core.groups.Tuple.tuple("Pooled MF", "rmse"),
                org.assertj.core.groups.Tuple.tuple("Pooled MF", "ndcg@10"));
        for (int i = 0; i < 2; i++) {
            Comparison c = a.comparisons().get(i);
            JsonNode e = ref.get("comparisons").get(i);
            Significance.Result r = c.result();
            assertThat(r.n()).isEqualTo(e.get("n").asInt());
            assertThat(r.droppedNaN()).isEqualTo(e.get("droppedNaN").asInt());
            assertThat(r.wilcoxon().zeros()).isEqualTo(e.get("zeros").asInt());
            assertThat(c.rowOnly()).isEqualTo(e.get("rowOnly").asInt()).isEqualTo(1);
            assertThat(c.baselineOnly()).isEqualTo(e.get("baselineOnly").asInt()).isEqualTo(1);
            assertThat(r.lowerIsBetter()).isEqualTo(e.get("lowerIsBetter").asBoolean());
            close(r.meanDifference(), e.get("meanDifference"), SignificanceTest.ARITHMETIC);
            close(r.tTestP(), e.get("tTestP"), SignificanceTest.T_TEST);
            assertThat(r.wilcoxon().exact()).isEqualTo(e.get("wilcoxonExact").asBoolean());
            close(r.wilcoxonP(), e.get("wilcoxonP"), r.wilcoxon().exact() ? SignificanceTest.EXACT
                    : SignificanceTest.NORMAL);
            close(c.pHolm(), e.get("pHolm"), SignificanceTest.NORMAL);
            close(r.dz(), e.get("dz"), SignificanceTest.ARITHMETIC);
            close(r.ci().low(), e.get("ci").get(0), SignificanceTest.BOOTSTRAP);
            close(r.ci().high(), e.get("ci").get(1), SignificanceTest.BOOTSTRAP);
        }
        assertThat(a.comparisons().get(0).significant()).isTrue();      // rmse: p_holm = 0.015625
        assertThat(a.comparisons().get(1).significant()).isFalse();
        for (Comparison pooled : a.comparisons().subList(2, 4)) {
            assertThat(pooled.result().n()).isZero();
            assertThat(pooled.pHolm()).isNaN();
            assertThat(pooled.significant()).isFalse();
        }

        assertThat(a.strataMetrics()).containsExactly("rmse", "ndcg@10");
        for (JsonNode e : ref.get("strata")) {
            Strata st = a.strata(e.get("label").asText(), e.get("metric").asText()).orElseThrow();
            for (Activity b : Activity.values()) {
                assertThat(st.byTargetTrain().get(b.ordinal()).n()).isEqualTo(e.get("target").get(b.ordinal()).get(0).asInt());
                close(st.byTargetTrain().get(b.ordinal()).mean(), e.get("target").get(b.ordinal()).get(1), 1e-12);
                assertThat(st.bySourceTrain().get(b.ordinal()).n()).isEqualTo(e.get("source").get(b.ordinal()).get(0).asInt());
                close(st.bySourceTrain().get(b.ordinal()).mean(), e.get("source").get(b.ordinal()).get(1), 1e-12);
            }
        }
        assertThat(a.strata("Pooled MF", "rmse").orElseThrow().hasValues()).isFalse();
        assertThat(a.bootstrapResamples()).isEqualTo(Significance.DEFAULT_BOOTSTRAP_RESAMPLES);
    }

    /**
     * Pairing is by (seed, fold, user): the same user under another seed or fold is another pair,
     * never matched across them; users missing on one side are counted, not paired.
     * <pre>
     * baseline  seed 1 fold 0: a 1.0, b 2.0, c 3.0      seed 1 fold 1: a 10.0, b 20.0
     * strategy  seed 1 fold 0: a 1.5, b 2.5, d 9.0      seed 1 fold 1: a 11.0          seed 2 fold 0: a 5.0
     * </pre>
     * Pairs: (1,0,a) +0.5, (1,0,b) +0.5, (1,1,a) +1.0 -> n = 3, mean 2/3. Strategy only: (1,0,d),
     * (2,0,a) = 2; baseline only: (1,0,c), (1,1,b) = 2.
     */
    @Test
    void pairsBySeedFoldAndUserWithMissingUsersOnEitherSide() throws IOException {
        Map<String, int[]> act = Map.of("a", new int[] {1, 1}, "b", new int[] {1, 1}, "c", new int[] {1, 1},
                "d", new int[] {1, 1});
        List<RunRecord> recs = new ArrayList<>();
        recs.add(cell("Target-only MF", "target-only(mf)", 1, 0, act, "base-1-0", "a", 1.0, "b", 2.0, "c", 3.0));
        recs.add(cell("Target-only MF", "target-only(mf)", 1, 1, act, "base-1-1", "a", 10.0, "b", 20.0));
        recs.add(cell("S", "cmf", 1, 0, act, "s-1-0", "a", 1.5, "b", 2.5, "d", 9.0));
        recs.add(cell("S", "cmf", 1, 1, act, "s-1-1", "a", 11.0));
        recs.add(cell("S", "cmf", 2, 0, act, "s-2-0", "a", 5.0));
        ComparisonTable t = ComparisonTable.of(recs, List.of("rmse"), PerUserSource.relativeTo(dir));
        Comparison c = only(t).perUserAnalysis().orElseThrow().comparison("S", "rmse").orElseThrow();
        assertThat(c.result().n()).isEqualTo(3);
        assertThat(c.result().meanDifference()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(c.rowOnly()).isEqualTo(2);
        assertThat(c.baselineOnly()).isEqualTo(2);

        // record order does not matter
        List<RunRecord> shuffled = new ArrayList<>(recs);
        Collections.reverse(shuffled);
        Comparison again = only(ComparisonTable.of(shuffled, List.of("rmse"), PerUserSource.relativeTo(dir)))
                .perUserAnalysis().orElseThrow().comparison("S", "rmse").orElseThrow();
        assertThat(again).isEqualTo(c);
    }

    /** Two records of one row with the same seed and fold: each user's value is their mean. */
    @Test
    void repeatedCellsAreAveragedPerUser() throws IOException {
        Map<String, int[]> act = Map.of("a", new int[] {0, 0}, "b", new int[] {0, 0});
        List<RunRecord> recs = List.of(
                cell("Target-only MF", "target-only(mf)", 1, 0, act, "b", "a", 1.0, "b", 1.0),
                cell("S", "cmf", 1, 0, act, "s1", "a", 2.0, "b", 3.0),
                cell("S", "cmf", 1, 0, act, "s2", "a", 4.0));
        Comparison c = only(ComparisonTable.of(recs, List.of("rmse"), PerUserSource.relativeTo(dir)))
                .perUserAnalysis().orElseThrow().comparison("S", "rmse").orElseThrow();
        // a: (2 + 4) / 2 - 1 = 2; b: 3 - 1 = 2
        assertThat(c.result().n()).isEqualTo(2);
        assertThat(c.result().meanDifference()).isEqualTo(2.0);
    }

    @Test
    void holmRunsOverEveryRowAndMetricOfTheSection() throws IOException {
        Map<String, int[]> act = new LinkedHashMap<>();
        List<RunRecord> recs = new ArrayList<>();
        String[] labels = {"Target-only MF", "S1", "S2"};
        String[] ids = {"target-only(mf)", "cmf", "emcdr"};
        for (int row = 0; row < 3; row++) {
            LinkedHashMap<String, double[]> values = new LinkedHashMap<>();
            for (int u = 0; u < 12; u++) {
                act.put("u" + u, new int[] {u, 2 * u});
                // S1 clearly better on rmse, S2 noisy; ndcg differences small and mixed
                double rmse = 1.0 + 0.01 * u - (row == 1 ? 0.05 + 0.001 * u : 0) + (row == 2 ? 0.003 * ((u % 3) - 1) * (u + 1) : 0);
                double ndcg = 0.3 + 0.01 * ((u * 7 + row * 3) % 5);
                values.put("u" + u, new double[] {rmse, ndcg});
            }
            PerUserValues v = Fixtures.perUser(act, RMSE_NDCG, values);
            recs.add(Fixtures.withPerUser(run(labels[row], ids[row], "X", 1, Map.of("rmse", 1.0, "ndcg@10", 0.3)), dir,
                    "per-user/" + row + ".tsv.gz", v));
        }
        PerUserAnalysis a = only(ComparisonTable.of(recs, RMSE_NDCG, PerUserSource.relativeTo(dir)))
                .perUserAnalysis().orElseThrow();
        assertThat(a.comparisons()).hasSize(4);
        double[] p = a.comparisons().stream().mapToDouble(c -> c.result().wilcoxonP()).toArray();
        double[] holm = HolmBonferroni.adjust(p);
        for (int i = 0; i < 4; i++) {
            assertThat(a.comparisons().get(i).pHolm()).isEqualTo(holm[i]);
        }
        assertThat(a.comparison("S1", "rmse").orElseThrow().significant()).isTrue();
        // strata over all 12 users: targetTrain u -> buckets 0: u0; 1-5: u1..u5; 6-20: u6..u11
        Strata st = a.strata("Target-only MF", "rmse").orElseThrow();
        assertThat(st.byTargetTrain()).extracting(PerUserAnalysis.Stratum::n).containsExactly(1, 5, 6, 0);
        assertThat(st.bySourceTrain()).extracting(PerUserAnalysis.Stratum::n).containsExactly(1, 2, 8, 1);
    }

    @Test
    void activityBuckets() {
        assertThat(List.of(0, 1, 5, 6, 20, 21, Integer.MAX_VALUE)).extracting(Activity::of).containsExactly(
                Activity.ZERO, Activity.ONE_TO_FIVE, Activity.ONE_TO_FIVE, Activity.SIX_TO_TWENTY,
                Activity.SIX_TO_TWENTY, Activity.OVER_TWENTY, Activity.OVER_TWENTY);
        assertThatThrownBy(() -> Activity.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBaselineWithoutPerUserValuesGivesStrataButNoTests() throws IOException {
        List<RunRecord> recs = new ArrayList<>(MarkdownReportTest.tinyWithPerUser(dir));
        recs.set(0, Fixtures.with(recs.get(0), 0, null, null));
        recs.set(1, Fixtures.with(recs.get(1), 0, null, null));
        Section s = only(ComparisonTable.of(recs, RMSE_NDCG, PerUserSource.relativeTo(dir)));
        PerUserAnalysis a = s.perUserAnalysis().orElseThrow();
        assertThat(a.comparisons()).isEmpty();
        assertThat(a.strata("CMF | v2", "rmse").orElseThrow().hasValues()).isTrue();
        String md = MarkdownReport.render(new ComparisonTable(List.of(s)), "T");
        assertThat(md).contains(Format.NO_BASELINE_VALUES).doesNotContain("| p_t |").doesNotContain("% *")
                .contains("Per-user rmse by user activity");
    }

    @Test
    void noPerUserFilesMeansNoAnalysis() throws IOException {
        ComparisonTable t = ComparisonTable.of(MarkdownReportTest.tiny(), RMSE_NDCG, PerUserSource.relativeTo(dir));
        assertThat(only(t).perUserAnalysis()).isEmpty();
        assertThat(t).isEqualTo(ComparisonTable.of(MarkdownReportTest.tiny(), RMSE_NDCG));
        assertThat(MarkdownReport.render(t, "x")).doesNotContain("Per-user");
    }

    @Test
    void aModifiedPerUserFileIsRejected() throws IOException {
        List<RunRecord> recs = MarkdownReportTest.tinyWithPerUser(dir);
        Path file = dir.resolve(recs.get(2).perUserFile());
        PerUserValues v = PerUserValues.read(file);
        double[] rmse = v.metric("rmse").orElseThrow();
        rmse[0] = 0.5;
        rewriteWith(v, "rmse", rmse, file);
        assertThatThrownBy(() -> ComparisonTable.of(recs, RMSE_NDCG, PerUserSource.relativeTo(dir)))
                .isInstanceOfSatisfying(PerUserChecksumException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.expected()).isEqualTo(recs.get(2).perUserSha256());
                })
                .hasMessageContaining(file.toString()).hasMessageContaining("SHA-256 mismatch");
    }

    @Test
    void aMissingFileOrChecksumIsAClearError() throws IOException {
        List<RunRecord> recs = new ArrayList<>(MarkdownReportTest.tinyWithPerUser(dir));
        Files.delete(dir.resolve(recs.get(1).perUserFile()));
        assertThatThrownBy(() -> ComparisonTable.of(recs, RMSE_NDCG, PerUserSource.relativeTo(dir)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("cell1.tsv.gz").hasMessageContaining("per-user file of cell")
                .hasMessageContaining("seed 2");
        List<RunRecord> noSha = new ArrayList<>(MarkdownReportTest.tinyWithPerUser(dir));
        noSha.set(0, Fixtures.with(noSha.get(0), 0, noSha.get(0).perUserFile(), null));
        assertThatThrownBy(() -> ComparisonTable.of(noSha, RMSE_NDCG, PerUserSource.relativeTo(dir)))
                .isInstanceOf(IOException.class).hasMessageContaining("no perUserSha256");
    }

    /** Rewrites {@code file} with one metric column replaced (a file changed after its run was recorded). */
    private static void rewriteWith(PerUserValues v, String metric, double[] column, Path file) throws IOException {
        java.util.TreeMap<String, double[]> values = new java.util.TreeMap<>(v.values());
        values.put(metric, column);
        PerUserValues.write(file, new PerUserValues(v.users(), v.targetTrain(), v.sourceTrain(), values));
    }

    /** One rmse-only cell of the (ml, holdout, explicit) section with its per-user file. */
    private RunRecord cell(String label, String id, long seed, int fold, Map<String, int[]> act, String name,
                           Object... userValue) throws IOException {
        LinkedHashMap<String, double[]> values = new LinkedHashMap<>();
        for (int i = 0; i < userValue.length; i += 2) {
            values.put((String) userValue[i], new double[] {(Double) userValue[i + 1]});
        }
        RunRecord r = Fixtures.with(run(label, id, "X", seed, Map.of("rmse", 1.0)), fold, null, null);
        return Fixtures.withPerUser(r, dir, "per-user/" + name + ".tsv.gz",
                Fixtures.perUser(act, List.of("rmse"), values));
    }
}
