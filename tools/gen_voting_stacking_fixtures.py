"""Reference VotingClassifier/Regressor and StackingClassifier/Regressor outputs from scikit-learn 1.2.1
for dev.derive.ensemble tests.

Run once with /usr/bin/python3 (never in CI); writes
derive-models/src/test/resources/fixtures/voting_stacking_sklearn.txt. Inputs are the float32-rounded iris,
breast cancer and diabetes sets stored in cart_sklearn.txt (see tools/gen_tree_fixtures.py), rebuilt here
the same way; iris and the first 10 breast cancer features are then standardised (StandardScaler) and
stored here (iris_X, bc_X) so that logistic regression is well conditioned. Base learners are ones Derive
reproduces: LogisticRegression (solver newton-cg, tol 1e-10: lbfgs stops on its ftol test with gradients
near 1e-4, newton-cg reaches the optimum to a gradient near 1e-9), k-NN (k = 5) and shallow CART trees. Stacking uses fixed folds: row i is in test fold i % 5.
Outputs on the training rows: <case>_proba (classifiers), <case>_pred.
"""
import os
import warnings
import numpy as np
from sklearn import datasets
from sklearn.ensemble import StackingClassifier, StackingRegressor, VotingClassifier, VotingRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
from fixtures_io import FixtureWriter

OUT = os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures",
                   "voting_stacking_sklearn.txt")
w = FixtureWriter(OUT, __doc__)
warnings.filterwarnings("ignore")  # newton-cg may report non-convergence at tol 1e-10 after reaching ~1e-9


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


iris = datasets.load_iris()
bc = datasets.load_breast_cancer()
diab = datasets.load_diabetes(scaled=False)
from sklearn.preprocessing import StandardScaler
Xi, yi = StandardScaler().fit_transform(f32(iris.data)), iris.target
Xb, yb = StandardScaler().fit_transform(f32(bc.data)[:, :10]), bc.target
w.add("iris_X", Xi)
w.add("bc_X", Xb)
Xd, yd = f32(diab.data), diab.target.astype(float)


def folds(n):
    idx = np.arange(n)
    return [(idx[idx % 5 != k], idx[idx % 5 == k]) for k in range(5)]


def logistic():
    return LogisticRegression(C=1.0, solver="newton-cg", tol=1e-10, max_iter=10000)


def cls_bases():
    return [("logistic", logistic()), ("knn", KNeighborsClassifier(5)), ("cart", DecisionTreeClassifier(max_depth=2, random_state=0))]


def add(name, est, X, y):
    est.fit(X, y)
    if hasattr(est, "predict_proba") and not (isinstance(est, VotingClassifier) and est.voting == "hard"):
        w.add(name + "_proba", est.predict_proba(X))
    w.add(name + "_pred", est.predict(X))


add("iris_soft", VotingClassifier(cls_bases(), voting="soft", weights=[2, 1, 1]), Xi, yi)
add("iris_hard", VotingClassifier(cls_bases(), voting="hard", weights=[1, 2, 1]), Xi, yi)
add("iris_stack", StackingClassifier(cls_bases(), final_estimator=logistic(), cv=folds(len(yi))), Xi, yi)
add("iris_stack_pass", StackingClassifier(cls_bases(), final_estimator=logistic(), cv=folds(len(yi)), passthrough=True), Xi, yi)
add("bc_stack", StackingClassifier([("logistic", logistic()), ("knn", KNeighborsClassifier(5))],
                                   final_estimator=logistic(), cv=folds(len(yb))), Xb, yb)
reg_bases = [("ridge", Ridge(alpha=1.0)), ("knn", KNeighborsRegressor(5)), ("cart", DecisionTreeRegressor(max_depth=3, random_state=0))]
add("diabetes_vote", VotingRegressor(reg_bases, weights=[1, 2, 3]), Xd, yd)
add("diabetes_stack", StackingRegressor(reg_bases, final_estimator=Ridge(alpha=1.0), cv=folds(len(yd))), Xd, yd)
add("diabetes_stack_pass", StackingRegressor(reg_bases, final_estimator=Ridge(alpha=1.0), cv=folds(len(yd)), passthrough=True), Xd, yd)
w.save()
print("wrote", OUT)
