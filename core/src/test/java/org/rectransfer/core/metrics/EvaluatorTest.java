package org.rectransfer.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.spi.Recommender;

class EvaluatorTest {

    private static final double EPS = 1e-12;
    /** 1 / log2(3). */
    private static final double D2 = 0.6309297535714575;

    /**
     * A recommender reading fixed users x items tables: {@code scores} for ranking and
     * {@code predictions} (double precision, may differ from the scores) for rating prediction.
     */
    record TableRecommender(int numUsers, int numItems, float[] scores, double[] predictions) implements Recommender {
        /** Predictions equal to the scores. */
        TableRecommender(int numUsers, int numItems, float[] scores) {
            this(numUsers, numItems, scores, toDouble(scores));
        }

        private static double[] toDouble(float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }

        @Override
        public double predict(int uidx, int iidx) {
            return predictions[uidx * numItems + iidx];
        }

        @Override
        public void scoreAll(int uidx, float[] out) {
            System.arraycopy(scores, uidx * numItems, out, 0, numItems);
        }
    }

    // ------------------------------------------------------------ hand-made case: 4 users x 4 items

    private static final TableRecommender HAND_MODEL = new TableRecommender(4, 4, new float[] {
        // item: 0     1     2     3
        4.5f, 6.0f, 5.5f, 0.5f,   // user 0 (item 2 is a training item)
        3.0f, 3.0f, 5.0f, 1.0f,   // user 1 (item 2 is a training item)
        2.0f, 2.0f, 2.0f, 2.0f,   // user 2 (all ties)
        1.0f, 1.0f, 1.0f, 1.0f}); // user 3 (no held-out data)

    private static InteractionMatrix handTrain() {
        return InteractionMatrix.builder(4, 4, true, false)
                .add(0, 2, 5f).add(1, 2, 4f).add(3, 0, 3f).build(DuplicatePolicy.ERROR);
    }

    private static InteractionMatrix handHeldOut() {
        return InteractionMatrix.builder(4, 4, true, false)
                .add(0, 0, 5f).add(0, 1, 4f).add(0, 3, 2f)
                .add(1, 0, 3f).add(1, 3, 2f)
                .add(2, 1, 4f)
                .build(DuplicatePolicy.ERROR);
    }

    private static final EvaluationProtocol HAND_PROTOCOL = new EvaluationProtocol(1, 5, 4, new int[] {1, 2});

    @Test
    void handComputedRatingAndRankingMetrics() {
        Evaluation e = Evaluator.evaluate(HAND_MODEL, handHeldOut(), new InteractionMatrix[] {handTrain()}, HAND_PROTOCOL, 1);

        // Rating errors, predictions clamped to [1, 5]:
        //   u0: i0 4.5-5 = -0.5; i1 clamp(6)=5, 5-4 = 1; i3 clamp(0.5)=1, 1-2 = -1
        //   u1: i0 3-3 = 0;      i3 1-2 = -1
        //   u2: i1 2-4 = -2
        // SE = 0.25 + 1 + 1 + 0 + 1 + 4 = 7.25 over 6 ratings; AE = 0.5 + 1 + 1 + 0 + 1 + 2 = 5.5
        assertThat(e.metric("rmse")).isCloseTo(Math.sqrt(7.25 / 6), within(EPS));
        assertThat(e.metric("mae")).isCloseTo(5.5 / 6, within(EPS));
        assertThat(e.users()).containsExactly(0, 1, 2);
        assertThat(e.perUser().get("rmse")).containsExactly(
                new double[] {Math.sqrt(2.25 / 3), Math.sqrt(1.0 / 2), 2.0}, within(EPS));
        assertThat(e.perUser().get("mae")).containsExactly(new double[] {2.5 / 3, 0.5, 2.0}, within(EPS));

        // Ranking (relevant: held-out rating >= 4):
        //   u0: relevant {0, 1}; candidates minus training item 2: scores i1 6, i0 4.5, i3 0.5 -> [1, 0, 3]
        //       ndcg@1 = 1, recall@1 = 1/2; ndcg@2 = (1 + D2) / (1 + D2) = 1, recall@2 = 1
        //   u1: held-out ratings 3 and 2 -> no relevant item -> skipped
        //   u2: relevant {1}; all scores 2, ties by index -> [0, 1, ...]
        //       ndcg@1 = 0, recall@1 = 0; ndcg@2 = D2 / 1, recall@2 = 1
        assertThat(e.metric("ndcg@1")).isCloseTo((1 + 0) / 2.0, within(EPS));
        assertThat(e.metric("recall@1")).isCloseTo((0.5 + 0) / 2.0, within(EPS));
        assertThat(e.metric("ndcg@2")).isCloseTo((1 + D2) / 2.0, within(EPS));
        assertThat(e.metric("recall@2")).isCloseTo((1 + 1) / 2.0, within(EPS));
        double[] perUserNdcg2 = e.perUser().get("ndcg@2");
        assertThat(perUserNdcg2[0]).isCloseTo(1.0, within(EPS));
        assertThat(perUserNdcg2[1]).isNaN();
        assertThat(perUserNdcg2[2]).isCloseTo(D2, within(EPS));

        assertThat(e.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "users", 3L, "ratings", 6L, "rankedUsers", 2L, "skippedUsers", 1L));
        // the 5-argument overload: full ranking, no training matrix (no novelty), no similarity (no ILD)
        assertThat(e.metrics().keySet()).containsExactly("auc", "coverage@1", "coverage@2", "f1@1", "f1@2", "gini@1",
                "gini@2", "hr@1", "hr@2", "mae", "map@1", "map@2", "mrr@1", "mrr@2", "ndcg@1", "ndcg@2", "precision@1",
                "precision@2", "recall@1", "recall@2", "rmse");
        assertThat(e.perUser().keySet()).containsExactly("auc", "f1@1", "f1@2", "hr@1", "hr@2", "mae", "map@1", "map@2",
                "mrr@1", "mrr@2", "ndcg@1", "ndcg@2", "precision@1", "precision@2", "recall@1", "recall@2", "rmse");
    }

    @Test
    void handComputedNewMetricsUnderFullRanking() {
        // sim(a, b) = 0.25 for a != b: every pair has dissimilarity 0.75
        ItemSimilarity sim = (a, b) -> a == b ? 1.0 : 0.25;
        Evaluation e = Evaluator.evaluate(HAND_MODEL, handHeldOut(), handTrain(), new InteractionMatrix[] {handTrain()},
                HAND_PROTOCOL, null, sim, 1);
        // Lists (see handComputedRatingAndRankingMetrics): u0 [1, 0, 3] with relevant {0, 1}; u2 [0, 1, 2, 3] with {1}
        //   precision@1: u0 1, u2 0 -> 1/2;      precision@2: u0 2/2, u2 1/2 -> 3/4
        //   f1@1: u0 2*1/(1+2) = 2/3, u2 0 -> 1/3; f1@2: u0 2*2/(2+2) = 1, u2 2*1/(2+1) = 2/3 -> 5/6
        //   map@1: u0 1/min(1,2) = 1, u2 0 -> 1/2; map@2: u0 (1/1 + 2/2)/2 = 1, u2 (1/2)/1 -> 3/4
        //   mrr@1: 1, 0 -> 1/2; mrr@2: 1, 1/2 -> 3/4;  hr@1: 1, 0 -> 1/2; hr@2: 1, 1 -> 1
        assertThat(e.metric("precision@1")).isCloseTo(0.5, within(EPS));
        assertThat(e.metric("precision@2")).isCloseTo(0.75, within(EPS));
        assertThat(e.metric("f1@1")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(e.metric("f1@2")).isCloseTo(5.0 / 6, within(EPS));
        assertThat(e.metric("map@1")).isCloseTo(0.5, within(EPS));
        assertThat(e.metric("map@2")).isCloseTo(0.75, within(EPS));
        assertThat(e.metric("mrr@1")).isCloseTo(0.5, within(EPS));
        assertThat(e.metric("mrr@2")).isCloseTo(0.75, within(EPS));
        assertThat(e.metric("hr@1")).isCloseTo(0.5, within(EPS));
        assertThat(e.metric("hr@2")).isEqualTo(1.0);
        // AUC over all non-excluded candidates:
        //   u0: positives {i0 4.5, i1 6}, negative {i3 0.5} -> 2 of 2 pairs -> 1
        //   u2: positive {i1 2}, negatives {i0, i2, i3} all 2 -> three ties -> 1/2; mean 3/4
        assertThat(e.perUser().get("auc")).containsExactly(new double[] {1.0, Double.NaN, 0.5}, within(EPS));
        assertThat(e.metric("auc")).isCloseTo(0.75, within(EPS));
        // coverage: top-1 items {1} u {0} = 2 of 4; top-2 {1, 0} u {0, 1} = 2 of 4
        assertThat(e.metric("coverage@1")).isEqualTo(0.5);
        assertThat(e.metric("coverage@2")).isEqualTo(0.5);
        // Gini@1: exposure [1, 1, 0, 0] sorted [0, 0, 1, 1]: ((-3)0 + (-1)0 + (1)1 + (3)1) / ((4 - 1) * 2) = 4/6
        // Gini@2: [2, 2, 0, 0]: (2 + 6) / (3 * 4) = 8/12
        assertThat(e.metric("gini@1")).isCloseTo(2.0 / 3, within(EPS));
        assertThat(e.metric("gini@2")).isCloseTo(2.0 / 3, within(EPS));
        // novelty: training pop = [1 (user 3), 0, 2 (users 0, 1), 0], N = 3 users with training data.
        //   Every listed item (0 or 1) has pop 1 or pop 0 (counted as 1): log2(3 / 1) for each -> log2 3
        double log2of3 = Math.log(3) / Math.log(2);
        assertThat(e.metric("novelty@1")).isCloseTo(log2of3, within(EPS));
        assertThat(e.metric("novelty@2")).isCloseTo(log2of3, within(EPS));
        // ILD@1 has no pair (NaN for everyone); ILD@2 = 1 - 0.25
        assertThat(e.metric("ild@1")).isNaN();
        assertThat(e.metric("ild@2")).isCloseTo(0.75, within(EPS));
        assertThat(e.perUser().get("ild@2")).containsExactly(new double[] {0.75, Double.NaN, 0.75}, within(EPS));
        // the skipped user has NaN for every ranking metric
        for (String name : e.perUser().keySet()) {
            if (!name.equals("rmse") && !name.equals("mae")) {
                assertThat(e.perUser().get(name)[1]).as(name).isNaN();
            }
        }
        // and the first overload gives the same values for the metrics it has
        Evaluation old = Evaluator.evaluate(HAND_MODEL, handHeldOut(), new InteractionMatrix[] {handTrain()}, HAND_PROTOCOL, 1);
        for (String name : old.metrics().keySet()) {
            assertThat(Double.doubleToRawLongBits(old.metric(name))).as(name).isEqualTo(Double.doubleToRawLongBits(e.metric(name)));
        }
    }

    private static final CandidatePolicy.SampledNegatives HAND_POLICY =
            new CandidatePolicy.SampledNegatives(2, CandidatePolicy.Sampling.UNIFORM);

    @Test
    void handComputedSampledNegatives() {
        // u0 ranks {0, 1, 3}: scores 4.5, 6, 0.5 -> [1, 0, 3]; u2 ranks {1, 3}: tie at 2 -> [1, 3]
        CandidateSets sets = CandidateSets.of(HAND_POLICY, "hand", 4, 4, new int[] {0, 2}, new int[][] {{0, 1, 3}, {1, 3}});
        EvaluationProtocol protocol = HAND_PROTOCOL.withCandidatePolicy(HAND_POLICY);
        Evaluation e = Evaluator.evaluate(HAND_MODEL, handHeldOut(), handTrain(), new InteractionMatrix[] {handTrain()},
                protocol, sets, null, 1);
        //   precision@1: u0 1, u2 1 -> 1; ndcg@1 likewise; recall@1: u0 1/2, u2 1 -> 3/4
        assertThat(e.metric("precision@1")).isEqualTo(1.0);
        assertThat(e.metric("ndcg@1")).isEqualTo(1.0);
        assertThat(e.metric("recall@1")).isCloseTo(0.75, within(EPS));
        //   AUC: u0 positives {4.5, 6} vs negative {0.5} -> 1; u2 positive 2 vs negative 2 -> 1/2
        assertThat(e.perUser().get("auc")).containsExactly(new double[] {1.0, Double.NaN, 0.5}, within(EPS));
        //   coverage@2: {1, 0} u {1, 3} = 3 of 4
        assertThat(e.metric("coverage@2")).isCloseTo(0.75, within(EPS));
        assertThat(e.metrics()).doesNotContainKey("ild@1");
        assertThat(e.counts()).containsEntry("rankedUsers", 2L).containsEntry("skippedUsers", 1L);
    }

    @Test
    void candidateSetsMustMatchTheProtocolAndTheHeldOutData() {
        EvaluationProtocol protocol = HAND_PROTOCOL.withCandidatePolicy(HAND_POLICY);
        InteractionMatrix[] ex = {handTrain()};
        CandidateSets good = CandidateSets.of(HAND_POLICY, "hand", 4, 4, new int[] {0, 2}, new int[][] {{0, 1, 3}, {1, 3}});
        // sampled protocol without sets, and sets under a full-ranking protocol (unlabelled results)
        assertThatThrownBy(() -> Evaluator.evaluate(HAND_MODEL, handHeldOut(), null, ex, protocol, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evaluator.evaluate(HAND_MODEL, handHeldOut(), null, ex, HAND_PROTOCOL, good, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evaluator.evaluate(HAND_MODEL, handHeldOut(), ex, protocol, 1))
                .isInstanceOf(IllegalArgumentException.class);
        // another policy
        EvaluationProtocol other = HAND_PROTOCOL.withCandidatePolicy(
                new CandidatePolicy.SampledNegatives(3, CandidatePolicy.Sampling.UNIFORM));
        assertThatThrownBy(() -> Evaluator.evaluate(HAND_MODEL, handHeldOut(), null, ex, other, good, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        // a relevant item missing (u2's item 1), a ranked user missing, an extra user, another shape
        for (CandidateSets bad : new CandidateSets[] {
            CandidateSets.of(HAND_POLICY, "h", 4, 4, new int[] {0, 2}, new int[][] {{0, 1, 3}, {0, 3}}),
            CandidateSets.of(HAND_POLICY, "h", 4, 4, new int[] {0}, new int[][] {{0, 1, 3}}),
            CandidateSets.of(HAND_POLICY, "h", 4, 4, new int[] {0, 1, 2}, new int[][] {{0, 1, 3}, {1}, {1, 3}}),
            CandidateSets.of(HAND_POLICY, "h", 4, 5, new int[] {0, 2}, new int[][] {{0, 1, 3}, {1, 3}})}) {
            assertThatThrownBy(() -> Evaluator.evaluate(HAND_MODEL, handHeldOut(), null, ex, protocol, bad, null, 1))
                    .as(bad.toString()).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Evaluator.evaluate(HAND_MODEL, handHeldOut(), InteractionMatrix.empty(4, 3, true), ex,
                HAND_PROTOCOL, null, null, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trainingItemsAreExcludedFromTheRanking() {
        // Without exclusion u0's list is [1, 2, 0, 3]: item 2 (score 5.5, not held out) takes rank 2.
        //   u0: ndcg@2 = 1 / (1 + D2), recall@2 = 1/2; u2 unchanged (D2, 1)
        Evaluation e = Evaluator.evaluate(HAND_MODEL, handHeldOut(), new InteractionMatrix[0], HAND_PROTOCOL, 1);
        assertThat(e.metric("ndcg@2")).isCloseTo((1 / (1 + D2) + D2) / 2, within(EPS));
        assertThat(e.metric("recall@2")).isCloseTo((0.5 + 1) / 2, within(EPS));
        // ndcg@1 / recall@1 unchanged: item 1 is first either way
        assertThat(e.metric("ndcg@1")).isCloseTo(0.5, within(EPS));

        // Excluding item 0 for user 2 too (a second excluded matrix) moves item 1 to rank 1:
        //   u2: ndcg@1 = 1, recall@1 = 1
        InteractionMatrix validation = InteractionMatrix.builder(4, 4, true, false).add(2, 0, 1f).build(DuplicatePolicy.ERROR);
        Evaluation e2 = Evaluator.evaluate(HAND_MODEL, handHeldOut(), new InteractionMatrix[] {handTrain(), validation},
                HAND_PROTOCOL, 1);
        assertThat(e2.metric("ndcg@1")).isCloseTo((1 + 1) / 2.0, within(EPS));
        assertThat(e2.metric("recall@1")).isCloseTo((0.5 + 1) / 2.0, within(EPS));
    }

    @Test
    void noClampingWhenTheRangeIsNaN() {
        EvaluationProtocol noClamp = new EvaluationProtocol(Double.NaN, Double.NaN, 4, new int[0]);
        Evaluation e = Evaluator.evaluate(HAND_MODEL, handHeldOut(), new InteractionMatrix[0], noClamp, 1);
        // unclamped errors: -0.5, 2 (6-4), -1.5 (0.5-2), 0, -1, -2
        // SE = 0.25 + 4 + 2.25 + 0 + 1 + 4 = 11.5; AE = 0.5 + 2 + 1.5 + 0 + 1 + 2 = 7
        assertThat(e.metric("rmse")).isCloseTo(Math.sqrt(11.5 / 6), within(EPS));
        assertThat(e.metric("mae")).isCloseTo(7.0 / 6, within(EPS));
        // no cutoffs: no ranking metrics, no ranking counts
        assertThat(e.metrics().keySet()).containsExactly("mae", "rmse");
        assertThat(e.counts()).doesNotContainKey("rankedUsers");
    }

    @Test
    void implicitHeldOutDataHasEveryItemRelevantAndNoRatingMetrics() {
        InteractionMatrix heldOut = InteractionMatrix.builder(4, 4, false, false)
                .add(1, 3, 0f).add(1, 0, 0f).build(DuplicatePolicy.ERROR);
        // u1 scores 3, 3, 5, 1; training item 2 excluded -> [0, 1, 3]; relevant {0, 3}
        //   ndcg@2 = 1 / (1 + D2); recall@2 = 1/2; ndcg@1 = 1; recall@1 = 1/2
        Evaluation e = Evaluator.evaluate(HAND_MODEL, heldOut, new InteractionMatrix[] {handTrain()}, HAND_PROTOCOL, 1);
        assertThat(e.metrics()).doesNotContainKeys("rmse", "mae");
        assertThat(e.metric("ndcg@2")).isCloseTo(1 / (1 + D2), within(EPS));
        assertThat(e.metric("recall@2")).isCloseTo(0.5, within(EPS));
        assertThat(e.metric("ndcg@1")).isCloseTo(1.0, within(EPS));
        assertThat(e.counts().get("skippedUsers")).isZero();
    }

    @Test
    void allUsersSkippedGivesNaNRankingMetrics() {
        InteractionMatrix heldOut = InteractionMatrix.builder(4, 4, true, false).add(1, 0, 1f).build(DuplicatePolicy.ERROR);
        Evaluation e = Evaluator.evaluate(HAND_MODEL, heldOut, new InteractionMatrix[0], HAND_PROTOCOL, 1);
        assertThat(e.metric("ndcg@1")).isNaN();
        assertThat(e.counts().get("skippedUsers")).isEqualTo(1L);
        assertThat(e.counts().get("rankedUsers")).isZero();
        // prediction 3 vs rating 1: error 2
        assertThat(e.metric("rmse")).isCloseTo(2.0, within(EPS));
    }

    @Test
    void shapeMismatchesAreRejected() {
        InteractionMatrix wrongCols = InteractionMatrix.empty(4, 5, true);
        assertThatThrownBy(() -> Evaluator.evaluate(HAND_MODEL, wrongCols, new InteractionMatrix[0], HAND_PROTOCOL, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evaluator.evaluate(HAND_MODEL, handHeldOut(),
                new InteractionMatrix[] {InteractionMatrix.empty(3, 4, true)}, HAND_PROTOCOL, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationProtocol(1, 5, 4, new int[] {0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationProtocol(5, 1, 4, new int[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationProtocol(1, Double.NaN, 4, new int[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void protocolIsImmutable() {
        int[] cutoffs = {5, 10};
        EvaluationProtocol p = new EvaluationProtocol(1, 5, 4, cutoffs);
        cutoffs[0] = 0;
        p.cutoffs()[1] = -3;
        assertThat(p.cutoffs()).containsExactly(5, 10);
        assertThat(p.maxCutoff()).isEqualTo(10);
        assertThat(p).isEqualTo(new EvaluationProtocol(1, 5, 4, new int[] {5, 10}))
                .hasSameHashCodeAs(new EvaluationProtocol(1, 5, 4, new int[] {5, 10}))
                .isNotEqualTo(new EvaluationProtocol(1, 5, 4, new int[] {5, 20}));
    }

    // ------------------------------------------------------------ larger random case

    private static final int USERS = 1000;
    private static final int ITEMS = 300;
    private static final int[] CUTOFFS = {5, 10, 50};

    private static TableRecommender randomModel(SplittableRandom rng) {
        float[] scores = new float[USERS * ITEMS];
        double[] predictions = new double[USERS * ITEMS];
        for (int i = 0; i < scores.length; i++) {
            // scores: half on a grid of 0..6 in steps of 1/4 (many ties), half continuous
            scores[i] = rng.nextBoolean() ? rng.nextInt(25) * 0.25f : (float) (6 * rng.nextDouble());
            // predictions: full double precision in [0, 6) (clamping applies), so that squared errors
            // round and any change of summation order would show in the bits
            predictions[i] = 6 * rng.nextDouble();
        }
        return new TableRecommender(USERS, ITEMS, scores, predictions);
    }

    /** Disjoint random train and held-out matrices; some users have no held-out data. */
    private static InteractionMatrix[] randomSplit(SplittableRandom rng) {
        InteractionMatrix.Builder train = InteractionMatrix.builder(USERS, ITEMS, true, false);
        InteractionMatrix.Builder heldOut = InteractionMatrix.builder(USERS, ITEMS, true, false);
        for (int u = 0; u < USERS; u++) {
            double p = rng.nextDouble() * 0.06;
            for (int i = 0; i < ITEMS; i++) {
                double x = rng.nextDouble();
                if (x < p) {
                    heldOut.add(u, i, 1 + rng.nextInt(5));
                } else if (x < 3 * p) {
                    train.add(u, i, 1 + rng.nextInt(5));
                }
            }
        }
        return new InteractionMatrix[] {train.build(DuplicatePolicy.ERROR), heldOut.build(DuplicatePolicy.ERROR)};
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        SplittableRandom rng = new SplittableRandom(2024);
        TableRecommender model = randomModel(rng);
        InteractionMatrix[] split = randomSplit(rng);
        EvaluationProtocol protocol = new EvaluationProtocol(1, 5, 4, CUTOFFS);
        Evaluation one = Evaluator.evaluate(model, split[1], new InteractionMatrix[] {split[0]}, protocol, 1);
        assertThat(one.users().length).isGreaterThan(2 * Evaluator.BLOCK); // several blocks really run in parallel
        for (int threads : new int[] {2, 3, 4, 8}) {
            Evaluation many = Evaluator.evaluate(model, split[1], new InteractionMatrix[] {split[0]}, protocol, threads);
            assertThat(many.counts()).isEqualTo(one.counts());
            assertThat(many.users()).isEqualTo(one.users());
            assertThat(many.metrics().keySet()).isEqualTo(one.metrics().keySet());
            for (String name : one.metrics().keySet()) {
                assertThat(Double.doubleToRawLongBits(many.metric(name))).as("%s, %d threads", name, threads)
                        .isEqualTo(Double.doubleToRawLongBits(one.metric(name)));
            }
            for (String name : one.perUser().keySet()) {
                // Arrays.equals(double[]) compares bit patterns (NaN == NaN)
                assertThat(Arrays.equals(many.perUser().get(name), one.perUser().get(name))).as(name).isTrue();
            }
        }
    }

    private static void assertBitIdentical(Evaluation many, Evaluation one, String what) {
        assertThat(many.counts()).as(what).isEqualTo(one.counts());
        assertThat(many.users()).as(what).isEqualTo(one.users());
        assertThat(many.metrics().keySet()).as(what).isEqualTo(one.metrics().keySet());
        assertThat(many.perUser().keySet()).as(what).isEqualTo(one.perUser().keySet());
        for (String name : one.metrics().keySet()) {
            assertThat(Double.doubleToRawLongBits(many.metric(name))).as("%s: %s", what, name)
                    .isEqualTo(Double.doubleToRawLongBits(one.metric(name)));
        }
        for (String name : one.perUser().keySet()) {
            assertThat(Arrays.equals(many.perUser().get(name), one.perUser().get(name))).as("%s: %s", what, name).isTrue();
        }
    }

    @Test
    void everyMetricIsBitIdenticalForAnyThreadCountWithNoveltyIldAndSampledNegatives() {
        SplittableRandom rng = new SplittableRandom(77);
        TableRecommender model = randomModel(rng);
        InteractionMatrix[] split = randomSplit(rng);
        InteractionMatrix train = split[0];
        InteractionMatrix heldOut = split[1];
        EvaluationProtocol full = new EvaluationProtocol(1, 5, 4, CUTOFFS);
        CosineItemSimilarity sim = new CosineItemSimilarity(train);
        InteractionMatrix[] ex = {train};
        Evaluation one = Evaluator.evaluate(model, heldOut, train, ex, full, null, sim, 1);
        assertThat(one.metrics()).containsKeys("novelty@50", "ild@50", "gini@50", "coverage@50", "auc", "map@50");
        for (String name : one.metrics().keySet()) {
            if (!name.equals("ild@1")) {
                assertThat(one.metric(name)).as(name).isNotNaN();
            }
        }
        for (String name : one.perUser().keySet()) {
            assertThat(one.perUser().get(name)).as(name).hasSize(one.users().length);
        }
        Evaluation four = Evaluator.evaluate(model, heldOut, train, ex, full, null, sim, 4);
        assertBitIdentical(four, one, "full ranking, 4 threads");

        for (CandidatePolicy.Sampling sampling : CandidatePolicy.Sampling.values()) {
            EvaluationProtocol sampled = full.withCandidatePolicy(new CandidatePolicy.SampledNegatives(100, sampling));
            CandidateSets sets = CandidateSets.sample(sampled, heldOut, train, new InteractionMatrix[0], 2024);
            Evaluation s1 = Evaluator.evaluate(model, heldOut, train, ex, sampled, sets, sim, 1);
            Evaluation s4 = Evaluator.evaluate(model, heldOut, train, ex, sampled, sets, sim, 4);
            assertBitIdentical(s4, s1, sampling + ", 4 threads");
            // ranking among ~100 candidates is easier than among all ~270: sampled metrics are inflated
            assertThat(s1.metric("ndcg@10")).isGreaterThan(one.metric("ndcg@10"));
        }
    }

    @Test
    void randomCaseMatchesNaiveEvaluation() {
        SplittableRandom rng = new SplittableRandom(7);
        TableRecommender model = randomModel(rng);
        InteractionMatrix[] split = randomSplit(rng);
        InteractionMatrix train = split[0];
        InteractionMatrix heldOut = split[1];
        EvaluationProtocol protocol = new EvaluationProtocol(1, 5, 4, CUTOFFS);
        Evaluation e = Evaluator.evaluate(model, heldOut, new InteractionMatrix[] {train}, protocol, 4);

        // naive: full sort of the non-training items by (score desc, index asc) for each user
        double se = 0;
        double ae = 0;
        long ratings = 0;
        long ranked = 0;
        long usersWithData = 0;
        double[] sumNdcg = new double[CUTOFFS.length];
        double[] sumRecall = new double[CUTOFFS.length];
        double[] sumPrecision = new double[CUTOFFS.length];
        double[] sumMap = new double[CUTOFFS.length];
        double[] sumMrr = new double[CUTOFFS.length];
        double sumAuc = 0;
        long aucUsers = 0;
        for (int u = 0; u < USERS; u++) {
            if (heldOut.rowSize(u) == 0) {
                continue;
            }
            usersWithData++;
            List<Integer> relevant = new ArrayList<>();
            for (int p = heldOut.rowStart(u); p < heldOut.rowEnd(u); p++) {
                int i = heldOut.col(p);
                double pred = Math.max(1, Math.min(5, model.predict(u, i)));
                se += (pred - heldOut.value(p)) * (pred - heldOut.value(p));
                ae += Math.abs(pred - heldOut.value(p));
                ratings++;
                if (heldOut.value(p) >= 4) {
                    relevant.add(i);
                }
            }
            if (relevant.isEmpty()) {
                continue;
            }
            ranked++;
            final int user = u;
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                if (Float.isNaN(train.get(u, i))) {
                    candidates.add(i);
                }
            }
            candidates.sort((a, b) -> {
                int c = Float.compare(model.scores()[user * ITEMS + b], model.scores()[user * ITEMS + a]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            for (int c = 0; c < CUTOFFS.length; c++) {
                int k = CUTOFFS[c];
                double dcg = 0;
                int hits = 0;
                double ap = 0;
                double rr = 0;
                for (int r = 0; r < Math.min(k, candidates.size()); r++) {
                    if (relevant.contains(candidates.get(r))) {
                        dcg += Math.log(2) / Math.log(r + 2);
                        hits++;
                        ap += (double) hits / (r + 1);
                        rr = rr == 0 ? 1.0 / (r + 1) : rr;
                    }
                }
                sumPrecision[c] += (double) hits / k;
                sumMap[c] += ap / Math.min(k, relevant.size());
                sumMrr[c] += rr;
                double idcg = 0;
                for (int r = 0; r < Math.min(k, relevant.size()); r++) {
                    idcg += Math.log(2) / Math.log(r + 2);
                }
                sumNdcg[c] += dcg / idcg;
                sumRecall[c] += (double) hits / relevant.size();
            }
            // AUC by counting all (relevant, non-relevant) candidate pairs
            double wins = 0;
            long pairs = 0;
            for (int p : candidates) {
                if (!relevant.contains(p)) {
                    continue;
                }
                for (int q : candidates) {
                    if (relevant.contains(q)) {
                        continue;
                    }
                    float sp = model.scores()[user * ITEMS + p];
                    float sq = model.scores()[user * ITEMS + q];
                    wins += sp > sq ? 1 : sp == sq ? 0.5 : 0;
                    pairs++;
                }
            }
            if (pairs > 0) {
                sumAuc += wins / pairs;
                aucUsers++;
            }
        }
        assertThat(ranked).isGreaterThan(100).isLessThan(usersWithData); // some users skipped
        assertThat(e.counts()).containsEntry("users", usersWithData).containsEntry("ratings", ratings)
                .containsEntry("rankedUsers", ranked).containsEntry("skippedUsers", usersWithData - ranked);
        assertThat(e.metric("rmse")).isCloseTo(Math.sqrt(se / ratings), within(EPS));
        assertThat(e.metric("mae")).isCloseTo(ae / ratings, within(EPS));
        for (int c = 0; c < CUTOFFS.length; c++) {
            assertThat(e.metric("ndcg@" + CUTOFFS[c])).isCloseTo(sumNdcg[c] / ranked, within(EPS));
            assertThat(e.metric("recall@" + CUTOFFS[c])).isCloseTo(sumRecall[c] / ranked, within(EPS));
            assertThat(e.metric("precision@" + CUTOFFS[c])).isCloseTo(sumPrecision[c] / ranked, within(EPS));
            assertThat(e.metric("map@" + CUTOFFS[c])).isCloseTo(sumMap[c] / ranked, within(EPS));
            assertThat(e.metric("mrr@" + CUTOFFS[c])).isCloseTo(sumMrr[c] / ranked, within(EPS));
        }
        assertThat(e.metric("auc")).isCloseTo(sumAuc / aucUsers, within(EPS));
    }
}
