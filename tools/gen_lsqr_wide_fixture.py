"""Reference for the lsqr solver of ols and ridge on a sparse design with more than 8192 features (issue 5).

Run once with Debian's python3 (never in CI):
    /usr/bin/python3 tools/gen_lsqr_wide_fixture.py
Writes derive-models/src/test/resources/fixtures/lsqr_wide_sklearn.txt.

The design (300 x 9000, about 1% dense) is NOT stored: Java rebuilds it bit for bit from the same SplitMix64
stream (LsqrWideTest.design): for row i, 90 draws of (column = next() mod 9000, value = 1 + u) with
u = (next() >>> 11) * 2^-53; repeated columns in a row are summed in draw order. Values in [1, 2) give every
column a mean far from 0, so the implicit centring matters.

Stored:
  y, w                  target (3 + x'beta* + noise) and sample weights in [0.5, 1.5)
  idx                   the coefficient indices stored (every 9th of 9000, 1000 of them)
  ridge_sk_coef/_b0     scikit-learn Ridge(alpha=1, solver='lsqr', tol=1e-12), sample_weight=w
  ridge_exact_coef/_b0  the exact minimiser: beta = Xs'(Xs Xs' + alpha I)^-1 ys on the dense centred, sqrt(w)-scaled
                        design (an n x n solve), b0 = ybar - m'beta
  ridge_exact_norm      ||beta||_2 over all 9000 coefficients; ridge_exact_pred: predictions on the 300 rows
  ols_minnorm_coef/_b0  LinearRegression's problem (weighted, intercept) has many solutions when p > n: the
                        minimum-norm one, by np.linalg.lstsq (SVD) on the centred scaled design, which LSQR from
                        x0 = 0 returns in exact arithmetic; ols_minnorm_norm, ols_minnorm_pred likewise
  ols_sk_dev            max |coef| deviation of scikit-learn's LinearRegression (scipy lsqr at its default
                        atol = btol = 1e-6) from the minimum-norm solution, for information
"""
import sys
import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LinearRegression, Ridge

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53


n, p, per_row, seed = 300, 9000, 90, 20261202
g = SplitMix64(seed)
ptr, col, val = [0], [], []
for i in range(n):
    row = {}
    for _ in range(per_row):
        j = g.next() % p
        v = 1.0 + g.uniform()
        row[j] = row[j] + v if j in row else v
    for j in sorted(row):
        col.append(j)
        val.append(row[j])
    ptr.append(len(col))
X = sp.csr_matrix((np.array(val), np.array(col), np.array(ptr)), shape=(n, p))
rng = np.random.default_rng(5)
beta_true = np.where(np.arange(p) % 50 == 0, rng.normal(size=p), 0.0)
y = 3 + X @ beta_true + 0.1 * rng.normal(size=n)
w = 0.5 + rng.random(n)
alpha = 1.0

# the centred, sqrt(w)-scaled design and target
sw = w.sum()
m = (X.T @ w) / sw
ybar = (w @ y) / sw
s = np.sqrt(w)
Xd = X.toarray()
Xs = s[:, None] * (Xd - m[None, :])
ys = s * (y - ybar)

# ridge: exact (dual, n x n) and scikit-learn's lsqr
c = np.linalg.solve(Xs @ Xs.T + alpha * np.eye(n), ys)
ridge_exact = Xs.T @ c
ridge_exact_b0 = ybar - m @ ridge_exact
rk = Ridge(alpha=alpha, solver="lsqr", tol=1e-12).fit(X, y, sample_weight=w)
print("ridge: scikit-learn lsqr vs exact, max |coef diff| / max |coef|",
      np.abs(rk.coef_ - ridge_exact).max() / np.abs(ridge_exact).max(), "n_iter", rk.n_iter_)

# ols: minimum-norm solution of the centred weighted problem
ols_mn = np.linalg.lstsq(Xs, ys, rcond=None)[0]
ols_mn_b0 = ybar - m @ ols_mn
lr = LinearRegression().fit(X, y, sample_weight=w)
ols_sk_dev = np.abs(lr.coef_ - ols_mn).max()
print("ols: scikit-learn LinearRegression (lsqr, atol=btol=1e-6) vs minimum norm, max |coef diff|", ols_sk_dev,
      "max |coef|", np.abs(ols_mn).max(), "rank", np.linalg.matrix_rank(Xs))

idx = np.arange(0, p, 9)
fw = FixtureWriter("derive-models/src/test/resources/fixtures/lsqr_wide_sklearn.txt",
                   f"""lsqr on a sparse 300 x 9000 design (nnz {X.nnz}, rebuilt in Java from SplitMix64 seed {seed}):
scikit-learn {sklearn.__version__} Ridge(alpha=1, solver='lsqr', tol=1e-12) and exact references
(tools/gen_lsqr_wide_fixture.py)""")
fw.add("nnz", X.nnz)
fw.add("check_val_sum", X.data.sum())
fw.add("y", y)
fw.add("w", w)
fw.add("idx", idx)
fw.add("alpha", alpha)
fw.add("ridge_sk_coef", rk.coef_[idx])
fw.add("ridge_sk_b0", rk.intercept_)
fw.add("ridge_exact_coef", ridge_exact[idx])
fw.add("ridge_exact_b0", ridge_exact_b0)
fw.add("ridge_exact_norm", np.linalg.norm(ridge_exact))
fw.add("ridge_exact_pred", X @ ridge_exact + ridge_exact_b0)
fw.add("ols_minnorm_coef", ols_mn[idx])
fw.add("ols_minnorm_b0", ols_mn_b0)
fw.add("ols_minnorm_norm", np.linalg.norm(ols_mn))
fw.add("ols_minnorm_pred", X @ ols_mn + ols_mn_b0)
fw.add("ols_sk_dev", ols_sk_dev)
fw.save()
