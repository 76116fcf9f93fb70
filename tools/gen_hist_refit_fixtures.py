"""Reference results of scikit-learn 1.2.1 HistGradientBoostingRegressor with loss='absolute_error' and
loss='quantile' (both re-fit each new leaf's value to the median / quantile of the leaf's residuals) for
the leaf re-fit of dev.derive.boost (objectives l1 and quantile).

Run once with OMP_NUM_THREADS=1 /usr/bin/python3 tools/gen_hist_refit_fixtures.py (never in CI); writes
derive-models/src/test/resources/fixtures/hist_refit_sklearn.txt.

Data: diabetes (derive-core/src/main/resources/dev/derive/data/datasets/diabetes.csv, 442 x 10, target
disease_progression), the 70/30 split of tools/gen_hist_fixtures.py (numpy RandomState(0) permutation, the
last 30% are the test rows; test row indices in 'test'). Parameters matched to Derive's hist_gbdt
defaults: max_iter=100, learning_rate=0.1, max_leaf_nodes=31, max_depth=None, max_bins=255,
min_samples_leaf=20, l2_regularization=0, early_stopping=False, random_state=0.
Cases:
  l1        loss='absolute_error'
  q90       loss='quantile', quantile=0.9
  q30       loss='quantile', quantile=0.3
  l1w       loss='absolute_error' with sample weights w_i = 1 + (i mod 3) (i = row of the full file)
Outputs per case: <case>_pred (test predictions), <case>_test_loss (test mean absolute error, or mean
pinball loss at the case's quantile; unweighted), <case>_train_loss (the same on the training rows,
weighted for l1w).
"""
import os
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from fixtures_io import FixtureWriter

ROOT = os.path.join(os.path.dirname(__file__), "..")
DATA = os.path.join(ROOT, "derive-core", "src", "main", "resources", "dev", "derive", "data", "datasets")
OUT = os.path.join(ROOT, "derive-models", "src", "test", "resources", "fixtures", "hist_refit_sklearn.txt")
out = FixtureWriter(OUT, __doc__)

df = pd.read_csv(os.path.join(DATA, "diabetes.csv"))
y = df["disease_progression"].to_numpy(dtype=np.float64)
X = df.drop(columns=["disease_progression"]).to_numpy(dtype=np.float64)
n = len(y)
perm = np.random.RandomState(0).permutation(n)
ntest = int(round(0.3 * n))
test = np.sort(perm[n - ntest:])
train = np.sort(perm[:n - ntest])
out.add("test", test)
wall = 1.0 + (np.arange(n) % 3)


def pinball(y, f, q, w=None):
    d = y - f
    l = np.where(d >= 0, q * d, (q - 1) * d)
    return np.average(l, weights=w)


common = dict(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, max_depth=None, max_bins=255,
              min_samples_leaf=20, l2_regularization=0.0, early_stopping=False, random_state=0)
cases = {
    "l1": (dict(loss="absolute_error"), 0.5, False),
    "q90": (dict(loss="quantile", quantile=0.9), 0.9, False),
    "q30": (dict(loss="quantile", quantile=0.3), 0.3, False),
    "l1w": (dict(loss="absolute_error"), 0.5, True),
}
for name, (kw, q, weighted) in cases.items():
    sw = wall[train] if weighted else None
    m = HistGradientBoostingRegressor(**common, **kw).fit(X[train], y[train], sample_weight=sw)
    pt = m.predict(X[test])
    ptr = m.predict(X[train])
    scale = 2.0 if q == 0.5 else 1.0  # mean absolute error = 2 * pinball(0.5)
    out.add(name + "_pred", pt)
    out.add(name + "_test_loss", scale * pinball(y[test], pt, q))
    out.add(name + "_train_loss", scale * pinball(y[train], ptr, q, sw))
    print(name, "test", scale * pinball(y[test], pt, q), "train", scale * pinball(y[train], ptr, q, sw))
out.save()
