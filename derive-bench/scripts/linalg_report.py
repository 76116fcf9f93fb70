#!/usr/bin/python3
"""Merge the JMH and numpy results of the linalg suite into a Markdown section of docs/benchmarks.md.

Called by run-linalg.sh. Reads JMH JSON files (`-rf json`) from dev.derive.bench.linalg and the JSON of
numpy_linalg.py; writes, between the markers

    <!-- linalg-results:begin -->  ...  <!-- linalg-results:end -->

of the document (created, or appended to, if absent), a header (label, date, machine, JDK, numpy and its
BLAS, thread count, the exact command) and one table per operation. Text outside the markers is kept.

Statistic: for every library the *best* timing is used (JMH: the fastest measurement iteration, each an
average over at least one call; numpy: the fastest of its repeats), which is the most robust figure on a
shared machine. Ratios are Derive time / peer time: below 1 Derive is faster.
"""
import argparse
import json
import math
import re
import sys
from collections import defaultdict

BEGIN = "<!-- linalg-results:begin -->"
END = "<!-- linalg-results:end -->"

# JMH benchmark (Class.method) -> (operation, library)
JMH_NAMES = {
    "GemmBench.derive": ("dgemm", "derive"),
    "GemmBench.ejml": ("dgemm", "ejml"),
    "GemmBench.ejmlMt": ("dgemm", "ejmlMt"),
}
for _op in ("cholSolve", "svd", "svdValues", "eigh", "eighValues"):
    JMH_NAMES[f"DeriveDecompositionBench.{_op}"] = (_op, "derive")
    JMH_NAMES[f"EjmlDecompositionBench.{_op}"] = (_op, "ejml")
    JMH_NAMES[f"EjmlDecompositionBench.{_op}Mt"] = (_op, "ejmlMt")

OPS = [
    ("dgemm", "dgemm: C = A B",
     "Derive `a.mmul(b)` · EJML `CommonOps_DDRM.mult` / `CommonOps_MT_DDRM.mult` · numpy `a @ b`; "
     "A, B uniform [0, 1); a new C per call; 2n³ flops."),
    ("cholSolve", "Cholesky solve: factor A = L L' and solve A x = b",
     "Derive `Cholesky.of(a).solve(b)` · EJML `LinearSolverFactory_DDRM.chol(n)` (`setA`, `solve`) · "
     "scipy `cho_solve(cho_factor(a), b)`; A = X'X/n + I (X standard normal), b one column."),
    ("svd", "SVD, thin, with U and V",
     "Derive `SVD.of(a)` (LAPACK dgesdd) · EJML `DecompositionFactory_DDRM.svd(n, n, true, true, true)` · "
     "numpy `svd(a, full_matrices=False)`; A uniform [0, 1)."),
    ("svdValues", "SVD, singular values only",
     "Derive `SVD.values(a)` · EJML `svd(n, n, false, false, true)` · numpy `svd(a, compute_uv=False)`."),
    ("eigh", "Symmetric eigendecomposition, values and vectors",
     "Derive `SymmetricEigen.of(a)` (LAPACK dsyevr) · EJML `DecompositionFactory_DDRM.eig(n, true, true)` · "
     "numpy `eigh(a)` (dsyevd); A = (G + G')/2, G uniform [0, 1)."),
    ("eighValues", "Symmetric eigenvalues only",
     "Derive `SymmetricEigen.values(a)` · EJML `eig(n, false, true)` · numpy `eigvalsh(a)`."),
]

TO_MS = {"s/op": 1e3, "ms/op": 1.0, "us/op": 1e-3, "ns/op": 1e-6}


def load_jmh(paths):
    """{(op, lib, n): {"best_ms", "mean_ms", "mode", "iterations"}} and the JVM description."""
    out, jvm = {}, None
    for p in paths:
        with open(p) as f:
            entries = json.load(f)
        for e in entries:
            key = ".".join(e["benchmark"].split(".")[-2:])
            if key not in JMH_NAMES:
                print(f"linalg_report: ignoring unknown benchmark {e['benchmark']}", file=sys.stderr)
                continue
            op, lib = JMH_NAMES[key]
            n = int(e["params"]["n"])
            pm = e["primaryMetric"]
            unit = pm["scoreUnit"]
            if unit not in TO_MS:
                raise SystemExit(f"linalg_report: unexpected unit {unit} in {p} for {e['benchmark']}")
            scale = TO_MS[unit]
            raw = [x for fork in pm["rawData"] for x in fork]
            out[(op, lib, n)] = {"best_ms": min(raw) * scale, "mean_ms": pm["score"] * scale,
                                 "mode": e["mode"], "iterations": len(raw)}
            jvm = jvm or {"jdk": e.get("jdkVersion"), "vm": e.get("vmName"), "vmVersion": e.get("vmVersion"),
                          "jvmArgs": e.get("jvmArgs", [])}
    return out, jvm


def load_numpy(path):
    with open(path) as f:
        d = json.load(f)
    res = {(r["op"], "numpy", int(r["n"])): {"best_ms": r["best_ms"], "median_ms": r["median_ms"],
                                            "iterations": len(r["times_ms"])} for r in d["results"]}
    return res, d["meta"]


def fmt_ms(ms):
    if ms is None:
        return "—"
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 100:
        return f"{ms:.0f} ms"
    if ms >= 10:
        return f"{ms:.1f} ms"
    return f"{ms:.3f} ms"


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.2f}"


def gflops(n, ms):
    return None if ms is None else 2.0 * n ** 3 / (ms * 1e-3) / 1e9


def fmt_gf(x):
    return "—" if x is None else f"{x:.1f}"


def best(results, op, lib, n):
    r = results.get((op, lib, n))
    return None if r is None else r["best_ms"]


def mark(r):
    """Footnote mark for single-shot JMH cases."""
    return "¹" if r is not None and r.get("mode") == "ss" else ""


def tables(results):
    lines = []
    have_mt = any(k[1] == "ejmlMt" for k in results)
    for op, title, how in OPS:
        sizes = sorted({k[2] for k in results if k[0] == op})
        if not sizes:
            continue
        lines += [f"### {title}", "", how, ""]
        head = ["n", "Derive", "EJML"] + (["EJML MT"] if have_mt else []) + ["numpy", "Derive/EJML"]
        head += (["Derive/EJML MT"] if have_mt else []) + ["Derive/numpy"]
        if op == "dgemm":
            head += ["GFLOP/s Derive", "GFLOP/s EJML"] + (["GFLOP/s EJML MT"] if have_mt else []) + ["GFLOP/s numpy"]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "|".join("---:" for _ in head) + "|")
        for n in sizes:
            d, e, m, p = (best(results, op, lib, n) for lib in ("derive", "ejml", "ejmlMt", "numpy"))
            row = [str(n), fmt_ms(d) + mark(results.get((op, "derive", n))),
                   fmt_ms(e) + mark(results.get((op, "ejml", n)))]
            if have_mt:
                row.append(fmt_ms(m) + mark(results.get((op, "ejmlMt", n))))
            row += [fmt_ms(p), fmt_ratio(d, e)]
            if have_mt:
                row.append(fmt_ratio(d, m))
            row.append(fmt_ratio(d, p))
            if op == "dgemm":
                row += [fmt_gf(gflops(n, d)), fmt_gf(gflops(n, e))]
                if have_mt:
                    row.append(fmt_gf(gflops(n, m)))
                row.append(fmt_gf(gflops(n, p)))
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    return lines


def goals(results):
    """The acceptance goals of the linalg issue, checked on these numbers."""
    out = []

    def verdict(ok):
        return "**met**" if ok else "**not met**"

    d, p = best(results, "dgemm", "derive", 2000), best(results, "dgemm", "numpy", 2000)
    if d is not None and p is not None:
        r = gflops(2000, d) / gflops(2000, p)
        out.append(f"- dgemm at n = 2000, Derive GFLOP/s ≥ 0.9 × numpy's: {r:.2f} × "
                   f"({gflops(2000, d):.1f} vs {gflops(2000, p):.1f} GFLOP/s): {verdict(r >= 0.9)}")
    else:
        out.append("- dgemm at n = 2000, Derive GFLOP/s ≥ 0.9 × numpy's: not measured in this run")
    for op, name in (("svd", "SVD (with U, V)"), ("eigh", "symmetric eigen (with vectors)")):
        d, e = best(results, op, "derive", 1000), best(results, op, "ejml", 1000)
        if d is not None and e is not None:
            out.append(f"- {name} at n = 1000 faster than EJML: Derive/EJML = {d / e:.2f}: {verdict(d < e)}")
        else:
            out.append(f"- {name} at n = 1000 faster than EJML: not measured in this run")
    return out


def busy_note(load, nproc):
    """A warning when the 1-minute load average at the start exceeds half the CPUs (other work running)."""
    try:
        first, cpus = float(load.split()[0]), int(nproc)
    except (ValueError, IndexError):
        return ""
    if first <= 0.5 * cpus:
        return ""
    return (f"⚠ The machine was busy when this run started (1-minute load average {first:g} on {cpus} CPUs): "
            "multi-threaded timings, and so these verdicts, are unreliable.")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jmh", nargs="*", default=[], help="JMH JSON result files")
    ap.add_argument("--numpy", help="numpy_linalg.py JSON")
    ap.add_argument("--doc", required=True, help="Markdown document to update")
    ap.add_argument("--label", default="", help="a line shown in bold above the tables (e.g. SMOKE RUN)")
    ap.add_argument("--command", default="", help="the command that produced the results")
    ap.add_argument("--date", default="")
    ap.add_argument("--cpu", default="")
    ap.add_argument("--nproc", default="")
    ap.add_argument("--threads", default="")
    ap.add_argument("--commit", default="")
    ap.add_argument("--load", default="", help="load averages at the start and end of the run")
    ap.add_argument("--results-dir", default="")
    a = ap.parse_args()

    results, jvm = load_jmh(a.jmh)
    np_meta = None
    if a.numpy:
        np_res, np_meta = load_numpy(a.numpy)
        results.update(np_res)

    sec = [BEGIN, "", "## Results: dense linear algebra (generated by `derive-bench/scripts/run-linalg.sh`)", ""]
    if a.label:
        sec += [f"**{a.label}**", ""]
    sec.append(f"- Date: {a.date}" + (f"; commit `{a.commit}`" if a.commit else ""))
    sec.append(f"- Machine: {a.cpu}, {a.nproc} logical CPUs (`nproc`)" + (f"; load average (1, 5, 15 min) {a.load}" if a.load else ""))
    if jvm:
        sec.append(f"- JDK: {jvm['vm']} {jvm['vmVersion']}; JMH JVM options `{' '.join(jvm['jvmArgs'])}`")
    sec.append(f"- Threads: {a.threads} (Derive `-Dderive.threads`, EJML MT `EjmlConcurrency.setMaxThreads`, "
               f"numpy's OpenBLAS via threadpoolctl); EJML (single-threaded column) uses one")
    if np_meta:
        blas = "; ".join(f"{b.get('internal_api')} {b.get('version')} ({b.get('threading_layer')}, "
                         f"{b.get('architecture')}, {b.get('filepath')})" for b in np_meta.get("blas", []))
        sec.append(f"- numpy {np_meta['numpy']}, scipy {np_meta['scipy']}, Python {np_meta['python']} "
                   f"(`{np_meta['executable']}`), BLAS: {blas}")
    if a.command:
        sec.append(f"- Command: `{a.command}`")
    if a.results_dir:
        sec.append(f"- Raw JSON: `{a.results_dir}`")
    sec += ["", "Times are the best timing per case (see *Reading the tables*); ratios are Derive time / peer "
            "time, below 1 means Derive is faster. ¹ single-shot JMH mode (one call per iteration).", ""]
    sec += ["### Goals", ""] + goals(results) + [""]
    busy = busy_note(a.load, a.nproc)
    if busy:
        sec += [busy, ""]
    sec += tables(results)
    sec.append(END)
    text = "\n".join(sec) + "\n"

    try:
        with open(a.doc) as f:
            doc = f.read()
    except FileNotFoundError:
        doc = "# Benchmarks\n\n"
    pat = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.S)
    doc = pat.sub(lambda _: text, doc) if pat.search(doc) else doc.rstrip("\n") + "\n\n" + text
    with open(a.doc, "w") as f:
        f.write(doc)
    print(f"linalg_report: wrote {len(results)} results to {a.doc}", file=sys.stderr)


if __name__ == "__main__":
    main()
