"""Reference CART trees with categorical splits found by brute force, for CartCategoricalRealTest.

scikit-learn 1.2.1 has no categorical CART (and R's rpart is not installed here), so the reference is
this script's own exhaustive search: at each node, for every categorical feature, every binary partition
of the groups "level c" (for the m levels present in the node) and "missing" (if any): 2^(g-1) - 1
partitions of the g groups, i.e. every subset of levels with the missing rows on either side, scored by the
weighted child impurity W_L I_L + W_R I_R;
the best one wins (both children must hold a row). Trees of depth 1-2 are grown this way and written as
  <case>_leaf        the leaf of each training row, numbered by first appearance in row order
                     (the tree's orientation, left/right, is arbitrary; the row partition is not)
  <case>_gain        the internal nodes' improvements (W_node I_node - W_L I_L - W_R I_R) / W_root, sorted
  <case>_margin      per internal node, the gap to the best partition that differs (checks no tie decides)
Run once with /usr/bin/python3 (numpy 1.24, pandas); never in CI.
"""
import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(__file__))
from fixtures_io import FixtureWriter  # noqa: E402

DATA = "/work/shared/datasets/"
OUT = os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures",
                   "cart_categorical_bruteforce.txt")


def codes(col):
    """Level codes (distinct values sorted), NaN for missing; the encoding does not matter for the partitions."""
    vals = sorted(col.dropna().unique(), key=lambda v: str(v))
    m = {v: i for i, v in enumerate(vals)}
    return np.array([np.nan if pd.isna(v) else m[v] for v in col], dtype=float)


def impurity(st, crit):
    if crit == "squared_error":
        W, S, Q = st
        return Q / W - (S / W) ** 2
    W = st.sum()
    p = st / W
    if crit == "gini":
        return 1.0 - (p * p).sum()
    p = p[p > 0]
    return -(p * np.log2(p)).sum()


def stats(rows, y, w, crit, k):
    if crit == "squared_error":
        return np.array([w[rows].sum(), (w[rows] * y[rows]).sum(), (w[rows] * y[rows] ** 2).sum()])
    return np.bincount(y[rows], weights=w[rows], minlength=k).astype(float)


def best_split(X, y, w, rows, crit, k):
    """All partitions of every feature: returns (score, feature, left-row mask) of the best and the best different score."""
    cands = []
    for f in range(X.shape[1]):
        v = X[rows, f]
        miss = np.isnan(v)
        levels = sorted(set(v[~miss].astype(int)))
        elems = levels + (["miss"] if miss.any() else [])
        m = len(elems)
        if m < 2:
            continue
        groups = [rows[(~miss) & (v == c)] for c in levels] + ([rows[miss]] if miss.any() else [])
        gst = [stats(g, y, w, crit, k) for g in groups]
        total = sum(gst)
        # canonical: the side holding element 0 (so each partition once)
        for mask in range(0, 1 << (m - 1)):
            sel = [0] + [b + 1 for b in range(m - 1) if mask >> b & 1]
            if len(sel) == m:
                continue
            left = sum(gst[i] for i in sel)
            right = total - left
            wl = left[0] if crit == "squared_error" else left.sum()
            wr = right[0] if crit == "squared_error" else right.sum()
            nl = sum(len(groups[i]) for i in sel)
            if nl == 0 or nl == len(rows):
                continue
            score = wl * impurity(left, crit) + wr * impurity(right, crit)
            inleft = np.zeros(len(rows), bool)
            for i in sel:
                if elems[i] == "miss":
                    inleft |= miss
                else:
                    inleft |= (~miss) & (v == elems[i])
            cands.append((score, f, tuple(sel), inleft))
    cands.sort(key=lambda c: c[0])
    best = cands[0]
    # the best candidate whose row partition differs
    second = next((c[0] for c in cands[1:] if not (np.array_equal(c[3], best[3]) or np.array_equal(c[3], ~best[3]))), np.inf)
    return best, second


def grow(X, y, w, crit, k, depth):
    n = len(y)
    wroot = w.sum()
    leaf_of = np.full(n, -1)
    gains, margins = [], []

    def rec(rows, d):
        st = stats(rows, y, w, crit, k)
        wn = st[0] if crit == "squared_error" else st.sum()
        imp = impurity(st, crit)
        if d >= depth or len(rows) < 2 or imp <= np.finfo(float).eps:
            leaf_of[rows] = -2  # marked; numbered below
            leaves.append(rows)
            return
        (score, f, sel, inleft), second = best_split(X, y, w, rows, crit, k)
        gains.append((wn * imp - score) / wroot)
        margins.append((second - score) / wroot)
        rec(rows[inleft], d + 1)
        rec(rows[~inleft], d + 1)

    leaves = []
    rec(np.arange(n), 0)
    lab = np.full(n, -1)
    for j, rows in enumerate(leaves):
        lab[rows] = j
    # renumber by first appearance in row order
    seen = {}
    out = np.array([seen.setdefault(l, len(seen)) for l in lab], dtype=float)
    return out, np.sort(np.array(gains)), np.array(margins)


def main():
    fw = FixtureWriter(OUT, __doc__)

    credit = pd.read_csv(DATA + "small/weka/credit-g.csv")
    cat_cols = [c for c in credit.columns if credit[c].dtype == object and c != "class"]
    Xc = np.column_stack([codes(credit[c]) for c in cat_cols])
    yc = (credit["class"] == "good").astype(int).to_numpy()
    yr = credit["credit_amount"].to_numpy(float)

    votes = pd.read_csv(DATA + "small/mlbench/HouseVotes84.csv")
    Xv = np.column_stack([codes(votes[c]) for c in votes.columns if c != "Class"])
    yv = codes(votes["Class"]).astype(int)
    wv = 1.0 + 0.5 * (np.arange(len(yv)) % 3)

    soy = pd.read_csv(DATA + "small/mlbench/Soybean.csv")
    Xs = np.column_stack([codes(soy[c]) for c in soy.columns if c != "Class"])
    ys = codes(soy["Class"]).astype(int)

    cases = [
        ("credit_gini", Xc, yc, np.ones(len(yc)), "gini", 2, 2),
        ("credit_sq", Xc, yr, np.ones(len(yr)), "squared_error", 0, 2),
        ("votes_entropy_w", Xv, yv, wv, "entropy", 2, 2),
        ("soybean_gini", Xs, ys, np.ones(len(ys)), "gini", 19, 2),
    ]
    for name, X, y, w, crit, k, depth in cases:
        leaf, gains, margins = grow(X, y, w, crit, k, depth)
        print(name, "leaves", int(leaf.max()) + 1, "gains", gains, "min margin", margins.min())
        assert margins.min() > 1e-9, name + ": a tie decides a split"
        fw.add(name + "_leaf", leaf)
        fw.add(name + "_gain", gains)
        fw.add(name + "_margin", margins)
    fw.save()


if __name__ == "__main__":
    main()
