package org.rectransfer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rectransfer.benchmarks.harness.ConfigBinder;
import org.rectransfer.benchmarks.harness.Experiments;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.metrics.EvaluationProtocol;
import org.rectransfer.core.metrics.Evaluator;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.Registry;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.datasets.MovieLens;

/**
 * Rating accuracy of the single-domain baselines on MovieLens 100K with the published 5-fold
 * protocol: for each fold {@code uN} (N = 1..5) train on {@code uN.base}, predict every rating of
 * {@code uN.test}, clamp to [1, 5], RMSE over the fold's 20,000 ratings; the score is the mean
 * of the five fold RMSEs. Data through {@link MovieLens#load100k()} ({@code DatasetLocator}).
 *
 * <p><b>Configurations</b> are read from {@code experiments/ml100k-baselines.json} (one
 * {@code target-only(algo)} strategy per algorithm, parameters over the algorithm's defaults).
 * They were chosen <em>without looking at any test fold</em>: {@code experiments/ml100k-validation.json}
 * holds the grids, searched on {@code u1.base} alone, split at random into 80 % training and
 * 20 % validation (each rating goes to validation with probability 0.2, drawn in CSR order from
 * {@code RunContext(seed 1, cell "ml100k-validation").random("u1.base/validation")}); the point
 * with the lowest validation RMSE was committed. {@link #committedParametersAreTheValidationChoice()}
 * re-runs that search and fails if a committed configuration is not (within
 * {@value #VALIDATION_TOLERANCE} RMSE) the best of its grid. The KNN models use the damping of
 * the bias baseline's choice. docs/baselines-ml100k.md has the search log.
 *
 * <p><b>Measured</b> (2026-11-30, seed 1, 2 threads, 2-core Xeon; mean over u1..u5 and per fold
 * u1 / u2 / u3 / u4 / u5; fit time per fold, the first including JIT warm-up):
 * <table>
 *   <caption>RMSE, measured vs published</caption>
 *   <tr><th>algorithm (committed config)</th><th>mean</th><th>per fold</th><th>fit / fold</th><th>bound</th>
 *       <th>published</th></tr>
 *   <tr><td>bias-baseline (itemDamping 5, userDamping 5)</td><td>0.94378</td>
 *       <td>0.95734 / 0.94576 / 0.93986 / 0.93728 / 0.93865</td><td>1-11 ms</td><td>0.945</td>
 *       <td>0.942 (MyMediaLite user-item baseline)</td></tr>
 *   <tr><td>item-knn (baseline-Pearson, shrinkage 800, k 80, all neighbours stored)</td><td>0.91713</td>
 *       <td>0.93122 / 0.91468 / 0.91221 / 0.91124 / 0.91632</td><td>0.16-0.21 s</td><td>0.925</td>
 *       <td>0.913 (MyMediaLite item-KNN)</td></tr>
 *   <tr><td>user-knn (baseline-Pearson, shrinkage 50, k 40)</td><td>0.92434</td>
 *       <td>0.93371 / 0.92555 / 0.92024 / 0.91978 / 0.92240</td><td>0.13-0.39 s</td>
 *       <td>0.945 (sanity only)</td><td>-</td></tr>
 *   <tr><td>slope-one (weighted)</td><td>0.94030</td>
 *       <td>0.95063 / 0.94043 / 0.93819 / 0.93672 / 0.93554</td><td>0.11-0.65 s</td><td>0.945</td>
 *       <td>0.940 (MyMediaLite Slope One)</td></tr>
 *   <tr><td>biased-mf (k 100, 100 epochs, lr 0.005, reg 0.1, bias reg 0.01)</td><td>0.91125</td>
 *       <td>0.92108 / 0.91141 / 0.90773 / 0.90764 / 0.90837</td><td>2.4-3.4 s</td><td>0.915</td>
 *       <td>0.908-0.915 (MyMediaLite BiasedMF), 0.911 (LibRec BiasedMF)</td></tr>
 *   <tr><td>svd-plus-plus (k 100, 100 epochs, lr 0.005, reg 0.12, bias reg 0.01)</td><td>0.90995</td>
 *       <td>0.91940 / 0.91053 / 0.90676 / 0.90583 / 0.90721</td><td>see docs</td><td>0.912</td>
 *       <td>0.907-0.911 (MyMediaLite SVD++)</td></tr>
 *   <tr><td>biased-mf-surprise-defaults (Surprise SVD defaults: k 100, 20 epochs, lr 0.005, reg 0.02,
 *       bias reg 0.02, init std 0.1; not tuned)</td><td>0.93809</td>
 *       <td>0.95211 / 0.93900 / 0.93460 / 0.93282 / 0.93190</td><td>see docs</td><td>[0.924, 0.944]</td>
 *       <td>0.934 (Surprise SVD, ML-100K 5-fold)</td></tr>
 * </table>
 * Published references: MyMediaLite rating-prediction results on ML-100K, 5-fold u1..u5
 * (Gantner, Rendle, Freudenthaler &amp; Schmidt-Thieme 2011, "MyMediaLite: a free recommender
 * system library", RecSys; results pages of mymedialite.net); LibRec (Guo, Zhang, Sun &amp;
 * Yorke-Smith 2015, "LibRec: a Java library for recommender systems", UMAP) BiasedMF on
 * ML-100K. The bounds sit a little above the published values; they are never loosened to make
 * a run pass. Each run writes its numbers (RMSE and fit time per fold) to
 * {@code benchmarks/target/ml100k/}.
 *
 * <p>Tagged slow: CI runs it, local default runs skip it. Takes about 5 minutes on two busy
 * cores, most of it the BiasedMF and SVD++ parts of the validation search.
 */
@Tag("slow")
class MovieLens100kAccuracyTest {
    static final double BIAS_BASELINE_MAX = 0.945;
    static final double ITEM_KNN_MAX = 0.925;
    static final double SLOPE_ONE_MAX = 0.945;
    static final double BIASED_MF_MAX = 0.915;
    /** SVD++ (Koren 2008): MyMediaLite reports 0.907-0.911 on the u1..u5 folds. */
    static final double SVD_PLUS_PLUS_MAX = 0.912;
    /** Surprise's default SVD setting with our biased-mf: Surprise reports 0.934 (5-fold); 0.934 +- 0.01. */
    static final double SURPRISE_SVD_MIN = 0.924;
    static final double SURPRISE_SVD_MAX = 0.944;
    /** Not a published target: user-KNN must at least beat the bias baseline's bound. */
    static final double USER_KNN_MAX = 0.945;
    /** How far above its grid's best validation RMSE a committed configuration may be. */
    static final double VALIDATION_TOLERANCE = 0.001;

    private static final Path OUT = Path.of("target", "ml100k");

    private static Path root;
    private static Registry registry;
    private static MovieLens.MovieLens100k ml;
    private static List<MovieLens.Fold> folds;
    private static JsonNode benchmark;
    private static JsonNode validation;

    @BeforeAll
    static void load() throws IOException {
        root = ExperimentJson.projectRoot();
        registry = Registry.load();
        benchmark = ConfigBinder.mapper().readTree(root.resolve("experiments/ml100k-baselines.json").toFile());
        validation = ConfigBinder.mapper().readTree(root.resolve("experiments/ml100k-validation.json").toFile());
        ml = MovieLens.load100k();
        folds = ml.folds(MovieLens.CROSS_VALIDATION_FOLDS);
        Files.createDirectories(OUT);
    }

    @Test
    void biasBaseline() throws IOException {
        assertMeanRmse("bias-baseline", BIAS_BASELINE_MAX);
    }

    @Test
    void itemKnn() throws IOException {
        assertMeanRmse("item-knn", ITEM_KNN_MAX);
    }

    @Test
    void userKnn() throws IOException {
        assertMeanRmse("user-knn", USER_KNN_MAX);
    }

    @Test
    void slopeOne() throws IOException {
        assertMeanRmse("slope-one", SLOPE_ONE_MAX);
    }

    @Test
    void biasedMf() throws IOException {
        assertMeanRmse("biased-mf", BIASED_MF_MAX);
    }

    @Test
    void svdPlusPlus() throws IOException {
        assertMeanRmse("svd-plus-plus", SVD_PLUS_PLUS_MAX);
    }

    /**
     * Surprise's {@code SVD} defaults (100 factors, 20 epochs, lr 0.005, reg 0.02 for factors and
     * biases, init std 0.1) with our {@code biased-mf}: Surprise reports 0.934 mean RMSE on
     * ML-100K 5-fold; the mean over u1..u5 must be within 0.01 of it. Not a tuned setting: it
     * checks that our SGD matches a widely used reference implementation.
     */
    @Test
    void biasedMfWithSurpriseDefaults() throws IOException {
        double mean = assertMeanRmse("biased-mf-surprise-defaults", SURPRISE_SVD_MAX);
        assertThat(mean).as("biased-mf with Surprise's SVD defaults, mean RMSE over u1..u5").isGreaterThanOrEqualTo(SURPRISE_SVD_MIN);
    }

    @Test
    void configsParseAsExperiments() throws IOException {
        assertThat(Experiments.read(root.resolve("experiments/ml100k-baselines.json")).strategies()).hasSize(7);
        assertThat(Experiments.read(root.resolve("experiments/ml100k-validation.json")).strategies()).hasSize(6);
    }

    /**
     * Re-runs the validation search of {@code ml100k-validation.json} on the 80/20 split of
     * u1.base and checks every committed configuration of {@code ml100k-baselines.json}: it must
     * be the fixed parameters plus one point of its grid, with a validation RMSE within
     * {@value #VALIDATION_TOLERANCE} of the grid's best.
     */
    @Test
    void committedParametersAreTheValidationChoice() throws IOException {
        long seed = validation.get("seeds").get(0).asLong();
        int threads = validation.get("threads").asInt();
        double share = validation.get("split").get("validationFraction").asDouble();
        InteractionMatrix base = ml.fold("u1").train();
        SplittableRandom rng = new RunContext(seed, "ml100k-validation", threads, RunContext.Progress.NONE)
                .random("u1.base/validation");
        boolean[] toValidation = new boolean[base.nnz()];
        boolean[] toTrain = new boolean[base.nnz()];
        for (int p = 0; p < toValidation.length; p++) {
            toValidation[p] = rng.nextDouble() < share;
            toTrain[p] = !toValidation[p];
        }
        InteractionMatrix train = base.select(toTrain);
        InteractionMatrix valid = base.select(toValidation);
        assertThat(valid.nnz()).isBetween(15_500, 16_500);
        JsonNode biasChoice = ExperimentJson.strategy(benchmark, "bias-baseline").get("params");
        for (String knn : List.of("item-knn", "user-knn")) {
            for (JsonNode config : List.of(ExperimentJson.strategy(validation, knn), ExperimentJson.strategy(benchmark, knn))) {
                for (String damping : List.of("itemDamping", "userDamping")) {
                    assertThat(config.get("params").get(damping).asDouble())
                            .as("%s uses the bias baseline's validated %s", knn, damping)
                            .isEqualTo(biasChoice.get(damping).asDouble());
                }
            }
        }

        for (JsonNode spec : validation.get("strategies")) {
            String label = spec.get("label").asText();
            String algorithmId = ExperimentJson.algorithmOf(spec);
            ObjectNode fixed = spec.has("params") ? (ObjectNode) spec.get("params") : JsonNodeFactory.instance.objectNode();
            Map<String, Double> results = new TreeMap<>();
            String best = null;
            StringBuilder log = new StringBuilder("validation_rmse\tfit_ms\tparams\n");
            for (ObjectNode point : ExperimentJson.grid(spec)) {
                ObjectNode params = fixed.deepCopy();
                params.setAll(point);
                Record config = ExperimentJson.bind(registry, algorithmId, params);
                RunContext ctx = new RunContext(seed, "ml100k-validation/" + label, threads, RunContext.Progress.NONE);
                long t0 = System.nanoTime();
                Recommender model = ExperimentJson.fit(registry, algorithmId, train, config, ctx);
                long fitNanos = System.nanoTime() - t0;
                double rmse = rmse(model, valid, threads);
                String key = ExperimentJson.canonical(config);
                results.put(key, rmse);
                if (best == null || rmse < results.get(best)) {
                    best = key;
                }
                log.append(String.format(Locale.ROOT, "%.6f\t%d\t%s%n", rmse, fitNanos / 1_000_000, key));
            }
            Files.writeString(OUT.resolve("validation-" + label + ".tsv"), log.toString());

            String committed = ExperimentJson.canonical(ExperimentJson.bind(registry, algorithmId, (ObjectNode) ExperimentJson.strategy(benchmark, label).get("params")));
            assertThat(results).as("%s: committed config %s must be a point of the validation grid", label, committed)
                    .containsKey(committed);
            assertThat(results.get(committed))
                    .as("%s: committed %s vs validation best %s (%.5f)", label, committed, best, results.get(best))
                    .isLessThanOrEqualTo(results.get(best) + VALIDATION_TOLERANCE);
        }
    }

    // ---- helpers ----

    /** Runs {@code label} of ml100k-baselines.json on u1..u5, logs the numbers and checks the mean RMSE. */
    private static double assertMeanRmse(String label, double bound) throws IOException {
        JsonNode spec = ExperimentJson.strategy(benchmark, label);
        String algorithmId = ExperimentJson.algorithmOf(spec);
        Record config = ExperimentJson.bind(registry, algorithmId, (ObjectNode) spec.get("params"));
        long seed = benchmark.get("seeds").get(0).asLong();
        int threads = benchmark.get("threads").asInt();
        double[] rmse = new double[folds.size()];
        long[] fitMillis = new long[folds.size()];
        StringBuilder log = new StringBuilder("fold\trmse\tfit_ms\tconfig\n");
        double sum = 0;
        for (int f = 0; f < folds.size(); f++) {
            MovieLens.Fold fold = folds.get(f);
            RunContext ctx = new RunContext(seed, "ml100k/" + fold.name(), threads, RunContext.Progress.NONE);
            long t0 = System.nanoTime();
            Recommender model = ExperimentJson.fit(registry, algorithmId, fold.train(), config, ctx);
            fitMillis[f] = (System.nanoTime() - t0) / 1_000_000;
            rmse[f] = rmse(model, fold.test(), threads);
            sum += rmse[f];
            log.append(String.format(Locale.ROOT, "%s\t%.5f\t%d\t%s%n", fold.name(), rmse[f], fitMillis[f], config));
        }
        double mean = sum / folds.size();
        log.append(String.format(Locale.ROOT, "mean\t%.5f%n", mean));
        Files.writeString(OUT.resolve(label + ".tsv"), log.toString());
        assertThat(mean).as("%s mean RMSE over u1..u5 (per fold %s)", label, java.util.Arrays.toString(rmse))
                .isLessThanOrEqualTo(bound);
        return mean;
    }

    private static double rmse(Recommender model, InteractionMatrix test, int threads) {
        JsonNode e = benchmark.get("evaluation");
        EvaluationProtocol protocol = new EvaluationProtocol(e.get("minRating").asDouble(), e.get("maxRating").asDouble(),
                e.get("relevanceThreshold").asDouble(), new int[0]);
        return Evaluator.evaluate(model, test, new InteractionMatrix[0], protocol, threads).metric("rmse");
    }

}
