"""Reference AdaBoost results from scikit-learn 1.2.1 over non-tree base learners, for AdaBoostEstimatorTest.

Run once with /usr/bin/python3 (numpy 1.24, scikit-learn 1.2.1); never in CI. Writes
derive-models/src/test/resources/fixtures/adaboost_estimator_sklearn.txt.

Classification, base LogisticRegression(C=100, tol=1e-12, max_iter=1000) (weights summing to 1, as AdaBoost passes
them, so C = 100 keeps the fit away from the all-penalty regime), 10 rounds, random_state 0; solver "newton-cholesky"
(binary; reaches the optimum to a gradient of 3e-17) for breast cancer and "newton-cg" for iris (multinomial, which
newton-cholesky does not fit in 1.2; it stops at 1000 iterations with a largest gradient component near 1e-7 on
these weights, so the iris base fits are scikit-learn's approximate optimum, not the exact one):
  bc_X        breast cancer (sklearn's bundled copy), its first 10 columns standardised (mean 0, population std 1)
  bc_y        0/1 labels
  bc_samme_*  algorithm="SAMME";  bc_sammer_* algorithm="SAMME.R";  iris_samme_* algorithm="SAMME" on iris
              (cart_sklearn.txt's iris_X / iris_y, unscaled, K = 3, multinomial)
  *_weights   estimator_weights_ (fitted rounds only)   *_errors estimator_errors_
  *_proba     predict_proba on the training rows        *_pred   predict
  *_coef      each round's base model: intercept then coefficients, one row per round (K = 2: one vector;
              K = 3: the K vectors, class-major, intercepts first)
  *_margin    each round's smallest |decision value| (binary) or smallest gap between the top two class scores:
              how far the base model's predicted classes are from flipping
Regression, AdaBoostRegressor(estimator=LinearRegression(), n_estimators=10, loss=L) on diabetes (cart_sklearn.txt's
diabetes_X / diabetes_y), L = linear (diab_linear_*) and square (diab_square_*), random_state a numpy RandomState(0)
whose choice() calls are recorded:
  *_draws     the bootstrap row indices of each round (one row per round, in scikit-learn's draw order; also the
              round whose estimator was dropped for an average loss >= 0.5, which the replay must fit to see it)
  *_weights, *_errors, *_pred (predict on the training rows), *_coef (intercept then coefficients per round)
"""
import os
import sys

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import AdaBoostClassifier, AdaBoostRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression

sys.path.insert(0, os.path.dirname(__file__))
from fixtures_io import FixtureWriter  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "derive-models", "src", "test", "resources", "fixtures")
OUT = os.path.join(FIX, "adaboost_estimator_sklearn.txt")


def read_fixture(path, wanted):
    """The entries `wanted` of a fixture file in the fixtures_io format."""
    out = {}
    with open(path) as f:
        lines = [l for l in f.read().splitlines() if l and not l.startswith("#")]
    i = 0
    while i < len(lines):
        name, r, c = lines[i].split()
        r, c = int(r), int(c)
        if name in wanted:
            out[name] = np.array([[float(v) for v in lines[i + 1 + j].split()] for j in range(r)])
        i += 1 + r
    return out


class RecordingState(np.random.RandomState):
    """A RandomState that remembers what choice() returned (AdaBoostRegressor's bootstrap draws)."""

    def __init__(self, seed):
        super().__init__(seed)
        self.draws = []

    def choice(self, *args, **kwargs):
        r = super().choice(*args, **kwargs)
        self.draws.append(np.array(r))
        return r


def logistic(solver):
    return LogisticRegression(C=100.0, solver=solver, tol=1e-12, max_iter=1000)


def classifier_case(w, name, X, y, algorithm, solver):
    ada = AdaBoostClassifier(estimator=logistic(solver), algorithm=algorithm, n_estimators=10, random_state=0).fit(X, y)
    m = len(ada.estimators_)
    w.add(name + "_weights", ada.estimator_weights_[:m])
    w.add(name + "_errors", ada.estimator_errors_[:m])
    w.add(name + "_proba", ada.predict_proba(X))
    w.add(name + "_pred", ada.predict(X))
    coefs = []
    margins = []
    for e in ada.estimators_:
        coefs.append(np.concatenate([e.intercept_, e.coef_.ravel()]))
        d = e.decision_function(X)
        if d.ndim == 1:
            margins.append(np.abs(d).min())
        else:
            s = np.sort(d, axis=1)
            margins.append((s[:, -1] - s[:, -2]).min())
    w.add(name + "_coef", np.array(coefs))
    w.add(name + "_margin", np.array(margins))
    print(name, "rounds", m, "weights", ada.estimator_weights_[:m], "min margin", min(margins))


def regressor_case(w, name, X, y, loss):
    rs = RecordingState(0)
    ada = AdaBoostRegressor(estimator=LinearRegression(), n_estimators=10, loss=loss, random_state=rs).fit(X, y)
    m = len(ada.estimators_)
    assert len(rs.draws) >= m, (len(rs.draws), m)
    w.add(name + "_draws", np.array(rs.draws))
    w.add(name + "_weights", ada.estimator_weights_[:m])
    w.add(name + "_errors", ada.estimator_errors_[:m])
    w.add(name + "_pred", ada.predict(X))
    w.add(name + "_coef", np.array([np.concatenate([[e.intercept_], e.coef_]) for e in ada.estimators_]))
    print(name, "rounds", m, "draw calls", len(rs.draws), "weights", ada.estimator_weights_[:m])


def main():
    cart = read_fixture(os.path.join(FIX, "cart_sklearn.txt"), {"iris_X", "iris_y", "diabetes_X", "diabetes_y"})
    X, y = load_breast_cancer(return_X_y=True)
    X = X[:, :10]
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    w = FixtureWriter(OUT, __doc__)
    w.add("bc_X", X)
    w.add("bc_y", y)
    classifier_case(w, "bc_samme", X, y, "SAMME", "newton-cholesky")
    classifier_case(w, "bc_sammer", X, y, "SAMME.R", "newton-cholesky")
    classifier_case(w, "iris_samme", cart["iris_X"], cart["iris_y"].ravel().astype(int), "SAMME", "newton-cg")
    dx, dy = cart["diabetes_X"], cart["diabetes_y"].ravel()
    regressor_case(w, "diab_linear", dx, dy, "linear")
    regressor_case(w, "diab_square", dx, dy, "square")
    w.save()
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
