"""Reference CART trees from scikit-learn 1.2.1 for dev.derive.tree tests.

Run once with /usr/bin/python3 (never in CI); writes derive-models/src/test/resources/fixtures/cart_sklearn.txt.

scikit-learn grows trees on float32 copies of X, so the inputs are rounded to float32 here and stored as
such: Derive, which works in double, then sees exactly the values scikit-learn split on, and the
thresholds (midpoints of consecutive float32 values computed in double) agree bit for bit.
Inputs once per data set: <data>_X, <data>_y (iris, wine, bc, diabetes). For each case: the tree arrays <case>_feature, _threshold, _left, _right, _value, _impurity, _wn (weighted_n_node_samples)
(weighted class totals or means, nodes x outputs), _importances, and predictions on the training rows
(<case>_pred, and <case>_proba for classifiers).
"""
import os
import numpy as np
from sklearn import datasets
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
from fixtures_io import FixtureWriter

OUT = os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures", "cart_sklearn.txt")

w = FixtureWriter(OUT, __doc__)


DATA = {}


def add_data(name, X, y):
    X = np.asarray(X, dtype=np.float32).astype(np.float64)
    DATA[name] = (X, y)
    w.add(name + "_X", X)
    w.add(name + "_y", y)


def add_case(name, data, est, sample_weight=None):
    X, y = DATA[data]
    est.fit(X, y, sample_weight=sample_weight)
    t = est.tree_
    if sample_weight is not None:
        w.add(name + "_w", sample_weight)
    w.add(name + "_feature", t.feature)
    w.add(name + "_threshold", t.threshold)
    w.add(name + "_left", t.children_left)
    w.add(name + "_right", t.children_right)
    w.add(name + "_value", t.value[:, 0, :])
    w.add(name + "_impurity", t.impurity)
    w.add(name + "_wn", t.weighted_n_node_samples)
    w.add(name + "_importances", est.feature_importances_)
    w.add(name + "_pred", est.predict(X))
    if hasattr(est, "predict_proba"):
        w.add(name + "_proba", est.predict_proba(X))


iris = datasets.load_iris()
wine = datasets.load_wine()
bc = datasets.load_breast_cancer()
diab = datasets.load_diabetes(scaled=False)

add_data("iris", iris.data, iris.target)
add_data("wine", wine.data, wine.target)
add_data("bc", bc.data, bc.target)
add_data("diabetes", diab.data, diab.target)
add_case("iris_gini", "iris", DecisionTreeClassifier(random_state=0))
add_case("iris_entropy_d3", "iris", DecisionTreeClassifier(criterion="entropy", max_depth=3, random_state=0))
add_case("wine_gini", "wine", DecisionTreeClassifier(random_state=0))
add_case("wine_balanced_leaf5", "wine",
         DecisionTreeClassifier(class_weight="balanced", min_samples_leaf=5, random_state=0))
add_case("bc_gini", "bc", DecisionTreeClassifier(random_state=0))
add_case("bc_entropy_split10", "bc",
         DecisionTreeClassifier(criterion="entropy", min_samples_split=10, min_impurity_decrease=0.001, random_state=0))
rng = np.random.RandomState(3)
sw = rng.randint(1, 4, size=len(bc.target)).astype(float)
add_case("bc_weighted_d5", "bc", DecisionTreeClassifier(max_depth=5, random_state=0), sample_weight=sw)
add_case("diabetes_d6", "diabetes", DecisionTreeRegressor(max_depth=6, random_state=0))
add_case("diabetes_leaf5", "diabetes", DecisionTreeRegressor(min_samples_leaf=5, random_state=0))
add_case("diabetes_best_first", "diabetes", DecisionTreeRegressor(max_leaf_nodes=20, random_state=0))
add_case("diabetes_poisson_d5", "diabetes", DecisionTreeRegressor(criterion="poisson", max_depth=5, random_state=0))
add_case("iris_best_first", "iris", DecisionTreeClassifier(max_leaf_nodes=4, random_state=0))
w.save()
print("wrote", OUT)
