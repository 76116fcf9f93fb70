#!/usr/bin/env python3
"""Small LP and QP for an AOT cache training run of LpRun (docs/startup.md), NOT the benchmark's problems.

    /usr/bin/python3 derive-bench/scripts/aot_train_problems.py OUT_DIR

Writes OUT_DIR/lp_train and OUT_DIR/qp_train ({c,A_ub,b_ub,A_eq,b_eq,lb,ub[,Q]}.npy): n = 150 variables, 75
inequality and 30 equality rows, drawn as scripts/lp_problems.py draws its problems but from another seed (8, not 7).
Internal size n + m_ub = 225 > 200, so InteriorPoint solves them with OpenBLAS (FFM), the path of the benchmark's
lp_200 / qp_200 (size 300); smaller problems would take the pure-Java kernel path and train other code.
"""
import os
import sys

import numpy as np

rng = np.random.default_rng(8)


def problem(n, m_ub, m_eq, density=0.3):
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


def save(out, name, p):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    for k, v in p.items():
        np.save(os.path.join(d, k + ".npy"), np.asarray(v, dtype=float))


out = sys.argv[1]
n = 150
save(out, "lp_train", problem(n, n // 2, n // 5))
p = problem(n, n // 2, n // 5)
g = rng.normal(size=(n, n))
p["Q"] = g.T @ g / n + 0.1 * np.eye(n)
save(out, "qp_train", p)
