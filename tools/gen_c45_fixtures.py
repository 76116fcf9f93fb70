"""Reference numbers for the ID3 and C4.5 tests (dev.derive.tree.Id3Test, C45Test).

Run once with /usr/bin/python3 (never in CI); writes derive-models/src/test/resources/fixtures/c45_reference.txt.

Entries:
- u_cf: rows (cf, E, N, U) with U = scipy.stats.beta.ppf(1 - cf, E + 1, N - E), the upper limit of the
  binomial error rate used by C4.5's pessimistic pruning (for E = 0 it equals 1 - cf**(1/N)).
- weather_gain: information gain (bits, scipy.stats.entropy base 2) of outlook, temperature, humidity,
  windy on the 14-row weather (nominal) data (Quinlan 1986, Table 1).
- weather_sunny_gain / weather_rainy_gain: the same on the rows with outlook = sunny / rainy.
- weathernum_root: rows (gain, split_info, threshold) at the root of the weather (numeric) data for C4.5
  with min_samples_leaf 2 and the MDL correction log2(N-1)/W; threshold NaN for categorical features.
- weathermiss_root: the same with outlook of the 12th case (overcast, 72, 90, TRUE) missing, the
  example of Quinlan (1993, ch. 3): gain(outlook) = 0.199, split info 1.809.
- lenses_root: rows (gain, split_info) of the four features at the root of contact-lenses
  (../shared/datasets/small/weka/contact-lenses.csv).
The C4.5 scores are computed here from the formulas (an independent implementation of the documented
rules: gain over known cases scaled by the known fraction, split info with the unknown cases as an extra
branch, midpoint thresholds with at least min(25, max(2, 0.1 K / classes)) known weight per side).
"""
import os
import numpy as np
import pandas as pd
from scipy.stats import beta, entropy
from fixtures_io import FixtureWriter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "derive-models", "src", "test", "resources", "fixtures", "c45_reference.txt")
SHARED = os.path.join(HERE, "..", "..", "shared", "datasets", "small", "weka")
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/datasets/small/weka"

w = FixtureWriter(OUT, __doc__)

rows = []
for cf in (0.25, 0.1, 0.5, 0.05):
    for e, n in [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 5), (1, 6), (2, 6), (3, 4), (5, 100), (37, 500),
                 (0.5, 3.7), (2.3, 10.4), (0.01, 0.5), (0.3846153846153846, 3.3846153846153846)]:
        rows.append([cf, e, n, beta.ppf(1 - cf, e + 1, n - e)])
w.add("u_cf", rows)

NOMINAL = """sunny,hot,high,FALSE,no
sunny,hot,high,TRUE,no
overcast,hot,high,FALSE,yes
rainy,mild,high,FALSE,yes
rainy,cool,normal,FALSE,yes
rainy,cool,normal,TRUE,no
overcast,cool,normal,TRUE,yes
sunny,mild,high,FALSE,no
sunny,cool,normal,FALSE,yes
rainy,mild,normal,FALSE,yes
sunny,mild,normal,TRUE,yes
overcast,mild,high,TRUE,yes
overcast,hot,normal,FALSE,yes
rainy,mild,high,TRUE,no"""
NUMERIC = """sunny,85,85,FALSE,no
sunny,80,90,TRUE,no
overcast,83,86,FALSE,yes
rainy,70,96,FALSE,yes
rainy,68,80,FALSE,yes
rainy,65,70,TRUE,no
overcast,64,65,TRUE,yes
sunny,72,95,FALSE,no
sunny,69,70,FALSE,yes
rainy,75,80,FALSE,yes
sunny,75,70,TRUE,yes
overcast,72,90,TRUE,yes
overcast,81,75,FALSE,yes
rainy,71,91,TRUE,no"""


def table(text):
    return [l.split(",") for l in text.strip().splitlines()]


def info(labels, weights=None):
    labels = np.asarray(labels)
    weights = np.ones(len(labels)) if weights is None else np.asarray(weights, float)
    counts = np.array([weights[labels == c].sum() for c in sorted(set(labels))])
    return entropy(counts, base=2) if counts.sum() > 0 else 0.0


def id3_gain(rows, j):
    y = [r[-1] for r in rows]
    g = info(y)
    for v in sorted(set(r[j] for r in rows)):
        sub = [r[-1] for r in rows if r[j] == v]
        g -= len(sub) / len(rows) * info(sub)
    return g


nom = table(NOMINAL)
w.add("weather_gain", [id3_gain(nom, j) for j in range(4)])
w.add("weather_sunny_gain", [id3_gain([r for r in nom if r[0] == "sunny"], j) for j in range(4)])
w.add("weather_rainy_gain", [id3_gain([r for r in nom if r[0] == "rainy"], j) for j in range(4)])


def split_term(x, total):
    return 0.0 if x <= 0 else -(x / total) * np.log2(x / total)


def c45_score(values, y, wts, categorical, nclasses, min_leaf=2, mdl=True):
    """(gain, split_info, threshold) of one feature; values: list with None for missing."""
    wts = np.asarray(wts, float)
    y = np.asarray(y)
    known = np.array([v is not None for v in values])
    K = wts[known].sum()
    W = wts.sum()
    U = W - K
    yk = y[known]
    wk = wts[known]
    vk = [v for v in values if v is not None]
    base = info(yk, wk)
    if categorical:
        after = 0.0
        split = split_term(U, W)
        for lev in sorted(set(vk)):
            m = np.array([v == lev for v in vk])
            after += wk[m].sum() / K * info(yk[m], wk[m])
            split += split_term(wk[m].sum(), W)
        return K / W * (base - after), split, float("nan")
    vk = np.asarray(vk, float)
    distinct = np.unique(vk)
    min_split = min(25.0, max(min_leaf, 0.1 * K / nclasses))
    best = (-np.inf, None, None)
    for a, b in zip(distinct[:-1], distinct[1:]):
        left = vk <= a
        L, R = wk[left].sum(), wk[~left].sum()
        if L < min_split or R < min_split:
            continue
        g = base - L / K * info(yk[left], wk[left]) - R / K * info(yk[~left], wk[~left])
        if g > best[0]:
            best = (g, (a + b) / 2, L)
    g, t, L = best
    gain = K / W * g
    if mdl:
        gain -= np.log2(len(distinct) - 1) / W
    split = split_term(L, W) + split_term(K - L, W) + split_term(U, W)
    return gain, split, t


def c45_root(rows, categorical):
    y = [r[-1] for r in rows]
    out = []
    for j in range(len(rows[0]) - 1):
        vals = [None if r[j] is None else (r[j] if categorical[j] else float(r[j])) for r in rows]
        out.append(list(c45_score(vals, y, np.ones(len(rows)), categorical[j], len(set(y)))))
    return out


num = table(NUMERIC)
cat = [True, False, False, True]
w.add("weathernum_root", c45_root(num, cat))
miss = [list(r) for r in num]
miss[11][0] = None
w.add("weathermiss_root", c45_root(miss, cat))

lenses = pd.read_csv(os.path.join(SHARED, "contact-lenses.csv"), dtype=str).values.tolist()
w.add("lenses_root", [r[:2] for r in c45_root(lenses, [True] * 4)])
w.save()
print("wrote", OUT)
