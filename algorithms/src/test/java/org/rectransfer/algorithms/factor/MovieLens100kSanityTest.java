package org.rectransfer.algorithms.factor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.linear.Ease;
import org.rectransfer.algorithms.linear.Slim;
import org.rectransfer.algorithms.popularity.ItemMean;
import org.rectransfer.algorithms.popularity.MostPopular;
import org.rectransfer.algorithms.popularity.RandomScores;
import org.rectransfer.algorithms.popularity.UserMean;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;
import org.rectransfer.core.spi.RunContext;
import org.rectransfer.core.spi.TopK;

/**
 * The documented defaults on MovieLens-100K's u1 split (u1.base / u1.test): rating predictors
 * reach the RMSE expected of them, ranking models beat most-popular, most-popular beats random.
 * The thresholds sit a little above / below the values measured when the defaults were chosen
 * (in parentheses). Reads {@code $RECTRANSFER_DATASETS} (else the build's default) and fails
 * when the files are missing. Tagged slow (about a minute).
 */
@Tag("slow")
class MovieLens100kSanityTest {

    private static InteractionMatrix train;
    private static InteractionMatrix test;
    private static final RunContext CTX = RunContext.of(1).withThreads(4);

    @BeforeAll
    static void load() throws IOException {
        String root = System.getenv("RECTRANSFER_DATASETS");
        if (root == null || root.isBlank()) {
            root = System.getenv("RECTRANSFER_DATASETS_DEFAULT");
        }
        Path dir = root == null ? null : Path.of(root, "movielens-100k");
        if (dir == null || !Files.isRegularFile(dir.resolve("u1.base"))) {
            // A missing data set is a failure, not a skip: CI must never pass without running this.
            throw new IllegalStateException("MovieLens-100K not found at " + dir
                    + "; set RECTRANSFER_DATASETS to the directory holding movielens-100k/");
        }
        train = read(dir.resolve("u1.base"));
        test = read(dir.resolve("u1.test"));
    }

    private static InteractionMatrix read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        InteractionMatrix.Builder b = InteractionMatrix.builder(943, 1682, true, false);
        for (String line : lines) {
            String[] f = line.split("\t");
            b.add(Integer.parseInt(f[0]) - 1, Integer.parseInt(f[1]) - 1, Float.parseFloat(f[2]));
        }
        return b.build(DuplicatePolicy.ERROR);
    }

    /** Test RMSE with predictions clamped to [1, 5], as the harness does. */
    private static double rmse(Recommender r) {
        double se = 0;
        for (int u = 0; u < test.numRows(); u++) {
            for (int p = test.rowStart(u); p < test.rowEnd(u); p++) {
                double e = Math.max(1, Math.min(5, r.predict(u, test.col(p)))) - test.value(p);
                se += e * e;
            }
        }
        return Math.sqrt(se / test.nnz());
    }

    /** Mean recall@10 over test users, candidates = all items minus the user's training items. */
    private static double recall10(Recommender r) {
        float[] scratch = new float[train.numCols()];
        double sum = 0;
        int users = 0;
        for (int u = 0; u < test.numRows(); u++) {
            if (test.rowSize(u) == 0) {
                continue;
            }
            int user = u;
            TopK top = r.recommend(u, 10, i -> train.find(user, i) >= 0, scratch);
            int hits = 0;
            for (int item : top.items()) {
                hits += test.find(u, item) >= 0 ? 1 : 0;
            }
            sum += hits / (double) Math.min(10, test.rowSize(u));
            users++;
        }
        return sum / users;
    }

    @Test
    void ratingPredictorsReachTheirExpectedAccuracy() {
        assertThat(rmse(new Als().fit(train, new Als().defaultConfig(), CTX))).isLessThan(0.945); // (0.936)
        assertThat(rmse(new SvdPlusPlus().fit(train, new SvdPlusPlus().defaultConfig(), CTX))).isLessThan(0.95); // (0.942)
        assertThat(rmse(new FunkSvd().fit(train, new FunkSvd().defaultConfig(), CTX))).isLessThan(0.94); // (0.931)
        assertThat(rmse(new Nmf().fit(train, new Nmf().defaultConfig(), CTX))).isLessThan(0.985); // (0.974)
        double itemMean = rmse(new ItemMean().fit(train, new ItemMean().defaultConfig(), CTX));
        double userMean = rmse(new UserMean().fit(train, new UserMean().defaultConfig(), CTX));
        assertThat(itemMean).isBetween(0.95, 1.1);
        assertThat(userMean).isBetween(0.95, 1.1);
    }

    @Test
    void rankingModelsBeatMostPopularWhichBeatsRandom() {
        double pop = recall10(new MostPopular().fit(train, new MostPopular.Config(), CTX)); // (0.313)
        double random = recall10(new RandomScores().fit(train, new RandomScores.Config(), CTX));
        assertThat(random).isLessThan(0.05);
        assertThat(pop).isGreaterThan(0.28);
        assertThat(recall10(new Ease().fit(train, new Ease().defaultConfig(), CTX))).isGreaterThan(0.52); // (0.534)
        assertThat(recall10(new Slim().fit(train, new Slim().defaultConfig(), CTX))).isGreaterThan(0.51); // (0.527)
        assertThat(recall10(new Wrmf().fit(train, new Wrmf().defaultConfig(), CTX))).isGreaterThan(0.51); // (0.529)
        assertThat(recall10(new Bpr().fit(train, new Bpr().defaultConfig(), CTX))).isGreaterThan(0.45); // (0.476)
        assertThat(recall10(new PureSvd().fit(train, new PureSvd().defaultConfig(), CTX))).isGreaterThan(0.45); // (0.462)
    }
}
