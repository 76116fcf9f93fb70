"""Reference values for lasso, elastic net, their paths, LassoCV/ElasticNetCV, LARS and LassoLarsIC from
scikit-learn 1.2.1.

Run once with Debian's python3 (never in CI), from the repository root:
    /usr/bin/python3 tools/gen_lasso_fixtures.py /work/shared/datasets/small
Writes derive-models/src/test/resources/fixtures/lasso_sklearn.txt, which holds the inputs too, so the
tests need no data set at run time.
"""
import sys
import warnings
import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import (ElasticNet, Lasso, LassoCV, ElasticNetCV, LassoLarsIC, lars_path,
                                  lasso_path, enet_path)
from sklearn.model_selection import KFold

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

warnings.simplefilter("error")  # a ConvergenceWarning means the reference is not converged: fail loudly

root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/small"
out = FixtureWriter("derive-models/src/test/resources/fixtures/lasso_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}: lasso / elastic net / LARS references.
produced by tools/gen_lasso_fixtures.py from {root}/diabetes.csv (raw features) and
{root}/breast_cancer_wisconsin_diagnostic.csv (10 mean_* features, target 1 = malignant, as regression).
All coordinate-descent references use tol=1e-12 and max_iter large enough to converge.""")

TOL = 1e-12
MAXIT = 1_000_000

diab = pd.read_csv(f"{root}/diabetes.csv")
X = diab.drop(columns="disease_progression").to_numpy(float)
y = diab["disease_progression"].to_numpy(float)
n, p = X.shape
out.add("diabetes_X", X)
out.add("diabetes_y", y)
w = 1.0 + (np.arange(n) % 3)
out.add("diabetes_w", w)

Xc = X - X.mean(axis=0)
yc = y - y.mean()
alpha_max = np.max(np.abs(Xc.T @ yc)) / n
out.add("diabetes_alpha_max", alpha_max)
fracs = [0.5, 0.1, 0.01, 0.001]
out.add("fracs", fracs)
for k, f in enumerate(fracs):
    a = f * alpha_max
    m = Lasso(alpha=a, tol=TOL, max_iter=MAXIT).fit(X, y)
    out.add(f"lasso_{k}_coef", m.coef_)
    out.add(f"lasso_{k}_intercept", m.intercept_)
    m = ElasticNet(alpha=a / 0.5, l1_ratio=0.5, tol=TOL, max_iter=MAXIT).fit(X, y)
    out.add(f"enet_{k}_coef", m.coef_)
    out.add(f"enet_{k}_intercept", m.intercept_)
a = 0.01 * alpha_max
m = Lasso(alpha=a, tol=TOL, max_iter=MAXIT, positive=True).fit(X, y)
out.add("lasso_positive_coef", m.coef_)
out.add("lasso_positive_intercept", m.intercept_)
m = Lasso(alpha=a, tol=TOL, max_iter=MAXIT, fit_intercept=False).fit(X, y)
out.add("lasso_nointercept_coef", m.coef_)
m = ElasticNet(alpha=a, l1_ratio=0.7, tol=TOL, max_iter=MAXIT).fit(X, y, sample_weight=w)
out.add("enet_weighted_coef", m.coef_)
out.add("enet_weighted_intercept", m.intercept_)

# path on the centred data (lasso_path fits no intercept)
alphas, coefs, _ = lasso_path(Xc, yc, n_alphas=100, eps=1e-3, tol=TOL, max_iter=MAXIT)
out.add("lasso_path_alphas", alphas)
out.add("lasso_path_coefs", coefs)

# LassoCV with KFold(5) without shuffling
cv = LassoCV(cv=KFold(5), n_alphas=100, eps=1e-3, tol=TOL, max_iter=MAXIT).fit(X, y)
out.add("lassocv_alphas", cv.alphas_)
out.add("lassocv_mse_path", cv.mse_path_)
out.add("lassocv_alpha", cv.alpha_)
out.add("lassocv_coef", cv.coef_)
out.add("lassocv_intercept", cv.intercept_)

# LARS / LARS-lasso on the centred data
al, active, co = lars_path(Xc, yc, method="lar")
out.add("lar_alphas", al)
out.add("lar_coefs", co)
out.add("lar_active", active)
al, active, co = lars_path(Xc, yc, method="lasso")
out.add("larlasso_alphas", al)
out.add("larlasso_coefs", co)
out.add("larlasso_active", active)
for crit in ["aic", "bic"]:
    m = LassoLarsIC(criterion=crit).fit(X, y)
    out.add(f"ic_{crit}_alpha", m.alpha_)
    out.add(f"ic_{crit}_coef", m.coef_)
    out.add(f"ic_{crit}_intercept", m.intercept_)
    out.add(f"ic_{crit}_criterion", m.criterion_)
    out.add(f"ic_{crit}_noise_variance", m.noise_variance_)

# collinear: duplicated column and a constant column; the lasso solution is not unique in the duplicated
# pair, so the objective value and the predictions are the reference, not the coefficients.
Xd = np.column_stack([X, X[:, 2], np.full(n, 3.0)])
out.add("collinear_X", Xd)
a = 0.01 * alpha_max
m = Lasso(alpha=a, tol=TOL, max_iter=MAXIT).fit(Xd, y)
r = y - m.predict(Xd)
out.add("collinear_alpha", a)
out.add("collinear_objective", r @ r / (2 * n) + a * np.abs(m.coef_).sum())
out.add("collinear_pred", m.predict(Xd))

# more features than rows: the first 40 rows, all pairwise products of standardised features (55 + 10)
Z = (X[:40] - X[:40].mean(axis=0)) / X[:40].std(axis=0)
cols = [Z[:, j] for j in range(p)] + [Z[:, i] * Z[:, j] for i in range(p) for j in range(i, p)]
Xw = np.column_stack(cols)
yw = y[:40]
out.add("wide_X", Xw)
out.add("wide_y", yw)
for k, a in enumerate([5.0, 1.0]):
    m = ElasticNet(alpha=a, l1_ratio=0.9, tol=TOL, max_iter=MAXIT).fit(Xw, yw)
    out.add(f"wide_{k}_alpha", a)
    out.add(f"wide_{k}_coef", m.coef_)
    out.add(f"wide_{k}_intercept", m.intercept_)

# breast cancer: 10 mean_* features, target 1 = malignant
bc = pd.read_csv(f"{root}/breast_cancer_wisconsin_diagnostic.csv")
Xb = bc[[c for c in bc.columns if c.startswith("mean_")]].to_numpy(float)
yb = (bc["diagnosis"] == "malignant").to_numpy(float)
out.add("bc_X", Xb)
out.add("bc_y", yb)
Xbc = Xb - Xb.mean(axis=0)
ybc = yb - yb.mean()
alphas, coefs, _ = enet_path(Xbc, ybc, l1_ratio=0.5, n_alphas=30, eps=1e-2, tol=TOL, max_iter=MAXIT)
out.add("bc_enet_path_alphas", alphas)
out.add("bc_enet_path_coefs", coefs)
cv = ElasticNetCV(l1_ratio=0.5, cv=KFold(4), n_alphas=30, eps=1e-2, tol=TOL, max_iter=MAXIT).fit(Xb, yb)
out.add("bc_enetcv_alphas", cv.alphas_)
out.add("bc_enetcv_mse_path", cv.mse_path_)
out.add("bc_enetcv_alpha", cv.alpha_)
out.add("bc_enetcv_coef", cv.coef_)
out.add("bc_enetcv_intercept", cv.intercept_)
al, active, co = lars_path(Xbc, ybc, method="lasso")
out.add("bc_larlasso_alphas", al)
out.add("bc_larlasso_coefs", co)

out.save()
print("wrote", out.path)
