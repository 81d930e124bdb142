package org.rectransfer.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rectransfer.core.provenance.RunRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectransfer.reports.Fixtures.run;

class MarkdownReportTest {
    private static final double NAN = Double.NaN;

    @TempDir
    Path dir;

    /**
     * <pre>
     *                   seed 1: rmse ndcg@10   seed 2: rmse ndcg@10
     * Target-only MF            1.00  0.20             0.80  0.40
     * CMF | v2                  1.10  0.25             0.84  0.40
     * Pooled MF                 0.90  -
     * </pre>
     * Baseline rmse mean 0.90, std |1.0-0.8|/sqrt(2) = 0.1414; ndcg mean 0.30, std 0.1414.
     * CMF rmse mean 0.97, std 0.26/sqrt(2) = 0.1838; gain per seed -10 %, -5 % -> -7.50 % (negative transfer).
     * CMF ndcg mean 0.325, std 0.15/sqrt(2) = 0.1061; gain per seed +25 %, 0 % -> +12.50 %.
     * Pooled rmse 0.90 on seed 1, std 0 (one seed); gain (1.0-0.9)/1.0 = +10.00 %; no ndcg.
     */
    static List<RunRecord> tiny() {
        return List.of(
                run("Target-only MF", "target-only(mf)", "NONE", 1, Map.of("rmse", 1.00, "ndcg@10", 0.20)),
                run("Target-only MF", "target-only(mf)", "NONE", 2, Map.of("rmse", 0.80, "ndcg@10", 0.40)),
                run("CMF | v2", "cmf", "COLLECTIVE", 1, Map.of("rmse", 1.10, "ndcg@10", 0.25)),
                run("CMF | v2", "cmf", "COLLECTIVE", 2, Map.of("rmse", 0.84, "ndcg@10", 0.40)),
                run("Pooled MF", "pooled(mf)", "NONE", 1, Map.of("rmse", 0.90)));
    }

    /**
     * {@link #tiny()} with per-user files for the baseline and CMF (Pooled MF is an older run
     * without one), written under {@code runsDir/per-user/}. The same data is {@code TINY} in
     * {@code significance_reference.py}, which computes the expected statistics independently
     * ({@code report_tiny} in {@code significance_reference.json}).
     * <pre>
     * user  targetTrain sourceTrain | baseline s1   baseline s2   | CMF s1        CMF s2
     *                               | rmse  ndcg    rmse  ndcg    | rmse  ndcg    rmse  ndcg
     * u1     0          12          | 1.20  .125    1.10  0       | 1.25  .25     1.12  .125
     * u2     3           0          | 0.90  .375    0.95  .25     | 0.93  .3125   0.99  .25
     * u3    10           4          | 0.80  NaN     0.75  .5      | 0.87  .375    0.84  NaN
     * u4    25          30          | 0.70  .5      0.60  .625    |  -     -      0.71  .5625
     * u5     0           7          |  -     -      1.30  .125    | 1.40  .1875   1.45  .375
     * </pre>
     * Pairs (seed, fold 0, user): s1 u1-u3, s2 u1-u5 = 8; s1 u4 only in the baseline, s1 u5 only in
     * CMF. rmse differences +.05 +.03 +.07 +.02 +.04 +.09 +.11 +.15: all positive (CMF worse), exact
     * Wilcoxon p = 2/2^8 = 0.0078125. ndcg differences +.125 -.0625 NaN +.125 0 NaN -.0625 +.25: 2 NaN
     * pairs dropped (n = 6), the zero dropped by the Wilcoxon test, ties -> normal approximation
     * (W+ = 12, W- = 3, Var = 13.75 - 12/48 = 13.5, z = -4/sqrt(13.5), p = 0.2763). Holm over the two
     * p-values: 0.015625 and 0.2763, so only CMF's rmse gain is marked.
     */
    static List<RunRecord> tinyWithPerUser(Path runsDir) throws IOException {
        Map<String, int[]> activity = Map.of("u1", new int[] {0, 12}, "u2", new int[] {3, 0}, "u3", new int[] {10, 4},
                "u4", new int[] {25, 30}, "u5", new int[] {0, 7});
        List<String> metrics = List.of("rmse", "ndcg@10");
        List<LinkedHashMap<String, double[]>> values = List.of(
                users("u1", 1.20, 0.125, "u2", 0.90, 0.375, "u3", 0.80, NAN, "u4", 0.70, 0.5),
                users("u1", 1.10, 0.0, "u2", 0.95, 0.25, "u3", 0.75, 0.5, "u4", 0.60, 0.625, "u5", 1.30, 0.125),
                users("u1", 1.25, 0.25, "u2", 0.93, 0.3125, "u3", 0.87, 0.375, "u5", 1.40, 0.1875),
                users("u1", 1.12, 0.125, "u2", 0.99, 0.25, "u3", 0.84, NAN, "u4", 0.71, 0.5625, "u5", 1.45, 0.375));
        List<RunRecord> out = new ArrayList<>();
        List<RunRecord> plain = tiny();
        for (int i = 0; i < plain.size(); i++) {
            RunRecord r = plain.get(i);
            out.add(i < 4 ? Fixtures.withPerUser(r, runsDir, "per-user/cell" + i + ".tsv.gz",
                    Fixtures.perUser(activity, metrics, values.get(i))) : r);
        }
        return out;
    }

    private static LinkedHashMap<String, double[]> users(Object... userRmseNdcg) {
        LinkedHashMap<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < userRmseNdcg.length; i += 3) {
            out.put((String) userRmseNdcg[i], new double[] {(Double) userRmseNdcg[i + 1], (Double) userRmseNdcg[i + 2]});
        }
        return out;
    }

    static final String TINY_PER_USER_MARKDOWN = """
            # Tiny

            ## ml / holdout(0.2) / explicit

            Baseline: Target-only MF (`target-only(mf)`)

            | Strategy | family | seeds | cells | rmse (mean ± std) | gain % | ndcg@10 (mean ± std) | gain % |
            |:--|:--|--:|--:|--:|--:|--:|--:|
            | Target-only MF | NONE | 2 | 2 | 0.9000 ± 0.1414 | — | 0.3000 ± 0.1414 | — |
            | CMF \\| v2 ⚠ negative transfer | COLLECTIVE | 2 | 2 | 0.9700 ± 0.1838 | -7.50 % * | 0.3250 ± 0.1061 | +12.50 % |
            | Pooled MF | NONE | 1 | 1 | 0.9000 ± 0.0000 | +10.00 % | — | — |

            Paired per-user comparison with the baseline:

            | Strategy | metric | n | mean diff | 95 % CI | p_t | p_w | p_holm | d_z |
            |:--|:--|--:|--:|--:|--:|--:|--:|--:|
            | CMF \\| v2 | rmse | 8 | +0.0700 | [+0.0437, +0.1012] | 0.0029 | 0.0078 | 0.0156 | +1.577 |
            | CMF \\| v2 | ndcg@10 | 6 | +0.0625 | [-0.0208, +0.1563] | 0.2752 | 0.2763 | 0.2763 | +0.500 |
            | Pooled MF | rmse | 0 | — | — | — | — | — | — |
            | Pooled MF | ndcg@10 | 0 | — | — | — | — | — | — |

            Per-user rmse by user activity (target-training and source interactions):

            | Strategy | target 0 | target 1–5 | target 6–20 | target >20 | source 0 | source 1–5 | source 6–20 | source >20 |
            |:--|--:|--:|--:|--:|--:|--:|--:|--:|
            | Target-only MF | 1.2000 (n=3) | 0.9250 (n=2) | 0.7750 (n=2) | 0.6500 (n=2) | 0.9250 (n=2) | 0.7750 (n=2) | 1.2000 (n=3) | 0.6500 (n=2) |
            | CMF \\| v2 | 1.3050 (n=4) | 0.9600 (n=2) | 0.8550 (n=2) | 0.7100 (n=1) | 0.9600 (n=2) | 0.8550 (n=2) | 1.3050 (n=4) | 0.7100 (n=1) |
            | Pooled MF | — | — | — | — | — | — | — | — |

            Per-user ndcg@10 by user activity (target-training and source interactions):

            | Strategy | target 0 | target 1–5 | target 6–20 | target >20 | source 0 | source 1–5 | source 6–20 | source >20 |
            |:--|--:|--:|--:|--:|--:|--:|--:|--:|
            | Target-only MF | 0.0833 (n=3) | 0.3125 (n=2) | 0.5000 (n=1) | 0.5625 (n=2) | 0.3125 (n=2) | 0.5000 (n=1) | 0.0833 (n=3) | 0.5625 (n=2) |
            | CMF \\| v2 | 0.2344 (n=4) | 0.2813 (n=2) | 0.3750 (n=1) | 0.5625 (n=1) | 0.2813 (n=2) | 0.3750 (n=1) | 0.2344 (n=4) | 0.5625 (n=1) |
            | Pooled MF | — | — | — | — | — | — | — | — |

            _gain % is the relative change against the section's target-only baseline, positive = better \
            (lower is better for rmse). It is seed-paired: the mean over the seeds run by both strategies of the \
            per-seed relative change. † marks a gain computed from the means because no seed is shared with the \
            baseline. ⚠ negative transfer: worse than the baseline on the first metric on every shared seed. \
            Values are mean ± sample standard deviation over seeds._

            _Per-user analysis: pairs are the (seed, fold, user) entries that the row and the baseline both have, \
            differences are row − baseline (negative is better where lower is better). n: pairs with a defined \
            difference; mean diff with its 95 % percentile bootstrap CI (2000 seeded resamples of the pairs); \
            p_t: paired t-test; p_w: Wilcoxon signed-rank test (two-sided, zero differences dropped; exact for \
            n ≤ 30 without ties, otherwise normal approximation with tie and continuity correction); p_holm: p_w \
            Holm-adjusted over all strategy × metric comparisons of the section; d_z: mean diff / standard \
            deviation of the differences. The Wilcoxon test is primary: * after a gain marks p_holm < 0.05. \
            Activity tables: mean of the defined per-user values by the user's number of target-training \
            interactions (0 = cold) and, separately, of source interactions, over users × seeds × folds; n: \
            number of values._
            """;

    /** Full output with per-user files; the statistics are those of {@code report_tiny} (see {@link #tinyWithPerUser}). */
    @Test
    void exactOutputForATinyCaseWithPerUserFiles() throws IOException {
        List<RunRecord> recs = tinyWithPerUser(dir);
        String md = MarkdownReport.render(
                ComparisonTable.of(recs, List.of("rmse", "ndcg@10"), PerUserSource.relativeTo(dir)), "Tiny");
        assertThat(md).isEqualTo(TINY_PER_USER_MARKDOWN);
        // without a per-user source the same records render exactly as the plain tiny case
        assertThat(MarkdownReport.render(ComparisonTable.of(recs, List.of("rmse", "ndcg@10")), "Tiny"))
                .isEqualTo(MarkdownReport.render(ComparisonTable.of(tiny(), List.of("rmse", "ndcg@10")), "Tiny"));
    }

    @Test
    void exactOutputForATinyCase() {
        String md = MarkdownReport.render(ComparisonTable.of(tiny(), List.of("rmse", "ndcg@10")), "Tiny");
        assertThat(md).isEqualTo("""
                # Tiny

                ## ml / holdout(0.2) / explicit

                Baseline: Target-only MF (`target-only(mf)`)

                | Strategy | family | seeds | cells | rmse (mean ± std) | gain % | ndcg@10 (mean ± std) | gain % |
                |:--|:--|--:|--:|--:|--:|--:|--:|
                | Target-only MF | NONE | 2 | 2 | 0.9000 ± 0.1414 | — | 0.3000 ± 0.1414 | — |
                | CMF \\| v2 ⚠ negative transfer | COLLECTIVE | 2 | 2 | 0.9700 ± 0.1838 | -7.50 % | 0.3250 ± 0.1061 | +12.50 % |
                | Pooled MF | NONE | 1 | 1 | 0.9000 ± 0.0000 | +10.00 % | — | — |

                _gain % is the relative change against the section's target-only baseline, positive = better \
                (lower is better for rmse). It is seed-paired: the mean over the seeds run by both strategies of the \
                per-seed relative change. † marks a gain computed from the means because no seed is shared with the \
                baseline. ⚠ negative transfer: worse than the baseline on the first metric on every shared seed. \
                Values are mean ± sample standard deviation over seeds._
                """);
    }

    @Test
    void deterministicAndMarksGainsFromMeans() {
        List<RunRecord> recs = List.of(
                run("Target-only MF", "target-only(mf)", "NONE", 1, Map.of("rmse", 1.0)),
                run("EMCDR", "emcdr", "MAPPING", 7, Map.of("rmse", 0.95, "mae", Double.NaN)));
        ComparisonTable t = ComparisonTable.of(recs, List.of("rmse", "mae"));
        String md = MarkdownReport.render(t, "T");
        assertThat(md).isEqualTo(MarkdownReport.render(ComparisonTable.of(recs, List.of("rmse", "mae")), "T"));
        // no shared seed: gain (1.0-0.95)/1.0 from the means, marked; NaN metric shown, its gain missing
        assertThat(md).contains("| EMCDR | MAPPING | 1 | 1 | 0.9500 ± 0.0000 | +5.00 % † | NaN ± 0.0000 | — |");
        // baseline has no mae at all: its cell and the gain are missing
        assertThat(md).contains("| Target-only MF | NONE | 1 | 1 | 1.0000 ± 0.0000 | — | — | — |");
    }

    @Test
    void emptyTable() {
        assertThat(MarkdownReport.render(ComparisonTable.of(List.of(), List.of("rmse")), "Empty"))
                .isEqualTo("# Empty\n\n_No runs._\n");
    }
}
