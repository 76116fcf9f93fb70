"""References for the linear-model family extensions: OLS inference summary, RidgeCV, iterative ridge,
log-link GLMs (Poisson, Gamma, Tweedie) and the Huber regressor, from scikit-learn 1.2.1 and numpy/scipy.

Run once with Debian's python3 (never in CI):
    /usr/bin/python3 tools/gen_glm_fixtures.py /work/shared/datasets/small
Writes derive-models/src/test/resources/fixtures/glm_sklearn.txt. Inputs are the shipped diabetes data set
(BSD-3-Clause): raw features for OLS/RidgeCV, standardised features (column mean 0, population std 1) for
the GLMs and Huber. The quakes data (R `datasets`, GPL: not shipped) only contribute expected numbers
(`quakes_*`); the test reads the CSV from ../shared/datasets and skips when it is absent.

OLS summary numbers follow statsmodels' OLS/WLS formulas (statsmodels is not installed here, so they are
computed directly with numpy/scipy): cov = s^2 (X'WX)^-1 with the intercept column, s^2 = sum w r^2 /
(n - k), t = b / se, p = 2 sf_t(|t|, n - k), CI = b -/+ t_{1-(1-level)/2, n-k} se, R^2 = 1 - SSR/SST
(centred SST with an intercept), adjusted R^2 = 1 - (n - 1)/(n - k) (1 - R^2), F = (ESS/(k-1))/(SSR/(n-k)),
llf = -n/2 (ln(2 pi SSR/n) + 1) + 1/2 sum ln w, AIC = -2 llf + 2k, BIC = -2 llf + k ln n.
"""
import sys
import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy import stats
from sklearn.linear_model import (RidgeCV, Ridge, PoissonRegressor, GammaRegressor, TweedieRegressor,
                                  HuberRegressor)

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/small"
out = FixtureWriter("derive-models/src/test/resources/fixtures/glm_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}
produced by tools/gen_glm_fixtures.py from {root}/diabetes.csv (shipped) and r_datasets/quakes.csv (numbers only)""")

diab = pd.read_csv(f"{root}/diabetes.csv")
X = diab.drop(columns="disease_progression").to_numpy(float)
y = diab["disease_progression"].to_numpy(float)
n, p = X.shape
w = 1.0 + (np.arange(n) % 4)
out.add("diabetes_X", X)
out.add("diabetes_y", y)
out.add("diabetes_w", w)


# ---------------------------------------------------------------- OLS summary (statsmodels formulas)
def ols_summary(prefix, X, y, w, level=0.95):
    n = len(y)
    A = np.hstack([np.ones((n, 1)), X])
    sw = np.sqrt(w)
    Aw = A * sw[:, None]
    beta, *_ = np.linalg.lstsq(Aw, y * sw, rcond=None)
    r = y - A @ beta
    k = A.shape[1]
    dfr = n - k
    ssr = np.sum(w * r ** 2)
    ybar = np.sum(w * y) / np.sum(w)
    sst = np.sum(w * (y - ybar) ** 2)
    s2 = ssr / dfr
    cov = s2 * np.linalg.inv(Aw.T @ Aw)
    se = np.sqrt(np.diag(cov))
    t = beta / se
    pv = 2 * stats.t.sf(np.abs(t), dfr)
    q = stats.t.ppf(1 - (1 - level) / 2, dfr)
    r2 = 1 - ssr / sst
    adj = 1 - (n - 1) / dfr * (1 - r2)
    F = ((sst - ssr) / (k - 1)) / (ssr / dfr)
    Fp = stats.f.sf(F, k - 1, dfr)
    llf = -n / 2 * (np.log(2 * np.pi * ssr / n) + 1) + 0.5 * np.sum(np.log(w))
    out.add(prefix + "_params", beta)
    out.add(prefix + "_se", se)
    out.add(prefix + "_t", t)
    out.add(prefix + "_p", pv)
    out.add(prefix + "_ci", np.column_stack([beta - q * se, beta + q * se]))
    out.add(prefix + "_stats", [r2, adj, F, Fp, np.sqrt(s2), llf, -2 * llf + 2 * k, -2 * llf + k * np.log(n)])


ols_summary("ols", X, y, np.ones(n))
ols_summary("wls", X, y, w, level=0.9)

# ---------------------------------------------------------------- RidgeCV (efficient LOO) on raw diabetes
alphas = np.logspace(-4, 3, 20)
out.add("ridgecv_alphas", alphas)


def loo_errors(X, y, sw, alpha):
    """Mean weighted squared LOO residual by brute force (refit without each row), as a cross-check."""
    errs = []
    for i in range(len(y)):
        m = np.ones(len(y), bool)
        m[i] = False
        r = Ridge(alpha=alpha, solver="cholesky").fit(X[m], y[m], sample_weight=sw[m])
        errs.append(sw[i] * (y[i] - r.predict(X[i:i + 1])[0]) ** 2)
    return np.mean(errs)


def ridge_exact(X, y, sw, alpha):
    """The ridge solution with an unpenalised intercept at 40 digits (mpmath): scikit-learn's RidgeCV forms
    coef = X' c from its dual vector c, which is only good to ~1e-8 relative on the raw diabetes features."""
    import mpmath
    mpmath.mp.dps = 40
    n, p = X.shape
    sw = np.ones(n) if sw is None else sw
    W = [mpmath.mpf(v) for v in sw]
    tw = sum(W)
    xm = [sum(W[i] * mpmath.mpf(X[i, j]) for i in range(n)) / tw for j in range(p)]
    ym = sum(W[i] * mpmath.mpf(y[i]) for i in range(n)) / tw
    Xc = mpmath.matrix(n, p)
    yc = mpmath.matrix(n, 1)
    for i in range(n):
        r = mpmath.sqrt(W[i])
        yc[i] = r * (mpmath.mpf(y[i]) - ym)
        for j in range(p):
            Xc[i, j] = r * (mpmath.mpf(X[i, j]) - xm[j])
    A = Xc.T * Xc + mpmath.mpf(alpha) * mpmath.eye(p)
    beta = mpmath.lu_solve(A, Xc.T * yc)
    b0 = ym - sum(xm[j] * beta[j] for j in range(p))
    return np.array([float(v) for v in beta]), float(b0)


for name, sw, mode in [("ridgecv", None, "auto"), ("ridgecv_w", w, "auto"), ("ridgecv_eig", None, "eigen")]:
    rc = RidgeCV(alphas=alphas, store_cv_values=True, gcv_mode=None if mode == "auto" else mode)
    rc.fit(X, y, sample_weight=sw)
    out.add(name + "_alpha", rc.alpha_)
    out.add(name + "_coef", rc.coef_)
    out.add(name + "_intercept", rc.intercept_)
    out.add(name + "_best_score", rc.best_score_)
    out.add(name + "_cv_mean", rc.cv_values_.mean(axis=0))
    ex, ex0 = ridge_exact(X, y, sw, rc.alpha_)
    out.add(name + "_exact_coef", ex)
    out.add(name + "_exact_intercept", ex0)
    brute = loo_errors(X, y, np.ones(n) if sw is None else sw, rc.alpha_)
    assert abs(brute + rc.best_score_) < 1e-8 * abs(brute), (name, brute, rc.best_score_)

# wide problem (n < p): the first 30 rows, features plus their squares and pairwise products
Xw = X[:30]
Xs = (Xw - Xw.mean(0)) / Xw.std(0)
cols = [Xs] + [(Xs[:, i] * Xs[:, j])[:, None] for i in range(p) for j in range(i, p)]
Xwide = np.hstack(cols)
out.add("wide_X", Xwide)
out.add("wide_y", y[:30])
rc = RidgeCV(alphas=alphas).fit(Xwide, y[:30])
out.add("wide_alpha", rc.alpha_)
out.add("wide_coef", rc.coef_)
out.add("wide_intercept", rc.intercept_)
out.add("wide_best_score", rc.best_score_)
ex, ex0 = ridge_exact(Xwide, y[:30], None, rc.alpha_)
out.add("wide_exact_coef", ex)
out.add("wide_exact_intercept", ex0)

# ---------------------------------------------------------------- GLMs and Huber on standardised diabetes
Z = (X - X.mean(0)) / X.std(0)
out.add("diabetes_Z", Z)
ys = y / 100.0   # a scale of ~1 keeps exp(eta) well inside double range at the start


def newton(Z, y, power, alpha, sw, intercept):
    """The exact minimiser of sum s_i halfdev_i + alpha/2 ||b||^2 (s = sw / sum sw) by plain Newton steps from
    sklearn's start; scikit-learn's lbfgs stops (ftol = 64 eps) with coefficients good to ~1e-6 only."""
    n, p = Z.shape
    A = np.hstack([Z, np.ones((n, 1))]) if intercept else Z
    s = sw / sw.sum()
    th = np.zeros(A.shape[1])
    if intercept:
        th[-1] = np.log(np.average(y, weights=sw))
    for it in range(60):
        mu = np.exp(A @ th)
        g1 = mu ** (1 - power) * (mu - y)
        h1 = (2 - power) * mu ** (2 - power) - (1 - power) * y * mu ** (1 - power)
        g = A.T @ (s * g1)
        g[:p] += alpha * th[:p]
        H = A.T @ (A * (s * h1)[:, None])
        H[:p, :p] += alpha * np.eye(p)
        th = th - np.linalg.solve(H, g)
    assert np.linalg.norm(g) < 1e-14, np.linalg.norm(g)
    return th


def glm(prefix, est, Z, y, sw=None):
    est.fit(Z, y, sample_weight=sw)
    out.add(prefix + "_coef", est.coef_)
    out.add(prefix + "_intercept", est.intercept_)
    out.add(prefix + "_n_iter", est.n_iter_)
    power = {"PoissonRegressor": 1, "GammaRegressor": 2}.get(type(est).__name__, getattr(est, "power", None))
    th = newton(Z, y, power, est.alpha, np.ones(len(y)) if sw is None else sw, est.fit_intercept)
    out.add(prefix + "_exact", th)


glm("poisson", PoissonRegressor(alpha=0.01, tol=1e-10, max_iter=100000), Z, ys)
glm("poisson_w", PoissonRegressor(alpha=0.01, tol=1e-10, max_iter=100000), Z, ys, w)
glm("gamma", GammaRegressor(alpha=0.01, tol=1e-10, max_iter=100000), Z, ys)
glm("tweedie15", TweedieRegressor(power=1.5, link="log", alpha=0.01, tol=1e-10, max_iter=100000), Z, ys)
glm("tweedie3", TweedieRegressor(power=3, link="log", alpha=0.1, tol=1e-10, max_iter=100000), Z, ys)
glm("tweedie0", TweedieRegressor(power=0, link="log", alpha=0.01, tol=1e-10, max_iter=100000), Z, ys)
glm("poisson_noint", PoissonRegressor(alpha=0.1, fit_intercept=False, tol=1e-10, max_iter=100000), Z, ys)

# real counts: quakes, stations ~ lat + long + depth + mag (features standardised)
try:
    qk = pd.read_csv(f"{root}/r_datasets/quakes.csv")
    QX = qk[["lat", "long", "depth", "mag"]].to_numpy(float)
    QX = (QX - QX.mean(0)) / QX.std(0)
    qy = qk["stations"].to_numpy(float)
    glm("quakes_poisson", PoissonRegressor(alpha=1e-3, tol=1e-10, max_iter=100000), QX, qy)
except FileNotFoundError:
    print("quakes.csv absent: skipped")



def huber(prefix, eps, alpha, sw):
    """HuberRegressor, then the same objective (scikit-learn's own loss function) minimised tightly: HuberRegressor
    leaves scipy's L-BFGS-B ftol at its default 2.2e-9, which stops it with a gradient ~2e-3 and coefficients good
    to ~1e-4 relative only."""
    from scipy import optimize
    from sklearn.linear_model._huber import _huber_loss_and_gradient
    hub = HuberRegressor(epsilon=eps, alpha=alpha, max_iter=100000, tol=1e-10).fit(Z, y, sample_weight=sw)
    out.add(prefix + "_coef", hub.coef_)
    out.add(prefix + "_intercept", hub.intercept_)
    out.add(prefix + "_scale", hub.scale_)
    out.add(prefix + "_n_iter", hub.n_iter_)
    th = np.r_[hub.coef_, hub.intercept_, hub.scale_]
    bounds = np.tile([-np.inf, np.inf], (th.shape[0], 1))
    bounds[-1][0] = np.finfo(np.float64).eps * 10
    s = np.ones(len(y)) if sw is None else sw
    r = optimize.minimize(_huber_loss_and_gradient, th, method="L-BFGS-B", jac=True, args=(Z, y, eps, alpha, s),
                          options={"maxiter": 100000, "gtol": 1e-12, "ftol": 1e-15}, bounds=bounds)
    g = _huber_loss_and_gradient(r.x, Z, y, eps, alpha, s)[1]
    assert np.abs(g).max() < 1e-4, np.abs(g).max()
    out.add(prefix + "_tight", r.x)


huber("huber", 1.35, 1e-4, None)
huber("huber_w", 1.2, 0.5, w)
out.save()
