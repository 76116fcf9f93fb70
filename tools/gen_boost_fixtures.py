"""Reference AdaBoost (SAMME) and gradient boosting results from scikit-learn 1.2.1 for dev.derive.ensemble tests.

Run once with /usr/bin/python3 (never in CI); writes derive-models/src/test/resources/fixtures/boost_sklearn.txt.

Inputs are the float32-rounded data of cart_sklearn.txt (iris, wine, bc = breast cancer), with their
folds <data>_fold from forest_sklearn.txt (recomputed here the same way: a RandomState(42) permutation
dealt into 5 folds). For each data set, AdaBoostClassifier(algorithm="SAMME", n_estimators=50,
random_state=0) on stumps fitted on all rows gives <data>_ada_weights and <data>_ada_errors
(estimator_weights_ and estimator_errors_, as long as the fit ran), <data>_ada_feature and
<data>_ada_threshold (the root split of each stump), <data>_ada_pred (n x rounds: each stump's
prediction on the training rows, so a tie between equally good splits can be told apart from a
different split) and <data>_ada_proba (predict_proba on all rows,
row-major n x K). <data>_ada_cv: the mean accuracy over the 5 folds of the same learner.
"""
import os
import numpy as np
from sklearn import datasets
from sklearn.ensemble import AdaBoostClassifier, GradientBoostingClassifier, GradientBoostingRegressor
from fixtures_io import FixtureWriter

OUT = os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures", "boost_sklearn.txt")
w = FixtureWriter(OUT, __doc__)

sets = {
    "iris": datasets.load_iris(return_X_y=True),
    "wine": datasets.load_wine(return_X_y=True),
    "bc": datasets.load_breast_cancer(return_X_y=True),
}
for name, (X, y) in sets.items():
    X = X.astype(np.float32).astype(np.float64)
    n = len(y)
    fold = np.empty(n, dtype=int)
    fold[np.random.RandomState(42).permutation(n)] = np.arange(n) % 5
    ada = AdaBoostClassifier(algorithm="SAMME", n_estimators=50, random_state=0).fit(X, y)
    m = len(ada.estimators_)
    w.add(name + "_ada_weights", ada.estimator_weights_[:m])
    w.add(name + "_ada_errors", ada.estimator_errors_[:m])
    w.add(name + "_ada_feature", np.array([e.tree_.feature[0] for e in ada.estimators_]))
    w.add(name + "_ada_threshold", np.array([e.tree_.threshold[0] for e in ada.estimators_]))
    w.add(name + "_ada_proba", ada.predict_proba(X))
    w.add(name + "_ada_pred", np.column_stack([e.predict(X) for e in ada.estimators_]))
    scores = []
    for f in range(5):
        tr, te = fold != f, fold == f
        a = AdaBoostClassifier(algorithm="SAMME", n_estimators=50, random_state=0).fit(X[tr], y[tr])
        scores.append(np.mean(a.predict(X[te]) == y[te]))
    w.add(name + "_ada_cv", np.array([np.mean(scores)]))
# Gradient boosting, scikit-learn's defaults (100 trees of depth 3, learning rate 0.1, subsample 1,
# friedman_mse), random_state=0, fitted on all rows: gb_<data>_raw (raw score F on the training rows:
# predict for diabetes, decision_function for bc), gb_<data>_raw10 (after 10 stages), gb_<data>_train
# (train_score_: mean squared error or binomial deviance after each stage); iris: the same for
# multinomial deviance (raw scores n x 3).
X, y = datasets.load_diabetes(return_X_y=True, scaled=False)
X = X.astype(np.float32).astype(np.float64)
g = GradientBoostingRegressor(random_state=0).fit(X, y)
w.add("gb_diabetes_raw", g.predict(X))
w.add("gb_diabetes_raw10", list(g.staged_predict(X))[9])
w.add("gb_diabetes_train", g.train_score_)
X, y = datasets.load_breast_cancer(return_X_y=True)
X = X.astype(np.float32).astype(np.float64)
g = GradientBoostingClassifier(random_state=0).fit(X, y)
w.add("gb_bc_raw", g.decision_function(X))
w.add("gb_bc_raw10", list(g.staged_decision_function(X))[9].ravel())
w.add("gb_bc_train", g.train_score_)
# multinomial deviance on iris (3 classes): gb_iris_raw (decision_function, row-major n x 3), gb_iris_train
X, y = datasets.load_iris(return_X_y=True)
X = X.astype(np.float32).astype(np.float64)
g = GradientBoostingClassifier(random_state=0).fit(X, y)
w.add("gb_iris_raw", g.decision_function(X))
w.add("gb_iris_raw10", list(g.staged_decision_function(X))[9])
w.add("gb_iris_train", g.train_score_)
# wine (3 classes, 13 features), in its own file (boost_wine_sklearn.txt): many candidate splits tie, and
# scikit-learn breaks ties by a feature permutation drawn from random_state, so its own raw scores differ between
# seeds; gb_wine_raw_s<k> (decision_function after 100 stages, row-major n x 3) for random_state k = 0..5
ww = FixtureWriter(OUT.replace("boost_sklearn.txt", "boost_wine_sklearn.txt"), __doc__)
X, y = datasets.load_wine(return_X_y=True)
X = X.astype(np.float32).astype(np.float64)
for k in range(6):
    g = GradientBoostingClassifier(random_state=k).fit(X, y)
    ww.add("gb_wine_raw_s%d" % k, g.decision_function(X))
ww.save()
w.save()
