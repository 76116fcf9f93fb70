"""Reference values for probability calibration from scikit-learn 1.2.1's CalibratedClassifierCV
(method sigmoid: Platt 1999 with the target smoothing of Lin, Lin & Weng 2007; method isotonic: PAV).

Run once with Debian's python3 (never in CI), from the repository root:
    /usr/bin/python3 tools/gen_calibration_fixtures.py
Inputs: the standardised breast-cancer and iris features bc_X, iris_X of voting_stacking_sklearn.txt and their
labels bc_y, iris_y of cart_sklearn.txt (all in derive-models/src/test/resources/fixtures). The folds are
scikit-learn's StratifiedKFold(5) (CalibratedClassifierCV's default cv=5), stored as the test-fold index of
every row (`*_fold`) so the Java test uses exactly these folds. Base learners Derive reproduces: logistic
regression at its optimum (newton-cg, tol 1e-10) and LinearSVC (liblinear, tol 1e-10).

scipy's fmin_bfgs, which scikit-learn uses for the sigmoid fit, stops at gtol = 1e-5 (on the summed loss), so
its (a, b) are only near the optimum; `*_tight_ab` holds the exact optimum of the same objective for the
same fold decision values (Newton's method to a gradient of 1e-12), which the Java fit is compared with.
Writes derive-models/src/test/resources/fixtures/calibration_sklearn.txt.
"""
import sys
import numpy as np
import sklearn
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

FIX = "derive-models/src/test/resources/fixtures/"


def read_fixtures(path):
    out, lines, i = {}, [l for l in open(path) if not l.startswith("#")], 0
    while i < len(lines):
        name, r, c = lines[i].split()
        r, c = int(r), int(c)
        out[name] = np.array([[float(v) for v in lines[i + 1 + k].split()] for k in range(r)])
        i += 1 + r
    return out


vs = read_fixtures(FIX + "voting_stacking_sklearn.txt")
cart = read_fixtures(FIX + "cart_sklearn.txt")


def logistic():
    return LogisticRegression(C=1.0, solver="newton-cg", tol=1e-10, max_iter=10000)


def svc():
    return LinearSVC(C=1.0, tol=1e-10, max_iter=1_000_000)


def tight_platt(F, y):
    """The exact minimiser of scikit-learn's _sigmoid_calibration objective (unweighted), by Newton's method."""
    prior0 = float(np.sum(y <= 0))
    prior1 = y.shape[0] - prior0
    T = np.where(y > 0, (prior1 + 1.0) / (prior1 + 2.0), 1.0 / (prior0 + 2.0))
    ab = np.array([0.0, np.log((prior0 + 1.0) / (prior1 + 1.0))])
    for _ in range(100):
        P = expit(-(ab[0] * F + ab[1]))
        g = np.array([np.dot(T - P, F), np.sum(T - P)])
        d = P * (1 - P)
        H = np.array([[np.dot(d, F * F), np.dot(d, F)], [np.dot(d, F), np.sum(d)]])
        ab = ab - np.linalg.solve(H, g)
        if np.max(np.abs(g)) < 1e-12 * len(F):
            break
    return ab


out = FixtureWriter(FIX + "calibration_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}: CalibratedClassifierCV references.
produced by tools/gen_calibration_fixtures.py; inputs bc_X, iris_X (voting_stacking_sklearn.txt), bc_y, iris_y
(cart_sklearn.txt); folds: StratifiedKFold(5) test-fold index per row; probabilities are predicted on the training rows.""")

for name in ["bc", "iris"]:
    X = vs[f"{name}_X"]
    y = cart[f"{name}_y"].ravel().astype(int)
    skf = StratifiedKFold(5)
    fold = np.zeros(len(y))
    for k, (_, test) in enumerate(skf.split(X, y)):
        fold[test] = k
    out.add(f"{name}_fold", fold)
    for method in ["sigmoid", "isotonic"]:
        for ens in [True, False]:
            if name == "iris" and not ens:
                continue
            c = CalibratedClassifierCV(logistic(), method=method, cv=skf, ensemble=ens).fit(X, y)
            tag = f"{name}_logistic_{method}_{'ens' if ens else 'noens'}"
            out.add(tag + "_proba", c.predict_proba(X))
            if method == "sigmoid" and ens and name == "bc":
                ab, tight = [], []
                for k, (train, test) in enumerate(skf.split(X, y)):
                    cc = c.calibrated_classifiers_[k]
                    ab.append([cc.calibrators[0].a_, cc.calibrators[0].b_])
                    F = cc.estimator.decision_function(X[test])
                    tight.append(tight_platt(F, y[test]))
                out.add(tag + "_ab", np.array(ab))
                out.add(tag + "_tight_ab", np.array(tight))
    if name == "bc":
        for method in ["sigmoid", "isotonic"]:
            c = CalibratedClassifierCV(svc(), method=method, cv=skf).fit(X, y)
            out.add(f"bc_svc_{method}_proba", c.predict_proba(X))

# isotonic regression (PAV) on a small weighted problem with ties, out-of-range clipping and interpolation
rng = np.random.default_rng(3)
xs = np.round(rng.normal(size=40), 1)
ys = (rng.random(40) < expit(2 * xs)).astype(float)
ws = 0.5 + rng.random(40)
from sklearn.isotonic import IsotonicRegression
iso = IsotonicRegression(out_of_bounds="clip").fit(xs, ys, sample_weight=ws)
grid = np.linspace(-3, 3, 61)
out.add("iso_x", xs)
out.add("iso_y", ys)
out.add("iso_w", ws)
out.add("iso_grid", grid)
out.add("iso_pred", iso.predict(grid))
out.add("iso_fitted", iso.predict(xs))
out.save()
