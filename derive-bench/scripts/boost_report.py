#!/usr/bin/env python3
"""Turns run-boost.sh's JSON lines into a Markdown table between the boost-results markers of a doc.

    boost_report.py RESULTS.jsonl DOC.md COMMAND
"""
import datetime
import json
import os
import sys

results, doc, command = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [json.loads(line) for line in open(results) if line.startswith("{")]
lines = ["Measured %s UTC, load average before the run %.2f, with `%s`." % (
    datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), os.getloadavg()[0], command), ""]
lines.append("| task | library | rows | rounds | threads | train s | Derive time / this time | metric | value | peak RSS MB |")
lines.append("|---|---|---|---|---|---|---|---|---|---|")
for task in sorted({r["task"] for r in rows}):
    rs = [r for r in rows if r["task"] == task]
    ours = next((r["train_seconds"] for r in rs if r["lib"] == "derive"), None)
    for r in rs:
        ratio = "%.2f" % (ours / r["train_seconds"]) if ours else "-"
        lines.append("| %s | %s | %d | %d | %d | %.2f | %s | %s | %.4f | %.0f |" % (
            task, r["lib"], r["rows"], r["rounds"], r["threads"], r["train_seconds"], ratio, r["metric"], r["value"],
            r["peak_rss_mb"]))
table = "\n".join(lines) + "\n"
start, end = "<!-- boost-results:start -->", "<!-- boost-results:end -->"
text = open(doc).read() if os.path.exists(doc) else ""
if start in text and end in text:
    text = text[:text.index(start) + len(start)] + "\n" + table + text[text.index(end):]
else:
    text += "\n## Histogram gradient boosting\n\n" + start + "\n" + table + end + "\n"
open(doc, "w").write(text)
print(table)
