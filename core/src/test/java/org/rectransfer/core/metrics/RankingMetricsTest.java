package org.rectransfer.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final double EPS = 1e-12;
    /** 1 / log2(3). */
    private static final double D2 = 0.6309297535714575;
    /** 1 / log2(4) = 1/2. */
    private static final double D3 = 0.5;
    /** 1 / log2(5). */
    private static final double D4 = 0.43067655807339306;

    @Test
    void discountConstants() {
        assertThat(D2).isCloseTo(Math.log(2) / Math.log(3), within(EPS));
        assertThat(D4).isCloseTo(Math.log(2) / Math.log(5), within(EPS));
    }

    @Test
    void exampleFromTheBrief() {
        int[] ranked = {5, 3, 9, 1};
        int[] relevant = {1, 3};
        // k = 3: top 3 = [5, 3, 9]; item 3 relevant at rank 2 -> DCG = 1/log2(3) = 0.6309297535714575
        // IDCG = min(3, 2) = 2 ideal hits = 1 + 1/log2(3) = 1.6309297535714575
        // NDCG = 0.6309297535714575 / 1.6309297535714575 = 0.38685280723454163
        assertThat(RankingMetrics.ndcg(ranked, relevant, 3)).isCloseTo(D2 / (1 + D2), within(EPS));
        assertThat(RankingMetrics.ndcg(ranked, relevant, 3)).isCloseTo(0.38685280723454163, within(EPS));
        // recall@3 = 1 hit / 2 relevant
        assertThat(RankingMetrics.recall(ranked, relevant, 3)).isEqualTo(0.5);
        assertThat(RankingMetrics.hits(ranked, relevant, 3)).isEqualTo(1);
        // k = 4: item 1 at rank 4 adds 1/log2(5): (D2 + D4) / (1 + D2)
        assertThat(RankingMetrics.ndcg(ranked, relevant, 4)).isCloseTo((D2 + D4) / (1 + D2), within(EPS));
        assertThat(RankingMetrics.recall(ranked, relevant, 4)).isEqualTo(1.0);
        // k = 1: item 5 not relevant -> 0
        assertThat(RankingMetrics.ndcg(ranked, relevant, 1)).isEqualTo(0.0);
    }

    @Test
    void kLargerThanList() {
        int[] ranked = {4, 8};
        int[] relevant = {2, 4, 7};
        // k = 10: list has 2 entries, hit at rank 1 -> DCG = 1
        // IDCG over min(10, 3) = 3 positions = 1 + 1/log2(3) + 1/log2(4)
        assertThat(RankingMetrics.ndcg(ranked, relevant, 10)).isCloseTo(1 / (1 + D2 + D3), within(EPS));
        assertThat(RankingMetrics.recall(ranked, relevant, 10)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RankingMetrics.ndcg(new int[0], relevant, 5)).isEqualTo(0.0);
    }

    @Test
    void allRelevantOnTopGivesOne() {
        assertThat(RankingMetrics.ndcg(new int[] {7, 2, 9, 0}, new int[] {2, 7}, 4)).isCloseTo(1.0, within(EPS));
        assertThat(RankingMetrics.recall(new int[] {7, 2, 9, 0}, new int[] {2, 7}, 4)).isEqualTo(1.0);
        // more relevant items than k, list full of relevant ones: ideal list also has k hits
        assertThat(RankingMetrics.ndcg(new int[] {3, 1}, new int[] {1, 2, 3, 4}, 2)).isCloseTo(1.0, within(EPS));
        // recall is then capped at k / |relevant| = 2 / 4
        assertThat(RankingMetrics.recall(new int[] {3, 1}, new int[] {1, 2, 3, 4}, 2)).isEqualTo(0.5);
    }

    @Test
    void precisionF1MapMrrHitRateOnTheBriefExample() {
        int[] ranked = {5, 3, 9, 1};
        int[] relevant = {1, 3};
        // k = 1: top [5], no hit -> P = 0, F1 = 0 (P = R = 0), AP = 0, RR = 0, HR = 0
        assertThat(RankingMetrics.precision(ranked, relevant, 1)).isEqualTo(0.0);
        assertThat(RankingMetrics.f1(ranked, relevant, 1)).isEqualTo(0.0);
        assertThat(RankingMetrics.averagePrecision(ranked, relevant, 1)).isEqualTo(0.0);
        assertThat(RankingMetrics.reciprocalRank(ranked, relevant, 1)).isEqualTo(0.0);
        assertThat(RankingMetrics.hitRate(ranked, relevant, 1)).isEqualTo(0.0);
        // k = 3: top [5, 3, 9], one hit at rank 2
        //   P@3 = 1/3; R@3 = 1/2; F1 = 2 (1/3)(1/2) / (1/3 + 1/2) = (1/3) / (5/6) = 2/5
        //   AP@3 = P@2 / min(3, 2) = (1/2) / 2 = 1/4; RR = 1/2; HR = 1
        assertThat(RankingMetrics.precision(ranked, relevant, 3)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RankingMetrics.f1(ranked, relevant, 3)).isCloseTo(0.4, within(EPS));
        assertThat(RankingMetrics.averagePrecision(ranked, relevant, 3)).isCloseTo(0.25, within(EPS));
        assertThat(RankingMetrics.reciprocalRank(ranked, relevant, 3)).isEqualTo(0.5);
        assertThat(RankingMetrics.hitRate(ranked, relevant, 3)).isEqualTo(1.0);
        // k = 4: hits at ranks 2 and 4
        //   P@4 = 2/4; R@4 = 1; F1 = 2 (1/2)(1) / (3/2) = 2/3
        //   AP@4 = (P@2 + P@4) / min(4, 2) = (1/2 + 2/4) / 2 = 1/2; RR = 1/2
        assertThat(RankingMetrics.precision(ranked, relevant, 4)).isEqualTo(0.5);
        assertThat(RankingMetrics.f1(ranked, relevant, 4)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(RankingMetrics.averagePrecision(ranked, relevant, 4)).isCloseTo(0.5, within(EPS));
        assertThat(RankingMetrics.reciprocalRank(ranked, relevant, 4)).isEqualTo(0.5);
    }

    @Test
    void kLargerThanTheListKeepsKInTheDenominators() {
        int[] ranked = {4, 8};
        int[] relevant = {2, 4, 7};
        // k = 10, list of 2, hit at rank 1:
        //   P@10 = 1/10 (denominator k, not the list length); F1 = 2 * 1 / (10 + 3) = 2/13
        //   AP@10 = P@1 / min(10, 3) = 1/3; RR = 1; HR = 1
        assertThat(RankingMetrics.precision(ranked, relevant, 10)).isCloseTo(0.1, within(EPS));
        assertThat(RankingMetrics.f1(ranked, relevant, 10)).isCloseTo(2.0 / 13, within(EPS));
        assertThat(RankingMetrics.averagePrecision(ranked, relevant, 10)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RankingMetrics.reciprocalRank(ranked, relevant, 10)).isEqualTo(1.0);
        assertThat(RankingMetrics.hitRate(ranked, relevant, 10)).isEqualTo(1.0);
        // an empty list has no hit: every top-k metric is 0
        int[] none = new int[0];
        assertThat(RankingMetrics.precision(none, relevant, 5)).isEqualTo(0.0);
        assertThat(RankingMetrics.f1(none, relevant, 5)).isEqualTo(0.0);
        assertThat(RankingMetrics.averagePrecision(none, relevant, 5)).isEqualTo(0.0);
        assertThat(RankingMetrics.reciprocalRank(none, relevant, 5)).isEqualTo(0.0);
        assertThat(RankingMetrics.hitRate(none, relevant, 5)).isEqualTo(0.0);
    }

    @Test
    void mapDividesByMinOfKAndTheNumberOfRelevantItems() {
        // 4 relevant, k = 2, both positions relevant: AP@2 = (1/1 + 2/2) / min(2, 4) = 1
        // (the |R| denominator variant would give 2/4 = 0.5)
        assertThat(RankingMetrics.averagePrecision(new int[] {3, 1}, new int[] {1, 2, 3, 4}, 2)).isEqualTo(1.0);
        // P@2 = 1 needs |R| >= k; with |R| = 1 < k = 2 the best P@2 is 1/2
        assertThat(RankingMetrics.precision(new int[] {3, 1}, new int[] {1, 2, 3, 4}, 2)).isEqualTo(1.0);
        assertThat(RankingMetrics.precision(new int[] {3, 1}, new int[] {3}, 2)).isEqualTo(0.5);
        // hits at ranks 1 and 3 of 3 relevant, k = 5: (1/1 + 2/3) / min(5, 3) = (5/3) / 3 = 5/9
        assertThat(RankingMetrics.averagePrecision(new int[] {7, 0, 8, 1}, new int[] {6, 7, 8}, 5))
                .isCloseTo(5.0 / 9, within(EPS));
        // MRR: first hit at rank 3 -> 1/3; beyond k -> 0
        assertThat(RankingMetrics.reciprocalRank(new int[] {0, 1, 8}, new int[] {6, 7, 8}, 3)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RankingMetrics.reciprocalRank(new int[] {0, 1, 8}, new int[] {6, 7, 8}, 2)).isEqualTo(0.0);
    }

    @Test
    void aucHandComputedWithTiesAndNaN() {
        // pairs (p, q): 3>2, 3>0, 1<2, 1>0 -> 3 of 4
        assertThat(RankingMetrics.auc(new float[] {3, 1}, new float[] {2, 0})).isEqualTo(0.75);
        // ties count 1/2: p=2 vs {2, 0, 1}: 1/2 + 1 + 1 = 2.5; p=1 vs {2, 0, 1}: 0 + 1 + 1/2 = 1.5 -> 4 / 6
        // mid-ranks: scores 0(n) 1(p) 1(n) 2(p) 2(n) -> ranks 1, 2.5, 2.5, 4.5, 4.5; U = 2.5 + 4.5 - 2*3/2 = 4
        assertThat(RankingMetrics.auc(new float[] {2, 1}, new float[] {2, 0, 1})).isCloseTo(2.0 / 3, within(EPS));
        // NaN ranks below every number and ties with NaN:
        // p=NaN vs {NaN, 0}: 1/2 + 0; p=1 vs {NaN, 0}: 1 + 1 -> 2.5 / 4
        assertThat(RankingMetrics.auc(new float[] {Float.NaN, 1}, new float[] {Float.NaN, 0})).isEqualTo(0.625);
        // -0.0 and 0.0 are equal scores
        assertThat(RankingMetrics.auc(new float[] {-0.0f}, new float[] {0.0f})).isEqualTo(0.5);
        assertThat(RankingMetrics.auc(new float[] {0.0f, 1}, new float[] {-0.0f, 0.0f})).isEqualTo(0.75);
        // infinities are ordinary values
        assertThat(RankingMetrics.auc(new float[] {Float.NEGATIVE_INFINITY}, new float[] {Float.NaN, -1})).isEqualTo(0.5);
        // undefined without positives or without negatives
        assertThat(RankingMetrics.auc(new float[0], new float[] {1})).isNaN();
        assertThat(RankingMetrics.auc(new float[] {1}, new float[0])).isNaN();
        // the inputs are not modified
        float[] pos = {3, 1, 2};
        RankingMetrics.auc(pos, new float[] {0});
        assertThat(pos).containsExactly(3, 1, 2);
    }

    @Test
    void undefinedAndInvalidInputsAreRejected() {
        assertThatThrownBy(() -> RankingMetrics.ndcg(new int[] {1}, new int[0], 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.recall(new int[] {1}, new int[0], 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.ndcg(new int[] {1}, new int[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        // unsorted or duplicated relevant sets would silently break the binary search
        assertThatThrownBy(() -> RankingMetrics.ndcg(new int[] {1}, new int[] {3, 1}, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.recall(new int[] {1}, new int[] {1, 1}, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.hits(new int[] {1}, new int[] {5, 2}, 2)).isInstanceOf(IllegalArgumentException.class);
        // the new metrics share the rules: no relevant item, k < 1 and unsorted sets are rejected
        assertThatThrownBy(() -> RankingMetrics.precision(new int[] {1}, new int[0], 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.f1(new int[] {1}, new int[0], 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.averagePrecision(new int[] {1}, new int[0], 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.reciprocalRank(new int[] {1}, new int[0], 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.hitRate(new int[] {1}, new int[0], 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.precision(new int[] {1}, new int[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.averagePrecision(new int[] {1}, new int[] {2, 1}, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Naive NDCG with a linear membership test. */
    private static double naiveNdcg(int[] ranked, int[] relevantAnyOrder, int k) {
        double dcg = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            for (int x : relevantAnyOrder) {
                if (x == ranked[r]) {
                    dcg += Math.log(2) / Math.log(r + 2);
                }
            }
        }
        double idcg = 0;
        for (int r = 0; r < Math.min(k, relevantAnyOrder.length); r++) {
            idcg += Math.log(2) / Math.log(r + 2);
        }
        return dcg / idcg;
    }

    @Test
    void randomCasesMatchNaiveAndDoNotDependOnTheOriginalOrderOfTheRelevantSet() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int t = 0; t < 300; t++) {
            int numItems = rng.nextInt(1, 40);
            // a random permutation prefix as the ranked list
            int[] perm = new int[numItems];
            for (int i = 0; i < numItems; i++) {
                perm[i] = i;
            }
            for (int i = numItems - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int x = perm[i];
                perm[i] = perm[j];
                perm[j] = x;
            }
            int[] ranked = Arrays.copyOf(perm, rng.nextInt(numItems + 1));
            int[] relevantShuffled = rng.ints(rng.nextInt(1, numItems + 1), 0, numItems).distinct().toArray();
            int[] relevant = relevantShuffled.clone();
            Arrays.sort(relevant);
            int k = rng.nextInt(1, numItems + 3);
            int hits = 0;
            for (int r = 0; r < Math.min(k, ranked.length); r++) {
                for (int x : relevantShuffled) {
                    hits += x == ranked[r] ? 1 : 0;
                }
            }
            assertThat(RankingMetrics.ndcg(ranked, relevant, k)).isCloseTo(naiveNdcg(ranked, relevantShuffled, k), within(EPS));
            assertThat(RankingMetrics.recall(ranked, relevant, k)).isEqualTo((double) hits / relevantShuffled.length);
            // sorting another permutation of the same set gives bit-identical values
            int[] other = relevantShuffled.clone();
            for (int i = 0; i < other.length / 2; i++) {
                int x = other[i];
                other[i] = other[other.length - 1 - i];
                other[other.length - 1 - i] = x;
            }
            Arrays.sort(other);
            assertThat(RankingMetrics.ndcg(ranked, other, k)).isEqualTo(RankingMetrics.ndcg(ranked, relevant, k));
        }
    }
}
