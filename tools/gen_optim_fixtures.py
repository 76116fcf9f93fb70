"""Reference values for dev.derive.optim: L2-regularised logistic regression on breast cancer.

Run once with Debian's python (numpy 1.24, scipy 1.10, scikit-learn 1.2):
    /usr/bin/python3 tools/gen_optim_fixtures.py
Reads /work/shared/datasets/small/breast_cancer_wisconsin_diagnostic.csv (or the path in $DERIVE_DATASETS)
and writes derive-core/src/test/resources/fixtures/optim_logistic.txt. Never run in CI.

Problem: the 569 x 30 features standardised with the mean and population standard deviation (ddof = 0),
label y = 1 for 'malignant', 0 for 'benign'. scikit-learn's LogisticRegression(C, tol=1e-10) minimises
    1/2 ||w||^2 + C sum_i log(1 + exp(-s_i (w'x_i + b))),   s_i = 2 y_i - 1, intercept b not penalised,
which has the same minimiser as the mean form the Java tests use,
    F(w, b) = (1/n) sum_i log(1 + exp(-s_i (w'x_i + b))) + ||w||^2 / (2 C n).
Entries:
  mean, scale                 the standardisation (numpy mean and std)
  C_<tag>                     the regularisation constant
  coef_<tag>, intercept_<tag> scikit-learn's solution (solver='newton-cholesky', tol=1e-10)
  newton_<tag>                [w, b] from a plain Newton iteration in numpy to gradient norm < 1e-13
  fmin_<tag>                  F at the Newton solution
The script asserts that scikit-learn and Newton agree to 1e-9 (relative, in the max norm).
scikit-learn's default solver 'lbfgs' with tol=1e-10 stops about 1e-4 (relative) short of the minimiser,
because it passes ftol = 64 eps to scipy's L-BFGS-B, which ends the run first; 'newton-cholesky' (new in
1.2) converges to rounding, so it is the reference.
"""
import os
import sys

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(__file__))
from fixtures_io import FixtureWriter  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "derive-core", "src", "test", "resources", "fixtures", "optim_logistic.txt")
DATA = os.path.join(os.environ.get("DERIVE_DATASETS", "/work/shared/datasets"), "small",
                    "breast_cancer_wisconsin_diagnostic.csv")


def load():
    with open(DATA) as f:
        header = f.readline().strip().split(",")
        rows = [line.strip().split(",") for line in f if line.strip()]
    assert header[-1] == "diagnosis"
    x = np.array([[float(v) for v in r[:-1]] for r in rows])
    y = np.array([1.0 if r[-1] == "malignant" else 0.0 for r in rows])
    assert set(r[-1] for r in rows) == {"malignant", "benign"}
    return x, y


def objective(theta, z, s, c):
    n = z.shape[0]
    w, b = theta[:-1], theta[-1]
    t = -s * (z @ w + b)
    loss = np.logaddexp(0, t).mean()
    return loss + w @ w / (2 * c * n)


def newton(z, s, c):
    n, d = z.shape
    a = np.hstack([z, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    reg = np.ones(d + 1) / (c * n)
    reg[-1] = 0
    for _ in range(100):
        m = s * (a @ theta)
        p = 1 / (1 + np.exp(m))          # sigma(-m)
        g = -(a.T @ (s * p)) / n + reg * theta
        if np.linalg.norm(g) < 1e-13:
            break
        wts = p * (1 - p)
        h = (a.T * wts) @ a / n + np.diag(reg)
        theta -= np.linalg.solve(h, g)
    return theta, np.linalg.norm(g)


x, y = load()
mean = x.mean(axis=0)
scale = x.std(axis=0)
z = (x - mean) / scale
s = 2 * y - 1

w = FixtureWriter(OUT, f"""
L2 logistic regression on breast cancer (569 x 30, standardised), written by tools/gen_optim_fixtures.py
numpy {np.__version__}, scikit-learn {sklearn.__version__}
""")
w.add("mean", mean)
w.add("scale", scale)
for tag, c in [("c1", 1.0), ("c01", 0.1)]:
    clf = LogisticRegression(C=c, tol=1e-10, solver="newton-cholesky", max_iter=1000).fit(z, y)
    theta_sk = np.concatenate([clf.coef_.ravel(), clf.intercept_])
    theta_nt, gnorm = newton(z, s, c)
    assert gnorm < 1e-12, gnorm
    rel = np.max(np.abs(theta_sk - theta_nt)) / np.max(np.abs(theta_nt))
    print(f"C={c}: sklearn vs Newton max rel diff {rel:.2e}, Newton |g| {gnorm:.2e}, F* {objective(theta_nt, z, s, c)!r}")
    assert rel < 1e-9, rel
    w.add("C_" + tag, c)
    w.add("coef_" + tag, clf.coef_.ravel())
    w.add("intercept_" + tag, clf.intercept_)
    w.add("newton_" + tag, theta_nt)
    w.add("fmin_" + tag, objective(theta_nt, z, s, c))
w.save()
print("wrote", OUT)
