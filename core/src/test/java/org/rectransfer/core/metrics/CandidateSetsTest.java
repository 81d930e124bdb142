package org.rectransfer.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.metrics.CandidatePolicy.Sampling;
import org.rectransfer.core.metrics.CandidatePolicy.SampledNegatives;
import org.rectransfer.core.provenance.Hashing;

class CandidateSetsTest {

    private static final int USERS = 300;
    private static final int ITEMS = 80;

    private static EvaluationProtocol protocol(int n, Sampling sampling) {
        return new EvaluationProtocol(1, 5, 4, new int[] {5}, new SampledNegatives(n, sampling));
    }

    /**
     * Random disjoint train / validation / test (explicit 1..5); every 50th user saw almost every
     * item (fewer than n available, or too few positive-popularity ones), items 75..79 have no
     * training data.
     */
    private static InteractionMatrix[] randomSplit(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        InteractionMatrix.Builder[] b = {
            InteractionMatrix.builder(USERS, ITEMS, true, false), InteractionMatrix.builder(USERS, ITEMS, true, false),
            InteractionMatrix.builder(USERS, ITEMS, true, false)};
        for (int u = 0; u < USERS; u++) {
            double density = u % 50 == 0 ? 0.97 : 0.25; // a few users who saw almost everything
            for (int i = 0; i < ITEMS; i++) {
                if (rng.nextDouble() < density) {
                    double x = rng.nextDouble();
                    // items 75..79 never appear in training: zero popularity
                    b[x < 0.7 && i < 75 ? 0 : x < 0.85 ? 1 : 2].add(u, i, 1 + rng.nextInt(5));
                }
            }
        }
        return new InteractionMatrix[] {b[0].build(DuplicatePolicy.ERROR), b[1].build(DuplicatePolicy.ERROR),
            b[2].build(DuplicatePolicy.ERROR)};
    }

    private static CandidateSets sample(InteractionMatrix[] split, int n, Sampling sampling, long seed) {
        return CandidateSets.sample(protocol(n, sampling), split[2], split[0], new InteractionMatrix[] {split[1]}, seed);
    }

    @Test
    void setsHoldTheRelevantItemsPlusNegativesTheUserNeverTouched() {
        InteractionMatrix[] split = randomSplit(1);
        for (Sampling sampling : Sampling.values()) {
            int n = 20;
            CandidateSets sets = sample(split, n, sampling, 42);
            assertThat(sets.policy()).isEqualTo(new SampledNegatives(n, sampling));
            assertThat(sets.seed()).isEqualTo("42");
            int[] pop = ListMetrics.itemPopularity(split[0]);
            int evaluated = 0;
            for (int u = 0; u < USERS; u++) {
                int relevant = 0;
                boolean[] touched = new boolean[ITEMS];
                for (InteractionMatrix m : split) {
                    for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                        touched[m.col(p)] = true;
                    }
                }
                for (int p = split[2].rowStart(u); p < split[2].rowEnd(u); p++) {
                    relevant += split[2].value(p) >= 4 ? 1 : 0;
                }
                int[] c = sets.candidates(u);
                if (relevant == 0) {
                    assertThat(c).as("user %d has no relevant test item", u).isNull();
                    continue;
                }
                evaluated++;
                int available = 0;
                for (boolean t : touched) {
                    available += t ? 0 : 1;
                }
                int negatives = 0;
                int relevantFound = 0;
                for (int j = 0; j < c.length; j++) {
                    if (j > 0) {
                        assertThat(c[j]).isGreaterThan(c[j - 1]); // ascending, distinct
                    }
                    float rating = split[2].get(u, c[j]);
                    if (!Float.isNaN(rating)) {
                        assertThat(rating).as("held-out candidate must be relevant").isGreaterThanOrEqualTo(4f);
                        relevantFound++;
                    } else {
                        assertThat(touched[c[j]]).as("negative %d of user %d was interacted with", c[j], u).isFalse();
                        negatives++;
                    }
                }
                assertThat(relevantFound).isEqualTo(relevant);
                // exactly min(n, available) negatives, in both modes (zero-popularity fill)
                assertThat(negatives).isEqualTo(Math.min(n, available));
            }
            assertThat(sets.users()).hasSize(evaluated);
            assertThat(evaluated).isGreaterThan(100);
            if (sampling == Sampling.POPULARITY) {
                assertThat(pop).contains(0); // the fixture does have zero-popularity items
            }
        }
    }

    @Test
    void deterministicForASeedAndDifferentForAnother() {
        InteractionMatrix[] split = randomSplit(2);
        for (Sampling sampling : Sampling.values()) {
            CandidateSets a = sample(split, 10, sampling, 7);
            CandidateSets b = sample(split, 10, sampling, 7);
            CandidateSets c = sample(split, 10, sampling, 8);
            assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
            assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
            assertThat(c.users()).isEqualTo(a.users());
            assertThat(c.fingerprint()).isNotEqualTo(a.fingerprint());
            // the SplittableRandom overload with the same stream gives the same sets
            CandidateSets d = CandidateSets.sample(protocol(10, sampling), split[2], split[0],
                    new InteractionMatrix[] {split[1]}, new SplittableRandom(7), "7");
            assertThat(d).isEqualTo(a);
        }
    }

    @Test
    void popularitySamplingPrefersPopularItems() {
        // Users 0..999 only train, giving item i popularity ~ (i + 1) * 10 (item 0: 10 users, item 39: 400, item 40..49: 0).
        // Users 1000..20999 have one relevant test item (item 0) and nothing else: one negative each (n = 1),
        // so each negative is a single draw with P(i) = pop(i) / sum_{j != 0} pop(j) exactly.
        int items = 50;
        int trainUsers = 1000;
        int testUsers = 20_000;
        InteractionMatrix.Builder train = InteractionMatrix.builder(trainUsers + testUsers, items, false, false);
        int[] pop = new int[items];
        for (int i = 0; i < 40; i++) {
            pop[i] = (i + 1) * 10;
            for (int u = 0; u < pop[i]; u++) {
                train.add(u, i, 0f);
            }
        }
        InteractionMatrix.Builder test = InteractionMatrix.builder(trainUsers + testUsers, items, false, false);
        for (int u = trainUsers; u < trainUsers + testUsers; u++) {
            test.add(u, 0, 0f);
        }
        InteractionMatrix trainM = train.build(DuplicatePolicy.ERROR);
        InteractionMatrix testM = test.build(DuplicatePolicy.ERROR);
        assertThat(ListMetrics.itemPopularity(trainM)).isEqualTo(pop);
        long[] popCounts = new long[items];
        long[] uniCounts = new long[items];
        CandidateSets byPop = CandidateSets.sample(protocol(1, Sampling.POPULARITY), testM, trainM, new InteractionMatrix[0], 99);
        CandidateSets uniform = CandidateSets.sample(protocol(1, Sampling.UNIFORM), testM, trainM, new InteractionMatrix[0], 99);
        for (int u = trainUsers; u < trainUsers + testUsers; u++) {
            int[] c = byPop.candidates(u);
            assertThat(c).hasSize(2).contains(0);
            popCounts[c[1]]++;
            int[] d = uniform.candidates(u);
            assertThat(d).hasSize(2).contains(0);
            uniCounts[d[1]]++;
        }
        // chi-square goodness of fit against the exact probabilities; df = 38 (popularity) and 48 (uniform).
        // The critical values at p = 1e-6 are 94.6 (df 38) and 109.7 (df 48) (scipy.stats.chi2.isf); the seed is fixed,
        // so this is deterministic, and a sampler with the wrong distribution lands far above.
        double total = 0;
        for (int i = 1; i < items; i++) {
            total += pop[i];
        }
        double chiPop = 0;
        for (int i = 1; i < items; i++) {
            if (pop[i] == 0) {
                assertThat(popCounts[i]).as("zero-popularity item %d drawn", i).isZero();
            } else {
                double expected = testUsers * pop[i] / total;
                chiPop += (popCounts[i] - expected) * (popCounts[i] - expected) / expected;
            }
        }
        double chiUni = 0;
        for (int i = 1; i < items; i++) {
            double expected = testUsers / 49.0;
            chiUni += (uniCounts[i] - expected) * (uniCounts[i] - expected) / expected;
        }
        assertThat(chiPop).isLessThan(94.6);
        assertThat(chiUni).isLessThan(109.7);
        // and the popular items 20..39 are drawn far more often under popularity sampling than uniformly:
        // expected shares 6100 / 8190 = 0.745 (popularity) vs 20 / 49 = 0.408 (uniform)
        long popTop = 0;
        long uniTop = 0;
        for (int i = 20; i < 40; i++) {
            popTop += popCounts[i];
            uniTop += uniCounts[i];
        }
        assertThat(popTop).isGreaterThan(3 * uniTop / 2);
    }

    @Test
    void fewerAvailableItemsThanNAndTheZeroPopularityFill() {
        // 1 user, 6 items. Train: item 0 (pop 1). Other users give item 1 pop 1. Test: item 5 relevant.
        // User 0 touched {0, 5}: available {1, 2, 3, 4}; positive-popularity available: {1} only.
        InteractionMatrix train = InteractionMatrix.builder(2, 6, false, false).add(0, 0, 0f).add(1, 1, 0f)
                .build(DuplicatePolicy.ERROR);
        InteractionMatrix test = InteractionMatrix.builder(2, 6, false, false).add(0, 5, 0f).build(DuplicatePolicy.ERROR);
        // n = 3 by popularity: item 1, then 2 of the zero-popularity items {2, 3, 4} uniformly
        CandidateSets s = CandidateSets.sample(protocol(3, Sampling.POPULARITY), test, train, new InteractionMatrix[0], 5);
        int[] c = s.candidates(0);
        assertThat(c).hasSize(4).contains(1, 5).doesNotContain(0);
        // n = 10 > 4 available: all available items, in both modes
        for (Sampling sampling : Sampling.values()) {
            CandidateSets all = CandidateSets.sample(protocol(10, sampling), test, train, new InteractionMatrix[0], 5);
            assertThat(all.candidates(0)).containsExactly(1, 2, 3, 4, 5);
            assertThat(all.users()).containsExactly(0);
        }
        // nothing available: only the relevant item
        InteractionMatrix full = InteractionMatrix.builder(2, 6, false, false).add(0, 0, 0f).add(0, 1, 0f).add(0, 2, 0f)
                .add(0, 3, 0f).add(0, 4, 0f).build(DuplicatePolicy.ERROR);
        assertThat(CandidateSets.sample(protocol(3, Sampling.UNIFORM), test, full, new InteractionMatrix[0], 5).candidates(0))
                .containsExactly(5);
    }

    @Test
    void writeReadRoundTripIsIdentical() throws IOException {
        InteractionMatrix[] split = randomSplit(3);
        for (Sampling sampling : Sampling.values()) {
            CandidateSets sets = sample(split, 15, sampling, -12345L);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sets.write(out);
            byte[] bytes = out.toByteArray();
            CandidateSets back = CandidateSets.read(new ByteArrayInputStream(bytes));
            assertThat(back).isEqualTo(sets);
            assertThat(back.seed()).isEqualTo("-12345");
            assertThat(back.fingerprint()).isEqualTo(sets.fingerprint()).isEqualTo(Hashing.sha256Hex(bytes));
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            back.write(again);
            assertThat(again.toByteArray()).isEqualTo(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(text).startsWith("#rectransfer-candidates v1\tpolicy=sampled-negatives(n=15,sampling="
                    + sampling.name().toLowerCase(Locale.ROOT) + ")\tseed=-12345\tusers=300\titems=80\n");
        }
    }

    @Test
    void theFormatIsDocumentedAndStrict() throws IOException {
        SampledNegatives policy = new SampledNegatives(2, Sampling.UNIFORM);
        CandidateSets sets = CandidateSets.of(policy, "s1", 5, 10, new int[] {3, 1}, new int[][] {{9, 0, 4}, {2, 7}});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sets.write(out);
        String expected = "#rectransfer-candidates v1\tpolicy=sampled-negatives(n=2,sampling=uniform)\tseed=s1\tusers=5\titems=10\n"
                + "1\t2 7\n" + "3\t0 4 9\n";
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(sets.candidates(3)).containsExactly(0, 4, 9);
        assertThat(sets.candidates(2)).isNull();
        assertThat(sets.fingerprint()).isEqualTo(Hashing.sha256Hex(expected));

        String header = "#rectransfer-candidates v1\tpolicy=sampled-negatives(n=2,sampling=uniform)\tseed=s1\tusers=5\titems=10\n";
        for (String bad : new String[] {
            "",                                   // no header
            "#candidates\n",                      // wrong header
            header.replace("uniform", "random"),  // unknown sampling
            header.replace("sampled-negatives(n=2,sampling=uniform)", "all-target-items-minus-seen"),
            header + "1\t7 2\n",                  // items not ascending
            header + "1\t2 2\n",                  // duplicate item
            header + "1\t2 10\n",                 // item out of range
            header + "1\t02 7\n",                 // leading zero
            header + "1\t2  7\n",                 // double space
            header + "1\t2 7 \n",                 // trailing space
            header + "1\t\n",                     // no items
            header + "1 2 7\n",                   // no tab
            header + "3\t1\n1\t2\n",              // users not ascending
            header + "1\t2\n1\t3\n",              // duplicate user
            header + "5\t2\n",                    // user out of range
            header + "1\t-2\n"}) {                // sign
            assertThatThrownBy(() -> CandidateSets.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> CandidateSets.of(policy, "a\tb", 5, 10, new int[] {1}, new int[][] {{1}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CandidateSets.of(policy, "s", 5, 10, new int[] {1}, new int[][] {{}}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplingNeedsASampledPolicyAndMatchingShapes() {
        InteractionMatrix[] split = randomSplit(4);
        EvaluationProtocol full = new EvaluationProtocol(1, 5, 4, new int[] {5});
        assertThatThrownBy(() -> CandidateSets.sample(full, split[2], split[0], new InteractionMatrix[0], 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CandidateSets.sample(protocol(5, Sampling.UNIFORM), split[2], split[0],
                new InteractionMatrix[] {InteractionMatrix.empty(USERS, ITEMS + 1, true)}, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SampledNegatives(0, Sampling.UNIFORM)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policiesDescribeAndParse() {
        assertThat(CandidatePolicy.fullRanking().describe()).isEqualTo("all-target-items-minus-seen");
        for (CandidatePolicy p : new CandidatePolicy[] {CandidatePolicy.fullRanking(), new SampledNegatives(99, Sampling.UNIFORM),
            new SampledNegatives(1000, Sampling.POPULARITY)}) {
            assertThat(CandidatePolicy.parse(p.describe())).isEqualTo(p);
        }
        assertThatThrownBy(() -> CandidatePolicy.parse("sampled-negatives(n=x,sampling=uniform)"))
                .isInstanceOf(IllegalArgumentException.class);
        // the protocol carries the policy: full ranking keeps its old description, sampling is labelled
        EvaluationProtocol four = new EvaluationProtocol(1, 5, 4, new int[] {5, 10});
        assertThat(four.candidatePolicy()).isEqualTo(CandidatePolicy.fullRanking());
        assertThat(four.describe()).isEqualTo("clamp=[1.0,5.0],relevance>=4.0,cutoffs=[5, 10],candidates=all-target-items-minus-seen");
        EvaluationProtocol sampled = four.withCandidatePolicy(new SampledNegatives(100, Sampling.POPULARITY));
        assertThat(sampled.describe()).endsWith(",candidates=sampled-negatives(n=100,sampling=popularity)");
        assertThat(sampled).isNotEqualTo(four);
        assertThat(sampled.withCandidatePolicy(CandidatePolicy.fullRanking())).isEqualTo(four).hasSameHashCodeAs(four);
    }
}
