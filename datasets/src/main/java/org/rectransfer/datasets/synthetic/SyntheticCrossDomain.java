package org.rectransfer.datasets.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

/**
 * A synthetic source/target rating data set with a known degree of relatedness
 * ({@link SyntheticConfig}).
 *
 * <p>Model, with {@code s = config.factorStd()} so that {@code Var(p.q) = interactionStd^2}:
 * each user has {@code z_u ~ N(0, s^2 I_k)} and {@code a_u ~ N(0, userBiasStd^2)}, and an
 * independent second draw {@code z'_u, a'_u} of the same distributions. Source:
 * {@code p_u = z_u, b_u = a_u}; target: {@code p_u = rho z_u + sqrt(1 - rho^2) z'_u},
 * {@code b_u = rho a_u + sqrt(1 - rho^2) a'_u}. Each domain's items have
 * {@code q_i ~ N(0, s^2 I_k)}, {@code b_i ~ N(0, itemBiasStd^2)}. A rating is
 * {@code clamp(round(globalMean + b_u + b_i + p_u.q_i + N(0, noiseStd^2)), 1, 5)}. A user present
 * in a domain rates {@code min(numItems, 3 + G)} items of it, {@code G} geometric on
 * {0, 1, ...} with mean {@code meanRatingsPerUser - 3}, drawn uniformly without replacement.
 * Which users are in both domains, only the source or only the target is a random partition.
 *
 * <p>Determinism: all randomness comes from {@link SplittableRandom} streams seeded by
 * {@link Hashing#sha256Long} of {@code "<seed>/synthetic/<purpose>"}, one per purpose (roles,
 * user factors per domain, item factors per domain, item selection per domain, noise per
 * domain), and {@link StrictMath}; the same config gives bit-identical data on every JVM.
 * Because streams are per purpose, the source domain does not depend on {@code relatedness},
 * and changing {@code relatedness} alone changes only the target ratings.
 *
 * <p>The users are {@code "1".."numUsers"} (user index {@code u} is id {@code u + 1}); items
 * {@code "1".."numItems"} per domain likewise. The source domain is named {@value #SOURCE}, the
 * target {@value #TARGET}. Thread safety: immutable.
 */
public final class SyntheticCrossDomain {

    public static final String SOURCE = "source";
    public static final String TARGET = "target";

    private final SyntheticConfig config;
    private final CrossDomainData data;
    private final int[] overlapping;
    private final int[] sourceOnly;
    private final int[] targetOnly;

    private SyntheticCrossDomain(SyntheticConfig config, CrossDomainData data, int[] overlapping, int[] sourceOnly,
                                 int[] targetOnly) {
        this.config = config;
        this.data = data;
        this.overlapping = overlapping;
        this.sourceOnly = sourceOnly;
        this.targetOnly = targetOnly;
    }

    /** Generates the data set of {@code config}. */
    public static SyntheticCrossDomain generate(SyntheticConfig config) {
        Objects.requireNonNull(config, "config");
        int n = config.numUsers();
        int k = config.rank();
        double s = config.factorStd();
        double rho = config.relatedness();
        double rest = Math.sqrt(1.0 - rho * rho);

        // Roles: a random permutation of user indices, cut into both / source-only / target-only.
        int[] perm = identity(n);
        SplittableRandom roles = stream(config, "roles");
        for (int i = n - 1; i > 0; i--) {
            swap(perm, i, roles.nextInt(i + 1));
        }
        int nb = config.numOverlappingUsers();
        int ns = config.numSourceOnlyUsers();
        int[] both = sorted(Arrays.copyOfRange(perm, 0, nb));
        int[] srcOnly = sorted(Arrays.copyOfRange(perm, nb, nb + ns));
        int[] tgtOnly = sorted(Arrays.copyOfRange(perm, nb + ns, n));

        // User factors: z, a for the source; z', a' mixed in for the target.
        double[] pS = new double[n * k];
        double[] bS = new double[n];
        Gaussian g = new Gaussian(stream(config, "users-source"));
        for (int u = 0; u < n; u++) {
            for (int f = 0; f < k; f++) {
                pS[u * k + f] = s * g.next();
            }
            bS[u] = config.userBiasStd() * g.next();
        }
        double[] pT = new double[n * k];
        double[] bT = new double[n];
        g = new Gaussian(stream(config, "users-target"));
        for (int u = 0; u < n; u++) {
            for (int f = 0; f < k; f++) {
                pT[u * k + f] = rho * pS[u * k + f] + rest * s * g.next();
            }
            bT[u] = rho * bS[u] + rest * config.userBiasStd() * g.next();
        }

        IdIndex users = IdIndex.of(decimalIds(n));
        boolean[] inSource = new boolean[n];
        boolean[] inTarget = new boolean[n];
        for (int u : both) {
            inSource[u] = true;
            inTarget[u] = true;
        }
        for (int u : srcOnly) {
            inSource[u] = true;
        }
        for (int u : tgtOnly) {
            inTarget[u] = true;
        }
        DomainData source = domain(config, SOURCE, users, inSource, pS, bS, config.numSourceItems(),
                config.meanSourceRatingsPerUser());
        DomainData target = domain(config, TARGET, users, inTarget, pT, bT, config.numTargetItems(),
                config.meanTargetRatingsPerUser());
        return new SyntheticCrossDomain(config, new CrossDomainData(users, List.of(source), target), both, srcOnly,
                tgtOnly);
    }

    private static DomainData domain(SyntheticConfig c, String name, IdIndex users, boolean[] present, double[] p,
                                     double[] bu, int m, double meanRatings) {
        int k = c.rank();
        double s = c.factorStd();
        double[] q = new double[m * k];
        double[] bi = new double[m];
        Gaussian g = new Gaussian(stream(c, "items-" + name));
        for (int i = 0; i < m; i++) {
            for (int f = 0; f < k; f++) {
                q[i * k + f] = s * g.next();
            }
            bi[i] = c.itemBiasStd() * g.next();
        }
        SplittableRandom select = stream(c, "select-" + name);
        Gaussian noise = new Gaussian(stream(c, "noise-" + name));
        double extraMean = meanRatings - 3.0;
        double logFail = extraMean > 0 ? StrictMath.log(extraMean / (1.0 + extraMean)) : 0.0;
        int[] items = identity(m);
        InteractionMatrix.Builder b = InteractionMatrix.builder(users.size(), m, true, false);
        for (int u = 0; u < users.size(); u++) {
            if (!present[u]) {
                continue;
            }
            long extra = 0;
            if (extraMean > 0) {
                double draw = StrictMath.floor(StrictMath.log(1.0 - select.nextDouble()) / logFail);
                extra = (long) Math.min(draw, m);
            }
            int count = (int) Math.min(m, 3 + extra);
            for (int j = 0; j < count; j++) {
                swap(items, j, j + select.nextInt(m - j));
                int i = items[j];
                double dot = 0;
                for (int f = 0; f < k; f++) {
                    dot += p[u * k + f] * q[i * k + f];
                }
                double raw = c.globalMean() + bu[u] + bi[i] + dot + c.noiseStd() * noise.next();
                long r = Math.max(1, Math.min(5, Math.round(raw)));
                b.add(u, i, (float) r);
            }
        }
        InteractionMatrix matrix = b.build(DuplicatePolicy.ERROR);
        IdIndex itemIndex = IdIndex.of(decimalIds(m));
        String fingerprint = Hashing.sha256Hex("synthetic:" + c + "|domain:" + name + "|content:"
                + DomainData.contentFingerprint(users, itemIndex, matrix));
        return new DomainData(name, itemIndex, matrix, fingerprint);
    }

    private static SplittableRandom stream(SyntheticConfig c, String purpose) {
        return new SplittableRandom(Hashing.sha256Long(c.seed() + "/synthetic/" + purpose));
    }

    /** {@code "1".."n"}: IdIndex sorts them numerically, so index {@code i} is id {@code i + 1}. */
    private static List<String> decimalIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    public SyntheticConfig config() {
        return config;
    }

    public CrossDomainData data() {
        return data;
    }

    /** Indices of the users present in both domains (ground truth), increasing. */
    public int[] overlappingUsers() {
        return overlapping.clone();
    }

    /** Indices of the users present only in the source, increasing. */
    public int[] sourceOnlyUsers() {
        return sourceOnly.clone();
    }

    /** Indices of the users present only in the target, increasing. */
    public int[] targetOnlyUsers() {
        return targetOnly.clone();
    }
}
