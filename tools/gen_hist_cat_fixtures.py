"""Reference results of native categorical splits from scikit-learn 1.2.1 for dev.derive.boost tests.

Run once with OMP_NUM_THREADS=1 /usr/bin/python3 tools/gen_hist_cat_fixtures.py (never in CI); writes
derive-models/src/test/resources/fixtures/hist_cat_sklearn.txt.

Data: /work/shared/datasets/small/weka/credit-g.csv (German credit, 1000 x 20 features, 13 of them
categorical text columns; target `class` good/bad), read in file order (row i here is row i of the CSV in
Java; the Java test skips when the file is absent). The text columns are ordinally encoded (pandas
category codes; the partition splits do not depend on the code order).
credit_test: 0-based test row indices of a 70/30 split (numpy RandomState(0) permutation, the last 30%).
scikit-learn's HistGradientBoostingClassifier with categorical_features = the text columns and the
parameters of Derive's hist_gbdt defaults (max_iter=100, learning_rate=0.1, max_leaf_nodes=31,
max_bins=255, min_samples_leaf=20, l2_regularization=0, early_stopping=False, random_state=0):
credit_acc_native (test accuracy), credit_logloss_native (test log-loss); the same model with the text
columns one-hot encoded instead (no categorical_features): credit_acc_onehot, credit_logloss_onehot.

Also /work/shared/datasets/large/ggplot2_diamonds.csv.gz (53,940 x 9 features; cut, color, clarity are text
columns with 5, 7 and 8 levels; target price), split by row index: test rows are those with i % 10 < 3.
HistGradientBoostingRegressor with the same parameters, categorical vs one-hot: diamonds_rmse_native,
diamonds_rmse_onehot (test root mean squared error of price).
"""
import os
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score, log_loss
from fixtures_io import FixtureWriter

ROOT = os.path.join(os.path.dirname(__file__), "..")
OUT = os.path.join(ROOT, "derive-models", "src", "test", "resources", "fixtures", "hist_cat_sklearn.txt")
w = FixtureWriter(OUT, __doc__)

df = pd.read_csv("/work/shared/datasets/small/weka/credit-g.csv")
y = (df["class"] == "good").to_numpy().astype(int)
X = df.drop(columns=["class"])
cat = [X[c].dtype == object for c in X.columns]
Xo = X.copy()
for c, is_cat in zip(X.columns, cat):
    if is_cat:
        Xo[c] = X[c].astype("category").cat.codes.astype(float)
Xo = Xo.to_numpy(dtype=np.float64)
n = len(y)
perm = np.random.RandomState(0).permutation(n)
ntest = int(round(0.3 * n))
test = np.sort(perm[n - ntest:])
train = np.sort(perm[:n - ntest])
w.add("credit_test", test)
common = dict(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, max_depth=None, max_bins=255,
              min_samples_leaf=20, l2_regularization=0.0, early_stopping=False, random_state=0)
m = HistGradientBoostingClassifier(categorical_features=np.array(cat), **common).fit(Xo[train], y[train])
acc = accuracy_score(y[test], m.predict(Xo[test]))
w.add("credit_acc_native", acc)
w.add("credit_logloss_native", log_loss(y[test], m.predict_proba(Xo[test])))
Xh = pd.get_dummies(X, columns=[c for c, k in zip(X.columns, cat) if k]).to_numpy(dtype=np.float64)
m2 = HistGradientBoostingClassifier(**common).fit(Xh[train], y[train])
acc2 = accuracy_score(y[test], m2.predict(Xh[test]))
w.add("credit_acc_onehot", acc2)
w.add("credit_logloss_onehot", log_loss(y[test], m2.predict_proba(Xh[test])))
print("native", acc, "onehot", acc2, "categorical columns", sum(cat))

dd = pd.read_csv("/work/shared/datasets/large/ggplot2_diamonds.csv.gz")
yd = dd["price"].to_numpy(dtype=np.float64)
Xd = dd.drop(columns=["price"])
catd = [Xd[c].dtype == object for c in Xd.columns]
Xdo = Xd.copy()
for c, is_cat in zip(Xd.columns, catd):
    if is_cat:
        Xdo[c] = Xd[c].astype("category").cat.codes.astype(float)
Xdo = Xdo.to_numpy(dtype=np.float64)
idx = np.arange(len(yd))
te = idx % 10 < 3
tr = ~te
from sklearn.ensemble import HistGradientBoostingRegressor
r1 = HistGradientBoostingRegressor(categorical_features=np.array(catd), **common).fit(Xdo[tr], yd[tr])
rm1 = np.sqrt(np.mean((r1.predict(Xdo[te]) - yd[te]) ** 2))
Xdh = pd.get_dummies(Xd, columns=[c for c, k in zip(Xd.columns, catd) if k]).to_numpy(dtype=np.float64)
r2 = HistGradientBoostingRegressor(**common).fit(Xdh[tr], yd[tr])
rm2 = np.sqrt(np.mean((r2.predict(Xdh[te]) - yd[te]) ** 2))
w.add("diamonds_rmse_native", rm1)
w.add("diamonds_rmse_onehot", rm2)
print("diamonds native", rm1, "onehot", rm2, "categorical columns", sum(catd))
w.save()
