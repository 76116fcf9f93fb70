"""Reference for sparse quantile regression beyond 2000 features (issue 5): scikit-learn 1.2.1's
QuantileRegressor(quantile=0.4, alpha=0.005, solver='highs') on a seeded wide CSR design, 150 x 2005.

Run once with Debian's python3 (never in CI):
    /usr/bin/python3 tools/gen_quantile_wide_fixture.py
Writes derive-models/src/test/resources/fixtures/quantile_wide_sklearn.txt with:
  ptr, col, val   the CSR design (row i: column 0 uniform in [0, 2), column 1 in {1, 2}, 1..3 more columns drawn
                  from 2..2004 with values 1 or 2)
  y               1 + 3 x0 - 2 x1 + 0.5 * (uniform - 0.5)
  qr_objective    mean pinball loss + alpha * |coef|_1 at scikit-learn's solution (the LP optimum need not be
                  unique, so the objective value is the reference)
"""
import sys
import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import QuantileRegressor

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

n, p, q, alpha = 150, 2005, 0.4, 0.005
rng = np.random.default_rng(20261202)
ptr, col, val, y = [0], [], [], []
for i in range(n):
    row = {0: 2 * rng.random(), 1: float(1 + rng.integers(2))}
    for _ in range(1 + rng.integers(3)):
        row[int(2 + rng.integers(p - 2))] = float(1 + rng.integers(2))
    for j in sorted(row):
        col.append(j)
        val.append(row[j])
    ptr.append(len(col))
    y.append(1 + 3 * row[0] - 2 * row[1] + 0.5 * (rng.random() - 0.5))
X = sp.csr_matrix((np.array(val), np.array(col), np.array(ptr)), shape=(n, p))
y = np.array(y)
m = QuantileRegressor(quantile=q, alpha=alpha, solver="highs").fit(X, y)
res = y - X @ m.coef_ - m.intercept_
obj = np.mean(np.where(res >= 0, q * res, (q - 1) * res)) + alpha * np.abs(m.coef_).sum()
fw = FixtureWriter("derive-models/src/test/resources/fixtures/quantile_wide_sklearn.txt",
                   f"""sparse quantile regression beyond 2000 features: scikit-learn {sklearn.__version__}
QuantileRegressor(quantile={q}, alpha={alpha}, solver='highs') on a seeded {n} x {p} CSR design
(tools/gen_quantile_wide_fixture.py)""")
fw.add("ptr", ptr)
fw.add("col", col)
fw.add("val", val)
fw.add("y", y)
fw.add("qr_objective", obj)
fw.save()
print("objective", obj, "nonzero coefs", int((np.abs(m.coef_) > 1e-9).sum()))
