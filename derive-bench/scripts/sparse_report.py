"""Writes the sparse L1-logistic results (results.jsonl from run-sparse.sh) as a table between the
<!-- sparse-results:start --> and <!-- sparse-results:end --> markers of docs/benchmarks.md (appending a
section with the markers if they are absent).

    /usr/bin/python3 derive-bench/scripts/sparse_report.py results.jsonl docs/benchmarks.md "command"
"""
import json
import platform
import sys

res = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
doc, command = sys.argv[2], sys.argv[3]
derive = [r for r in res if r["lib"] == "derive"]
peers = [r for r in res if r["lib"] != "derive"]
fastest = min((r["seconds"] for r in peers), default=None)
r0 = res[0]
lines = [
    f"L1-penalised logistic regression, `sum_i logloss_i + ||w||_1 / C` (intercept unpenalised), C = {r0['c']}, "
    f"tol = {r0['tol']}, on a seeded text-like CSR matrix {r0['rows']:,} x {r0['cols']:,} with {r0['nnz']:,} stored "
    f"entries (Zipf term frequencies, l2-normalised rows; `dev.derive.bench.models.SparseRun`). Fit time after a "
    f"warm-up fit; objective of each solution on the same formula (liblinear penalises its bias, so it solves a "
    f"slightly different problem). Machine: {platform.machine()}, `{command}`.",
    "",
    "| library | solver | tol | fit s | time / fastest peer | objective | nnz(coef) | train accuracy | iterations |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
]
best_peer = min((r["objective"] for r in peers), default=None)
for r in derive + peers:
    ratio = f"{r['seconds'] / fastest:.2f}" if fastest else ""
    lines.append(f"| {r['lib']} | {r['solver']} | {r['tol']} | {r['seconds']:.2f} | {ratio} | {r['objective']:.6f} | "
                 f"{r['nnz_coef']} | {r['train_accuracy']:.4f} | {r['iterations']} |")
if best_peer is not None:
    lines += ["", "Objective above the best peer's: " + ", ".join(
        f"Derive tol {r['tol']}: {r['objective'] - best_peer:+.4f}" for r in derive) + "."]
block = "\n".join(lines)
text = open(doc).read()
start, end = "<!-- sparse-results:start -->", "<!-- sparse-results:end -->"
if start in text and end in text:
    text = text[:text.index(start) + len(start)] + "\n" + block + "\n" + text[text.index(end):]
else:
    text = text.rstrip("\n") + "\n\n## Sparse input: L1 logistic regression on a text-like matrix\n\n" + start + "\n" + block + "\n" + end + "\n"
open(doc, "w").write(text)
print(block)
