package org.rectransfer.benchmarks.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rectransfer.benchmarks.harness.BuildInfo;
import org.rectransfer.benchmarks.harness.ExperimentConfig;
import org.rectransfer.benchmarks.harness.ExperimentRunner;
import org.rectransfer.benchmarks.harness.Experiments;
import org.rectransfer.benchmarks.harness.StandardDatasets;
import org.rectransfer.core.provenance.RunRecord;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.datasets.stats.DatasetStatistics;
import org.rectransfer.reports.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Command-line entry point: {@code run}, {@code report}, {@code list}. */
@Command(name = "rectransfer", mixinStandardHelpOptions = true, version = "RecTransfer 0.1.0",
        description = "Transfer learning for recommendation: run experiments and render reports.",
        subcommands = {Main.Run.class, Main.Report.class, Main.Stats.class, Main.ListCommand.class, Main.Jmh.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Main())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    cmd.getErr().println("error: " + ex.getMessage());
                    return 2;
                })
                .execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "run", description = "Run an experiment config, append to runs.jsonl, write the report.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", description = "experiment config (JSON)")
        Path config;

        @Option(names = "--out", description = "output directory (default: the config's output)")
        Path out;

        @Option(names = "--datasets", description = "datasets root (default: $RECTRANSFER_DATASETS or ../shared/datasets)")
        Path datasetsRoot;

        @Option(names = "--threads", description = "override the config's thread count")
        Integer threads;

        @Option(names = "--fresh", description = "delete earlier runs.jsonl instead of resuming")
        boolean fresh;

        @Override
        public Integer call() throws Exception {
            ExperimentConfig cfg = Experiments.read(config);
            if (threads != null) {
                cfg = Experiments.withThreads(cfg, threads);
            }
            Path outDir = out != null ? out : Path.of(cfg.output());
            if (fresh) {
                Files.deleteIfExists(outDir.resolve("runs.jsonl"));
            }
            PrintWriter err = new PrintWriter(System.err, true);
            StandardDatasets datasets = StandardDatasets.create(datasetsRoot);
            ExperimentRunner runner = new ExperimentRunner(Registry.load(), datasets,
                    BuildInfo.detect(Path.of("").toAbsolutePath()));
            long t0 = System.nanoTime();
            ExperimentRunner.Result result = runner.run(cfg, outDir, new ExperimentRunner.Listener() {
                @Override
                public void cellStarted(String dataset, String strategy, long seed, int fold) {
                    err.printf("  running %-24s %-28s seed %d%s%n", dataset, strategy, seed, fold == 0 ? "" : " fold " + fold);
                }

                @Override
                public void cellFinished(RunRecord r, boolean resumed) {
                    if (resumed) {
                        err.printf("  resumed %-24s %-28s seed %d (already in runs.jsonl)%n", r.dataset(),
                                r.strategyLabel(), r.masterSeed());
                    }
                }
            });
            ReportWriter.Result written = ReportWriter.write(result.runsFile(), outDir, cfg.name(),
                    cfg.defaultReportMetrics());
            Path statsFile = outDir.resolve("datasets.md");
            Files.writeString(statsFile, datasetStatistics(cfg, datasets));
            System.out.println(written.markdownText());
            System.out.printf("%d new cells, %d resumed, %.1f s%n", result.newCells(), result.resumedCells(),
                    (System.nanoTime() - t0) / 1e9);
            System.out.println("runs:   " + result.runsFile().toAbsolutePath());
            System.out.println("report: " + written.markdown().toAbsolutePath());
            System.out.println("        " + written.html().toAbsolutePath());
            System.out.println("data:   " + statsFile.toAbsolutePath());
            return 0;
        }
    }

    /** Markdown statistics of every dataset of an experiment (users, items, density, histogram, overlap, Gini). */
    static String datasetStatistics(ExperimentConfig cfg, StandardDatasets datasets) {
        StringBuilder sb = new StringBuilder("# Datasets of " + cfg.name() + "\n");
        for (ExperimentConfig.DatasetSpec d : cfg.datasets()) {
            sb.append("\n## ").append(d.label()).append(" (").append(d.type()).append(")\n\n");
            sb.append(DatasetStatistics.of(datasets.load(d).data()).toMarkdown()).append('\n');
        }
        return sb.toString();
    }

    @Command(name = "stats", description = "Print statistics of the datasets of an experiment config.")
    static final class Stats implements Callable<Integer> {
        @Parameters(index = "0", description = "experiment config (JSON)")
        Path config;

        @Option(names = "--datasets", description = "datasets root (default: $RECTRANSFER_DATASETS or ../shared/datasets)")
        Path datasetsRoot;

        @Override
        public Integer call() throws Exception {
            System.out.println(datasetStatistics(Experiments.read(config), StandardDatasets.create(datasetsRoot)));
            return 0;
        }
    }

    @Command(name = "report", description = "Render report.md and report.html from one or more runs.jsonl files.")
    static final class Report implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "runs.jsonl files (several: one merged report; --out required)")
        java.util.List<Path> runs;

        @Option(names = "--out", description = "output directory (default: next to runs.jsonl, for a single file)")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--title", defaultValue = "RecTransfer report")
        String title;

        @Option(names = "--metrics", split = ",", description = "metric columns, e.g. rmse,mae,ndcg@10 (default: all)")
        java.util.List<String> metrics;

        @Override
        public Integer call() throws Exception {
            if (out == null && runs.size() > 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--out is required when merging several runs.jsonl files");
            }
            Path outDir = out != null ? out : runs.get(0).toAbsolutePath().getParent();
            ReportWriter.Result written = ReportWriter.write(runs, outDir, title, metrics,
                    org.rectransfer.reports.Significance.Options.DEFAULT);
            System.out.println(written.markdownText());
            System.out.println("report: " + written.markdown().toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "jmh", description = "Run the JMH benchmarks (arguments go to JMH, e.g. BiasedMfEpoch -f 1).")
    static final class Jmh implements Callable<Integer> {
        @CommandLine.Unmatched
        java.util.List<String> args = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(args.toArray(String[]::new));
            return 0;
        }
    }

    @Command(name = "list", description = "List the registered algorithms, wrappers and strategies.")
    static final class ListCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            Registry r = Registry.load();
            System.out.println("algorithms: " + r.algorithmIds());
            System.out.println("wrappers:   " + r.wrapperIds() + "  (use as wrapper(algorithm))");
            System.out.println("strategies: " + r.strategyIds());
            return 0;
        }
    }
}
