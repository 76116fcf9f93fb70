#!/usr/bin/env python3
"""Turns run-models.sh's JSON lines into Markdown tables in a doc: the forest and extra-trees tables between the
models-results markers, the linear-model tables (logistic, lasso path, RidgeCV) between the linear-results markers. A section is
rewritten only when the results hold rows for it.

    models_report.py RESULTS.jsonl DOC.md COMMAND
    models_report.py --scaling SCALING.jsonl      (prints the forest scaling table: time vs rows)
"""
import datetime
import json
import os
import sys

if sys.argv[1] == "--scaling":
    runs = [json.loads(line) for line in open(sys.argv[2]) if line.startswith("{")]
    libs = sorted({r["lib"] for r in runs})
    counts = sorted({r["rows"] for r in runs})
    by = {(r["lib"], r["rows"]): r for r in runs}
    print("Random forest scaling (%s trees, 20 features): training seconds (wall; CPU where reported) and accuracy"
          % ", ".join(sorted({str(r["trees"]) for r in runs})))
    print("")
    print("| rows | " + " | ".join("%s s | %s acc" % (l, l) for l in libs) + " | " + " | ".join(
        "%s time / time at %d rows" % (l, counts[0]) for l in libs) + " |")
    print("|---" * (1 + 3 * len(libs)) + "|")
    for n in counts:
        cells = []
        for l in libs:
            r = by.get((l, n))
            if r is None:
                cells += ["-", "-"]
            else:
                cpu = r.get("train_cpu_seconds")
                cells += ["%.2f%s" % (r["train_seconds"], " (cpu %.1f)" % cpu if cpu is not None else ""), "%.4f" % r["accuracy"]]
        ratios = []
        for l in libs:
            r = by.get((l, n))
            first = by.get((l, counts[0]))
            ratios.append("%.2f" % (r["train_seconds"] / first["train_seconds"]) if r and first else "-")
        print("| %d | %s | %s |" % (n, " | ".join(cells), " | ".join(ratios)))
    sys.exit(0)

results, doc, command = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [json.loads(line) for line in open(results) if line.startswith("{")]
header = ["Measured %s UTC, load average at the end of the run %.2f (%d CPUs), with `%s`." % (
    datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), os.getloadavg()[0], os.cpu_count(), command), ""]
out = list(header)
forest = [r for r in rows if r["task"] == "forest"]
extra = [r for r in rows if r["task"] == "extra_trees"]


def forest_table(runs):
    """The table rows of the forest-like runs: one group per (rows, trees), Derive's time over each library's."""
    lines = ["| rows | trees | library | train s | train CPU s | Derive / this | accuracy | predict rows/s | model MB | peak RSS MB |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for key in sorted({(r["rows"], r["trees"]) for r in runs}):
        group = [r for r in runs if (r["rows"], r["trees"]) == key]
        ours = next((r["train_seconds"] for r in group if r["lib"] == "derive"), None)
        for r in group:
            lines.append("| %d | %d | %s | %.2f | %s | %s | %.4f | %.0f | %.1f | %.0f |" % (
                r["rows"], r["trees"], r["lib"], r["train_seconds"],
                "%.2f" % r["train_cpu_seconds"] if "train_cpu_seconds" in r else "-",
                "%.2f" % (ours / r["train_seconds"]) if ours else "-", r["accuracy"], r["predict_rows_per_s"],
                r["model_mb"], r["peak_rss_mb"]))
    return lines


if forest:
    out += ["**Random forest** (20 features, 20,000 test rows). Ratio: Derive's training time / this library's.", ""]
    out += forest_table(forest)
    out += [""]
if extra:
    out += ["**Extremely randomised trees** (the random forest's data: 20 features, 20,000 test rows; fully grown trees, "
            "sqrt features per split, one random threshold per feature, no bootstrap: scikit-learn's "
            "`ExtraTreesClassifier` defaults). Smile has no extremely randomised trees: not run. Ratio: Derive's training "
            "time / this library's.", ""]
    out += forest_table(extra)
    out += [""]
if forest or extra:
    out += ["Model MB: retained heap after a full GC (Derive, Smile); pickled size (scikit-learn).", ""]
def ratio(ours, theirs):
    return "%.2f" % (ours / theirs) if ours and theirs else "-"


def ours_cpu(group):
    return next((r.get("cpu_seconds") for r in group if r["lib"] == "derive"), None)


def cpu(r):
    return "%.3f" % r["cpu_seconds"] if "cpu_seconds" in r else "-"


def load_note():
    return ("Times are the best of the warm fits (`repeats`) after a first, cold fit (its time in *cold s*: for Derive "
            "it includes JIT compilation); *CPU s* is the process CPU time of the fastest warm fit (all threads: BLAS, "
            "and for Java JIT and GC), the better figure on a busy machine. Ratio: Derive's best time / this library's.")


forest_out = out
out = list(header)
logi = [r for r in rows if r["task"] == "logistic"]


def cold_note(rs):
    """How many iterations Derive's cold fit ran, when it was stopped at the target too."""
    d = next((r for r in rs if r["lib"] == "derive"), None)
    if d is None or d.get("cold_iterations") is None or d.get("cold_iterations") != d.get("iterations"):
        return ""
    return ("; its cold fit too: it stops after the %d iterations a probe run needed (objective %.6f)"
            % (d["cold_iterations"], d["cold_objective"]))


if logi:
    ours = next((r["train_seconds"] for r in logi if r["lib"] == "derive"), None)
    target = next((r["target"] for r in logi if r["lib"] == "derive" and "target" in r), None)
    out += ["**L2 logistic regression**, 200,000 x 100, C = 1, L-BFGS, tol 1e-6. " + load_note()
            + (" Derive is timed to the objective scikit-learn reached (%.6f): the fit stops at the first L-BFGS "
               "iteration whose objective is at or below it (*iterations*; at tol 1e-6 Derive itself runs more)%s."
               % (target, cold_note(logi)) if target is not None else "")
            + (" *derive, AOT cache*: the same cold fit alone (no warm fits) in a JVM started with a JDK AOT cache"
               " (`-XX:AOTCache`, docs/startup.md) made by a training run on 2,000 rows of the same generator; the"
               " plain *derive* row is the default." if any(r.get("aot_cache") for r in logi) else ""), "",
            "| library | train s | CPU s | cold s | Derive / this | Derive / this (CPU) | objective | iterations | peak RSS MB |", "|---|---|---|---|---|---|---|---|---|"]
    for r in logi:
        if r.get("aot_cache"):  # a cold fit only: no warm times
            out.append("| %s | - | - | %.3f | - | - | %.6f | %s | %.0f |" % (
                r["lib"], r["cold_seconds"], r["objective"], r.get("iterations", "-"), r["peak_rss_mb"]))
            continue
        out.append("| %s | %.3f | %s | %s | %s | %s | %.6f | %s | %.0f |" % (
            r["lib"], r["train_seconds"], cpu(r), "%.3f" % r["cold_seconds"] if "cold_seconds" in r else "-",
            ratio(ours, r["train_seconds"]), ratio(ours_cpu(logi), r.get("cpu_seconds")), r["objective"], r.get("iterations", "-"), r["peak_rss_mb"]))
    out.append("")
lp = [r for r in rows if r["task"] == "lasso_path"]
if lp:
    ours = next((r["train_seconds"] for r in lp if r["lib"] == "derive"), None)
    out += ["**Lasso path**, %d x %d, 100 alphas down to 1e-3 alpha_max, tol 1e-4 (duality gap), Gram updates, with "
            "intercept. scikit-learn: `lasso_path` on centred data (centring timed). Smile fits one penalty per call "
            "(no path): not run. Objective: `1/(2n)||y - b0 - Xb||^2 + alpha ||b||_1` summed over the path and at the "
            "last alpha. " % (lp[0]["rows"], lp[0].get("cols", 500)) + load_note(), "",
            "| library | train s | CPU s | cold s | Derive / this | Derive / this (CPU) | objective (sum) | objective (last alpha) | nonzero (last) | peak RSS MB |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for r in lp:
        out.append("| %s | %.3f | %s | %.3f | %s | %s | %.8f | %.8f | %d | %.0f |" % (
            r["lib"], r["train_seconds"], cpu(r), r["cold_seconds"], ratio(ours, r["train_seconds"]),
            ratio(ours_cpu(lp), r.get("cpu_seconds")), r["objective_sum"],
            r["objective_last"], r["nonzero_last"], r["peak_rss_mb"]))
    out.append("")
rc = [r for r in rows if r["task"] == "ridge_cv"]
if rc:
    ours = next((r["train_seconds"] for r in rc if r["lib"] == "derive"), None)
    out += ["**RidgeCV**, %d x %d, efficient leave-one-out over 50 alphas log-spaced from 1e-3 to 1e3, with "
            "intercept. Smile has no leave-one-out selection: not run. " % (rc[0]["rows"], rc[0].get("cols", 200))
            + load_note(), "",
            "| library | train s | CPU s | cold s | Derive / this | Derive / this (CPU) | mode | alpha | best score (-LOO MSE) | peak RSS MB |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rc:
        out.append("| %s | %.3f | %s | %.3f | %s | %s | %s | %.6g | %.10f | %.0f |" % (
            r["lib"], r["train_seconds"], cpu(r), r["cold_seconds"], ratio(ours, r["train_seconds"]),
            ratio(ours_cpu(rc), r.get("cpu_seconds")), r["mode"], r["alpha"],
            r["best_score"], r["peak_rss_mb"]))
    out.append("")


def replace(text, name, title, lines):
    table = "\n".join(lines) + "\n"
    start, end = "<!-- %s:start -->" % name, "<!-- %s:end -->" % name
    if start in text and end in text:
        return text[:text.index(start) + len(start)] + "\n" + table + text[text.index(end):], table
    return text + "\n## " + title + "\n\n" + start + "\n" + table + end + "\n", table


text = open(doc).read() if os.path.exists(doc) else ""
if forest or extra:
    text, t = replace(text, "models-results", "Classical models", forest_out)
    print(t)
if logi or lp or rc:
    text, t = replace(text, "linear-results", "Linear models", out)
    print(t)
open(doc, "w").write(text)
