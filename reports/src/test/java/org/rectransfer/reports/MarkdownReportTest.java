package org.rectransfer.reports;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.provenance.RunRecord;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rectransfer.reports.Fixtures.run;

class MarkdownReportTest {

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
