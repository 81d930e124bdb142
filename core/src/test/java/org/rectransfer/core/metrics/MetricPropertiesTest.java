package org.rectransfer.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Properties of every metric over many random cases (seeded): ranges, value 1 on the ideal
 * ranking, independence of the order in which the relevant set was given, AUC against a
 * brute-force pair count and its boundary values.
 */
class MetricPropertiesTest {

    private static final double EPS = 1e-12;
    private static final int CASES = 2000;

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rng);
        return p;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }

    /** All seven top-k metrics of one case, in a fixed order. */
    private static double[] topK(int[] ranked, int[] relevant, int k) {
        return new double[] {
            RankingMetrics.precision(ranked, relevant, k), RankingMetrics.recall(ranked, relevant, k),
            RankingMetrics.f1(ranked, relevant, k), RankingMetrics.ndcg(ranked, relevant, k),
            RankingMetrics.averagePrecision(ranked, relevant, k), RankingMetrics.reciprocalRank(ranked, relevant, k),
            RankingMetrics.hitRate(ranked, relevant, k)};
    }

    @Test
    void topKMetricsAreInRangeConsistentAndIndependentOfTheGivenOrder() {
        SplittableRandom rng = new SplittableRandom(101);
        for (int t = 0; t < CASES; t++) {
            int numItems = rng.nextInt(1, 60);
            int[] ranked = Arrays.copyOf(permutation(numItems, rng), rng.nextInt(numItems + 1));
            int[] given = rng.ints(rng.nextInt(1, numItems + 1), 0, numItems).distinct().toArray();
            int[] relevant = given.clone();
            Arrays.sort(relevant);
            int k = rng.nextInt(1, numItems + 5);
            double[] v = topK(ranked, relevant, k);
            for (double x : v) {
                assertThat(x).isBetween(0.0, 1.0);
            }
            double p = v[0];
            double r = v[1];
            // F1 is the harmonic mean of P and R (0 when both are 0)
            assertThat(v[2]).isCloseTo(p + r == 0 ? 0 : 2 * p * r / (p + r), within(EPS));
            // HR is 1 exactly when there is a hit; then RR >= 1/k and AP > 0
            assertThat(v[6] == 1.0).isEqualTo(RankingMetrics.hits(ranked, relevant, k) > 0);
            assertThat(v[5] > 0).isEqualTo(v[6] == 1.0);
            assertThat(v[4] > 0).isEqualTo(v[6] == 1.0);
            // sorting a differently ordered copy of the same set gives bit-identical values
            int[] other = given.clone();
            shuffle(other, rng);
            Arrays.sort(other);
            assertThat(Arrays.equals(topK(ranked, other, k), v)).isTrue();
        }
    }

    @Test
    void idealRankingScoresOne() {
        SplittableRandom rng = new SplittableRandom(202);
        for (int t = 0; t < CASES; t++) {
            int numItems = rng.nextInt(1, 60);
            int[] perm = permutation(numItems, rng);
            int numRelevant = rng.nextInt(1, numItems + 1);
            int[] relevant = Arrays.copyOf(perm, numRelevant); // the relevant items fill the first positions
            Arrays.sort(relevant);
            int[] ranked = perm;
            int k = rng.nextInt(1, numItems + 5);
            assertThat(RankingMetrics.ndcg(ranked, relevant, k)).isCloseTo(1.0, within(EPS));
            assertThat(RankingMetrics.averagePrecision(ranked, relevant, k)).isCloseTo(1.0, within(EPS));
            assertThat(RankingMetrics.reciprocalRank(ranked, relevant, k)).isEqualTo(1.0);
            assertThat(RankingMetrics.hitRate(ranked, relevant, k)).isEqualTo(1.0);
            if (numRelevant >= k) {
                assertThat(RankingMetrics.precision(ranked, relevant, k)).isEqualTo(1.0);
            }
            if (numRelevant <= k) {
                assertThat(RankingMetrics.recall(ranked, relevant, k)).isEqualTo(1.0);
            }
            if (numRelevant == k) {
                assertThat(RankingMetrics.f1(ranked, relevant, k)).isEqualTo(1.0);
            }
            // AUC of the ideal scores (relevant first) is 1, of the reversed scores 0
            float[] pos = new float[numRelevant];
            float[] neg = new float[numItems - numRelevant];
            for (int i = 0; i < numRelevant; i++) {
                pos[i] = numItems - i;
            }
            for (int i = 0; i < neg.length; i++) {
                neg[i] = neg.length - i;
            }
            if (neg.length > 0) {
                assertThat(RankingMetrics.auc(pos, neg)).isEqualTo(1.0);
                assertThat(RankingMetrics.auc(neg, pos)).isEqualTo(0.0);
            }
        }
    }

    @Test
    void aucMatchesTheBruteForcePairCountAndIsSymmetric() {
        SplittableRandom rng = new SplittableRandom(303);
        for (int t = 0; t < CASES; t++) {
            float[] pos = randomScores(rng, rng.nextInt(1, 30));
            float[] neg = randomScores(rng, rng.nextInt(1, 30));
            double brute = 0;
            for (float p : pos) {
                for (float q : neg) {
                    brute += wins(p, q);
                }
            }
            brute /= (double) pos.length * neg.length;
            double auc = RankingMetrics.auc(pos, neg);
            assertThat(auc).isBetween(0.0, 1.0).isCloseTo(brute, within(EPS));
            // swapping the roles: AUC(neg, pos) = 1 - AUC(pos, neg)
            assertThat(RankingMetrics.auc(neg, pos)).isCloseTo(1 - auc, within(EPS));
            // constant scores: every pair ties
            float c = pos[0];
            float[] cp = new float[pos.length];
            float[] cn = new float[neg.length];
            Arrays.fill(cp, c);
            Arrays.fill(cn, c);
            assertThat(RankingMetrics.auc(cp, cn)).isEqualTo(0.5);
        }
    }

    /** Scores from a small grid (many ties), with the odd NaN, infinity and signed zero. */
    private static float[] randomScores(SplittableRandom rng, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            int x = rng.nextInt(40);
            s[i] = x == 0 ? Float.NaN : x == 1 ? Float.NEGATIVE_INFINITY : x == 2 ? -0.0f : x == 3 ? 0.0f : (x % 9) * 0.5f;
        }
        return s;
    }

    /** 1 if p beats q, 1/2 on a tie, 0 otherwise; NaN below every number, NaN ties NaN. */
    private static double wins(float p, float q) {
        boolean pn = Float.isNaN(p);
        boolean qn = Float.isNaN(q);
        if (pn || qn) {
            return pn && qn ? 0.5 : pn ? 0 : 1;
        }
        return p > q ? 1 : p == q ? 0.5 : 0;
    }

    @Test
    void listMetricsAreInRange() {
        SplittableRandom rng = new SplittableRandom(404);
        for (int t = 0; t < 300; t++) {
            int numUsers = rng.nextInt(1, 30);
            int numItems = rng.nextInt(1, 25);
            InteractionMatrix.Builder b = InteractionMatrix.builder(numUsers, numItems, true, false);
            for (int u = 0; u < numUsers; u++) {
                for (int i = 0; i < numItems; i++) {
                    if (rng.nextDouble() < 0.3) {
                        b.add(u, i, 1 + rng.nextInt(5));
                    }
                }
            }
            InteractionMatrix train = b.build(DuplicatePolicy.ERROR);
            int[] pop = ListMetrics.itemPopularity(train);
            int trainUsers = Math.max(1, train.nonEmptyRows());
            CosineItemSimilarity sim = new CosineItemSimilarity(train);
            int[][] lists = new int[numUsers][];
            for (int u = 0; u < numUsers; u++) {
                lists[u] = rng.nextInt(5) == 0 ? null : Arrays.copyOf(permutation(numItems, rng), rng.nextInt(numItems + 1));
            }
            int k = rng.nextInt(1, numItems + 3);
            for (int[] list : lists) {
                if (list == null) {
                    continue;
                }
                double nov = ListMetrics.novelty(list, k, pop, trainUsers);
                double ild = ListMetrics.intraListDiversity(list, k, sim);
                if (list.length == 0) {
                    assertThat(nov).isNaN();
                } else {
                    assertThat(nov).isBetween(0.0, Math.log(trainUsers) / Math.log(2) + EPS);
                }
                if (Math.min(k, list.length) < 2) {
                    assertThat(ild).isNaN();
                } else {
                    assertThat(ild).isBetween(0.0, 1.0); // cosine over positive ratings is in [0, 1]
                }
            }
            double coverage = ListMetrics.coverage(lists, k, numItems);
            double gini = ListMetrics.gini(lists, k, numItems);
            if (!Double.isNaN(coverage)) {
                assertThat(coverage).isBetween(0.0, 1.0);
            }
            if (!Double.isNaN(gini)) {
                assertThat(gini).isBetween(0.0, 1.0);
                // Gini does not depend on the item order nor on the scale of the counts
                long[] counts = ListMetrics.exposureCounts(lists, k, numItems);
                long[] reversed = new long[counts.length];
                long[] doubled = new long[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    reversed[i] = counts[counts.length - 1 - i];
                    doubled[i] = 2 * counts[i];
                }
                assertThat(ListMetrics.gini(reversed)).isEqualTo(gini);
                assertThat(ListMetrics.gini(doubled)).isCloseTo(gini, within(EPS));
            }
        }
    }
}
