"""Reference values for the first learners (OLS, ridge, k-NN) from scikit-learn 1.2.1.

Run once with Debian's python3 (never in CI):
    /usr/bin/python3 tools/gen_first_learners_fixtures.py /work/shared/datasets/small
Writes derive-models/src/test/resources/fixtures/first_learners.txt, which holds the inputs too, so the
tests need no data set at run time.
"""
import sys
import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/small"
out = FixtureWriter("derive-models/src/test/resources/fixtures/first_learners.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}: OLS, ridge and k-NN references.
produced by tools/gen_first_learners_fixtures.py from {root}/diabetes.csv, iris.csv, wine.csv
train rows: i % 3 != 0; test rows: i % 3 == 0 (0-based)""")

diab = pd.read_csv(f"{root}/diabetes.csv")
X = diab.drop(columns="disease_progression").to_numpy(float)
y = diab["disease_progression"].to_numpy(float)
out.add("diabetes_X", X)
out.add("diabetes_y", y)
w = 1.0 + (np.arange(len(y)) % 3)
out.add("diabetes_w", w)

ols = LinearRegression().fit(X, y)
out.add("ols_coef", ols.coef_)
out.add("ols_intercept", ols.intercept_)
ols0 = LinearRegression(fit_intercept=False).fit(X, y)
out.add("ols_nointercept_coef", ols0.coef_)
olsw = LinearRegression().fit(X, y, sample_weight=w)
out.add("ols_weighted_coef", olsw.coef_)
out.add("ols_weighted_intercept", olsw.intercept_)
# collinear: a duplicated column and a constant column; sklearn (scipy gelsd) returns the minimum-norm solution
Xc = np.column_stack([X, X[:, 2], np.full(len(y), 3.0)])
out.add("collinear_X", Xc)
olsc = LinearRegression().fit(Xc, y)
out.add("ols_collinear_coef", olsc.coef_)
out.add("ols_collinear_intercept", olsc.intercept_)

for alpha, name in [(0.1, "0_1"), (1.0, "1"), (10.0, "10"), (1000.0, "1000")]:
    for solver in ["cholesky", "svd"]:
        r = Ridge(alpha=alpha, solver=solver).fit(X, y)
        out.add(f"ridge_{name}_{solver}_coef", r.coef_)
        out.add(f"ridge_{name}_{solver}_intercept", r.intercept_)
r = Ridge(alpha=1.0, fit_intercept=False, solver="cholesky").fit(X, y)
out.add("ridge_1_nointercept_coef", r.coef_)
r = Ridge(alpha=1.0, solver="cholesky").fit(X, y, sample_weight=w)
out.add("ridge_1_weighted_coef", r.coef_)
out.add("ridge_1_weighted_intercept", r.intercept_)

idx = np.arange(len(y))
tr, te = idx % 3 != 0, idx % 3 == 0
for k in [1, 5, 15]:
    for weights in ["uniform", "distance"]:
        m = KNeighborsRegressor(n_neighbors=k, weights=weights, algorithm="brute").fit(X[tr], y[tr])
        out.add(f"knnreg_diabetes_{k}_{weights}", m.predict(X[te]))

for ds, target in [("iris", "species"), ("wine", "class")]:
    df = pd.read_csv(f"{root}/{ds}.csv")
    Xd = df.drop(columns=target).to_numpy(float)
    classes, yd = np.unique(df[target].astype(str), return_inverse=True)
    out.add(f"{ds}_X", Xd)
    out.add(f"{ds}_y", yd)
    idx = np.arange(len(yd))
    tr, te = idx % 3 != 0, idx % 3 == 0
    for k in [1, 5, 15]:
        for weights in ["uniform", "distance"]:
            for algo in ["brute", "kd_tree"]:
                m = KNeighborsClassifier(n_neighbors=k, weights=weights, algorithm=algo).fit(Xd[tr], yd[tr])
                pred = m.predict(Xd[te])
                proba = m.predict_proba(Xd[te])
                if algo == "brute":
                    out.add(f"knn_{ds}_{k}_{weights}_pred", pred)
                    out.add(f"knn_{ds}_{k}_{weights}_proba", proba)
                else:  # record whether the two sklearn algorithms agree (ties may be broken differently)
                    ref = KNeighborsClassifier(n_neighbors=k, weights=weights, algorithm="brute").fit(Xd[tr], yd[tr])
                    out.add(f"knn_{ds}_{k}_{weights}_kd_agrees", float(np.array_equal(pred, ref.predict(Xd[te]))))
out.save()
print("wrote", out.path)
