"""sklearn.inspection.permutation_importance (scikit-learn 1.2.1) of a ridge model on diabetes, with the
permutations it used, for dev.derive.learn.inspect.PermutationImportanceSklearnTest (derive-models).

Run once with /usr/bin/python3 (never in CI); writes
derive-models/src/test/resources/fixtures/permutation_sklearn.txt. X: the float32-rounded diabetes features of
cart_sklearn.txt. scikit-learn draws one seed from random_state, then for every column shuffles an index
array n_repeats times with RandomState(seed) and applies each shuffle to the already permuted column; the
effective permutation of repeat r (perm_<j>, n_repeats x n: row i takes the value of original row perm[r][i])
is reconstructed here and checked against the same draws.
"""
import os
import numpy as np
from sklearn import datasets
from sklearn.inspection import permutation_importance
from sklearn.linear_model import Ridge
from sklearn.utils import check_random_state
from fixtures_io import FixtureWriter

OUT = os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures", "permutation_sklearn.txt")
w = FixtureWriter(OUT, __doc__)
diab = datasets.load_diabetes(scaled=False)
X = np.asarray(diab.data, dtype=np.float32).astype(np.float64)
y = diab.target.astype(float)
n, p = X.shape
R = 3
m = Ridge(alpha=1.0).fit(X, y)
for scoring in ["neg_mean_squared_error", "r2"]:
    res = permutation_importance(m, X, y, scoring=scoring, n_repeats=R, random_state=0)
    w.add(scoring + "_importances", res.importances)
    w.add(scoring + "_mean", res.importances_mean)
    w.add(scoring + "_std", res.importances_std)

seed = check_random_state(0).randint(np.iinfo(np.int32).max + 1)
for j in range(p):
    rs = check_random_state(seed)
    idx = np.arange(n)
    eff = np.arange(n)
    perms = []
    for r in range(R):
        rs.shuffle(idx)
        eff = eff[idx]
        perms.append(eff.copy())
    w.add(f"perm_{j}", np.array(perms))
# check the reconstruction against scikit-learn's importances for every column and repeat
res = permutation_importance(m, X, y, scoring="neg_mean_squared_error", n_repeats=R, random_state=0)
base = np.mean((y - m.predict(X)) ** 2)
for j in range(p):
    rs = check_random_state(seed)
    idx = np.arange(n)
    eff = np.arange(n)
    for r in range(R):
        rs.shuffle(idx)
        eff = eff[idx]
        Xp = X.copy()
        Xp[:, j] = X[eff, j]
        mine = np.mean((y - m.predict(Xp)) ** 2) - base
        assert abs(mine - res.importances[j, r]) <= 1e-9 * abs(mine) + 1e-9, (j, r, mine, res.importances[j, r])
w.save()
print("wrote", OUT)
