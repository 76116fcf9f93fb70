"""Reference minimal cost-complexity pruning (and the absolute_error criterion) from scikit-learn 1.2.1
for dev.derive.tree tests.

Run once with /usr/bin/python3 (never in CI); writes derive-models/src/test/resources/fixtures/ccp_sklearn.txt.
The input data are the float32-rounded breast cancer and diabetes sets already stored in cart_sklearn.txt
(bc_X, bc_y, diabetes_X, diabetes_y; see tools/gen_tree_fixtures.py); they are rebuilt here the same way.

For each case <c>: the full tree's arrays <c>_feature, _threshold, _left, _right, _value, _impurity, _wn
(so the pruning algorithm can be checked on scikit-learn's own tree), the pruning path <c>_alphas and
<c>_impurities (cost_complexity_pruning_path), and for each chosen ccp_alpha (<c>_ccp, a vector) the
pruned tree's node count <c>_pK_nodes and training-row predictions <c>_pK_pred (and _proba).
Absolute error cases <c>: tree arrays as above and <c>_pred.
"""
import os
import numpy as np
from sklearn import datasets
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
from fixtures_io import FixtureWriter

OUT = os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures", "ccp_sklearn.txt")
w = FixtureWriter(OUT, __doc__)

bc = datasets.load_breast_cancer()
diab = datasets.load_diabetes(scaled=False)
DATA = {
    "bc": (np.asarray(bc.data, dtype=np.float32).astype(np.float64), bc.target),
    "diabetes": (np.asarray(diab.data, dtype=np.float32).astype(np.float64), diab.target.astype(np.float64)),
}


def tree_arrays(name, t):
    w.add(name + "_feature", t.feature)
    w.add(name + "_threshold", t.threshold)
    w.add(name + "_left", t.children_left)
    w.add(name + "_right", t.children_right)
    w.add(name + "_value", t.value[:, 0, :])
    w.add(name + "_impurity", t.impurity)
    w.add(name + "_wn", t.weighted_n_node_samples)


def ccp_case(name, data, make, picks):
    X, y = DATA[data]
    full = make(0.0).fit(X, y)
    tree_arrays(name, full.tree_)
    path = make(0.0).cost_complexity_pruning_path(X, y)
    a = path.ccp_alphas
    w.add(name + "_alphas", a)
    w.add(name + "_impurities", path.impurities)
    # alphas strictly between two consecutive path alphas: no boundary ambiguity
    ks = sorted(set(int(f * (len(a) - 2)) for f in picks))
    chosen = [0.5 * (a[k] + a[k + 1]) for k in ks]
    w.add(name + "_ccp", chosen)
    for i, alpha in enumerate(chosen):
        est = make(alpha).fit(X, y)
        w.add(f"{name}_p{i}_nodes", est.tree_.node_count)
        w.add(f"{name}_p{i}_pred", est.predict(X))
        if hasattr(est, "predict_proba"):
            w.add(f"{name}_p{i}_proba", est.predict_proba(X))
    print(name, "path length", len(a), "full nodes", full.tree_.node_count)


ccp_case("bc_gini", "bc", lambda a: DecisionTreeClassifier(random_state=0, ccp_alpha=a), [0.2, 0.5, 0.8])
ccp_case("bc_entropy_d6", "bc", lambda a: DecisionTreeClassifier(criterion="entropy", max_depth=6, random_state=0, ccp_alpha=a), [0.3, 0.7])
ccp_case("diabetes_leaf5", "diabetes", lambda a: DecisionTreeRegressor(min_samples_leaf=5, random_state=0, ccp_alpha=a), [0.25, 0.6, 0.9])
ccp_case("diabetes_d6", "diabetes", lambda a: DecisionTreeRegressor(max_depth=6, random_state=0, ccp_alpha=a), [0.3, 0.8])

# absolute error: median leaves
for name, est in [("diabetes_mae_d3", DecisionTreeRegressor(criterion="absolute_error", max_depth=3, random_state=0)),
                  ("diabetes_mae_leaf20", DecisionTreeRegressor(criterion="absolute_error", min_samples_leaf=20, random_state=0))]:
    X, y = DATA["diabetes"]
    est.fit(X, y)
    tree_arrays(name, est.tree_)
    w.add(name + "_pred", est.predict(X))
    print(name, "nodes", est.tree_.node_count)
w.save()
print("wrote", OUT)
