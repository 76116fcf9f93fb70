"""Reference values for LogisticRegression from scikit-learn 1.2.1.

Run once with Debian's python3 (never in CI):
    /usr/bin/python3 tools/gen_logistic_fixtures.py /work/shared/datasets/small
Writes derive-models/src/test/resources/fixtures/logistic_sklearn.txt, which holds the (standardised)
inputs too, so the tests need no data set at run time.
"""
import sys
import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/small"
out = FixtureWriter("derive-models/src/test/resources/fixtures/logistic_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}: LogisticRegression references.
produced by tools/gen_logistic_fixtures.py from {root}/breast_cancer_wisconsin_diagnostic.csv, iris.csv, wine.csv
features standardised by StandardScaler (population std); labels are class indices in sorted order""")


def load(name, target):
    df = pd.read_csv(f"{root}/{name}")
    X = StandardScaler().fit_transform(df.drop(columns=target).to_numpy(float))
    classes, y = np.unique(df[target].astype(str).to_numpy(), return_inverse=True)
    return X, y


def store(prefix, m, X):
    out.add(f"{prefix}_coef", m.coef_)
    out.add(f"{prefix}_intercept", np.atleast_1d(m.intercept_))
    out.add(f"{prefix}_proba", m.predict_proba(X))
    out.add(f"{prefix}_n_iter", np.asarray(m.n_iter_, dtype=float).ravel())


# binary: breast cancer
X, y = load("breast_cancer_wisconsin_diagnostic.csv", "diagnosis")
out.add("bc_X", X)
out.add("bc_y", y.astype(float))
for C, name in [(1.0, "1"), (0.1, "0_1"), (10.0, "10")]:
    m = LogisticRegression(C=C, tol=1e-10, solver="newton-cholesky", max_iter=1000).fit(X, y)
    store(f"bc_C{name}", m, X)
w = 1.0 + (np.arange(len(y)) % 3)
out.add("bc_w", w)
m = LogisticRegression(C=1.0, tol=1e-10, solver="newton-cholesky", max_iter=1000).fit(X, y, sample_weight=w)
store("bc_weighted", m, X)
m = LogisticRegression(C=1.0, tol=1e-10, solver="newton-cholesky", max_iter=1000, class_weight="balanced").fit(X, y)
store("bc_balanced", m, X)
m = LogisticRegression(C=1.0, tol=1e-10, solver="newton-cholesky", max_iter=1000, fit_intercept=False).fit(X, y)
store("bc_noint", m, X)

# multinomial: iris, wine. The lbfgs runs stop on scipy's relative function decrease (ftol = 64 eps) long
# before |grad| <= 1e-12: their gradient norm on the summed objective is ~1e-4 and the coefficients are
# accurate only to ~1e-4 relative. newton-cg (which stops on max |grad| <= tol) gives tightly converged
# references ("_ncg") for the 1e-6 comparison; "_gradnorm" records each reference's optimality residual.
def multinomial_gradnorm(m, X, y, sw):
    Z = X @ m.coef_.T + m.intercept_
    Z -= Z.max(axis=1, keepdims=True)
    P = np.exp(Z)
    P /= P.sum(axis=1, keepdims=True)
    R = (P - np.eye(P.shape[1])[y]) * sw[:, None]
    gW = R.T @ X + m.coef_ / m.C
    gb = R.sum(axis=0)
    return np.sqrt((gW ** 2).sum() + (gb ** 2).sum())


for ds, file, target in [("iris", "iris.csv", "species"), ("wine", "wine.csv", "class")]:
    X, y = load(file, target)
    out.add(f"{ds}_X", X)
    out.add(f"{ds}_y", y.astype(float))
    counts = np.bincount(y)
    balanced = (len(y) / (len(counts) * counts))[y]
    for C, name, cw in [(1.0, "C1", None), (0.1, "C0_1", None), (1.0, "balanced", "balanced")]:
        sw = balanced if cw else np.ones(len(y))
        m = LogisticRegression(C=C, solver="lbfgs", multi_class="multinomial", tol=1e-12, max_iter=10000,
                               class_weight=cw).fit(X, y)
        store(f"{ds}_{name}", m, X)
        out.add(f"{ds}_{name}_gradnorm", multinomial_gradnorm(m, X, y, sw))
        m = LogisticRegression(C=C, solver="newton-cg", multi_class="multinomial", tol=1e-12, max_iter=10000,
                               class_weight=cw).fit(X, y)
        store(f"{ds}_{name}_ncg", m, X)
        out.add(f"{ds}_{name}_ncg_gradnorm", multinomial_gradnorm(m, X, y, sw))

out.save()
