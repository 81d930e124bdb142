package org.rectransfer.datasets.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.DuplicatePolicy;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;
import org.rectransfer.datasets.DelimitedFormat;

/**
 * A multi-source synthetic data set ({@link MultiDomainConfig}) generated user by user, so it can
 * be streamed ({@link #generate(Sink)}, {@link #writeTsv(Path)}) at sizes far beyond what the
 * in-memory path needs, or materialised ({@link #toCrossDomainData()}).
 *
 * <p>Model ({@code s = config.factorStd()}, {@code k = rank}): each user has a core taste
 * {@code z_u ~ N(0, s^2 I_k)}, bias {@code a_u ~ N(0, userBiasStd^2)}, activity multiplier
 * {@code exp(sigma g_u - sigma^2/2)} with {@code g_u ~ N(0, 1)} and start time. The target
 * uses {@code p_u = z_u}, {@code b_u = a_u}; source {@code d} with relatedness {@code rho_d}
 * uses {@code p_u = rho_d z_u + sqrt(1 - rho_d^2) z'_u}, {@code b_u} likewise, with an independent
 * {@code z'_u, a'_u} per source. So a source is correlated {@code rho_d} with the target and two
 * sources {@code rho_a rho_b} with each other: negative transfer can be studied per source.
 * Items of each domain have {@code q_i ~ N(0, s^2 I_k)}, {@code b_i ~ N(0, itemBiasStd^2)} and a
 * random popularity rank. A user is present in a domain with probability {@code presence};
 * a present user makes {@code c = min(numItems, 3 + G)} draws ({@code G} geometric, mean
 * {@code (meanPerUser - 3) * activity}) of items by popularity rank {@code r} with weight
 * {@code (r + 1)^-popularityExponent}, redrawing repeats, until it has {@code c} distinct items or
 * has made {@code 4c + 16} draws (so under strong skew a user asking for most of the catalogue
 * may get fewer). Each distinct item gets the rating
 * {@code clamp(round(globalMean + b_u + b_i + p_u.q_i + N(0, noiseStd^2)), 1, 5)}; implicit output
 * keeps the items whose rating is {@code >= implicitThreshold}, without values. Timestamps (epoch
 * seconds): the user's start time is uniform in {@code [START_EPOCH_SECOND, START_EPOCH_SECOND + START_SPAN_SECONDS)}
 * and in each domain the user's successive draws add gaps of {@code 1 + floor(Exp(MEAN_GAP_SECONDS))}
 * seconds, so a user's timestamps in a domain strictly increase in generation order.
 *
 * <p>Determinism: users are generated in blocks of {@value #BLOCK} users; block {@code b} draws
 * from {@link SplittableRandom}s seeded by {@link Hashing#sha256Long} of
 * {@code "<seed>/multi/users/<b>"} and {@code "<seed>/multi/domain/<name>/<b>"}; items from
 * {@code "<seed>/multi/items/<name>"} and {@code "<seed>/multi/popularity/<name>"}; all math
 * through {@link StrictMath}. The same config gives bit-identical output on every JVM, and
 * every draw happens whatever the relatedness, feedback type or timestamp flag, so changing one
 * source's relatedness changes only that source's values.
 *
 * <p>Memory: the item tables ({@code numItems * (rank + 3)} numbers per domain) plus, for
 * streaming, nothing per interaction. Ids: users {@code "1".."numUsers"} (index {@code u} is id
 * {@code u + 1}), items likewise per domain. Thread safety: immutable; each call generates anew.
 */
public final class MultiDomainSynthetic {

    /** Users per block of derived random streams. */
    public static final int BLOCK = 1024;
    /** Earliest start time (2017-07-14), epoch seconds. */
    public static final long START_EPOCH_SECOND = 1_500_000_000L;
    /** Start times are spread over this many seconds (one year). */
    public static final long START_SPAN_SECONDS = 365L * 24 * 3600;
    /** Mean gap between a user's successive interactions in a domain (one day). */
    public static final double MEAN_GAP_SECONDS = 24 * 3600;

    /** Receives the generated interactions, in generation order. */
    @FunctionalInterface
    public interface Sink {
        /**
         * One interaction: {@code domain} indexes {@link MultiDomainConfig#domains()} (sources then
         * target), {@code user} and {@code item} are 0-based indices, {@code value} the rating (1
         * for implicit output), {@code timestamp} epoch seconds (0 without timestamps). Calls come
         * in increasing user order; within a user, domain by domain in order; within a (user,
         * domain), in strictly increasing timestamp order.
         */
        void accept(int domain, int user, int item, float value, long timestamp);
    }

    private final MultiDomainConfig config;
    private final List<MultiDomainConfig.Domain> domains;
    private final double[] rho;
    private final double[][] q;
    private final double[][] bi;
    private final double[][] cdf;
    private final int[][] itemOfRank;

    private MultiDomainSynthetic(MultiDomainConfig config) {
        this.config = config;
        this.domains = config.domains();
        int nd = domains.size();
        rho = new double[nd];
        for (int d = 0; d < nd; d++) {
            rho[d] = d < config.sources().size() ? config.sources().get(d).relatedness() : 1.0;
        }
        q = new double[nd][];
        bi = new double[nd][];
        cdf = new double[nd][];
        itemOfRank = new int[nd][];
        int k = config.rank();
        double s = config.factorStd();
        for (int d = 0; d < nd; d++) {
            MultiDomainConfig.Domain dom = domains.get(d);
            int m = dom.numItems();
            q[d] = new double[m * k];
            bi[d] = new double[m];
            Gaussian g = new Gaussian(stream("items/" + dom.name()));
            for (int i = 0; i < m; i++) {
                for (int f = 0; f < k; f++) {
                    q[d][i * k + f] = s * g.next();
                }
                bi[d][i] = config.itemBiasStd() * g.next();
            }
            int[] perm = new int[m];
            for (int i = 0; i < m; i++) {
                perm[i] = i;
            }
            SplittableRandom pr = stream("popularity/" + dom.name());
            for (int i = m - 1; i > 0; i--) {
                int j = pr.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            itemOfRank[d] = perm;
            double[] c = new double[m];
            double total = 0;
            for (int r = 0; r < m; r++) {
                total += config.popularityExponent() == 0 ? 1.0 : StrictMath.pow(r + 1.0, -config.popularityExponent());
                c[r] = total;
            }
            for (int r = 0; r < m; r++) {
                c[r] /= total;
            }
            c[m - 1] = 1.0;
            cdf[d] = c;
        }
    }

    /** The generator of {@code config} (builds the item tables; no interaction is generated yet). */
    public static MultiDomainSynthetic of(MultiDomainConfig config) {
        return new MultiDomainSynthetic(Objects.requireNonNull(config, "config"));
    }

    public MultiDomainConfig config() {
        return config;
    }

    private SplittableRandom stream(String purpose) {
        return new SplittableRandom(Hashing.sha256Long(config.seed() + "/multi/" + purpose));
    }

    /** Streams every interaction to {@code sink}; see {@link Sink} for the order. */
    public void generate(Sink sink) {
        Objects.requireNonNull(sink, "sink");
        int n = config.numUsers();
        int k = config.rank();
        int nd = domains.size();
        double s = config.factorStd();
        double sigma = config.activitySigma();
        double[] z = new double[k];
        double[] p = new double[k];
        int[][] seenBy = new int[nd][];
        for (int d = 0; d < nd; d++) {
            seenBy[d] = new int[domains.get(d).numItems()];
            java.util.Arrays.fill(seenBy[d], -1);
        }
        int[] chosen = new int[16];
        for (int block = 0; block * (long) BLOCK < n; block++) {
            Gaussian core = new Gaussian(stream("users/" + block));
            SplittableRandom coreRng = stream("users/" + block + "/uniform");
            SplittableRandom[] rng = new SplittableRandom[nd];
            Gaussian[] gauss = new Gaussian[nd];
            for (int d = 0; d < nd; d++) {
                rng[d] = stream("domain/" + domains.get(d).name() + "/" + block);
                gauss[d] = new Gaussian(stream("domain/" + domains.get(d).name() + "/" + block + "/gaussian"));
            }
            int end = (int) Math.min(n, (block + 1L) * BLOCK);
            for (int u = block * BLOCK; u < end; u++) {
                for (int f = 0; f < k; f++) {
                    z[f] = s * core.next();
                }
                double a = config.userBiasStd() * core.next();
                double activity = StrictMath.exp(sigma * core.next() - sigma * sigma / 2);
                long start = START_EPOCH_SECOND + (long) (coreRng.nextDouble() * START_SPAN_SECONDS);
                for (int d = 0; d < nd; d++) {
                    MultiDomainConfig.Domain dom = domains.get(d);
                    SplittableRandom r = rng[d];
                    Gaussian g = gauss[d];
                    boolean present = r.nextDouble() < dom.presence();
                    if (!present) {
                        continue;
                    }
                    double rest = StrictMath.sqrt(1.0 - rho[d] * rho[d]);
                    for (int f = 0; f < k; f++) {
                        p[f] = rho[d] * z[f] + rest * s * g.next();
                    }
                    double bu = rho[d] * a + rest * config.userBiasStd() * g.next();
                    int m = dom.numItems();
                    double extraMean = (dom.meanPerUser() - 3.0) * activity;
                    long extra = 0;
                    if (extraMean > 0) {
                        double logFail = StrictMath.log(extraMean / (1.0 + extraMean));
                        double draw = StrictMath.floor(StrictMath.log(1.0 - r.nextDouble()) / logFail);
                        extra = (long) Math.min(draw, m);
                    } else {
                        r.nextDouble();
                    }
                    int count = (int) Math.min(m, 3 + extra);
                    if (chosen.length < count) {
                        chosen = new int[Math.max(count, chosen.length * 2)];
                    }
                    int got = 0;
                    long maxDraws = 4L * count + 16;
                    for (long t = 0; t < maxDraws && got < count; t++) {
                        int item = itemOfRank[d][rank(cdf[d], r.nextDouble())];
                        if (seenBy[d][item] != u) {
                            seenBy[d][item] = u;
                            chosen[got++] = item;
                        }
                    }
                    long ts = start;
                    for (int j = 0; j < got; j++) {
                        int i = chosen[j];
                        double dot = 0;
                        for (int f = 0; f < k; f++) {
                            dot += p[f] * q[d][i * k + f];
                        }
                        double raw = config.globalMean() + bu + bi[d][i] + dot + config.noiseStd() * g.next();
                        long rating = Math.max(1, Math.min(5, Math.round(raw)));
                        ts += 1 + (long) StrictMath.floor(-MEAN_GAP_SECONDS * StrictMath.log(1.0 - r.nextDouble()));
                        long stamp = config.timestamps() ? ts : 0L;
                        if (config.explicit()) {
                            sink.accept(d, u, i, (float) rating, stamp);
                        } else if (rating >= config.implicitThreshold()) {
                            sink.accept(d, u, i, 1f, stamp);
                        }
                    }
                }
            }
        }
    }

    /** Smallest rank {@code r} with {@code cdf[r] > x}. */
    private static int rank(double[] cdf, double x) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * The data set in memory: one domain per {@link MultiDomainConfig#domains()} entry, named as
     * configured, over the user index {@code "1".."numUsers"} (users absent from every domain are
     * empty rows). Domain fingerprint:
     * {@code SHA-256("multi-synthetic:" + config + "|domain:" + name + "|content:" + contentFingerprint)}.
     */
    public CrossDomainData toCrossDomainData() {
        int nd = domains.size();
        int n = config.numUsers();
        InteractionMatrix.Builder[] b = new InteractionMatrix.Builder[nd];
        for (int d = 0; d < nd; d++) {
            b[d] = InteractionMatrix.builder(n, domains.get(d).numItems(), config.explicit(), config.timestamps());
        }
        generate((d, u, i, v, t) -> b[d].add(u, i, v, t));
        IdIndex users = IdIndex.of(decimalIds(n));
        List<DomainData> out = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            MultiDomainConfig.Domain dom = domains.get(d);
            InteractionMatrix m = b[d].build(DuplicatePolicy.ERROR);
            b[d] = null;
            IdIndex items = IdIndex.of(decimalIds(dom.numItems()));
            String fp = Hashing.sha256Hex("multi-synthetic:" + config + "|domain:" + dom.name() + "|content:"
                    + DomainData.contentFingerprint(users, items, m));
            out.add(new DomainData(dom.name(), items, m, fp));
        }
        return new CrossDomainData(users, out.subList(0, nd - 1), out.get(nd - 1));
    }

    /**
     * The format of the files {@link #writeTsv} writes: tab-separated {@code user item rating} (explicit)
     * or {@code user item} (implicit), then {@code timestamp} if configured; no header; duplicates
     * are errors (there are none).
     */
    public DelimitedFormat tsvFormat() {
        int cols = (config.explicit() ? 3 : 2) + (config.timestamps() ? 1 : 0);
        DelimitedFormat f = DelimitedFormat.of("\t", cols, 0, 1, config.explicit() ? 2 : -1);
        return config.timestamps() ? f.withTimestampColumn(cols - 1) : f;
    }

    /**
     * Streams the data set into {@code <name>.tsv} in {@code directory} (created if needed), one
     * file per domain in {@link #tsvFormat()}, with raw ids ({@code index + 1}); nothing per
     * interaction is kept in memory. A domain nobody is present in gets an empty file.
     *
     * @return domain name to file, sources in order then the target
     */
    public Map<String, Path> writeTsv(Path directory) throws IOException {
        Files.createDirectories(directory);
        int nd = domains.size();
        Map<String, Path> files = new LinkedHashMap<>();
        Writer[] w = new Writer[nd];
        try {
            for (int d = 0; d < nd; d++) {
                Path f = directory.resolve(domains.get(d).name() + ".tsv");
                files.put(domains.get(d).name(), f);
                w[d] = new BufferedWriter(Files.newBufferedWriter(f, StandardCharsets.UTF_8), 1 << 16);
            }
            StringBuilder line = new StringBuilder(64);
            try {
                generate((d, u, i, v, t) -> {
                    line.setLength(0);
                    line.append(u + 1).append('\t').append(i + 1);
                    if (config.explicit()) {
                        line.append('\t').append((int) v);
                    }
                    if (config.timestamps()) {
                        line.append('\t').append(t);
                    }
                    line.append('\n');
                    try {
                        w[d].append(line);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } finally {
            IOException first = null;
            for (Writer writer : w) {
                if (writer != null) {
                    try {
                        writer.close();
                    } catch (IOException e) {
                        first = first == null ? e : first;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
        return files;
    }

    /** The number of interactions per domain (sources in order, then the target), by streaming. */
    public long[] countInteractions() {
        long[] c = new long[domains.size()];
        generate((d, u, i, v, t) -> c[d]++);
        return c;
    }

    private static List<String> decimalIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }
}
