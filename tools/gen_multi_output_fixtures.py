"""Reference values for multi-output least squares and ridge from scikit-learn 1.2.1:
LinearRegression().fit(X, Y) and Ridge(alpha).fit(X, Y) with a 2-D Y (coef_ is k x p).

Run once with Debian's python3 (never in CI), from the repository root:
    /usr/bin/python3 tools/gen_multi_output_fixtures.py
Reads the inputs diabetes_X, diabetes_y, diabetes_w and wide_X of
derive-models/src/test/resources/fixtures/lasso_sklearn.txt (tools/gen_lasso_fixtures.py) and writes
derive-models/src/test/resources/fixtures/multi_output_sklearn.txt.
"""
import sys
import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression, Ridge

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter


def read_fixtures(path):
    out, lines, i = {}, [l for l in open(path) if not l.startswith("#")], 0
    while i < len(lines):
        name, r, c = lines[i].split()
        r, c = int(r), int(c)
        out[name] = np.array([[float(v) for v in lines[i + 1 + k].split()] for k in range(r)])
        i += 1 + r
    return out


fx = read_fixtures("derive-models/src/test/resources/fixtures/lasso_sklearn.txt")
X = fx["diabetes_X"]
y = fx["diabetes_y"].ravel()
w = fx["diabetes_w"].ravel()
Y = np.column_stack([y, np.log(y), X[:, 2] * y / 100.0])

out = FixtureWriter("derive-models/src/test/resources/fixtures/multi_output_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}: multi-output LinearRegression and Ridge.
produced by tools/gen_multi_output_fixtures.py; X = diabetes_X of lasso_sklearn.txt (raw features), weights diabetes_w;
Y = [y, log y, bmi * y / 100] (Y below); wide: the first 40 rows of wide_X (40 x 65) with the first 40 rows of Y.
coef entries are p x k (scikit-learn's coef_.T).""")
out.add("Y", Y)
for tag, sw in [("", None), ("w_", w)]:
    m = LinearRegression().fit(X, Y, sample_weight=sw)
    out.add(f"ols_{tag}coef", m.coef_.T)
    out.add(f"ols_{tag}intercept", m.intercept_)
    m = Ridge(alpha=0.5, solver="cholesky").fit(X, Y, sample_weight=sw)
    out.add(f"ridge_{tag}coef", m.coef_.T)
    out.add(f"ridge_{tag}intercept", m.intercept_)
m = LinearRegression(fit_intercept=False).fit(X, Y)
out.add("ols_noint_coef", m.coef_.T)

# rank-deficient: a duplicated column (minimum-norm solution)
Xd = np.column_stack([X, X[:, 2]])
m = LinearRegression().fit(Xd, Y)
out.add("ols_dup_coef", m.coef_.T)
out.add("ols_dup_intercept", m.intercept_)

# more features than rows: ridge through the dual
Xw = fx["wide_X"][:40]
Yw = Y[:40]
m = Ridge(alpha=2.0, solver="cholesky").fit(Xw, Yw)
out.add("ridge_wide_coef", m.coef_.T)
out.add("ridge_wide_intercept", m.intercept_)
out.save()
