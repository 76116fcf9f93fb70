#!/usr/bin/python3
"""Time the dense linear-algebra operations of derive-bench's linalg suite in numpy/scipy.

The numpy side of `run-linalg.sh`: the same operations, sizes and thread count as the JMH benchmarks in
`dev.derive.bench.linalg`, on inputs from the same distributions (numpy's own seeded generator, so the
numbers differ from the Java side but not their kind):

  dgemm        a @ b                                    a, b uniform [0, 1)
  cholSolve    scipy.linalg.cho_solve(cho_factor(a), b)  a = X'X/n + I, X standard normal; b uniform, n x 1
  svd          np.linalg.svd(a, full_matrices=False)     a uniform [0, 1)           (thin U, s, V')
  svdValues    np.linalg.svd(a, compute_uv=False)
  eigh         np.linalg.eigh(a)                         a = (G + G')/2, G uniform   (values and vectors)
  eighValues   np.linalg.eigvalsh(a)

Each case runs twice untimed (warm-up), then `--repeats` timings (default 3); a timing repeats a short
call enough times to last at least 1 s (as a JMH iteration of the Java side does) and reports the time
per call. The JSON holds every timing, the best (what the report uses) and the median, in milliseconds. Run with Debian's python3
(numpy 1.24.2 on Debian's OpenBLAS pthread build); the BLAS thread count is pinned with threadpoolctl.

Usage: numpy_linalg.py --out numpy.json [--threads N] [--gemm-sizes 256,512] [--decomp-sizes 500]
                       [--ops dgemm,svd] [--repeats 3] [--quick]
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import scipy
import scipy.linalg
from threadpoolctl import threadpool_info, threadpool_limits

GEMM_SIZES = [256, 512, 1024, 2000, 2048, 4096]
DECOMP_SIZES = [500, 1000, 2000]
QUICK_GEMM_SIZES = [256, 512]
QUICK_DECOMP_SIZES = [200]
OPS = ["dgemm", "cholSolve", "svd", "svdValues", "eigh", "eighValues"]
SEED = 20240501
MIN_REPEAT_S = 1.0


def inputs(op, n, rng):
    """The arguments of one case, built outside the timed region."""
    if op == "dgemm":
        return (rng.random((n, n)), rng.random((n, n)))
    if op == "cholSolve":
        x = rng.standard_normal((n, n))
        a = x.T @ x / n + np.eye(n)
        return (a, rng.random((n, 1)))
    if op in ("svd", "svdValues"):
        return (rng.random((n, n)),)
    if op in ("eigh", "eighValues"):
        g = rng.random((n, n))
        return ((g + g.T) / 2,)
    raise ValueError(f"unknown operation {op!r}; known: {', '.join(OPS)}")


def run(op, args):
    """One call of the operation; returns its result so that nothing is skipped."""
    if op == "dgemm":
        return args[0] @ args[1]
    if op == "cholSolve":
        return scipy.linalg.cho_solve(scipy.linalg.cho_factor(args[0], lower=True), args[1])
    if op == "svd":
        return np.linalg.svd(args[0], full_matrices=False)
    if op == "svdValues":
        return np.linalg.svd(args[0], compute_uv=False)
    if op == "eigh":
        return np.linalg.eigh(args[0])
    if op == "eighValues":
        return np.linalg.eigvalsh(args[0])
    raise ValueError(op)


def time_case(op, n, repeats, rng):
    args = inputs(op, n, rng)
    warm = 0.0
    for _ in range(2):
        t0 = time.perf_counter()
        run(op, args)
        warm = time.perf_counter() - t0
    k = repeats
    # short calls are repeated within one timing so that each timing lasts at least MIN_REPEAT_S
    loops = max(1, int(MIN_REPEAT_S / max(warm, 1e-6)))
    times = []
    for _ in range(k):
        t0 = time.perf_counter()
        for _ in range(loops):
            out = run(op, args)
        times.append((time.perf_counter() - t0) * 1e3 / loops)
        del out
    return {"op": op, "n": n, "best_ms": min(times), "median_ms": statistics.median(times),
            "times_ms": times, "loops": loops, "warmup_ms": warm * 1e3}


def sizes(text):
    return [int(s) for s in text.split(",") if s.strip()]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="JSON file to write")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="BLAS threads (default: all cores)")
    p.add_argument("--gemm-sizes", type=sizes, default=None)
    p.add_argument("--decomp-sizes", type=sizes, default=None)
    p.add_argument("--ops", default=",".join(OPS), help="comma-separated subset of " + ",".join(OPS))
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--quick", action="store_true", help=f"sizes {QUICK_GEMM_SIZES} and {QUICK_DECOMP_SIZES}")
    a = p.parse_args()
    if a.threads < 1 or a.repeats < 1:
        p.error("--threads and --repeats must be >= 1")
    gemm_sizes = a.gemm_sizes or (QUICK_GEMM_SIZES if a.quick else GEMM_SIZES)
    decomp_sizes = a.decomp_sizes or (QUICK_DECOMP_SIZES if a.quick else DECOMP_SIZES)
    ops = [o.strip() for o in a.ops.split(",") if o.strip()]
    for o in ops:
        if o not in OPS:
            p.error(f"unknown operation {o!r}; known: {', '.join(OPS)}")

    rng = np.random.default_rng(SEED)
    results = []
    with threadpool_limits(limits=a.threads, user_api="blas"):
        blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        for op in ops:
            for n in (gemm_sizes if op == "dgemm" else decomp_sizes):
                r = time_case(op, n, a.repeats, rng)
                results.append(r)
                print(f"numpy {op:11s} n={n:5d}  best {r['best_ms']:10.3f} ms  median {r['median_ms']:10.3f} ms",
                      file=sys.stderr, flush=True)
    meta = {"python": sys.version.split()[0], "executable": sys.executable, "numpy": np.__version__,
            "scipy": scipy.__version__, "threads": a.threads, "blas": blas, "machine": platform.machine(),
            "repeats": a.repeats, "seed": SEED}
    with open(a.out, "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
