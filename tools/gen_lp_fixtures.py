"""Reference optima for dev.derive.optim.constrained.InteriorPoint: random feasible, bounded LPs of 20-200
variables solved by scipy 1.10 linprog(method="highs"). Run once with /usr/bin/python3 from the repo root;
writes derive-core/src/test/resources/fixtures/optim_lp_highs.txt.

Construction (integer data, so the fixture is exact and small): a point x0 inside the bounds gives
b_eq = A_eq x0 and b_ub = A_ub x0 + slack (slack >= 0, some rows tight), so the LP is feasible; the cost
c = A_eq' y - A_ub' mu + z_lower - z_upper with mu, z >= 0 (z only on finite bounds) is dual feasible, so the
LP is bounded. Bounds mix [0, inf), [l, u], free and (-inf, u].
"""
import numpy as np
import scipy
from scipy.optimize import linprog
from fixtures_io import FixtureWriter

rng = np.random.default_rng(20261201)
sizes = [(20, 10, 5), (50, 30, 10), (100, 40, 20), (200, 60, 30)]
fw = FixtureWriter("derive-core/src/test/resources/fixtures/optim_lp_highs.txt",
                   f"random feasible bounded LPs; scipy {scipy.__version__} linprog(method='highs')\n"
                   "per problem k: c, A_ub, b_ub, A_eq, b_eq, lb, ub, fun (HiGHS optimum), x (HiGHS solution)")
for k, (n, mu_rows, me_rows) in enumerate(sizes):
    def sparse_int(r, c):
        a = rng.integers(-5, 6, size=(r, c)).astype(float)
        a[rng.random((r, c)) < 0.5] = 0
        return a
    aub = sparse_int(mu_rows, n)
    aeq = sparse_int(me_rows, n)
    kind = rng.choice(4, size=n, p=[0.5, 0.2, 0.15, 0.15])
    lb = np.where(kind == 0, 0.0, np.where(kind == 1, -2.0, -np.inf))
    ub = np.where(kind == 1, 3.0, np.where(kind == 3, 4.0, np.inf))
    lb[kind == 3] = -np.inf
    x0 = np.where(kind == 0, rng.integers(0, 4, n), np.where(kind == 1, rng.integers(-2, 4, n),
                  np.where(kind == 3, rng.integers(-3, 5, n), rng.integers(-3, 4, n)))).astype(float)
    slack = rng.integers(0, 4, mu_rows).astype(float)
    slack[rng.random(mu_rows) < 0.3] = 0
    bub = aub @ x0 + slack
    beq = aeq @ x0
    y = rng.integers(-3, 4, me_rows).astype(float)
    mu = rng.integers(0, 4, mu_rows).astype(float)
    zl = np.where(np.isfinite(lb), rng.integers(0, 3, n), 0).astype(float)
    zu = np.where(np.isfinite(ub), rng.integers(0, 3, n), 0).astype(float)
    c = aeq.T @ y - aub.T @ mu + zl - zu
    res = linprog(c, A_ub=aub, b_ub=bub, A_eq=aeq, b_eq=beq, bounds=list(zip(lb, ub)), method="highs")
    assert res.status == 0, res.message
    print(k, n, res.fun, res.nit)
    fw.add(f"c_{k}", c)
    fw.add(f"A_ub_{k}", aub)
    fw.add(f"b_ub_{k}", bub)
    fw.add(f"A_eq_{k}", aeq)
    fw.add(f"b_eq_{k}", beq)
    fw.add(f"lb_{k}", lb)
    fw.add(f"ub_{k}", ub)
    fw.add(f"fun_{k}", res.fun)
    fw.add(f"x_{k}", res.x)
fw.add("count", len(sizes))
fw.save()
