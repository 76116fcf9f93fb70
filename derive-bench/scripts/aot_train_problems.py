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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lp_gen import problem as gen_problem  # noqa: E402

rng = np.random.default_rng(8)


def save(out, name, p):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    for k, v in p.items():
        np.save(os.path.join(d, k + ".npy"), np.asarray(v, dtype=float))


out = sys.argv[1]
n = 150
save(out, "lp_train", gen_problem(rng, n, n // 2, n // 5))
p = gen_problem(rng, n, n // 2, n // 5)
g = rng.normal(size=(n, n))
p["Q"] = g.T @ g / n + 0.1 * np.eye(n)
save(out, "qp_train", p)
