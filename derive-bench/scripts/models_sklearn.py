#!/usr/bin/env python3
"""scikit-learn's side of dev.derive.bench.models.ModelRun, on the same .npy files.

    /usr/bin/python3 derive-bench/scripts/models_sklearn.py forest DIR TREES THREADS
    /usr/bin/python3 derive-bench/scripts/models_sklearn.py logistic DIR THREADS

forest: RandomForestClassifier(n_estimators=TREES, n_jobs=THREADS) (fully grown trees, sqrt features,
bootstrap); reports training seconds, test accuracy, predict rows/s, the pickled model size and peak RSS.
logistic: LogisticRegression(C=1, solver="lbfgs", tol=1e-6, max_iter=1000); reports training seconds and
the objective sum(logloss) + ||w||^2/2 at its solution (ModelRun computes the same for Derive and Smile).
"""
import json
import os
import pickle
import resource
import sys
import time

kind, path = sys.argv[1], sys.argv[2]
threads = sys.argv[-1]
os.environ["OMP_NUM_THREADS"] = threads
os.environ["OPENBLAS_NUM_THREADS"] = threads
import numpy as np  # noqa: E402

X = np.load(os.path.join(path, "X_train.npy"))
y = np.load(os.path.join(path, "y_train.npy"))
Xt = np.load(os.path.join(path, "X_test.npy"))
yt = np.load(os.path.join(path, "y_test.npy"))
out = {"lib": "sklearn", "task": kind, "rows": int(X.shape[0]), "threads": int(threads)}
if kind == "forest":
    from sklearn.ensemble import RandomForestClassifier
    trees = int(sys.argv[3])
    m = RandomForestClassifier(n_estimators=trees, n_jobs=int(threads), random_state=1)
    t0 = time.perf_counter()
    c0 = os.times()
    m.fit(X, y)
    c1 = os.times()
    out["trees"] = trees
    out["train_seconds"] = time.perf_counter() - t0
    # CPU seconds of this process and its joblib workers (threads count in the process itself)
    out["train_cpu_seconds"] = (c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user) + (
        c1.children_system - c0.children_system)
    t1 = time.perf_counter()
    pred = m.predict(Xt)
    out["accuracy"] = float((pred == yt).mean())
    out["predict_rows_per_s"] = len(yt) / (time.perf_counter() - t1)
    out["model_mb"] = len(pickle.dumps(m)) / 1048576.0
else:
    from sklearn.linear_model import LogisticRegression
    m = LogisticRegression(C=1.0, solver="lbfgs", tol=1e-6, max_iter=1000)
    t0 = time.perf_counter()
    m.fit(X, y)
    out["train_seconds"] = time.perf_counter() - t0
    out["iterations"] = int(m.n_iter_[0])
    eta = X @ m.coef_[0] + m.intercept_[0]
    out["objective"] = float(np.sum(np.logaddexp(0, eta) - y * eta) + m.coef_[0] @ m.coef_[0] / 2)
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps({k: (round(v, 6) if isinstance(v, float) else v) for k, v in out.items()}))
