"""Reference random-forest cross-validation scores from scikit-learn 1.2.1 for dev.derive.ensemble tests.

Run once with /usr/bin/python3 (never in CI); writes derive-models/src/test/resources/fixtures/forest_sklearn.txt.

The data are those of cart_sklearn.txt (float32-rounded iris, wine, breast cancer, diabetes). Folds are
fixed: row i of <data> is in fold <data>_fold[i] (a seeded permutation dealt into 5 folds). For each data
set, scikit-learn's forest with default parameters and n_estimators=100 is cross-validated on these folds
for random_state 0, 1, 2: <data>_rf_scores holds the three mean fold scores (accuracy, or R^2 for
diabetes), so the test can compare means and see the seed-to-seed spread. <data>_et_scores: the same for
extremely randomised trees (ExtraTreesClassifier/Regressor, defaults, n_estimators=100).
"""
import os
import numpy as np
from sklearn import datasets
from sklearn.ensemble import ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import r2_score
from fixtures_io import FixtureWriter

OUT = os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures", "forest_sklearn.txt")
w = FixtureWriter(OUT, __doc__)

sets = {
    "iris": datasets.load_iris(return_X_y=True),
    "wine": datasets.load_wine(return_X_y=True),
    "bc": datasets.load_breast_cancer(return_X_y=True),
    "diabetes": datasets.load_diabetes(return_X_y=True, scaled=False),
}
SEEDS = [0, 1, 2]
for name, (X, y) in sets.items():
    X = X.astype(np.float32).astype(np.float64)
    n = len(y)
    fold = np.empty(n, dtype=int)
    fold[np.random.RandomState(42).permutation(n)] = np.arange(n) % 5
    w.add(name + "_fold", fold)
    for tag, (C, R) in {"rf": (RandomForestClassifier, RandomForestRegressor),
                        "et": (ExtraTreesClassifier, ExtraTreesRegressor)}.items():
        scores = []
        for s in SEEDS:
            fs = []
            for f in range(5):
                tr, te = fold != f, fold == f
                if name == "diabetes":
                    m = R(n_estimators=100, random_state=s).fit(X[tr], y[tr])
                    fs.append(r2_score(y[te], m.predict(X[te])))
                else:
                    m = C(n_estimators=100, random_state=s).fit(X[tr], y[tr])
                    fs.append(np.mean(m.predict(X[te]) == y[te]))
            scores.append(np.mean(fs))
        w.add(name + "_" + tag + "_scores", scores)
        print(name, tag, scores)
w.save()
print("wrote", OUT)
