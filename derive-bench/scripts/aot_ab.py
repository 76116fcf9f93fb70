#!/usr/bin/env python3
"""A/B of a JVM command with and without a JDK AOT cache (JEP 483/514/515), alternating in fresh processes.

    /usr/bin/python3 derive-bench/scripts/aot_ab.py --cache FILE [--train "JAVA ARGS..."] [--pairs 7]
        [--fields cold_seconds,cold_cpu_seconds] [--label NAME] [--out results.jsonl] -- JAVA ARGS...

--train: a training command (a java command line, as one shell-quoted string); it is run once with
-XX:AOTCacheOutput=FILE inserted after the java executable, which records the run and assembles the cache at exit
(JDK 25's one-step workflow). Without --train, FILE must exist. The measured command (after --) is then run
--pairs times without and --pairs times with -XX:AOTCache=FILE inserted after the java executable, alternating
(even pairs plain first, odd pairs cached first, so that neither side always runs right after the other). Per run:
the process's wall time (spawn to exit) and CPU time (user + system of the child, all its threads: JIT compilers,
GC, BLAS), and the --fields read from the last JSON object line the command printed on stdout (e.g. the cold fit's
own time that ModelRun / LpRun report). Prints one JSON line per run and a summary (median [min-max]) per side.
"""
import argparse
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run(cmd):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    obj = {}
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            try:
                obj = json.loads(line.replace("Infinity", "null"))
            except ValueError:
                pass
    return p.returncode, wall, cpu, obj, p.stdout, p.stderr


def with_flag(cmd, flag):
    return [cmd[0], flag] + cmd[1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True)
    ap.add_argument("--train")
    ap.add_argument("--pairs", type=int, default=7)
    ap.add_argument("--fields", default="")
    ap.add_argument("--label", default="")
    ap.add_argument("--out")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command after --")
    fields = [f for f in a.fields.split(",") if f]
    out = open(a.out, "a") if a.out else None
    if a.train:
        if os.path.exists(a.cache):
            os.remove(a.cache)
        rc, wall, cpu, _, so, se = run(with_flag(shlex.split(a.train), "-XX:AOTCacheOutput=" + a.cache))
        print("# training: rc %d, %.2f s wall, %.2f s CPU (training run + cache assembly), cache %s (%.1f MB)" % (
            rc, wall, cpu, a.cache, os.path.getsize(a.cache) / 1e6 if os.path.exists(a.cache) else -1), file=sys.stderr)
        if rc != 0 or not os.path.exists(a.cache):
            sys.exit("training failed:\n" + so + se)
    if not os.path.exists(a.cache):
        sys.exit("no AOT cache " + a.cache + " (give --train)")
    rows = {"plain": [], "aot": []}
    for i in range(a.pairs):
        order = ["plain", "aot"] if i % 2 == 0 else ["aot", "plain"]
        for side in order:
            c = cmd if side == "plain" else with_flag(cmd, "-XX:AOTCache=" + a.cache)
            rc, wall, cpu, obj, so, se = run(c)
            if rc != 0:
                sys.exit("%s run failed (rc %d):\n%s%s" % (side, rc, so, se))
            if "[aot" in so or "[aot" in se:  # the JVM could not use the cache (it then runs without it)
                sys.exit("%s run: the JVM reported an AOT cache problem:\n%s%s" % (side, so, se))
            rec = {"label": a.label, "side": side, "pair": i, "wall_seconds": round(wall, 4),
                   "process_cpu_seconds": round(cpu, 3), "load1": round(os.getloadavg()[0], 2)}
            for f in fields:
                rec[f] = obj.get(f)
            rows[side].append(rec)
            line = json.dumps(rec)
            print(line, flush=True)
            if out:
                out.write(line + "\n")
                out.flush()
    keys = ["wall_seconds", "process_cpu_seconds"] + fields
    print("# %s: %d pairs; median [min-max]" % (a.label or " ".join(cmd[-4:]), a.pairs))
    for side in ("plain", "aot"):
        parts = []
        for k in keys:
            v = [r[k] for r in rows[side] if isinstance(r.get(k), (int, float))]
            if v:
                parts.append("%s %.3f [%.3f-%.3f]" % (k, statistics.median(v), min(v), max(v)))
        print("#   %-5s %s" % (side, "; ".join(parts)))
    wins = {}
    for k in keys:
        w = sum(1 for p, q in zip(rows["plain"], rows["aot"])
                if isinstance(p.get(k), (int, float)) and isinstance(q.get(k), (int, float)) and q[k] < p[k])
        wins[k] = w
    print("#   pairs where the cached run was lower: " + ", ".join("%s %d/%d" % (k, w, a.pairs) for k, w in wins.items()))


if __name__ == "__main__":
    main()
