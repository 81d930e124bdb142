#!/usr/bin/env python3
"""Independent reference values for SignificanceTest and HolmBonferroniTest.

Run from this directory:  python3 significance_reference.py > significance_reference.json
(used with Python 3.11, numpy 2.4.6, scipy 1.17.1; the output is committed beside this script).

Each case gives two aligned vectors (strategy, baseline) and the expected results of
org.rectransfer.reports.Significance computed here WITHOUT the Java code:
  * pairs with NaN on either side are dropped;
  * t-test:   scipy.stats.ttest_rel(strategy, baseline).pvalue (two-sided);
  * Wilcoxon: scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, method=M) with
              M = 'exact' when at most 30 non-zero |d| remain and none are tied, else 'asymptotic'
              (zeros dropped as in Wilcoxon 1945);
  * d_z:      mean(d) / std(d, ddof=1);
  * bootstrap: a re-implementation of java.util.SplittableRandom (SplitMix64, nextInt(bound) as in
              JDK 17 RandomSupport.boundedNextInt) drawing B resamples of the pairs, each mean summed
              in draw order, and numpy.quantile(method='linear') at 0.025 / 0.975;
  * Holm:     a direct implementation of Holm (1979): sort, multiply by (m - j + 1), running max, cap 1.

'report_tiny' is the per-user fixture of MarkdownReportTest / PerUserAnalysisTest (two strategies, two
seeds, fold 0, users missing on either side, NaN values), paired here by (seed, fold, user) in that
sort order, with the bootstrap seed sha256Long("1979|ml|holdout(0.2)|explicit|<label>|<metric>")
(first 8 bytes of SHA-256, big-endian, signed), Holm over the Wilcoxon p-values, and the per-user
means by activity bucket (0, 1-5, 6-20, >20) of target-training and of source interactions.
"""
import hashlib
import json
import sys

import numpy as np
import scipy.stats as st

M64 = (1 << 64) - 1


def i32(x):
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x >= 1 << 31 else x


class SplittableRandom:
    """java.util.SplittableRandom(long seed): nextInt() and nextInt(bound) only."""

    def __init__(self, seed):
        self.seed = seed & M64

    def _next_seed(self):
        self.seed = (self.seed + 0x9E3779B97F4A7C15) & M64
        return self.seed

    def next_int(self):
        z = self._next_seed()
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & M64
        return i32((((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & M64) >> 32)

    def next_int_bounded(self, bound):
        r = self.next_int()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & 0xFFFFFFFF) >> 1
        while True:
            r = u % bound
            if i32(u + m - r) >= 0:
                return r
            u = (self.next_int() & 0xFFFFFFFF) >> 1


def bootstrap_ci(d, resamples, seed):
    if len(d) == 0:
        return [float('nan'), float('nan')]
    rng = SplittableRandom(seed)
    n = len(d)
    means = []
    for _ in range(resamples):
        s = 0.0
        for _ in range(n):
            s += d[rng.next_int_bounded(n)]
        means.append(s / n)
    q = np.quantile(np.array(means), [0.025, 0.975], method='linear')
    return [float(q[0]), float(q[1])]


def holm(p):
    idx = [i for i in range(len(p)) if not np.isnan(p[i])]
    idx.sort(key=lambda i: (p[i], i))
    m = len(idx)
    out = [float('nan')] * len(p)
    running = 0.0
    for j, i in enumerate(idx):
        running = max(running, min(1.0, (m - j) * p[i]))
        out[i] = running
    return out


def sha256_long(text):
    return int.from_bytes(hashlib.sha256(text.encode('utf-8')).digest()[:8], 'big', signed=True)


def analyse(name, strategy, baseline, lower_is_better, resamples, seed):
    s = np.array(strategy, dtype=float)
    b = np.array(baseline, dtype=float)
    keep = ~np.isnan(s - b)
    s, b = s[keep], b[keep]
    d = s - b
    nz = d[d != 0]
    ties = len(np.unique(np.abs(nz))) < len(nz)
    exact = len(nz) <= 30 and not ties
    with np.errstate(all='ignore'):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            t_p = float(st.ttest_rel(s, b).pvalue) if len(d) >= 2 else float('nan')
            if len(nz) > 0:
                w = st.wilcoxon(nz, zero_method='wilcox', correction=True,
                                method='exact' if exact else 'asymptotic')
                w_p = float(w.pvalue)
                w_stat = float(w.statistic)
            else:
                w_p, w_stat = float('nan'), float('nan')
            # the zero-dropping is scipy's own: the full vector gives the same p
            if len(nz) > 0 and len(nz) < len(d):
                w_full = st.wilcoxon(d, zero_method='wilcox', correction=True,
                                     method='exact' if exact else 'asymptotic')
                assert w_full.pvalue == w_p, (name, w_full.pvalue, w_p)
            dz = float(np.mean(d) / np.std(d, ddof=1)) if len(d) >= 2 and np.std(d, ddof=1) > 0 else float('nan')
    mean = float(np.mean(d)) if len(d) else float('nan')
    return {
        'name': name, 'strategy': list(map(float, strategy)), 'baseline': list(map(float, baseline)),
        'lowerIsBetter': lower_is_better, 'resamples': resamples, 'seed': seed,
        'n': int(len(d)), 'droppedNaN': int(len(strategy) - len(d)), 'zeros': int(len(d) - len(nz)),
        'meanDifference': mean, 'tTestP': t_p, 'wilcoxonP': w_p, 'wilcoxonStatistic': w_stat,
        'wilcoxonExact': bool(exact and len(nz) > 0), 'dz': dz,
        'ci': bootstrap_ci(list(map(float, d)), resamples, seed),
    }


NAN = float('nan')
# user: (targetTrain, sourceTrain)
TINY_ACTIVITY = {'u1': (0, 12), 'u2': (3, 0), 'u3': (10, 4), 'u4': (25, 30), 'u5': (0, 7)}
# row label -> seed -> user -> (rmse, ndcg@10)
TINY = {
    'Target-only MF': {
        1: {'u1': (1.20, 0.125), 'u2': (0.90, 0.375), 'u3': (0.80, NAN), 'u4': (0.70, 0.5)},
        2: {'u1': (1.10, 0.0), 'u2': (0.95, 0.25), 'u3': (0.75, 0.5), 'u4': (0.60, 0.625), 'u5': (1.30, 0.125)},
    },
    'CMF | v2': {
        1: {'u1': (1.25, 0.25), 'u2': (0.93, 0.3125), 'u3': (0.87, 0.375), 'u5': (1.40, 0.1875)},
        2: {'u1': (1.12, 0.125), 'u2': (0.99, 0.25), 'u3': (0.84, NAN), 'u4': (0.71, 0.5625), 'u5': (1.45, 0.375)},
    },
}


def bucket(count):
    return 0 if count == 0 else 1 if count <= 5 else 2 if count <= 20 else 3


def report_tiny():
    metrics = ['rmse', 'ndcg@10']
    base = TINY['Target-only MF']
    row = TINY['CMF | v2']
    comparisons = []
    for m, metric in enumerate(metrics):
        keys = sorted({(seed, 0, u) for seed in row for u in row[seed]} & {(seed, 0, u) for seed in base for u in base[seed]})
        s = [row[k[0]][k[2]][m] for k in keys]
        b = [base[k[0]][k[2]][m] for k in keys]
        row_only = sum(1 for seed in row for u in row[seed] if u not in base.get(seed, {}))
        base_only = sum(1 for seed in base for u in base[seed] if u not in row.get(seed, {}))
        seed = sha256_long('1979|ml|holdout(0.2)|explicit|CMF | v2|' + metric)
        c = analyse('CMF | v2 ' + metric, s, b, metric == 'rmse', 2000, seed)
        c['rowOnly'] = row_only
        c['baselineOnly'] = base_only
        c['pairs'] = ['%d/%d/%s' % k for k in keys]
        comparisons.append(c)
    adjusted = holm([c['wilcoxonP'] for c in comparisons])
    for c, a in zip(comparisons, adjusted):
        c['pHolm'] = a
    strata = []
    for label, seeds in TINY.items():
        for m, metric in enumerate(metrics):
            t = [[] for _ in range(4)]
            so = [[] for _ in range(4)]
            for seed in sorted(seeds):
                for u in sorted(seeds[seed]):
                    v = seeds[seed][u][m]
                    if v != v:
                        continue
                    t[bucket(TINY_ACTIVITY[u][0])].append(v)
                    so[bucket(TINY_ACTIVITY[u][1])].append(v)
            strata.append({'label': label, 'metric': metric,
                           'target': [[len(x), sum(x) / len(x) if x else NAN] for x in t],
                           'source': [[len(x), sum(x) / len(x) if x else NAN] for x in so]})
    return {'comparisons': comparisons, 'strata': strata}


def main():
    rng = np.random.default_rng(20240607)
    cases = []
    # A: n = 10, continuous, no ties -> exact
    base = np.round(rng.uniform(0.5, 1.5, 10), 4)
    cases.append(analyse('exact_n10', np.round(base + rng.normal(0.08, 0.1, 10), 4), base, False, 2000, 42))
    # B: 2 zero differences, one NaN on each side, 10 non-zero -> exact after dropping zeros
    base = list(np.round(rng.uniform(0.1, 0.6, 14), 4))
    strat = list(np.round(np.array(base) + rng.normal(-0.03, 0.05, 14), 4))
    strat[3] = base[3]
    strat[8] = base[8]
    strat[5] = float('nan')
    base[11] = float('nan')
    cases.append(analyse('exact_zeros_nan', strat, base, False, 2000, -7))
    # C: n = 40, continuous -> normal approximation; rmse-like, lower is better
    base = np.round(rng.uniform(0.7, 1.3, 40), 5)
    cases.append(analyse('asymptotic_n40', np.round(base - rng.normal(0.02, 0.06, 40), 5), base, True, 2000,
                         1979))
    # D: n = 25, values on a 0.1 grid -> ties and zeros -> normal approximation with tie correction
    base = np.round(rng.uniform(0, 1, 25), 1)
    cases.append(analyse('asymptotic_ties_n25', np.round(np.clip(base + rng.normal(0.05, 0.2, 25), 0, 1), 1), base,
                         False, 500, 3))
    # E: n = 30, no ties -> exact at the limit
    base = np.round(rng.uniform(0.2, 0.4, 30), 6)
    cases.append(analyse('exact_n30', np.round(base + rng.normal(0.004, 0.02, 30), 6), base, False, 1000, 0))
    # F: one pair
    cases.append(analyse('one_pair', [0.5], [0.25], False, 100, 5))
    # G: constant non-zero difference (t-test p = 0, d_z undefined, Wilcoxon with all |d| tied)
    cases.append(analyse('constant_difference', [1.5, 2.5, 3.5, 4.5, 5.5], [1.0, 2.0, 3.0, 4.0, 5.0], False, 200, 9))
    holm_cases = []
    for p in ([0.01, 0.04, 0.03, 0.005], [0.5, 0.6], [float('nan'), 0.02, 0.04], [0.02, 0.02, 0.2, 0.001, 0.9],
              list(np.round(rng.uniform(0, 0.2, 12), 6))):
        holm_cases.append({'p': list(map(float, p)), 'adjusted': holm(list(map(float, p)))})
    json.dump({'cases': cases, 'holm': holm_cases, 'report_tiny': report_tiny()}, sys.stdout, indent=1,
              allow_nan=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
