#!/usr/bin/env python3
"""Turns run-models.sh's JSON lines into Markdown tables between the models-results markers of a doc.

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
out = ["Measured %s UTC, load average before the run %.2f, with `%s`." % (
    datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), os.getloadavg()[0], command), ""]
forest = [r for r in rows if r["task"] == "forest"]
if forest:
    out += ["**Random forest** (20 features, 20,000 test rows). Ratio: Derive's training time / this library's.", "",
            "| rows | trees | library | train s | train CPU s | Derive / this | accuracy | predict rows/s | model MB | peak RSS MB |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for key in sorted({(r["rows"], r["trees"]) for r in forest}):
        group = [r for r in forest if (r["rows"], r["trees"]) == key]
        ours = next((r["train_seconds"] for r in group if r["lib"] == "derive"), None)
        for r in group:
            out.append("| %d | %d | %s | %.2f | %s | %s | %.4f | %.0f | %.1f | %.0f |" % (
                r["rows"], r["trees"], r["lib"], r["train_seconds"],
                "%.2f" % r["train_cpu_seconds"] if "train_cpu_seconds" in r else "-",
                "%.2f" % (ours / r["train_seconds"]) if ours else "-", r["accuracy"], r["predict_rows_per_s"],
                r["model_mb"], r["peak_rss_mb"]))
    out += ["", "Model MB: retained heap after a full GC (Derive, Smile); pickled size (scikit-learn).", ""]
logi = [r for r in rows if r["task"] == "logistic"]
if logi:
    ours = next((r["train_seconds"] for r in logi if r["lib"] == "derive"), None)
    out += ["**L2 logistic regression**, 200,000 x 100, C = 1, L-BFGS, tol 1e-6.", "",
            "| library | train s | Derive / this | objective | iterations | peak RSS MB |", "|---|---|---|---|---|---|"]
    for r in logi:
        out.append("| %s | %.2f | %s | %.6f | %s | %.0f |" % (
            r["lib"], r["train_seconds"], "%.2f" % (ours / r["train_seconds"]) if ours else "-", r["objective"],
            r.get("iterations", "-"), r["peak_rss_mb"]))
table = "\n".join(out) + "\n"
start, end = "<!-- models-results:start -->", "<!-- models-results:end -->"
text = open(doc).read() if os.path.exists(doc) else ""
if start in text and end in text:
    text = text[:text.index(start) + len(start)] + "\n" + table + text[text.index(end):]
else:
    text += "\n## Classical models\n\n" + start + "\n" + table + end + "\n"
open(doc, "w").write(text)
print(table)
