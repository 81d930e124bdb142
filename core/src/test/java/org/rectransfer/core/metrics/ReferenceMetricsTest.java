package org.rectransfer.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

/**
 * Every metric of the {@link Evaluator}, per user and aggregated, against values computed
 * independently in Python.
 *
 * <p>How the numbers were obtained: {@code src/test/resources/metrics/reference_metrics.py}
 * (numpy + scipy, from the metric definitions, by other algorithms than the Java code) generated the fixture
 * {@code reference_fixture.txt} (20 users x 30 items, quarter-grid scores with ties, explicit
 * training and held-out ratings, a user with all scores tied, a user without held-out data, a
 * skipped user, a user without any non-relevant candidate, an item without training data) and
 * the sampled candidates {@code reference_candidates.tsv} once ({@code --generate}, numpy seeds
 * 20240601 and 20240602), then computed {@code reference_expected.txt} from those two files:
 * a full sort by (score descending, item ascending) instead of heap selection; AUC from
 * {@code scipy.stats.rankdata} mid-ranks (Mann–Whitney) instead of binary searches among the
 * sorted positives; Gini from the pairwise mean absolute difference instead of the sorted-rank
 * formula; cosine ILD from dense columns instead of sparse merges; F1 as {@code 2PR/(P+R)};
 * novelty from column counts. Values are written with Python's shortest round-trip {@code repr}. All three files are committed; rerun the script to
 * regenerate the expected values.
 */
class ReferenceMetricsTest {

    /** Tolerance for the comparison with the Python values (different summation orders, same definitions). */
    static final double TOLERANCE = 1e-12;

    private static final int USERS = 20;
    private static final int ITEMS = 30;

    private record Fixture(float[] scores, InteractionMatrix train, InteractionMatrix heldOut, EvaluationProtocol protocol) {
    }

    private static BufferedReader resource(String name) {
        InputStream in = ReferenceMetricsTest.class.getResourceAsStream("/metrics/" + name);
        assertThat(in).as(name).isNotNull();
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static Fixture readFixture() throws IOException {
        float[] scores = new float[USERS * ITEMS];
        InteractionMatrix.Builder train = InteractionMatrix.builder(USERS, ITEMS, true, false);
        InteractionMatrix.Builder heldOut = InteractionMatrix.builder(USERS, ITEMS, true, false);
        int[] cutoffs = null;
        double threshold = Double.NaN;
        double lo = Double.NaN;
        double hi = Double.NaN;
        try (BufferedReader r = resource("reference_fixture.txt")) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] t = line.split(" ");
                switch (t[0]) {
                    case "users" -> assertThat(Integer.parseInt(t[1])).isEqualTo(USERS);
                    case "items" -> assertThat(Integer.parseInt(t[1])).isEqualTo(ITEMS);
                    case "cutoffs" -> cutoffs = Arrays.stream(t, 1, t.length).mapToInt(Integer::parseInt).toArray();
                    case "threshold" -> threshold = Double.parseDouble(t[1]);
                    case "range" -> {
                        lo = Double.parseDouble(t[1]);
                        hi = Double.parseDouble(t[2]);
                    }
                    case "score" -> {
                        int u = Integer.parseInt(t[1]);
                        assertThat(t).hasSize(2 + ITEMS);
                        for (int i = 0; i < ITEMS; i++) {
                            scores[u * ITEMS + i] = Float.parseFloat(t[2 + i]); // quarter grid: exact
                        }
                    }
                    case "train", "heldout" -> {
                        int u = Integer.parseInt(t[1]);
                        for (int j = 2; j < t.length; j++) {
                            String[] e = t[j].split(":");
                            (t[0].equals("train") ? train : heldOut).add(u, Integer.parseInt(e[0]), Float.parseFloat(e[1]));
                        }
                    }
                    default -> throw new IllegalStateException("unexpected fixture line " + line);
                }
            }
        }
        return new Fixture(scores, train.build(DuplicatePolicy.ERROR), heldOut.build(DuplicatePolicy.ERROR),
                new EvaluationProtocol(lo, hi, threshold, cutoffs));
    }

    private static List<String[]> expected(String tag) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = resource("reference_expected.txt")) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#") && line.startsWith(tag + " ")) {
                    out.add(line.split(" "));
                }
            }
        }
        return out;
    }

    private static void assertMatches(Evaluation e, String tag) throws IOException {
        List<String[]> rows = expected(tag);
        assertThat(rows).hasSizeGreaterThan(100);
        Set<String> meanNames = new TreeSet<>();
        Set<String> perUserNames = new TreeSet<>();
        for (String[] row : rows) {
            switch (row[1]) {
                case "mean" -> {
                    meanNames.add(row[2]);
                    assertClose(e.metric(row[2]), Double.parseDouble(row[3]), tag + " " + row[2]);
                }
                case "user" -> {
                    int u = Integer.parseInt(row[2]);
                    perUserNames.add(row[3]);
                    int idx = Arrays.binarySearch(e.users(), u);
                    assertThat(idx).as("user %d evaluated", u).isGreaterThanOrEqualTo(0);
                    double[] values = e.perUser().get(row[3]);
                    assertThat(values).as(row[3]).isNotNull();
                    assertClose(values[idx], Double.parseDouble(row[4]), tag + " user " + u + " " + row[3]);
                }
                case "count" -> assertThat(e.counts().get(row[2])).as(row[2]).isEqualTo(Long.parseLong(row[3]));
                default -> throw new IllegalStateException("unexpected expected-file row " + String.join(" ", row));
            }
        }
        // the Python script covers every metric the evaluator reports, and nothing else
        assertThat(e.metrics().keySet()).containsExactlyInAnyOrderElementsOf(meanNames);
        assertThat(e.perUser().keySet()).containsExactlyInAnyOrderElementsOf(perUserNames);
    }

    private static void assertClose(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(Math.abs(actual - expected)).as("%s: %s vs python %s", what, actual, expected)
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void fullRankingMatchesPython() throws IOException {
        Fixture f = readFixture();
        EvaluatorTest.TableRecommender model = new EvaluatorTest.TableRecommender(USERS, ITEMS, f.scores());
        for (int threads : new int[] {1, 3}) {
            Evaluation e = Evaluator.evaluate(model, f.heldOut(), f.train(), new InteractionMatrix[] {f.train()},
                    f.protocol(), null, new CosineItemSimilarity(f.train()), threads);
            assertMatches(e, "full");
        }
    }

    @Test
    void sampledCandidatesMatchPython() throws IOException {
        Fixture f = readFixture();
        byte[] file;
        try (InputStream in = ReferenceMetricsTest.class.getResourceAsStream("/metrics/reference_candidates.tsv")) {
            file = in.readAllBytes();
        }
        CandidateSets sets = CandidateSets.read(new ByteArrayInputStream(file));
        assertThat(sets.seed()).isEqualTo("numpy-20240602");
        // the file Python wrote is in the canonical format: its SHA-256 is the fingerprint
        assertThat(sets.fingerprint()).isEqualTo(Hashing.sha256Hex(file));
        EvaluatorTest.TableRecommender model = new EvaluatorTest.TableRecommender(USERS, ITEMS, f.scores());
        EvaluationProtocol protocol = f.protocol().withCandidatePolicy(sets.policy());
        Evaluation e = Evaluator.evaluate(model, f.heldOut(), f.train(), new InteractionMatrix[] {f.train()}, protocol,
                sets, new CosineItemSimilarity(f.train()), 2);
        assertMatches(e, "sampled");
    }
}
