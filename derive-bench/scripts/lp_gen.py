"""The random LP/QP problems of the LP benchmark (`lp_problems.py`) and of the AOT-cache training run
(`aot_train_problems.py`): a feasible, bounded LP with a known primal-dual certificate by construction."""
import numpy as np


def problem(rng, n, m_ub, m_eq, density=0.3):
    def sp(r, c):
        a = rng.normal(size=(r, c))
        a[rng.random((r, c)) > density] = 0
        return a
    aub, aeq = sp(m_ub, n), sp(m_eq, n)
    lb = np.where(rng.random(n) < 0.8, 0.0, -5.0)
    ub = np.where(rng.random(n) < 0.5, 10.0, np.inf)
    x0 = lb + rng.uniform(0.1, 1.0, n)
    bub = aub @ x0 + rng.uniform(0, 1, m_ub) * (rng.random(m_ub) < 0.7)
    beq = aeq @ x0
    y = rng.normal(size=m_eq)
    mu = rng.uniform(0, 1, m_ub)
    zl = rng.uniform(0, 1, n)
    zu = np.where(np.isfinite(ub), rng.uniform(0, 1, n), 0.0)
    c = aeq.T @ y - aub.T @ mu + zl - zu
    return dict(c=c, A_ub=aub, b_ub=bub, A_eq=aeq, b_eq=beq, lb=lb, ub=ub)
