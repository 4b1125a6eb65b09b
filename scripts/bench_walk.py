#!/usr/bin/env python3
"""Benchmark of `rolelint check` as a whole process: parallel walk speed-up and memory.

1. Corpus A (2000 files x 4 KB, seed 42): wall time with `--threads 1` and `--threads 2`
   (best of --runs), throughput in MB/s and the speed-up (target: >= 1.6x on 2 cores).
2. Peak RSS on 2 000 and 20 000 small files (1 KB each): the report streams in batches,
   so the larger folder should not need more memory (target: ratio close to 1).

Usage: scripts/bench_walk.py [--binary target/release/rolelint] [--runs 5] [--keep DIR]
                             [--prefix 'chrt -f 10']
Generates the corpora with ../shared/bench/make_corpus.py when it is there (the reference
corpora), else with scripts/make_bench_corpus.py (or --make-corpus PATH). Build first with
`cargo build --release`. Prints one line per measurement and a JSON summary last.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

# A command put before rolelint, e.g. `chrt -f 10` on a machine busy with other work.
PREFIX = []
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def make_corpus(script, out, files, size, seed):
    subprocess.run([sys.executable, script, "--out", out, "--files", str(files),
                    "--size", str(size), "--seed", str(seed)], check=True,
                   stdout=subprocess.DEVNULL)


def folder_bytes(folder):
    total = 0
    for base, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(base, name))
    return total


def run_once(binary, folder, threads, fmt):
    """Wall seconds and CPU seconds (user + system) of one `rolelint check` run."""
    cmd = PREFIX + [binary, "check", folder, "--format", fmt, "--no-config"]
    if threads:
        cmd += ["--threads", str(threads)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"rolelint exited {code} on {folder}")
    return elapsed, usage.ru_utime + usage.ru_stime


def peak_rss_kib(binary, folder, fmt):
    cmd = ["/usr/bin/time", "-v", binary, "check", folder, "--format", fmt, "--no-config"]
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1])
    sys.exit("could not read the peak RSS from /usr/bin/time -v")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "rolelint"))
    shared = os.path.join(ROOT, "..", "shared", "bench", "make_corpus.py")
    ap.add_argument("--make-corpus", default=shared if os.path.exists(shared)
                    else os.path.join(ROOT, "scripts", "make_bench_corpus.py"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--format", default="json")
    ap.add_argument("--prefix", default="",
                    help="command to run rolelint under, e.g. 'chrt -f 10' (real-time priority, "
                         "as root) when other work on the machine hides the speed-up")
    ap.add_argument("--keep", help="folder to keep the corpora in (default: a temp folder)")
    a = ap.parse_args()
    PREFIX.extend(a.prefix.split())
    if not os.path.exists(a.binary):
        sys.exit(f"{a.binary} missing: run `cargo build --release` (or pass --binary)")
    work = a.keep or tempfile.mkdtemp(prefix="rolelint-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        corpus_a = os.path.join(work, "corpusA")
        if not os.path.isdir(corpus_a):
            make_corpus(a.make_corpus, corpus_a, 2000, 4096, 42)
        megabytes = folder_bytes(corpus_a) / 1e6
        results = {"corpus_a_mb": round(megabytes, 2), "cpus": os.cpu_count()}
        for threads in (1, 2):
            run_once(a.binary, corpus_a, threads, a.format)  # warm the page cache
            best, cpu = min(run_once(a.binary, corpus_a, threads, a.format) for _ in range(a.runs))
            results[f"threads_{threads}_s"] = round(best, 4)
            results[f"threads_{threads}_mb_s"] = round(megabytes / best, 1)
            results[f"threads_{threads}_cpu_per_wall"] = round(cpu / best, 2)
            print(f"corpus A, --threads {threads}: best of {a.runs} {best * 1000:.1f} ms "
                  f"({megabytes / best:.1f} MB/s), CPU/wall {cpu / best:.2f}")
        results["speedup"] = round(results["threads_1_s"] / results["threads_2_s"], 2)
        print(f"speed-up 2 threads / 1 thread: {results['speedup']}x "
              f"(load average now {os.getloadavg()[0]:.1f}: other work on the machine lowers it)")

        for files in (2000, 20000):
            folder = os.path.join(work, f"small{files}")
            if not os.path.isdir(folder):
                make_corpus(a.make_corpus, folder, files, 1024, 42)
            rss = peak_rss_kib(a.binary, folder, a.format)
            results[f"rss_{files}_kib"] = rss
            print(f"{files} files x 1 KB: peak RSS {rss / 1024:.1f} MiB")
        results["rss_ratio_20000_vs_2000"] = round(results["rss_20000_kib"] / results["rss_2000_kib"], 2)
        print(f"peak RSS ratio 20 000 / 2 000 files: {results['rss_ratio_20000_vs_2000']}")
        print(json.dumps(results))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
