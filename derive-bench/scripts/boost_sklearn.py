#!/usr/bin/env python3
"""scikit-learn's HistGradientBoosting on a BoostData task, with BoostRun's parameters.

    /usr/bin/python3 derive-bench/scripts/boost_sklearn.py DIR/TASK ROUNDS THREADS [FITS]

DIR/TASK holds X_train.npy, y_train.npy, X_test.npy, y_test.npy as written by
dev.derive.bench.boost.BoostRun (--lib prepare). Threads are set through OMP_NUM_THREADS before
scikit-learn is imported. FITS (default 1) trains that many times in the process, as BoostRun's --fits.
Prints one JSON line like BoostRun's.
"""
import json
import os
import resource
import sys
import time

path, rounds, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3]
fits = int(sys.argv[4]) if len(sys.argv) > 4 else 1
os.environ["OMP_NUM_THREADS"] = threads
import numpy as np  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor  # noqa: E402
from sklearn.metrics import mean_squared_error, roc_auc_score  # noqa: E402

task = os.path.basename(os.path.normpath(path))
X = np.load(os.path.join(path, "X_train.npy"))
y = np.load(os.path.join(path, "y_train.npy"))
Xt = np.load(os.path.join(path, "X_test.npy"))
yt = np.load(os.path.join(path, "y_test.npy"))
binary = task == "higgs"
params = dict(max_iter=rounds, learning_rate=0.1, max_leaf_nodes=31, max_bins=255, min_samples_leaf=20,
              l2_regularization=0.0, early_stopping=False, random_state=1)
seconds = []
for _ in range(fits):
    model = HistGradientBoostingClassifier(**params) if binary else HistGradientBoostingRegressor(**params)
    t0 = time.perf_counter()
    model.fit(X, y.astype(int) if binary else y)
    seconds.append(time.perf_counter() - t0)
if binary:
    value = roc_auc_score(yt, model.predict_proba(Xt)[:, 1])
else:
    value = mean_squared_error(yt, model.predict(Xt)) ** 0.5
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps({"lib": "sklearn", "task": task, "rows": int(X.shape[0]), "rounds": rounds, "threads": int(threads),
                  "fits": fits, "train_seconds": round(seconds[0], 3),
                  "later_fit_seconds": [round(t, 3) for t in seconds[1:]], "metric": "auc" if binary else "rmse",
                  "value": round(value, 6), "peak_rss_mb": round(peak, 1)}))
