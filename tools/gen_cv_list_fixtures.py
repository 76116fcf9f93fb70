"""Reference values for list-valued CV parameters from scikit-learn 1.2.1: RidgeCV with an explicit
`alphas` list (unsorted) and ElasticNetCV with a list of `l1_ratio` chosen jointly with alpha.

Run once with Debian's python3 (never in CI), from the repository root:
    /usr/bin/python3 tools/gen_cv_list_fixtures.py /work/shared/datasets/small
Writes derive-models/src/test/resources/fixtures/cv_list_sklearn.txt. The inputs are the diabetes and
breast-cancer matrices already stored in lasso_sklearn.txt (tools/gen_lasso_fixtures.py); this script reads
the same CSV files the same way and checks that they match.
"""
import sys
import warnings
import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import RidgeCV, ElasticNetCV
from sklearn.model_selection import KFold

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

warnings.simplefilter("error")

root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/small"
out = FixtureWriter("derive-models/src/test/resources/fixtures/cv_list_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}: RidgeCV(alphas=list), ElasticNetCV(l1_ratio=list).
produced by tools/gen_cv_list_fixtures.py from {root}/diabetes.csv (raw features) and
{root}/breast_cancer_wisconsin_diagnostic.csv (10 mean_* features, target 1 = malignant, as regression);
inputs: diabetes_X, diabetes_y, diabetes_w, bc_X, bc_y of lasso_sklearn.txt.""")

diab = pd.read_csv(f"{root}/diabetes.csv")
X = diab.drop(columns="disease_progression").to_numpy(float)
y = diab["disease_progression"].to_numpy(float)
n = len(y)
w = 1.0 + (np.arange(n) % 3)

alphas = [3.0, 0.01, 30.0, 0.3, 1.0]
out.add("ridgecv_alphas", alphas)
for tag, sw in [("", None), ("w_", w)]:
    m = RidgeCV(alphas=alphas, store_cv_values=sw is None).fit(X, y, sample_weight=sw)
    out.add(f"ridgecv_{tag}alpha", m.alpha_)
    out.add(f"ridgecv_{tag}best_score", m.best_score_)
    out.add(f"ridgecv_{tag}coef", m.coef_)
    out.add(f"ridgecv_{tag}intercept", m.intercept_)
    if sw is None:
        out.add("ridgecv_loo_mse", m.cv_values_.mean(axis=0))

bc = pd.read_csv(f"{root}/breast_cancer_wisconsin_diagnostic.csv")
Xb = bc[[c for c in bc.columns if c.startswith("mean_")]].to_numpy(float)
yb = (bc["diagnosis"] == "malignant").to_numpy(float)
TOL = 1e-12
MAXIT = 1_000_000
l1 = [0.1, 0.5, 0.9, 1.0]
out.add("enetcv_l1_ratios", l1)
cv = ElasticNetCV(l1_ratio=l1, cv=KFold(4), n_alphas=30, eps=1e-2, tol=TOL, max_iter=MAXIT).fit(Xb, yb)
out.add("enetcv_alphas", cv.alphas_)              # (n_l1, n_alphas)
out.add("enetcv_mean_mse", cv.mse_path_.mean(axis=2))   # (n_l1, n_alphas)
out.add("enetcv_l1_ratio", cv.l1_ratio_)
out.add("enetcv_alpha", cv.alpha_)
out.add("enetcv_coef", cv.coef_)
out.add("enetcv_intercept", cv.intercept_)
out.save()
