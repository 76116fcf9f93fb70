"""Reference cross-validation accuracies from scikit-learn 1.2.1 on the penguins data, for dev.derive.ensemble tests.

Run once with /usr/bin/python3 (never in CI); writes derive-models/src/test/resources/fixtures/penguins_sklearn.txt.

The data are Derive's bundled penguins.csv (344 rows; target species; features island, bill_length_mm,
bill_depth_mm, flipper_length_mm, body_mass_g, sex, year), read here from derive-core's resources. scikit-learn
1.2.1's trees take no missing values, so only the 333 complete rows are used (penguins_rows: their indices in
the file); island and sex are level codes in sorted level order (Biscoe 0, Dream 1, Torgersen 2; female 0,
male 1), as Derive codes text columns, and species codes in sorted order (Adelie 0, Chinstrap 1, Gentoo 2).
Folds are fixed: complete row r is in fold penguins_fold[r] (a seeded permutation dealt into 5 folds). For
each model the mean accuracy over the 5 folds is recorded for random_state 0, 1, 2 (<model>_scores), the
level codes split as numbers (thresholds), as scikit-learn does: cart: DecisionTreeClassifier();
rf: RandomForestClassifier(n_estimators=100); et: ExtraTreesClassifier(n_estimators=100);
ada: AdaBoostClassifier(DecisionTreeClassifier(max_depth=1), n_estimators=50, algorithm="SAMME");
gbdt: GradientBoostingClassifier(n_estimators=30, max_depth=3, learning_rate=0.1).
"""
import os
import numpy as np
import pandas as pd
from sklearn.ensemble import AdaBoostClassifier, ExtraTreesClassifier, GradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier
from fixtures_io import FixtureWriter
from sklearn_cv import add_cv_scores, folds

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "..", "derive-core", "src", "main", "resources", "dev", "derive", "data", "datasets", "penguins.csv")
OUT = os.path.join(HERE, "..", "derive-models", "src", "test", "resources", "fixtures", "penguins_sklearn.txt")
w = FixtureWriter(OUT, __doc__)

df = pd.read_csv(DATA, na_values=["NA", ""])
for col in ["species", "island", "sex"]:
    levels = sorted(df[col].dropna().unique())
    df[col] = df[col].map({v: i for i, v in enumerate(levels)})
complete = np.flatnonzero(df.notna().all(axis=1).to_numpy())
y = df["species"].to_numpy()[complete].astype(int)
X = df.drop(columns="species").to_numpy(dtype=float)[complete]
n = len(y)
fold = folds(n)
w.add("penguins_rows", complete)
w.add("penguins_fold", fold)
w.add("penguins_y", y)
w.add("penguins_X", X)  # the test checks it reads the same values
models = {
    "cart": lambda s: DecisionTreeClassifier(random_state=s),
    "rf": lambda s: RandomForestClassifier(n_estimators=100, random_state=s),
    "et": lambda s: ExtraTreesClassifier(n_estimators=100, random_state=s),
    "ada": lambda s: AdaBoostClassifier(DecisionTreeClassifier(max_depth=1), n_estimators=50, algorithm="SAMME", random_state=s),
    "gbdt": lambda s: GradientBoostingClassifier(n_estimators=30, max_depth=3, learning_rate=0.1, random_state=s),
}
add_cv_scores(w, models, X, y, fold)
w.save()
print("wrote", OUT, n, "rows")
