"""Reference histogram gradient boosting results from scikit-learn 1.2.1 for dev.derive.boost tests.

Run once with OMP_NUM_THREADS=1 /usr/bin/python3 (never in CI; without the variable OpenMP threads
can crawl on a loaded machine); writes
derive-models/src/test/resources/fixtures/hist_sklearn.txt.

Data: the CSV files bundled with Derive (derive-core/src/main/resources/dev/derive/data/datasets), read in
file order, so row i here is row i of Datasets.dataset(name) in Java:
  bc       breast_cancer_wisconsin_diagnostic (569 x 30, binary; label = diagnosis)
  diabetes diabetes (442 x 10, regression; target = disease_progression)
  digits   digits_8x8 (1797 x 64, 10 classes)
  spam     ../shared/datasets/small/kernlab/spam.csv (4601 x 57, binary; label = type, 1 = "spam"), read
           from /work/shared/datasets (the Java test skips when it is absent)
For each, <name>_test holds the 0-based test row indices of a 70/30 split (numpy RandomState(0)
permutation, the last 30% of it are the test rows). scikit-learn's HistGradientBoostingClassifier /
Regressor is fitted on the training rows with parameters matched to Derive's hist_gbdt defaults:
max_iter=100, learning_rate=0.1, max_leaf_nodes=31, max_depth=None, max_bins=255, min_samples_leaf=20,
l2_regularization=0, early_stopping=False (loss log_loss / squared_error), random_state=0.
Outputs: <name>_acc and <name>_logloss (classification: test accuracy, test log-loss) or
<name>_rmse (regression: test root mean squared error), and <name>_pred (test predictions: labels or values).
<name>_edges<j> are _BinMapper(n_bins=256).fit(X_train).bin_thresholds_[j] for a few features j
(the bin edges on the training rows).
"""
import gzip
import os
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.ensemble._hist_gradient_boosting.binning import _BinMapper
from sklearn.metrics import accuracy_score, log_loss, mean_squared_error
from fixtures_io import FixtureWriter

ROOT = os.path.join(os.path.dirname(__file__), "..")
DATA = os.path.join(ROOT, "derive-core", "src", "main", "resources", "dev", "derive", "data", "datasets")
OUT = os.path.join(ROOT, "derive-models", "src", "test", "resources", "fixtures", "hist_sklearn.txt")
w = FixtureWriter(OUT, __doc__)

sets = {
    "bc": ("breast_cancer_wisconsin_diagnostic.csv.gz", "diagnosis", True, [0, 7, 21]),
    "diabetes": ("diabetes.csv", "disease_progression", False, [0, 1, 2, 8]),
    "digits": ("digits_8x8.csv.gz", "digit", True, [10, 36]),
    "spam": ("/work/shared/datasets/small/kernlab/spam.csv", "type", True, [0, 54, 56]),
}
for name, (file, target, cls, feats) in sets.items():
    df = pd.read_csv(os.path.join(DATA, file))
    y = df[target].to_numpy()
    X = df.drop(columns=[target]).to_numpy(dtype=np.float64)
    n = len(y)
    perm = np.random.RandomState(0).permutation(n)
    ntest = int(round(0.3 * n))
    test = np.sort(perm[n - ntest:])
    train = np.sort(perm[:n - ntest])
    w.add(name + "_test", test)
    common = dict(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, max_depth=None, max_bins=255,
                  min_samples_leaf=20, l2_regularization=0.0, early_stopping=False, random_state=0)
    if cls:
        classes, yi = np.unique(y, return_inverse=True)
        m = HistGradientBoostingClassifier(**common).fit(X[train], yi[train])
        pred = m.predict(X[test])
        w.add(name + "_acc", accuracy_score(yi[test], pred))
        w.add(name + "_logloss", log_loss(yi[test], m.predict_proba(X[test]), labels=np.arange(len(classes))))
        print(name, "classes", list(classes), "acc", accuracy_score(yi[test], pred))
    else:
        m = HistGradientBoostingRegressor(**common).fit(X[train], y[train])
        pred = m.predict(X[test])
        w.add(name + "_rmse", np.sqrt(mean_squared_error(y[test], pred)))
        print(name, "rmse", np.sqrt(mean_squared_error(y[test], pred)))
    w.add(name + "_pred", pred)
    bm = _BinMapper(n_bins=256).fit(X[train])
    for j in feats:
        w.add(f"{name}_edges{j}", bm.bin_thresholds_[j])
w.save()
