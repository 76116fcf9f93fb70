#!/usr/bin/env python3
"""scikit-learn's side of dev.derive.bench.models.ModelRun, on the same .npy files.

    /usr/bin/python3 derive-bench/scripts/models_sklearn.py forest DIR TREES THREADS
    /usr/bin/python3 derive-bench/scripts/models_sklearn.py extra_trees DIR TREES THREADS
    /usr/bin/python3 derive-bench/scripts/models_sklearn.py logistic DIR REPEATS THREADS
    /usr/bin/python3 derive-bench/scripts/models_sklearn.py lasso_path DIR REPEATS THREADS
    /usr/bin/python3 derive-bench/scripts/models_sklearn.py ridge_cv DIR REPEATS THREADS

forest: RandomForestClassifier(n_estimators=TREES, n_jobs=THREADS) (fully grown trees, sqrt features,
bootstrap); reports training seconds, test accuracy, predict rows/s, the pickled model size and peak RSS.
extra_trees: ExtraTreesClassifier(n_estimators=TREES, n_jobs=THREADS) on the forest's data (its defaults: fully grown
trees, sqrt features, one random threshold per feature, no bootstrap); the same measurements.
logistic: LogisticRegression(C=1, solver="lbfgs", tol=1e-6, max_iter=1000); reports training seconds (best of
REPEATS fits; cold_seconds is the first) and the objective sum(logloss) + ||w||^2/2 at its solution (ModelRun
computes the same for Derive and Smile, and times Derive to this objective).
lasso_path: lasso_path(Xc, yc, eps=1e-3, n_alphas=100, tol=1e-4) (precompute="auto": the Gram matrix, as
n > p) on centred X, y (the centring is timed, Derive centres inside its path); reports the summed objective
1/(2n)||y - b0 - Xb||^2 + alpha ||b||_1 over the path and the last one.
ridge_cv: RidgeCV(alphas=logspace(-3, 3, 50)) (gcv_mode auto: the SVD of X when n > p); reports the chosen alpha
and the best leave-one-out score.
Each library gets X in the layout it works in before the timing: Fortran order for lasso_path and RidgeCV
(Derive's matrices are column-major too), C order for LogisticRegression (its fit asks for it).
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
if kind in ("forest", "extra_trees", "logistic"):
    Xt = np.load(os.path.join(path, "X_test.npy"))
    yt = np.load(os.path.join(path, "y_test.npy"))
out = {"lib": "sklearn", "task": kind, "rows": int(X.shape[0]), "threads": int(threads)}
if kind in ("forest", "extra_trees"):
    from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier
    trees = int(sys.argv[3])
    cls = RandomForestClassifier if kind == "forest" else ExtraTreesClassifier
    m = cls(n_estimators=trees, n_jobs=int(threads), random_state=1)
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
elif kind == "logistic":
    from sklearn.linear_model import LogisticRegression
    repeats = int(sys.argv[3])
    X = np.ascontiguousarray(X)  # the C order LogisticRegression.fit asks for (it would copy inside the timing)
    times, cpus = [], []
    for _ in range(max(1, repeats)):
        m = LogisticRegression(C=1.0, solver="lbfgs", tol=1e-6, max_iter=1000)
        t0, c0 = time.perf_counter(), time.process_time()
        m.fit(X, y)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    out["train_seconds"] = min(times)
    out["cpu_seconds"] = min(cpus)
    out["cold_seconds"] = times[0]
    out["repeats"] = repeats
    out["iterations"] = int(m.n_iter_[0])
    eta = X @ m.coef_[0] + m.intercept_[0]
    out["objective"] = float(np.sum(np.logaddexp(0, eta) - y * eta) + m.coef_[0] @ m.coef_[0] / 2)
elif kind == "lasso_path":
    from sklearn.linear_model import lasso_path
    repeats = int(sys.argv[3])
    Xf = np.asfortranarray(X)
    times, cpus = [], []
    for _ in range(max(1, repeats)):
        t0, c0 = time.perf_counter(), time.process_time()
        xm = Xf.mean(axis=0)
        ym = y.mean()
        Xc = Xf - xm
        yc = y - ym
        alphas, coefs, gaps = lasso_path(Xc, yc, eps=1e-3, n_alphas=100, tol=1e-4)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    out["cols"] = int(X.shape[1])
    n = X.shape[0]
    fit = Xc @ coefs
    rr = np.sum((yc[:, None] - fit) ** 2, axis=0)
    objs = rr / (2 * n) + alphas * np.abs(coefs).sum(axis=0)
    out["train_seconds"] = min(times)
    out["cpu_seconds"] = min(cpus)
    out["cold_seconds"] = times[0]
    out["repeats"] = repeats
    out["objective_sum"] = float(objs.sum())
    out["objective_last"] = float(objs[-1])
    out["nonzero_last"] = int(np.count_nonzero(coefs[:, -1]))
    out["alpha_min"] = float(alphas[-1])
else:
    from sklearn.linear_model import RidgeCV
    repeats = int(sys.argv[3])
    Xf = np.asfortranarray(X)
    times, cpus = [], []
    for _ in range(max(1, repeats)):
        m = RidgeCV(alphas=np.logspace(-3, 3, 50))
        t0, c0 = time.perf_counter(), time.process_time()
        m.fit(Xf, y)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    out["cols"] = int(X.shape[1])
    out["train_seconds"] = min(times)
    out["cpu_seconds"] = min(cpus)
    out["cold_seconds"] = times[0]
    out["repeats"] = repeats
    out["alpha"] = float(m.alpha_)
    out["best_score"] = float(m.best_score_)
    out["mode"] = "svd (auto)"
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps({k: (round(v, 6) if isinstance(v, float) else v) for k, v in out.items()}))
