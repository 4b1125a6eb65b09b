#!/usr/bin/env python3
"""Times the whole `rolelint check` process against `grep -r -c -E -i -f PATTERNS` in the
same run, on corpus A (2000 files of 4 KB) and corpus B (one 5 MB file), and reads the peak
resident memory of each rolelint run.

usage: scripts/bench_throughput.py [--binary PATH] [--runs N] [--corpus-script PATH] [--patterns PATH]

By default the corpora are generated with ../shared/bench/make_corpus.py when it exists (the
reference corpora), else with scripts/make_bench_corpus.py; the grep patterns are
../shared/bench/patterns.txt when it exists, else scripts/bench-patterns.txt.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(command, env=None):
    """Runs a command with output discarded; returns (seconds, peak RSS in KiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss


def folder_size(path):
    total = 0
    for folder, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, name)) for name in files)
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "rolelint"))
    parser.add_argument("--runs", type=int, default=7)
    shared_script = os.path.join(ROOT, "..", "shared", "bench", "make_corpus.py")
    shared_patterns = os.path.join(ROOT, "..", "shared", "bench", "patterns.txt")
    parser.add_argument("--corpus-script", default=shared_script if os.path.exists(shared_script) else os.path.join(ROOT, "scripts", "make_bench_corpus.py"))
    parser.add_argument("--patterns", default=shared_patterns if os.path.exists(shared_patterns) else os.path.join(ROOT, "scripts", "bench-patterns.txt"))
    parser.add_argument("--extra-args", default="", help="extra arguments for rolelint check, e.g. '--threads 1'")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"no binary at {args.binary}: run `cargo build --release` first")
    work = tempfile.mkdtemp(prefix="rolelint-bench-")
    corpus_a = os.path.join(work, "corpusA")
    corpus_b = os.path.join(work, "corpusB")
    subprocess.run([sys.executable, args.corpus_script, "--out", corpus_a, "--files", "2000", "--size", "4096", "--seed", "42"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([sys.executable, args.corpus_script, "--out", corpus_b, "--single-file", "big.md", "--size", "5242880", "--seed", "7"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    grep_env = dict(os.environ, LC_ALL="C")
    extra = args.extra_args.split()
    results = {}
    for name, corpus in (("A", corpus_a), ("B", corpus_b)):
        megabytes = folder_size(corpus) / 1e6
        ours, theirs, rss = [], [], []
        for _ in range(args.runs):
            seconds, peak = run([args.binary, "check", "--format", "json", *extra, corpus])
            ours.append(seconds)
            rss.append(peak)
            seconds, _ = run(["grep", "-r", "-c", "-E", "-i", "-f", args.patterns, corpus], env=grep_env)
            theirs.append(seconds)
        ours_mbs = megabytes / statistics.median(ours)
        grep_mbs = megabytes / statistics.median(theirs)
        results[name] = ours_mbs
        print(f"corpus {name}: {megabytes:.1f} MB  rolelint {ours_mbs:.1f} MB/s (median {statistics.median(ours) * 1000:.0f} ms)  "
              f"grep {grep_mbs:.1f} MB/s  ratio {ours_mbs / grep_mbs:.3f}  peak RSS {max(rss) / 1024:.1f} MiB")
    print(f"B/A throughput ratio {results['B'] / results['A']:.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
