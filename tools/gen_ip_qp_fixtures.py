"""Reference optima for dev.derive.optim.constrained.InteriorPoint on random dense convex QPs of the benchmark's
kind (derive-bench/scripts/lp_problems.py): Q = G'G/n + 0.1 I dense, n/2 inequality rows and n/5 equality rows of
density 0.3, lower bounds 0 or -5, upper bounds 10 or inf. Run once with /usr/bin/python3 from the repo root;
writes derive-core/src/test/resources/fixtures/optim_qp_cvxopt.txt (optima only, no problem data).

The data come from splitmix64 (Steele, Lea & Flood 2014), uniforms u = (z >>> 11) 2^-53, drawn in the order
documented in problem(); InteriorPointQpRegressionTest regenerates the same problems in Java (equal up to the
rounding of the matrix products) and checks the checksums stored here. Reference: cvxopt solvers.qp (bounds as
rows of G x <= h) at 1e-12 tolerances, then polished: the active set read off cvxopt's solution defines an
equality-constrained QP whose KKT system is solved directly; the polished point is kept only if it is feasible
and its multipliers have the right signs (checked below), else the script stops.
"""
import numpy as np
import cvxopt
from cvxopt import matrix as cm, solvers
from fixtures_io import FixtureWriter

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.s = seed & MASK

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53


def problem(seed, n, push):
    """Draw order: A_ub then A_eq row by row (per entry: value 2u-1, then keep if u < 0.3); per variable lower
    (u < 0.8 -> 0 else -5); per variable upper (u < 0.5 -> 10 else inf); x0 = lb + 0.1 + 0.9 u; per inequality
    row two uniforms (slack u2 if u1 < 0.7 else 0); y = 2u-1 (m_eq); mu = u (m_ub); zl = u (n); zu = u (n, kept
    where ub finite); G row by row sqrt(3) (2u-1); then c_j -= push u_j (push > 0 drives variables to their upper
    bounds)."""
    r = SplitMix64(seed)
    m_ub, m_eq = n // 2, n // 5

    def sp(rows):
        a = np.zeros((rows, n))
        for i in range(rows):
            for j in range(n):
                val = 2 * r.uniform() - 1
                if r.uniform() < 0.3:
                    a[i, j] = val
        return a
    aub, aeq = sp(m_ub), sp(m_eq)
    lb = np.array([0.0 if r.uniform() < 0.8 else -5.0 for _ in range(n)])
    ub = np.array([10.0 if r.uniform() < 0.5 else np.inf for _ in range(n)])
    x0 = np.array([lb[j] + 0.1 + 0.9 * r.uniform() for j in range(n)])
    slack = np.zeros(m_ub)
    for i in range(m_ub):
        u1, u2 = r.uniform(), r.uniform()
        slack[i] = u2 if u1 < 0.7 else 0.0
    bub = aub @ x0 + slack
    beq = aeq @ x0
    y = np.array([2 * r.uniform() - 1 for _ in range(m_eq)])
    mu = np.array([r.uniform() for _ in range(m_ub)])
    zl = np.array([r.uniform() for _ in range(n)])
    zu = np.array([r.uniform() for _ in range(n)])
    zu[~np.isfinite(ub)] = 0
    c = aeq.T @ y - aub.T @ mu + zl - zu
    g = np.array([[np.sqrt(3.0) * (2 * r.uniform() - 1) for _ in range(n)] for _ in range(n)])
    q = g.T @ g / n + 0.1 * np.eye(n)
    c = c - push * np.array([r.uniform() for _ in range(n)])
    return q, c, aub, bub, aeq, beq, lb, ub


def solve(q, c, aub, bub, aeq, beq, lb, ub):
    n = len(c)
    fin = np.isfinite(ub)
    G = np.vstack([aub, -np.eye(n), np.eye(n)[fin]])
    h = np.concatenate([bub, -lb, ub[fin]])
    solvers.options.update({"show_progress": False, "abstol": 1e-12, "reltol": 1e-12, "feastol": 1e-12,
                            "maxiters": 200})
    sol = solvers.qp(cm(q), cm(c), cm(G), cm(h), cm(aeq), cm(beq))
    x = np.array(sol["x"]).ravel()
    zg = np.array(sol["z"]).ravel()
    fun_cvx = 0.5 * x @ q @ x + c @ x
    # polish on the active set: rows of G with multiplier larger than the slack
    sl = h - G @ x
    act = zg > sl
    aa = np.vstack([aeq, G[act]])
    ba = np.concatenate([beq, h[act]])
    k = len(ba)
    kkt = np.block([[q, aa.T], [aa, np.zeros((k, k))]])
    sol2 = np.linalg.solve(kkt, np.concatenate([-c, ba]))
    xp, lam = sol2[:n], -sol2[n:]
    zi = -lam[len(beq):]            # multipliers of the active G rows, must be >= 0
    feas = np.max(G @ xp - h)
    assert feas <= 1e-12, feas
    assert zi.min() >= -1e-12, zi.min()
    stat = q @ xp + c + aa.T @ (-lam)
    assert np.max(np.abs(q @ xp + c - aa.T @ lam)) <= 1e-10
    fun = 0.5 * xp @ q @ xp + c @ xp
    assert abs(fun - fun_cvx) <= 1e-8 * abs(fun), (fun, fun_cvx)
    return sol["status"], fun_cvx, fun, xp


sizes = [50, 100, 150, 200, 120]
seeds = [101, 202, 303, 404, 505]
pushes = [0, 0, 0, 0, 60]
fw = FixtureWriter("derive-core/src/test/resources/fixtures/optim_qp_cvxopt.txt",
                   f"random dense convex QPs (tools/gen_ip_qp_fixtures.py, splitmix64 data); cvxopt {cvxopt.__version__}"
                   " solvers.qp at 1e-12, polished on its active set\n"
                   "per problem k: n, seed, push, checksums sum(c), sum(b_ub), sum(b_eq), trace(Q); fun (optimum), "
                   "fun_cvxopt (cvxopt's own), x (polished solution)")
fw.add("count", len(sizes))
for k, (n, seed, push) in enumerate(zip(sizes, seeds, pushes)):
    q, c, aub, bub, aeq, beq, lb, ub = problem(seed, n, push)
    status, fun_cvx, fun, x = solve(q, c, aub, bub, aeq, beq, lb, ub)
    print(k, n, status, repr(fun_cvx), repr(fun), "at lower", int(np.sum(x <= lb + 1e-9)), "at upper",
          int(np.sum(x >= ub - 1e-9)), "tight rows", int(np.sum(aub @ x >= bub - 1e-9)), "of", len(bub))
    fw.add(f"n_{k}", n)
    fw.add(f"seed_{k}", seed)
    fw.add(f"push_{k}", push)
    fw.add(f"sum_c_{k}", c.sum())
    fw.add(f"sum_bub_{k}", bub.sum())
    fw.add(f"sum_beq_{k}", beq.sum())
    fw.add(f"trace_q_{k}", np.trace(q))
    fw.add(f"fun_{k}", fun)
    fw.add(f"fun_cvxopt_{k}", fun_cvx)
    fw.add(f"x_{k}", x)
fw.save()
