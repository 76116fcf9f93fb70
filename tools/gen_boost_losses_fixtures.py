"""Reference gradient boosting regression losses and AdaBoost (SAMME.R, R2) results from scikit-learn 1.2.1.

Run once with /usr/bin/python3 (never in CI); writes
derive-models/src/test/resources/fixtures/boost_losses_sklearn.txt.

Inputs: diabetes (load_diabetes(scaled=False)), iris and breast cancer (bc), features rounded to float32
as in cart_sklearn.txt. For each regression loss L in absolute_error, huber (alpha 0.9), quantile (alpha 0.9)
and quantile alpha 0.3 (name quantile30), GradientBoostingRegressor(loss=L, n_estimators=50, max_depth=3,
subsample=1, random_state=0) fitted on all diabetes rows without sample weights gives gbl_<L>_pred3 (predict
on the training rows after 3 stages), gbl_<L>_train (train_score_), gbl_<L>_init (the initial constant),
and a snapshot of stage 20 (0-based): gbl_<L>_F (scores before it), gbl_<L>_resid (the negative gradient the
tree was fitted to), gbl_huber_gamma (the stage's Huber delta), gbl_<L>_leaf (its tree's leaf node per row),
gbl_<L>_values (its node values, leaves = line search) and gbl_<L>_score (train_score_ after it). Later
stages cannot be compared tree by tree: these losses give many exactly tied splits, which scikit-learn
breaks by a feature shuffle drawn from its random state. gblw_<L>_* is the same fitted with the sample weights diabetes_w = 1 + (i mod 3)
(scikit-learn then takes the initial estimate with _weighted_percentile instead of np.percentile).
AdaBoostClassifier(algorithm="SAMME.R", n_estimators=50, random_state=0) on stumps: ada_r_<data>_proba
(predict_proba on all rows, row-major n x K), ada_r_<data>_feature / _threshold (root split of each stump).
AdaBoostRegressor(n_estimators=50, random_state=0, loss=L) (base: depth-3 regression tree): ada_reg_<L>_cv
(mean R^2 over the 5 folds of diabetes dealt from a RandomState(42) permutation) - an accuracy reference
only, since its weighted bootstrap draws cannot be reproduced.
"""
import os
import numpy as np
from sklearn import datasets
from sklearn.ensemble import GradientBoostingRegressor, AdaBoostClassifier, AdaBoostRegressor
from fixtures_io import FixtureWriter

OUT = os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures",
                   "boost_losses_sklearn.txt")
w = FixtureWriter(OUT, __doc__)

X, y = datasets.load_diabetes(return_X_y=True, scaled=False)
X = X.astype(np.float32).astype(np.float64)
sw = 1.0 + (np.arange(len(y)) % 3)
w.add("diabetes_w", sw)
for name, kw in [("absolute_error", dict(loss="absolute_error")), ("huber", dict(loss="huber", alpha=0.9)),
                 ("quantile", dict(loss="quantile", alpha=0.9)), ("quantile30", dict(loss="quantile", alpha=0.3))]:
    for prefix, weights in [("gbl_", None), ("gblw_", sw)]:
        g = GradientBoostingRegressor(n_estimators=50, max_depth=3, subsample=1.0, random_state=0, **kw)
        g.fit(X, y, sample_weight=weights)
        staged = list(g.staged_predict(X))
        w.add(prefix + name + "_pred3", staged[2])
        w.add(prefix + name + "_train", g.train_score_)
        w.add(prefix + name + "_init", np.array([float(np.ravel(g.init_.constant_)[0])]))
        # stage S = 20 (0-based) snapshot: scores before it, its tree's leaf per row and node values
        # (leaves hold the line-search values), the negative gradient the tree was grown on
        # (and the Huber delta), independent of how ties between equally good splits were broken
        S = 20
        F = staged[S - 1]
        ones = np.ones(len(y)) if weights is None else weights
        resid = g._loss.negative_gradient(y, F.reshape(-1, 1), sample_weight=ones)
        w.add(prefix + name + "_F", F)
        w.add(prefix + name + "_resid", resid)
        if name == "huber":
            w.add(prefix + name + "_gamma", np.array([g._loss.gamma]))
        t = g.estimators_[S, 0]
        w.add(prefix + name + "_leaf", t.apply(X))
        w.add(prefix + name + "_values", t.tree_.value.ravel())
        w.add(prefix + name + "_score", np.array([g.train_score_[S]]))

for name, (Xc, yc) in {"iris": datasets.load_iris(return_X_y=True),
                       "bc": datasets.load_breast_cancer(return_X_y=True)}.items():
    Xc = Xc.astype(np.float32).astype(np.float64)
    a = AdaBoostClassifier(algorithm="SAMME.R", n_estimators=50, random_state=0).fit(Xc, yc)
    w.add("ada_r_" + name + "_proba", a.predict_proba(Xc))
    w.add("ada_r_" + name + "_feature", np.array([e.tree_.feature[0] for e in a.estimators_]))
    w.add("ada_r_" + name + "_threshold", np.array([e.tree_.threshold[0] for e in a.estimators_]))

n = len(y)
fold = np.empty(n, dtype=int)
fold[np.random.RandomState(42).permutation(n)] = np.arange(n) % 5
for loss in ["linear", "square", "exponential"]:
    scores = []
    for f in range(5):
        tr, te = fold != f, fold == f
        a = AdaBoostRegressor(n_estimators=50, random_state=0, loss=loss).fit(X[tr], y[tr])
        scores.append(a.score(X[te], y[te]))
    w.add("ada_reg_" + loss + "_cv", np.array([np.mean(scores)]))
w.save()
