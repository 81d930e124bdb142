package org.rectransfer.core.metrics;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

/**
 * Persisted candidate items for evaluation with sampled negatives
 * ({@link CandidatePolicy.SampledNegatives}): for every evaluated user, the user's held-out
 * relevant items plus negatives drawn once per (split, seed). Every strategy of an experiment
 * is ranked against the same object; the {@link Evaluator} never samples by itself.
 *
 * <h2>Sampling ({@link #sample})</h2>
 * <ul>
 *   <li>Evaluated users: the users with at least one relevant held-out item (explicit data:
 *   rating {@code >= relevanceThreshold}; implicit data: every held-out item), visited in
 *   ascending user index, all draws from one {@link SplittableRandom} in that order, so the
 *   result is a pure function of the data, the policy and the stream.</li>
 *   <li>Available items of user u: items u has no entry for in <em>any</em> part of the split
 *   (training, validation, test; the held-out and training matrices always count).</li>
 *   <li>{@code n} negatives are drawn from the available items <b>without replacement</b> by
 *   sequential sampling: each draw picks one of the remaining available items with probability
 *   proportional to its weight, 1 for {@link CandidatePolicy.Sampling#UNIFORM} and the training
 *   popularity {@code pop(i)} (users with a training entry for i) for
 *   {@link CandidatePolicy.Sampling#POPULARITY}. A Fenwick tree over the integer weights makes
 *   each draw exact and {@code O(log numItems)}.</li>
 *   <li>Fewer than {@code n} available items: all available items are taken (the user gets
 *   fewer negatives; nothing is drawn with replacement). Under popularity sampling, items with
 *   {@code pop = 0} have weight 0; if fewer than {@code n} available items have positive weight,
 *   all of those are taken and the rest is filled uniformly from the available zero-popularity
 *   items. So in both modes a user gets exactly {@code min(n, |available|)} negatives.</li>
 * </ul>
 *
 * <h2>Text format ({@link #write}, {@link #read})</h2>
 * UTF-8, lines ending in {@code \n}. A header line
 * <pre>#rectransfer-candidates v1&lt;TAB&gt;policy=&lt;policy.describe()&gt;&lt;TAB&gt;seed=&lt;seed&gt;&lt;TAB&gt;users=&lt;numUsers&gt;&lt;TAB&gt;items=&lt;numItems&gt;</pre>
 * then one line per evaluated user, in ascending user index:
 * <pre>&lt;uidx&gt;&lt;TAB&gt;&lt;item&gt; &lt;item&gt; ...</pre>
 * with the user's candidates (relevant items and negatives together) as decimal item indices in
 * ascending order, separated by single spaces. The format is canonical: {@link #read} accepts
 * exactly what {@link #write} produces, so {@link #fingerprint()} is the SHA-256 of the file.
 *
 * <p>Thread safety: immutable; safe to share.
 */
public final class CandidateSets {
    static final String MAGIC = "#rectransfer-candidates v1";

    private final CandidatePolicy.SampledNegatives policy;
    private final String seed;
    private final int numUsers;
    private final int numItems;
    private final int[] users;
    private final int[] ptr;
    private final int[] items;
    private volatile String fingerprint;

    private CandidateSets(CandidatePolicy.SampledNegatives policy, String seed, int numUsers, int numItems, int[] users,
                          int[] ptr, int[] items) {
        this.policy = policy;
        this.seed = seed;
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.users = users;
        this.ptr = ptr;
        this.items = items;
    }

    /**
     * Draws the candidate sets with {@code new SplittableRandom(seed)} (for a run, take the seed
     * from {@code RunContext.seedFor(component)}); the header records {@code seed}.
     *
     * @see #sample(EvaluationProtocol, InteractionMatrix, InteractionMatrix, InteractionMatrix[], SplittableRandom, String)
     */
    public static CandidateSets sample(EvaluationProtocol protocol, InteractionMatrix heldOut, InteractionMatrix train,
                                       InteractionMatrix[] otherParts, long seed) {
        return sample(protocol, heldOut, train, otherParts, new SplittableRandom(seed), Long.toString(seed));
    }

    /**
     * Draws the candidate sets (see the class comment for the exact procedure).
     *
     * @param protocol   gives the policy (must be {@link CandidatePolicy.SampledNegatives}) and the
     *                   relevance threshold
     * @param heldOut    the held-out matrix the sets are for (validation or test): its relevant
     *                   items become candidates, its users with a relevant item are the evaluated users
     * @param train      the training matrix: item popularity, and its items count as interacted
     * @param otherParts every other part of the split (e.g. validation and test); their items
     *                   count as interacted too (listing {@code heldOut} or {@code train} again is harmless)
     * @param rng        the only source of randomness, consumed in ascending user order
     * @param seed       how {@code rng} was made, recorded in the header (no tab or line break)
     */
    public static CandidateSets sample(EvaluationProtocol protocol, InteractionMatrix heldOut, InteractionMatrix train,
                                       InteractionMatrix[] otherParts, SplittableRandom rng, String seed) {
        if (!(protocol.candidatePolicy() instanceof CandidatePolicy.SampledNegatives policy)) {
            throw new IllegalArgumentException("protocol has no sampled-negatives policy: " + protocol.describe());
        }
        Objects.requireNonNull(rng, "rng");
        checkSeed(seed);
        int numUsers = heldOut.numRows();
        int numItems = heldOut.numCols();
        InteractionMatrix[] seen = new InteractionMatrix[otherParts.length + 2];
        seen[0] = train;
        seen[1] = heldOut;
        System.arraycopy(otherParts, 0, seen, 2, otherParts.length);
        for (InteractionMatrix m : seen) {
            if (m.numRows() != numUsers || m.numCols() != numItems) {
                throw new IllegalArgumentException("every part must have the held-out shape " + numUsers + "x" + numItems
                        + ", found " + m.numRows() + "x" + m.numCols());
            }
        }
        boolean explicit = heldOut.isExplicit();
        double threshold = protocol.relevanceThreshold();

        long[] weight = new long[numItems];
        if (policy.sampling() == CandidatePolicy.Sampling.UNIFORM) {
            Arrays.fill(weight, 1L);
        } else {
            int[] pop = ListMetrics.itemPopularity(train);
            for (int i = 0; i < numItems; i++) {
                weight[i] = pop[i];
            }
        }
        Fenwick main = new Fenwick(weight);
        Fenwick zeroFill = null; // uniform over zero-weight items, built on first need
        long positiveItems = 0;
        for (long w : weight) {
            positiveItems += w > 0 ? 1 : 0;
        }

        boolean[] seenMask = new boolean[numItems];
        int[] seenList = new int[numItems];
        int[] chosen = new int[Math.min(policy.n(), numItems)];
        int[] userBuf = new int[numUsers];
        int[] ptrBuf = new int[numUsers + 1];
        int[] itemBuf = new int[16];
        int numEvaluated = 0;
        int fill = 0;
        for (int u = 0; u < numUsers; u++) {
            int relevantCount = 0;
            for (int p = heldOut.rowStart(u); p < heldOut.rowEnd(u); p++) {
                if (Evaluator.isRelevant(explicit, heldOut.value(p), threshold)) {
                    relevantCount++;
                }
            }
            if (relevantCount == 0) {
                continue;
            }
            // mark everything u interacted with
            int seenCount = 0;
            long seenPositive = 0;
            for (InteractionMatrix m : seen) {
                for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                    int i = m.col(p);
                    if (!seenMask[i]) {
                        seenMask[i] = true;
                        seenList[seenCount++] = i;
                        seenPositive += weight[i] > 0 ? 1 : 0;
                    }
                }
            }
            for (int s = 0; s < seenCount; s++) {
                main.add(seenList[s], -weight[seenList[s]]);
            }
            int available = numItems - seenCount;
            int target = Math.min(policy.n(), available);
            int fromMain = (int) Math.min(target, positiveItems - seenPositive);
            int c = 0;
            for (; c < fromMain; c++) {
                int i = main.sample(rng.nextLong(main.total()));
                chosen[c] = i;
                main.add(i, -weight[i]);
            }
            for (int t = 0; t < c; t++) {
                main.add(chosen[t], weight[chosen[t]]);
            }
            for (int s = 0; s < seenCount; s++) {
                main.add(seenList[s], weight[seenList[s]]);
            }
            if (c < target) { // popularity sampling ran out of positive-weight items: fill uniformly
                if (zeroFill == null) {
                    long[] z = new long[numItems];
                    for (int i = 0; i < numItems; i++) {
                        z[i] = weight[i] == 0 ? 1 : 0;
                    }
                    zeroFill = new Fenwick(z);
                }
                int removed = 0;
                for (int s = 0; s < seenCount; s++) {
                    if (weight[seenList[s]] == 0) {
                        zeroFill.add(seenList[s], -1);
                    }
                }
                for (; c < target; c++) {
                    int i = zeroFill.sample(rng.nextLong(zeroFill.total()));
                    chosen[c] = i;
                    zeroFill.add(i, -1);
                    removed++;
                }
                for (int t = c - removed; t < c; t++) {
                    zeroFill.add(chosen[t], 1);
                }
                for (int s = 0; s < seenCount; s++) {
                    if (weight[seenList[s]] == 0) {
                        zeroFill.add(seenList[s], 1);
                    }
                }
            }
            for (int s = 0; s < seenCount; s++) {
                seenMask[seenList[s]] = false;
            }
            // candidates = relevant held-out items + negatives, ascending
            int size = relevantCount + c;
            if (fill + size > itemBuf.length) {
                itemBuf = Arrays.copyOf(itemBuf, Math.max(fill + size, itemBuf.length + (itemBuf.length >> 1)));
            }
            int q = fill;
            for (int p = heldOut.rowStart(u); p < heldOut.rowEnd(u); p++) {
                if (Evaluator.isRelevant(explicit, heldOut.value(p), threshold)) {
                    itemBuf[q++] = heldOut.col(p);
                }
            }
            System.arraycopy(chosen, 0, itemBuf, q, c);
            Arrays.sort(itemBuf, fill, fill + size);
            fill += size;
            userBuf[numEvaluated++] = u;
            ptrBuf[numEvaluated] = fill;
        }
        return new CandidateSets(policy, seed, numUsers, numItems, Arrays.copyOf(userBuf, numEvaluated),
                Arrays.copyOf(ptrBuf, numEvaluated + 1), Arrays.copyOf(itemBuf, fill));
    }

    /**
     * Candidate sets given explicitly (e.g. imported from a published protocol, or made by hand in
     * tests). Users must be distinct; each user's items are sorted here and must be distinct,
     * non-empty and in range.
     *
     * @param users      evaluated users
     * @param candidates {@code candidates[j]} = the candidate items of {@code users[j]}
     */
    public static CandidateSets of(CandidatePolicy.SampledNegatives policy, String seed, int numUsers, int numItems,
                                   int[] users, int[][] candidates) {
        Objects.requireNonNull(policy, "policy");
        checkSeed(seed);
        if (users.length != candidates.length) {
            throw new IllegalArgumentException("users and candidates differ in length");
        }
        Integer[] order = new Integer[users.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(users[a], users[b]));
        int[] sortedUsers = new int[users.length];
        int[] ptr = new int[users.length + 1];
        int total = 0;
        for (int[] c : candidates) {
            total += c.length;
        }
        int[] items = new int[total];
        int q = 0;
        for (int j = 0; j < order.length; j++) {
            sortedUsers[j] = users[order[j]];
            int[] c = candidates[order[j]].clone();
            Arrays.sort(c);
            System.arraycopy(c, 0, items, q, c.length);
            q += c.length;
            ptr[j + 1] = q;
        }
        CandidateSets sets = new CandidateSets(policy, seed, numUsers, numItems, sortedUsers, ptr, items);
        sets.validate();
        return sets;
    }

    /** The sampling policy. */
    public CandidatePolicy.SampledNegatives policy() {
        return policy;
    }

    /** How the random stream was seeded, as recorded in the header. */
    public String seed() {
        return seed;
    }

    /** Rows of the matrices the sets were drawn for. */
    public int numUsers() {
        return numUsers;
    }

    /** Columns (target items) of the matrices the sets were drawn for. */
    public int numItems() {
        return numItems;
    }

    /** The evaluated users, ascending (a copy). */
    public int[] users() {
        return users.clone();
    }

    /** The candidates of {@code uidx}, ascending (a copy), or {@code null} if the user has none. */
    public int[] candidates(int uidx) {
        int j = indexOf(uidx);
        return j < 0 ? null : Arrays.copyOfRange(items, ptr[j], ptr[j + 1]);
    }

    /** Position of {@code uidx} among {@link #users()}, negative if absent. */
    int indexOf(int uidx) {
        return Arrays.binarySearch(users, uidx);
    }

    int start(int j) {
        return ptr[j];
    }

    int end(int j) {
        return ptr[j + 1];
    }

    int item(int p) {
        return items[p];
    }

    int numEvaluatedUsers() {
        return users.length;
    }

    /** Largest candidate set. */
    int maxSetSize() {
        int max = 0;
        for (int j = 0; j < users.length; j++) {
            max = Math.max(max, ptr[j + 1] - ptr[j]);
        }
        return max;
    }

    /** Writes the canonical text form (see the class comment). Does not close {@code out}. */
    public void write(OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(MAGIC + "\tpolicy=" + policy.describe() + "\tseed=" + seed + "\tusers=" + numUsers + "\titems=" + numItems
                + "\n");
        for (int j = 0; j < users.length; j++) {
            w.write(Integer.toString(users[j]));
            w.write('\t');
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                if (p > ptr[j]) {
                    w.write(' ');
                }
                w.write(Integer.toString(items[p]));
            }
            w.write('\n');
        }
        w.flush();
    }

    /**
     * Reads the canonical text form written by {@link #write}. Does not close {@code in}.
     *
     * @throws IllegalArgumentException (with the line number) on anything but canonical text
     */
    public static CandidateSets read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String header = r.readLine();
        if (header == null) {
            throw new IllegalArgumentException("line 1: empty input, expected the candidate-set header");
        }
        String[] h = header.split("\t", -1);
        if (h.length != 5 || !h[0].equals(MAGIC) || !h[1].startsWith("policy=") || !h[2].startsWith("seed=")
                || !h[3].startsWith("users=") || !h[4].startsWith("items=")) {
            throw new IllegalArgumentException("line 1: malformed header '" + header + "'");
        }
        CandidatePolicy parsed = CandidatePolicy.parse(h[1].substring("policy=".length()));
        if (!(parsed instanceof CandidatePolicy.SampledNegatives policy)) {
            throw new IllegalArgumentException("line 1: candidate sets need a sampled-negatives policy, found " + h[1]);
        }
        String seed = h[2].substring("seed=".length());
        int numUsers = parseCount(h[3].substring("users=".length()), 1);
        int numItems = parseCount(h[4].substring("items=".length()), 1);
        int[] userBuf = new int[16];
        int[] ptrBuf = new int[17];
        int[] itemBuf = new int[64];
        int n = 0;
        int fill = 0;
        int lineNo = 1;
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException("line " + lineNo + ": expected '<uidx><TAB><items>'");
            }
            if (n == userBuf.length) {
                userBuf = Arrays.copyOf(userBuf, 2 * n);
                ptrBuf = Arrays.copyOf(ptrBuf, 2 * n + 1);
            }
            userBuf[n] = parseCount(line.substring(0, tab), lineNo);
            int len = line.length();
            int pos = tab + 1;
            while (true) {
                int start = pos;
                long v = 0;
                while (pos < len && line.charAt(pos) != ' ') {
                    char ch = line.charAt(pos);
                    if (ch < '0' || ch > '9' || v > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("line " + lineNo + ": bad item at column " + (pos + 1));
                    }
                    v = 10 * v + (ch - '0');
                    pos++;
                }
                if (pos == start || v > Integer.MAX_VALUE || (line.charAt(start) == '0' && pos - start > 1)) {
                    throw new IllegalArgumentException("line " + lineNo + ": item at column " + (start + 1)
                            + " is not a canonical non-negative integer (single spaces between items)");
                }
                if (fill == itemBuf.length) {
                    itemBuf = Arrays.copyOf(itemBuf, 2 * fill);
                }
                itemBuf[fill++] = (int) v;
                if (pos == len) {
                    break;
                }
                pos++; // the single space
                if (pos == len) {
                    throw new IllegalArgumentException("line " + lineNo + ": trailing space");
                }
            }
            n++;
            ptrBuf[n] = fill;
        }
        CandidateSets sets = new CandidateSets(policy, seed, numUsers, numItems, Arrays.copyOf(userBuf, n),
                Arrays.copyOf(ptrBuf, n + 1), Arrays.copyOf(itemBuf, fill));
        sets.validate();
        return sets;
    }

    /** SHA-256 (hex) of the canonical text written by {@link #write}. */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            MessageDigest md = Hashing.sha256();
            try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
                write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // cannot happen: the sink never fails
            }
            f = Hashing.hex(md.digest());
            fingerprint = f;
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CandidateSets c && policy.equals(c.policy) && seed.equals(c.seed) && numUsers == c.numUsers
                && numItems == c.numItems && Arrays.equals(users, c.users) && Arrays.equals(ptr, c.ptr)
                && Arrays.equals(items, c.items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, seed, numUsers, numItems, Arrays.hashCode(users), Arrays.hashCode(items));
    }

    @Override
    public String toString() {
        return "CandidateSets[" + policy.describe() + ", seed=" + seed + ", " + users.length + " users, "
                + items.length + " candidates]";
    }

    private void validate() {
        if (numUsers < 0 || numItems < 0) {
            throw new IllegalArgumentException("negative shape");
        }
        for (int j = 0; j < users.length; j++) {
            int u = users[j];
            if (u < 0 || u >= numUsers || (j > 0 && users[j - 1] >= u)) {
                throw new IllegalArgumentException("users must be distinct, ascending and in [0, " + numUsers
                        + "); found " + u + (j > 0 ? " after " + users[j - 1] : ""));
            }
            if (ptr[j + 1] == ptr[j]) {
                throw new IllegalArgumentException("user " + u + " has no candidates");
            }
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                int i = items[p];
                if (i < 0 || i >= numItems || (p > ptr[j] && items[p - 1] >= i)) {
                    throw new IllegalArgumentException("candidates of user " + u + " must be distinct, ascending and in [0, "
                            + numItems + "); found " + i);
                }
            }
        }
    }

    private static void checkSeed(String seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.indexOf('\t') >= 0 || seed.indexOf('\n') >= 0 || seed.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("seed label must not contain tabs or line breaks");
        }
    }

    /** A canonical non-negative decimal int (no sign, no leading zeros). */
    private static int parseCount(String s, int lineNo) {
        boolean canonical = !s.isEmpty() && s.length() <= 10 && (s.equals("0") || s.charAt(0) != '0');
        for (int i = 0; canonical && i < s.length(); i++) {
            char ch = s.charAt(i);
            canonical = ch >= '0' && ch <= '9';
        }
        long v = canonical ? Long.parseLong(s) : -1;
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("line " + lineNo + ": '" + s + "' is not a canonical non-negative integer");
        }
        return (int) v;
    }

    /**
     * Fenwick (binary indexed) tree over non-negative integer weights: point updates and
     * "which item holds the x-th unit of mass" in {@code O(log n)}.
     */
    private static final class Fenwick {
        private final long[] tree; // 1-based
        private final int n;
        private final int topBit;
        private long total;

        Fenwick(long[] weights) {
            n = weights.length;
            tree = new long[n + 1];
            for (int i = 0; i < n; i++) {
                tree[i + 1] += weights[i];
                int parent = (i + 1) + ((i + 1) & -(i + 1));
                if (parent <= n) {
                    tree[parent] += tree[i + 1];
                }
                total += weights[i];
            }
            topBit = n == 0 ? 0 : Integer.highestOneBit(n);
        }

        long total() {
            return total;
        }

        void add(int item, long delta) {
            total += delta;
            for (int i = item + 1; i <= n; i += i & -i) {
                tree[i] += delta;
            }
        }

        /** The item i with {@code prefix(i-1) <= x < prefix(i)}, for {@code 0 <= x < total}. */
        int sample(long x) {
            int pos = 0;
            long rem = x;
            for (int step = topBit; step > 0; step >>= 1) {
                int next = pos + step;
                if (next <= n && tree[next] <= rem) {
                    pos = next;
                    rem -= tree[next];
                }
            }
            return pos; // 1-based position pos + 1, i.e. 0-based item pos
        }
    }
}
