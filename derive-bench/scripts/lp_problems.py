#!/usr/bin/env python3
"""Random feasible, bounded LPs and a dense convex QP for the interior-point benchmark, solved by scipy.

    /usr/bin/python3 derive-bench/scripts/lp_problems.py OUT_DIR [repeats]

Writes OUT_DIR/<name>/{c,A_ub,b_ub,A_eq,b_eq,lb,ub[,Q]}.npy for each problem, times scipy 1.10
linprog(method="highs") on the LPs and cvxopt's interior-point solvers.qp on the QP (best of `repeats`), and prints one
JSON line per problem (library, name, wall seconds of the best run, process CPU seconds of the best run, objective,
and the wall and CPU seconds of the first run in the process, `cold_seconds` / `cold_cpu_seconds`: the libraries are
imported before any timing, so the first call pays only for first-use work such as allocator and cache warm-up).
dev.derive.bench.optim.LpRun solves the same files.
Construction as tools/gen_lp_fixtures.py: an interior point x0 makes the LP feasible, a dual-feasible cost
c = A_eq'y - A_ub'mu + z_l - z_u makes it bounded. The QPs (n = 200, 400, 800, drawn after the LPs so that those
stay the same): Q = G'G/n + 0.1 I, the same constraint shapes.
"""
import json
import os
import sys
import time

import numpy as np
from scipy.optimize import linprog

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lp_gen import problem as gen_problem  # noqa: E402

out = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
rng = np.random.default_rng(7)


def save(name, p):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    for k, v in p.items():
        np.save(os.path.join(d, k + ".npy"), np.asarray(v, dtype=float))


def best(f):
    """(best wall s, best CPU s, result, first-run wall s, first-run CPU s) of `repeats` calls."""
    times, cpus, r = [], [], None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        r = f()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(times), min(cpus), r, times[0], cpus[0]


for n, mub, meq in [(200, 100, 40), (400, 200, 80), (800, 400, 160)]:
    p = gen_problem(rng, n, mub, meq)
    name = "lp_%d" % n
    save(name, p)
    bounds = list(zip(p["lb"], [None if not np.isfinite(u) else u for u in p["ub"]]))
    t, cpu, r, t0, cpu0 = best(lambda: linprog(p["c"], A_ub=p["A_ub"], b_ub=p["b_ub"], A_eq=p["A_eq"], b_eq=p["b_eq"],
                                     bounds=bounds, method="highs"))
    print(json.dumps({"lib": "scipy-highs", "problem": name, "n": n, "seconds": round(t, 5), "cpu_seconds": round(cpu, 5),
                      "cold_seconds": round(t0, 5), "cold_cpu_seconds": round(cpu0, 5), "objective": r.fun,
                      "status": int(r.status)}), flush=True)

# cvxopt's primal-dual interior-point QP: bounds become rows of G x <= h
from cvxopt import matrix as cm, solvers  # noqa: E402
solvers.options.update({"show_progress": False, "abstol": 1e-9, "reltol": 1e-9, "feastol": 1e-9})
for n in (200, 400, 800):
    p = gen_problem(rng, n, n // 2, n // 5)
    g = rng.normal(size=(n, n))
    p["Q"] = g.T @ g / n + 0.1 * np.eye(n)
    save("qp_%d" % n, p)
    Q, c = p["Q"], p["c"]
    fin_u = np.isfinite(p["ub"])
    G = np.vstack([p["A_ub"], -np.eye(n), np.eye(n)[fin_u]])
    h = np.concatenate([p["b_ub"], -p["lb"], p["ub"][fin_u]])
    t, cpu, r, t0, cpu0 = best(lambda: solvers.qp(cm(Q), cm(c), cm(G), cm(h), cm(p["A_eq"]), cm(p["b_eq"])))
    print(json.dumps({"lib": "cvxopt", "problem": "qp_%d" % n, "n": n, "seconds": round(t, 5),
                      "cpu_seconds": round(cpu, 5), "cold_seconds": round(t0, 5), "cold_cpu_seconds": round(cpu0, 5),
                      "objective": float(r["primal objective"]), "status": r["status"], "iterations": r["iterations"]}),
          flush=True)
