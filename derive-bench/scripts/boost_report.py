#!/usr/bin/env python3
"""Turns run-boost.sh's JSON lines into a Markdown table between the boost-results markers of a doc.

    boost_report.py RESULTS.jsonl DOC.md COMMAND
"""
import datetime
import json
import os
import sys

results, doc, command = sys.argv[1], sys.argv[2], sys.argv[3]
everything = [json.loads(line) for line in open(results) if line.startswith("{")]
# runs of one fit per process make the time, ratio and memory columns; runs with later fits (run-boost.sh
# --later-fits) only the "later fits" columns (their memory covers several fits)
rows = [r for r in everything if r.get("fits", 1) == 1]
later = [r for r in everything if r.get("fits", 1) > 1]
lines = ["Measured %s UTC, load average before the run %.2f, with `%s`." % (
    datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), os.getloadavg()[0], command), ""]
header = ("| task | library | rows | rounds | threads | runs | train s (median) | min-max | Derive time / this time"
          " | Derive faster in | metric | value | peak RSS MB (max) |")
rule = "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
if later:
    header += " later fits s (median of n) | Derive / this, later fits |"
    rule += "---|---|"
lines += [header, rule]


def median(v):
    v = sorted(v)
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


for task in sorted({r["task"] for r in rows}):
    rs = [r for r in rows if r["task"] == task]
    libs = list(dict.fromkeys(r["lib"] for r in rs))  # first-run order
    med = {lib: median([r["train_seconds"] for r in rs if r["lib"] == lib]) for lib in libs}
    ours = med.get("derive")
    ds = [x["train_seconds"] for x in rs if x["lib"] == "derive"]  # Derive's runs in order, for the pair counts
    warm = {}
    for lib in libs:
        times = [t for r in later if r["task"] == task and r["lib"] == lib for t in r["later_fit_seconds"]]
        if times:
            warm[lib] = (median(times), len(times))
    for lib in libs:
        runs = [r for r in rs if r["lib"] == lib]
        r = runs[0]
        times = [x["train_seconds"] for x in runs]
        ratio = "%.2f" % (ours / med[lib]) if ours else "-"
        # run k of Derive against run k of this library: the runs are interleaved, so a pair shares the machine's
        # spell; counting the pairs Derive wins is a sign test that a slow spell cannot sway as it can a median
        pairs = list(zip(ds, times))
        wins = "-" if lib == "derive" or not pairs else "%d of %d pairs" % (sum(d < t for d, t in pairs), len(pairs))
        line = "| %s | %s | %d | %d | %d | %d | %.2f | %.2f-%.2f | %s | %s | %s | %.4f | %.0f |" % (
            task, lib, r["rows"], r["rounds"], r["threads"], len(runs), med[lib], min(times), max(times), ratio,
            wins, r["metric"], r["value"], max(x["peak_rss_mb"] for x in runs))
        if later:
            w = warm.get(lib)
            line += " %s | %s |" % ("%.2f (%d)" % w if w else "-",
                                    "%.2f" % (warm["derive"][0] / w[0]) if w and "derive" in warm else "-")
        lines.append(line)
table = "\n".join(lines) + "\n"
start, end = "<!-- boost-results:start -->", "<!-- boost-results:end -->"
text = open(doc).read() if os.path.exists(doc) else ""
if start in text and end in text:
    text = text[:text.index(start) + len(start)] + "\n" + table + text[text.index(end):]
else:
    text += "\n## Histogram gradient boosting\n\n" + start + "\n" + table + end + "\n"
open(doc, "w").write(text)
print(table)
