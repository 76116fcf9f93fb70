"""Reference values for dev.derive.optim.vr: ridge and lasso least squares on the bundled diabetes data.

Run once with Debian's python (numpy 1.24, scikit-learn 1.2):
    /usr/bin/python3 tools/gen_vr_fixtures.py
Reads derive-core/src/main/resources/dev/derive/data/datasets/diabetes.csv and writes
derive-core/src/test/resources/fixtures/optim_vr.txt. Never run in CI.

Problem: the 442 x 10 features standardised with the mean and population standard deviation (ddof = 0),
the target 'disease_progression' centred and divided by its population standard deviation; no intercept.
  ridge:  F(w) = (1/2n) ||y - Xw||^2 + (lam/2) ||w||^2       = scikit-learn Ridge(alpha = n lam, fit_intercept=False)
          divided by 2n; the closed form (X'X/n + lam I)^-1 X'y/n is checked against it.
  lasso:  F(w) = (1/2n) ||y - Xw||^2 + alpha ||w||_1          = scikit-learn Lasso(alpha, fit_intercept=False)
Entries: mean, scale (features), ymean, yscale, ridge_lam, ridge_coef, ridge_fmin, lasso_alpha, lasso_coef,
lasso_fmin (F at the coefficients).
"""
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import Lasso, Ridge

sys.path.insert(0, os.path.dirname(__file__))
from fixtures_io import FixtureWriter  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "derive-core", "src", "test", "resources", "fixtures", "optim_vr.txt")
DATA = os.path.join(ROOT, "derive-core", "src", "main", "resources", "dev", "derive", "data", "datasets",
                    "diabetes.csv")

df = pd.read_csv(DATA)
X = df.drop(columns=["disease_progression"]).to_numpy(float)
y = df["disease_progression"].to_numpy(float)
n = X.shape[0]
mean, scale = X.mean(axis=0), X.std(axis=0)
Xs = (X - mean) / scale
ymean, yscale = y.mean(), y.std()
ys = (y - ymean) / yscale

lam = 0.05
ridge = Ridge(alpha=n * lam, fit_intercept=False, solver="cholesky").fit(Xs, ys)
closed = np.linalg.solve(Xs.T @ Xs / n + lam * np.eye(Xs.shape[1]), Xs.T @ ys / n)
assert np.max(np.abs(closed - ridge.coef_)) < 1e-12, np.max(np.abs(closed - ridge.coef_))
r = ys - Xs @ ridge.coef_
ridge_f = r @ r / (2 * n) + lam / 2 * ridge.coef_ @ ridge.coef_

alpha = 0.02
lasso = Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(Xs, ys)
r = ys - Xs @ lasso.coef_
lasso_f = r @ r / (2 * n) + alpha * np.abs(lasso.coef_).sum()
# KKT: |x_j'r/n| <= alpha, with equality and sign(w_j) where w_j != 0
c = Xs.T @ r / n
assert np.all(np.abs(c) <= alpha + 1e-10)
nz = lasso.coef_ != 0
assert np.max(np.abs(c[nz] - alpha * np.sign(lasso.coef_[nz]))) < 1e-10

w = FixtureWriter(OUT, f"""Ridge and lasso least squares on diabetes (442 x 10, standardised, target standardised),
written by tools/gen_vr_fixtures.py
numpy {np.__version__}, scikit-learn {sklearn.__version__}""")
w.add("mean", mean)
w.add("scale", scale)
w.add("ymean", ymean)
w.add("yscale", yscale)
w.add("ridge_lam", lam)
w.add("ridge_coef", ridge.coef_)
w.add("ridge_fmin", ridge_f)
w.add("lasso_alpha", alpha)
w.add("lasso_coef", lasso.coef_)
w.add("lasso_fmin", lasso_f)
w.save()
print("ridge", ridge_f, "lasso", lasso_f, "nonzero", int(nz.sum()))
