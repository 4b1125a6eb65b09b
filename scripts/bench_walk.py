#!/usr/bin/env python3
"""Benchmark of `rolelint check` as a whole process: parallel walk speed-up and memory.

1. Corpus A (2000 files x 4 KB, seed 42): wall and CPU time with `--threads 1` and
   `--threads 2` (median of --runs), throughput in MB/s and the speed-up (target: >= 1.6x on
   2 cores). The CPU ratio (CPU time with 2 threads / with 1) is the cost of running in
   parallel; unlike the speed-up, other work on the machine hardly moves it.
2. Peak RSS (median of --runs) on 2 000 and 20 000 small files (1 KB each), the 20 000 in
   one folder, split over 20 folders, and each in a folder of its own: memory must not grow
   with the number of files or folders (target: ratio to 2 000 files at most 1.03).

With --quiet 0.1 each run waits until the machine's CPUs are nearly idle (for machines
shared with other work). With --baseline OTHER_BINARY every figure is measured for both binaries, runs interleaved
so that both see the same machine, and printed with the ratio new / baseline.

Usage: scripts/bench_walk.py [--binary target/release/rolelint] [--baseline OLD] [--runs 5]
                             [--keep DIR] [--prefix 'chrt -f 10'] [--format json]
                             [--quiet 0.1] [--skip-speed] [--skip-memory]
Generates the corpora with ../shared/bench/make_corpus.py when it is there (the reference
corpora), else with scripts/make_bench_corpus.py (or --make-corpus PATH). Build first with
`cargo build --release`. Prints one line per measurement and a JSON summary last.
"""
import argparse
import json
import os
import shutil
import statistics
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


def split_into_folders(folder, count):
    """Moves a flat folder's files into `count` sub-folders, round robin."""
    names = sorted(os.listdir(folder))
    for index, name in enumerate(names):
        sub = os.path.join(folder, f"part{index % count:02d}")
        os.makedirs(sub, exist_ok=True)
        os.rename(os.path.join(folder, name), os.path.join(sub, name))


def one_folder_each(folder):
    """Moves each of a flat folder's files into a folder of its own (100 such per group)."""
    names = sorted(os.listdir(folder))
    for index, name in enumerate(names):
        sub = os.path.join(folder, f"group{index // 100:03d}", f"file{index:05d}")
        os.makedirs(sub)
        os.rename(os.path.join(folder, name), os.path.join(sub, name))


def folder_bytes(folder):
    total = 0
    for base, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(base, name))
    return total


def run_once(binary, folder, threads, fmt):
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one run."""
    cmd = PREFIX + [binary, "check", folder, "--format", fmt, "--no-config"]
    if threads:
        cmd += ["--threads", str(threads)]
    wait_until_quiet()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{binary} exited {code} on {folder}")
    # Linux reports ru_maxrss in KiB.
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def busy_fraction(seconds=0.25):
    """How busy the machine's CPUs were over a short while (0 idle .. 1 all busy), Linux only."""
    def sample():
        with open("/proc/stat") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return idle, sum(fields)
    idle_before, total_before = sample()
    time.sleep(seconds)
    idle_after, total_after = sample()
    total = total_after - total_before
    return 1 - (idle_after - idle_before) / total if total else 0


QUIET = {"limit": None, "waited_s": 0.0, "gave_up": 0}


def wait_until_quiet():
    """With --quiet BUSY: waits (at most 60 s) until other work leaves the CPUs nearly idle."""
    if QUIET["limit"] is None or not os.path.exists("/proc/stat"):
        return
    start = time.perf_counter()
    while busy_fraction() > QUIET["limit"]:
        if time.perf_counter() - start > 60:
            QUIET["gave_up"] += 1
            break
    QUIET["waited_s"] += time.perf_counter() - start


def ratio(new, old):
    return round(new / old, 3) if old else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "rolelint"))
    ap.add_argument("--baseline", help="another rolelint binary to compare with, in the same runs")
    shared = os.path.join(ROOT, "..", "shared", "bench", "make_corpus.py")
    ap.add_argument("--make-corpus", default=shared if os.path.exists(shared)
                    else os.path.join(ROOT, "scripts", "make_bench_corpus.py"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--format", default="json")
    ap.add_argument("--prefix", default="",
                    help="command to run rolelint under, e.g. 'chrt -f 10' (real-time priority, "
                         "as root) when other work on the machine hides the speed-up")
    ap.add_argument("--keep", help="folder to keep the corpora in (default: a temp folder)")
    ap.add_argument("--quiet", type=float, metavar="BUSY",
                    help="before each run, wait until the CPUs are at most this busy (0..1, "
                         "e.g. 0.1) on a machine shared with other work (Linux)")
    ap.add_argument("--skip-speed", action="store_true", help="measure memory only")
    ap.add_argument("--skip-memory", action="store_true", help="measure speed only")
    a = ap.parse_args()
    PREFIX.extend(a.prefix.split())
    QUIET["limit"] = a.quiet
    binaries = {"new": a.binary}
    if a.baseline:
        binaries["baseline"] = a.baseline
    for binary in binaries.values():
        if not os.path.exists(binary):
            sys.exit(f"{binary} missing: run `cargo build --release` (or pass --binary)")
    work = a.keep or tempfile.mkdtemp(prefix="rolelint-bench-")
    os.makedirs(work, exist_ok=True)
    results = {"cpus": os.cpu_count(), "runs": a.runs}
    try:
        if not a.skip_speed:
            speed(a, binaries, work, results)
        if not a.skip_memory:
            memory(a, binaries, work, results)
        if a.quiet is not None:
            results["quiet_waited_s"] = round(QUIET["waited_s"], 1)
            results["quiet_gave_up"] = QUIET["gave_up"]
            print(f"waited {QUIET['waited_s']:.0f} s for quiet CPUs; "
                  f"ran {QUIET['gave_up']} times without")
        print(json.dumps(results))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


def speed(a, binaries, work, results):
    corpus_a = os.path.join(work, "corpusA")
    if not os.path.isdir(corpus_a):
        make_corpus(a.make_corpus, corpus_a, 2000, 4096, 42)
    megabytes = folder_bytes(corpus_a) / 1e6
    results["corpus_a_mb"] = round(megabytes, 2)
    samples = {(name, threads): [] for name in binaries for threads in (1, 2)}
    for name, binary in binaries.items():
        for threads in (1, 2):
            run_once(binary, corpus_a, threads, a.format)  # warm the page cache
    load_before = os.getloadavg()[0]
    # Interleaved, so that a burst of other work on the machine hits every variant alike.
    for _ in range(a.runs):
        for name, binary in binaries.items():
            for threads in (1, 2):
                samples[(name, threads)].append(run_once(binary, corpus_a, threads, a.format))
    for name in binaries:
        figures = {}
        for threads in (1, 2):
            wall = statistics.median(s[0] for s in samples[(name, threads)])
            cpu = statistics.median(s[1] for s in samples[(name, threads)])
            figures[threads] = (wall, cpu)
            results[f"{name}_threads_{threads}_s"] = round(wall, 4)
            results[f"{name}_threads_{threads}_cpu_s"] = round(cpu, 4)
            results[f"{name}_threads_{threads}_mb_s"] = round(megabytes / wall, 1)
            print(f"{name}: corpus A, --threads {threads}: median of {a.runs} "
                  f"{wall * 1000:.1f} ms ({megabytes / wall:.1f} MB/s), CPU {cpu * 1000:.1f} ms")
        speedup = figures[1][0] / figures[2][0]
        cpu_ratio = figures[2][1] / figures[1][1]
        results[f"{name}_speedup"] = round(speedup, 3)
        results[f"{name}_cpu_ratio_2_vs_1"] = round(cpu_ratio, 3)
        print(f"{name}: speed-up 2 threads / 1 thread: {speedup:.2f}x; "
              f"CPU time 2 threads / 1 thread: {cpu_ratio:.3f}")
    if "baseline" in binaries:
        for key in ("threads_1_s", "threads_2_s", "threads_1_cpu_s", "threads_2_cpu_s",
                    "speedup", "cpu_ratio_2_vs_1"):
            results[f"{key}_new_vs_baseline"] = ratio(results[f"new_{key}"],
                                                      results[f"baseline_{key}"])
        print("new / baseline: " + ", ".join(
            f"{key} {results[f'{key}_new_vs_baseline']}"
            for key in ("threads_1_s", "threads_2_s", "speedup", "cpu_ratio_2_vs_1")))
    results["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    print(f"load average before/after: {load_before:.1f} / {os.getloadavg()[0]:.1f} "
          "(other work on the machine lowers the speed-up)")


def label(key):
    return key.replace("in20", " in 20 folders").replace("each", " in a folder each")


def memory(a, binaries, work, results):
    folders = {}
    for files in (2000, 20000):
        folder = os.path.join(work, f"small{files}")
        if not os.path.isdir(folder):
            make_corpus(a.make_corpus, folder, files, 1024, 42)
        folders[str(files)] = folder
    split = os.path.join(work, "small20000in20")
    if not os.path.isdir(split):
        make_corpus(a.make_corpus, split, 20000, 1024, 42)
        split_into_folders(split, 20)
    folders["20000in20"] = split
    each = os.path.join(work, "small20000each")
    if not os.path.isdir(each):
        make_corpus(a.make_corpus, each, 20000, 1024, 42)
        one_folder_each(each)
    folders["20000each"] = each
    samples = {(name, key): [] for name in binaries for key in folders}
    for _ in range(a.runs):
        for name, binary in binaries.items():
            for key, folder in folders.items():
                samples[(name, key)].append(run_once(binary, folder, None, a.format)[2])
    for name in binaries:
        for key in folders:
            rss = statistics.median(samples[(name, key)])
            results[f"{name}_rss_{key}_kib"] = rss
            print(f"{name}: {label(key)} files x 1 KB: "
                  f"median peak RSS {rss / 1024:.2f} MiB "
                  f"(min {min(samples[(name, key)]) / 1024:.2f}, "
                  f"max {max(samples[(name, key)]) / 1024:.2f})")
        for key in ("20000", "20000in20", "20000each"):
            value = ratio(results[f"{name}_rss_{key}_kib"], results[f"{name}_rss_2000_kib"])
            results[f"{name}_rss_ratio_{key}_vs_2000"] = value
            print(f"{name}: peak RSS ratio {label(key)} / 2000 "
                  f"files: {value}")
    if "baseline" in binaries:
        for key in folders:
            results[f"rss_{key}_new_vs_baseline"] = ratio(results[f"new_rss_{key}_kib"],
                                                          results[f"baseline_rss_{key}_kib"])
        print("new / baseline peak RSS: " + ", ".join(
            f"{key} files {results[f'rss_{key}_new_vs_baseline']}" for key in folders))


if __name__ == "__main__":
    main()
