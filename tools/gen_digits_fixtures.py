"""Reference cross-validation accuracies from scikit-learn 1.2.1 on the digits data, for dev.derive.ensemble tests.

Run once with /usr/bin/python3 (never in CI); writes derive-models/src/test/resources/fixtures/digits_sklearn.txt.

The data are Derive's bundled digits_8x8.csv.gz (1,797 rows, 64 pixel columns 0-16, label `digit`), read here
from derive-core's resources, so both sides see the same rows in the same order. Folds are fixed: row i is in fold
digits_fold[i] (a seeded permutation dealt into 5 folds). For each model, the mean accuracy over the 5 folds is
recorded for random_state 0, 1, 2 (<model>_scores), so the test can compare means and see the seed-to-seed spread:
cart: DecisionTreeClassifier() (defaults: gini, fully grown); rf: RandomForestClassifier(n_estimators=100);
et: ExtraTreesClassifier(n_estimators=100); ada: AdaBoostClassifier(DecisionTreeClassifier(max_depth=3),
n_estimators=50, algorithm="SAMME"); gbdt: GradientBoostingClassifier(n_estimators=10, max_depth=3,
learning_rate=0.1) (multinomial deviance).
"""
import os
import numpy as np
import pandas as pd
from sklearn.ensemble import AdaBoostClassifier, ExtraTreesClassifier, GradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier
from fixtures_io import FixtureWriter
from sklearn_cv import add_cv_scores, folds

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "..", "derive-core", "src", "main", "resources", "dev", "derive", "data", "datasets", "digits_8x8.csv.gz")
OUT = os.path.join(HERE, "..", "derive-models", "src", "test", "resources", "fixtures", "digits_sklearn.txt")
w = FixtureWriter(OUT, __doc__)

df = pd.read_csv(DATA)
y = df.pop("digit").to_numpy()
X = df.to_numpy(dtype=float)
n = len(y)
fold = folds(n)
w.add("digits_fold", fold)
w.add("digits_y", y)  # the labels in row order: the test checks it reads the same data
models = {
    "cart": lambda s: DecisionTreeClassifier(random_state=s),
    "rf": lambda s: RandomForestClassifier(n_estimators=100, random_state=s),
    "et": lambda s: ExtraTreesClassifier(n_estimators=100, random_state=s),
    "ada": lambda s: AdaBoostClassifier(DecisionTreeClassifier(max_depth=3), n_estimators=50, algorithm="SAMME", random_state=s),
    "gbdt": lambda s: GradientBoostingClassifier(n_estimators=10, max_depth=3, learning_rate=0.1, random_state=s),
}
add_cv_scores(w, models, X, y, fold)
w.save()
print("wrote", OUT)
