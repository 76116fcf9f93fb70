"""References for dev.derive.linear.QuantileRegression from scikit-learn 1.2.1's QuantileRegressor.

Run once with Debian's python3 (never in CI):
    /usr/bin/python3 tools/gen_quantile_fixtures.py
Writes derive-models/src/test/resources/fixtures/quantile_sklearn.txt. Input: the bundled diabetes data set
(derive-core resources, raw unscaled features, BSD-3-Clause). QuantileRegressor(solver="highs") minimises
(1/sum w) sum_i w_i rho_q(y_i - x_i'b - b0) + alpha ||b||_1 through an LP solved by HiGHS (a vertex of the
optimal face). For each case the fixture holds the coefficients, the intercept and that objective value, so a
test can compare objectives when the LP optimum is not unique. Weights w_i = 1 + (i mod 4).
"""
import sys
import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.linear_model import QuantileRegressor

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

diab = pd.read_csv("derive-core/src/main/resources/dev/derive/data/datasets/diabetes.csv")
X = diab.drop(columns="disease_progression").to_numpy(float)
y = diab["disease_progression"].to_numpy(float)
n, p = X.shape
w = 1.0 + (np.arange(n) % 4)
out = FixtureWriter("derive-models/src/test/resources/fixtures/quantile_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}
produced by tools/gen_quantile_fixtures.py: QuantileRegressor(solver="highs") on the bundled diabetes data
name = q{{10,50,90}}_a{{0,01}}_{{i,n}}[_w]: quantile, alpha (0 or 0.1), intercept or not, weights 1 + (i mod 4)""")
out.add("diabetes_w", w)


def objective(coef, b0, q, alpha, sw):
    r = y - X @ coef - b0
    loss = np.sum(sw * np.where(r >= 0, q * r, (q - 1) * r)) / np.sum(sw)
    return loss + alpha * np.sum(np.abs(coef))


for weighted in (False, True):
    for q in (0.1, 0.5, 0.9):
        for alpha in (0.0, 0.1):
            for fi in (True, False):
                if weighted and not fi:
                    continue
                sw = w if weighted else np.ones(n)
                m = QuantileRegressor(quantile=q, alpha=alpha, fit_intercept=fi, solver="highs")
                m.fit(X, y, sample_weight=sw)
                name = f"q{int(round(q * 100))}_a{'0' if alpha == 0 else '01'}_{'i' if fi else 'n'}{'_w' if weighted else ''}"
                out.add(name + "_coef", m.coef_)
                out.add(name + "_intercept", float(m.intercept_))
                out.add(name + "_objective", objective(m.coef_, m.intercept_, q, alpha, sw))
                print(name, objective(m.coef_, m.intercept_, q, alpha, sw), m.intercept_)
out.save()
