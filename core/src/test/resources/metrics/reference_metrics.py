#!/usr/bin/env python3
"""Independent reference values for org.rectransfer.core.metrics (ReferenceMetricsTest).

Usage (from this directory):
    python3 reference_metrics.py --generate   # (re)writes reference_fixture.txt and reference_candidates.tsv
    python3 reference_metrics.py              # reads them, writes reference_expected.txt

Everything here is computed from the metric definitions with numpy/scipy and deliberately by
other algorithms than the Java code: a full sort by (score descending, item ascending) instead of
heap selection, AUC from scipy's mid-ranks (Mann-Whitney) instead of binary searches among sorted
positives, Gini from the pairwise mean absolute difference instead of the sorted-rank formula,
cosine from dense columns instead of sparse merges, F1 as 2PR/(P+R) instead of 2h/(k+|R|).
Only numpy and scipy are needed. The fixture is generated once with a fixed seed and committed;
the expected file is the committed output of the second command.
"""
import math
import sys

import numpy as np
from scipy.stats import rankdata

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
FIXTURE = HERE + "/reference_fixture.txt"
CANDIDATES = HERE + "/reference_candidates.tsv"
EXPECTED = HERE + "/reference_expected.txt"

USERS, ITEMS = 20, 30
CUTOFFS = [1, 3, 5, 10, 40]
THRESHOLD = 4.0
LO, HI = 1.0, 5.0
NEGATIVES = 8


def generate():
    rng = np.random.default_rng(20240601)
    scores = rng.integers(0, 25, size=(USERS, ITEMS)) * 0.25  # quarter grid in [0, 6]: many ties, exact in float32
    scores[2, :] = 3.0                                         # user 2: every score tied
    train = {}
    held = {}
    for u in range(USERS):
        tr, ho = {}, {}
        for i in range(ITEMS):
            x = rng.random()
            if x < 0.15:
                ho[i] = int(rng.integers(1, 6))
            elif x < 0.45 and i != 29:                          # item 29 never in training: pop 0
                tr[i] = int(rng.integers(1, 6))
        train[u], held[u] = tr, ho
    held[0] = {}                                                # user 0: no held-out data
    held[1] = {i: int(rng.integers(1, 4)) for i in (3, 7, 11)}  # user 1: nothing relevant -> skipped
    for i in (3, 7, 11):
        train[1].pop(i, None)
    train[3] = {i: int(rng.integers(1, 6)) for i in range(25)}  # user 3: no non-relevant candidate -> AUC NaN
    held[3] = {i: 5 for i in range(25, 30)}
    with open(FIXTURE, "w") as f:
        f.write("# RecTransfer metrics fixture, written by reference_metrics.py --generate (numpy seed 20240601)\n")
        f.write("# score <u> <30 scores>; train/heldout <u> <item>:<rating> ...\n")
        f.write(f"users {USERS}\nitems {ITEMS}\ncutoffs {' '.join(map(str, CUTOFFS))}\n")
        f.write(f"threshold {THRESHOLD}\nrange {LO} {HI}\n")
        for u in range(USERS):
            f.write(f"score {u} " + " ".join(repr(float(s)) for s in scores[u]) + "\n")
        for name, d in (("train", train), ("heldout", held)):
            for u in range(USERS):
                f.write(f"{name} {u}" + "".join(f" {i}:{r}" for i, r in sorted(d[u].items())) + "\n")
    # sampled candidates: relevant held-out items + NEGATIVES uniform items the user never touched
    lines = [f"#rectransfer-candidates v1\tpolicy=sampled-negatives(n={NEGATIVES},sampling=uniform)"
             f"\tseed=numpy-20240602\tusers={USERS}\titems={ITEMS}"]
    crng = np.random.default_rng(20240602)
    for u in range(USERS):
        rel = [i for i, r in held[u].items() if r >= THRESHOLD]
        if not rel:
            continue
        avail = [i for i in range(ITEMS) if i not in train[u] and i not in held[u]]
        neg = list(crng.choice(avail, size=min(NEGATIVES, len(avail)), replace=False)) if avail else []
        lines.append(f"{u}\t" + " ".join(str(int(i)) for i in sorted(rel + neg)))
    with open(CANDIDATES, "w") as f:
        f.write("\n".join(lines) + "\n")


def read_fixture():
    scores = np.zeros((USERS, ITEMS))
    train = np.full((USERS, ITEMS), np.nan)
    held = np.full((USERS, ITEMS), np.nan)
    with open(FIXTURE) as f:
        for line in f:
            if line.startswith("#"):
                continue
            t = line.split()
            if t[0] == "score":
                scores[int(t[1])] = [float(x) for x in t[2:]]
            elif t[0] in ("train", "heldout"):
                m = train if t[0] == "train" else held
                for e in t[2:]:
                    i, r = e.split(":")
                    m[int(t[1]), int(i)] = float(r)
    cands = {}
    with open(CANDIDATES) as f:
        next(f)
        for line in f:
            u, items = line.rstrip("\n").split("\t")
            cands[int(u)] = [int(i) for i in items.split(" ")]
    return scores, train, held, cands


def fmt(x):
    return "NaN" if isinstance(x, float) and math.isnan(x) else repr(float(x))


def evaluate(scores, train, held, candidates_of, out, tag):
    has_train = ~np.isnan(train)
    pop = has_train.sum(axis=0)
    n_train_users = int(has_train.any(axis=1).sum())
    # cosine over training rating columns (0 for empty cells), 0 for a zero column, 1 on the diagonal
    x = np.nan_to_num(train, nan=0.0)
    norms = np.sqrt((x * x).sum(axis=0))
    sim = np.zeros((ITEMS, ITEMS))
    for a in range(ITEMS):
        for b in range(ITEMS):
            if norms[a] > 0 and norms[b] > 0:
                sim[a, b] = 1.0 if a == b else min(1.0, max(-1.0, float(x[:, a] @ x[:, b]) / (norms[a] * norms[b])))
    users = [u for u in range(USERS) if (~np.isnan(held[u])).any()]
    per_user = {}
    lists = {}
    se = ae = 0.0
    n_ratings = 0

    def put(name, u, v):
        per_user.setdefault(name, {})[u] = v

    for u in users:
        ho = ~np.isnan(held[u])
        pred = np.clip(scores[u], LO, HI)
        err = pred[ho] - held[u][ho]
        se += float((err ** 2).sum())
        ae += float(np.abs(err).sum())
        n_ratings += int(ho.sum())
        put("rmse", u, math.sqrt(float((err ** 2).mean())))
        put("mae", u, float(np.abs(err).mean()))
        rel = set(np.where(ho & (held[u] >= THRESHOLD))[0].tolist())
        names = [f"{m}@{k}" for k in CUTOFFS for m in ("precision", "recall", "f1", "ndcg", "map", "mrr", "hr",
                                                      "novelty", "ild")] + ["auc"]
        if not rel:
            for name in names:
                put(name, u, float("nan"))
            continue
        cand = candidates_of(u)
        order = sorted(cand, key=lambda i: (-scores[u, i], i))
        lists[u] = order
        for k in CUTOFFS:
            top = order[:k]
            hit = [1 if i in rel else 0 for i in top]
            h = sum(hit)
            p = h / k
            r = h / len(rel)
            put(f"precision@{k}", u, p)
            put(f"recall@{k}", u, r)
            put(f"f1@{k}", u, 0.0 if p + r == 0 else 2 * p * r / (p + r))
            dcg = sum(g / math.log2(j + 2) for j, g in enumerate(hit))
            idcg = sum(1 / math.log2(j + 2) for j in range(min(k, len(rel))))
            put(f"ndcg@{k}", u, dcg / idcg)
            ap = sum(sum(hit[:j + 1]) / (j + 1) for j in range(len(hit)) if hit[j])
            put(f"map@{k}", u, ap / min(k, len(rel)))
            first = next((j for j, g in enumerate(hit) if g), None)
            put(f"mrr@{k}", u, 0.0 if first is None else 1 / (first + 1))
            put(f"hr@{k}", u, 1.0 if h > 0 else 0.0)
            put(f"novelty@{k}", u, float(np.mean([-math.log2(max(pop[i], 1) / n_train_users) for i in top]))
                if top else float("nan"))
            pairs = [(a, b) for j, a in enumerate(top) for b in top[j + 1:]]
            put(f"ild@{k}", u, float(np.mean([1 - sim[a, b] for a, b in pairs])) if pairs else float("nan"))
        s = np.array([scores[u, i] for i in cand])
        pos = np.array([i in rel for i in cand])
        n_pos, n_neg = int(pos.sum()), int((~pos).sum())
        if n_pos == 0 or n_neg == 0:
            put("auc", u, float("nan"))
        else:
            ranks = rankdata(s)  # mid-ranks for ties
            put("auc", u, (ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
    means = {"rmse": math.sqrt(se / n_ratings), "mae": ae / n_ratings}
    for name, vals in per_user.items():
        if name in means:
            continue
        v = [vals[u] for u in users if not math.isnan(vals[u])]
        means[name] = float(np.mean(v)) if v else float("nan")
    for k in CUTOFFS:
        counts = np.zeros(ITEMS)
        for lst in lists.values():
            for i in lst[:k]:
                counts[i] += 1
        means[f"coverage@{k}"] = float((counts > 0).sum()) / ITEMS
        diffs = np.abs(counts[:, None] - counts[None, :]).sum()
        means[f"gini@{k}"] = float(diffs / (2 * (ITEMS - 1) * counts.sum()))
    for name in sorted(means):
        out.append(f"{tag} mean {name} {fmt(means[name])}")
    for name in sorted(per_user):
        for u in users:
            out.append(f"{tag} user {u} {name} {fmt(per_user[name][u])}")
    out.append(f"{tag} count rankedUsers {len(lists)}")
    out.append(f"{tag} count skippedUsers {len(users) - len(lists)}")


def main():
    if "--generate" in sys.argv:
        generate()
        return
    scores, train, held, cands = read_fixture()
    out = ["# expected values for ReferenceMetricsTest, written by reference_metrics.py from reference_fixture.txt",
           "# <full|sampled> mean <metric> <value> | <full|sampled> user <uidx> <metric> <value> | <...> count <name> <n>",
           f"# numpy {np.__version__}"]
    excluded = ~np.isnan(train)
    evaluate(scores, train, held, lambda u: [i for i in range(ITEMS) if not excluded[u, i]], out, "full")
    evaluate(scores, train, held, lambda u: cands[u], out, "sampled")
    with open(EXPECTED, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
