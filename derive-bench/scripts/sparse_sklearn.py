"""scikit-learn's side of the sparse L1-logistic benchmark (dev.derive.bench.models.SparseRun).

    /usr/bin/python3 derive-bench/scripts/sparse_sklearn.py FILE.svm COLS C TOL [liblinear saga ...]

Reads the LibSVM file written by `SparseRun --lib prepare` (scipy CSR), fits
LogisticRegression(penalty='l1', C, tol, solver) for each solver and prints one JSON line each: fit seconds
(after a warm-up fit on a 5% subset), the objective sum_i logloss_i + ||w||_1 / C with the intercept
unpenalised (Derive's; liblinear penalises its bias like a weight, so its solution is for a slightly
different problem), nnz(coef) and training accuracy.
"""
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression

warnings.simplefilter("ignore")
path, cols, C, tol = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
solvers = sys.argv[5:] or ["liblinear", "saga"]
X, y = load_svmlight_file(path, n_features=cols)
X = X.tocsr()
y = (y > 0).astype(int)


def objective(m):
    z = X @ m.coef_.ravel() + m.intercept_[0]
    loss = np.sum(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z)
    return float(loss + np.abs(m.coef_).sum() / C)


for solver in solvers:
    kw = dict(penalty="l1", C=C, tol=tol, solver=solver, max_iter=1000, random_state=0)
    LogisticRegression(**kw).fit(X[::20], y[::20])
    t0 = time.perf_counter()
    m = LogisticRegression(**kw).fit(X, y)
    secs = time.perf_counter() - t0
    print(json.dumps({"task": "sparse_l1_logistic", "lib": "sklearn", "solver": solver, "rows": X.shape[0], "cols": cols,
                      "nnz": int(X.nnz), "c": C, "tol": tol, "seconds": round(secs, 4), "objective": objective(m),
                      "nnz_coef": int(np.count_nonzero(m.coef_)), "train_accuracy": float((m.predict(X) == y).mean()),
                      "iterations": int(np.max(m.n_iter_)), "sklearn": sklearn.__version__}), flush=True)
