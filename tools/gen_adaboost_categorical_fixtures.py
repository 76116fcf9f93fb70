"""Reference AdaBoost results from scikit-learn 1.2.1 on categorical data, for AdaBoostCategoricalRealTest.

scikit-learn 1.2.1 has no categorical trees (and no missing values in trees), so the data are given to it
encoded exactly as the Derive learner sees them when `categorical_splits = ordinal`: every categorical
column as its level codes, i.e. the index of the level in Derive's level order (CategoricalColumn.sortLevels:
the distinct strings sorted by String.compareTo, which is Python's sorted() for these ASCII levels; the
test checks that Derive's levels are in that order), numeric columns as they are. The class labels are
the sorted class names (Derive's order and scikit-learn's classes_).

  creditg_*   weka/credit-g.csv (1000 x 20: 13 categorical, 7 numeric; target class bad/good; no missing
              values). AdaBoostClassifier(algorithm=A, n_estimators=50, random_state=0) on stumps, A = SAMME
              (creditg_samme_*) and SAMME.R (creditg_sammer_*).
  votes_*     mlbench/HouseVotes84.csv (435 x 16 y/n votes with missing votes; target Class
              democrat/republican). A missing vote is given to both libraries as one more level, code 2
              (n = 0, y = 1); AdaBoostClassifier(algorithm="SAMME", n_estimators=30, random_state=0,
              estimator=DecisionTreeClassifier(max_depth=2)).
For each: <case>_proba1 (predict_proba's second column on the training rows), <case>_feature and
<case>_threshold (each tree's root split), <case>_weights (estimator_weights_), <case>_acc (training accuracy).
The data sets are GPL-licensed (see SOURCES.md), so they are not committed: the test reads them from
../shared/datasets and skips when they are absent. Run once with /usr/bin/python3; never in CI.
"""
import os
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import AdaBoostClassifier
from sklearn.tree import DecisionTreeClassifier

sys.path.insert(0, os.path.dirname(__file__))
from fixtures_io import FixtureWriter  # noqa: E402

DATA = "/work/shared/datasets/small/"
OUT = os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures",
                   "adaboost_categorical_sklearn.txt")


def encode(df, target, missing_level=False):
    cols = []
    for c in df.columns:
        if c == target:
            continue
        col = df[c]
        if col.dtype == object:
            levels = sorted(col.dropna().unique())
            code = {v: i for i, v in enumerate(levels)}
            fill = len(levels) if missing_level else np.nan
            cols.append(np.array([fill if pd.isna(v) else code[v] for v in col], dtype=float))
        else:
            cols.append(col.to_numpy(dtype=float))
    X = np.column_stack(cols)
    classes = sorted(df[target].unique())
    y = np.array([classes.index(v) for v in df[target]])
    return X, y


def record(w, name, ada, X, y):
    w.add(name + "_proba1", ada.predict_proba(X)[:, 1])
    w.add(name + "_feature", np.array([e.tree_.feature[0] for e in ada.estimators_]))
    w.add(name + "_threshold", np.array([e.tree_.threshold[0] for e in ada.estimators_]))
    w.add(name + "_weights", ada.estimator_weights_[:len(ada.estimators_)])
    w.add(name + "_acc", np.array([np.mean(ada.predict(X) == y)]))


w = FixtureWriter(OUT, __doc__)
credit = pd.read_csv(DATA + "weka/credit-g.csv", keep_default_na=False, na_values=[""])
X, y = encode(credit, "class")
assert not np.isnan(X).any()
for alg, name in (("SAMME", "creditg_samme"), ("SAMME.R", "creditg_sammer")):
    record(w, name, AdaBoostClassifier(algorithm=alg, n_estimators=50, random_state=0).fit(X, y), X, y)
votes = pd.read_csv(DATA + "mlbench/HouseVotes84.csv", keep_default_na=False, na_values=[""])
X, y = encode(votes, "Class", missing_level=True)
ada = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=2), algorithm="SAMME", n_estimators=30,
                         random_state=0).fit(X, y)
record(w, "votes", ada, X, y)
w.save()
