#!/usr/bin/env python3
"""Benchmarks `rolelint server` from the outside, over stdio, with inputs it generates itself.

Measures, against a built binary (default: target/release/rolelint):
  - edit -> publishDiagnostics latency (median, p95, p99) on a ~107 KB and a ~4 KB document,
    one incremental edit at a time (append a word to a line, then remove it);
  - didOpen -> first diagnostics of a ~5 MB document, and how long a hover on a small
    document takes while the big one is being checked;
  - resident memory (VmRSS and VmHWM) with 100 documents open;
  - a random-edit soak: N incremental edits with multi-byte text and CRLF, comparing the
    diagnostics of the edited document with a fresh didOpen of the same text every batch.

Usage:
  cargo build --release
  python3 scripts/lsp_bench.py [--server target/release/rolelint] [--edits 300]
                               [--soak-edits 10000] [--json results.json]
Prints one JSON object with every figure. Exit status 1 if the soak diverged.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time

ROLE_LINES = [
    "- Own the product backlog and keep it ordered for the team.",
    "- Write user stories with clear acceptance criteria.",
    "- Define the long-term product vision and the strategy behind it.",
    "- Own the product roadmap for the next four quarters.",
    "- Run sprint planning and the sprint review with the developers.",
    "- Conduct market research and competitive analysis.",
    "- Schedule releases and coordinate the launch.",
    "- Answer the development team's questions every day.",
    "- Talk directly to customers in discovery interviews.",
    "- Prioritize features with the stakeholders.",
    "- Report velocity and burn-down to leadership.",
    "- Contribute to the roadmap owned by the Product Manager.",
    "We value curiosity, candour and kind feedback — “strong opinions, loosely held”.",
    "You will work with engineering, design and data science in a cross-functional team.",
]
TITLES = ["Product Owner", "Product Manager", "Senior Product Owner", "Product Manager, Payments"]


def make_document(size, seed):
    """Deterministic Markdown role descriptions of about `size` bytes."""
    rng = random.Random(seed)
    parts = []
    total = 0
    while total < size:
        title = rng.choice(TITLES)
        block = [f"# {title} — Team {rng.randint(1, 999)}", ""]
        block.append("About the role: you join a product group of é, ü and 😀 people.")
        block.append("")
        block.append(f"## Responsibilities of the {title.split(',')[0].replace('Senior ', '')}")
        block.append("")
        block += [rng.choice(ROLE_LINES) for _ in range(rng.randint(5, 10))]
        block.append("")
        text = "\n".join(block) + "\n"
        parts.append(text)
        total += len(text.encode())
    return "".join(parts)


class Server:
    def __init__(self, argv):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, bufsize=0)
        self.next_id = 1
        self.cv = threading.Condition()
        self.responses = {}
        self.publishes = []  # (time, params)
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _send(self, message):
        body = json.dumps(message, ensure_ascii=False).encode()
        with self.lock:
            self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.p.stdin.flush()

    def _read(self):
        out = self.p.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = b""
            while len(body) < length:
                chunk = out.read(length - len(body))
                if not chunk:
                    return
                body += chunk
            now = time.perf_counter()
            message = json.loads(body)
            if "method" in message and "id" in message:
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                continue
            with self.cv:
                if message.get("method") == "textDocument/publishDiagnostics":
                    self.publishes.append((now, message["params"]))
                elif "id" in message:
                    self.responses[message["id"]] = (now, message)
                self.cv.notify_all()

    def request(self, method, params, timeout=120):
        rid = self.next_id
        self.next_id += 1
        start = time.perf_counter()
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        with self.cv:
            self.cv.wait_for(lambda: rid in self.responses, timeout)
            answered, message = self.responses.pop(rid)
        return (answered - start) * 1000, message

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_publish(self, uri, version, since, timeout=120):
        """The first publish for uri at `version` or later received after `since`."""
        deadline = time.monotonic() + timeout
        with self.cv:
            while True:
                for received, params in self.publishes:
                    if received >= since and params["uri"] == uri and (params.get("version") or 0) >= version:
                        return received, params
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cv.wait(left)

    def initialize(self, capabilities=None):
        self.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                    "capabilities": capabilities or {}})
        self.notify("initialized", {})

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": version, "text": text}})

    def memory_kb(self):
        figures = {}
        with open(f"/proc/{self.p.pid}/status") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    figures[line.split(":")[0]] = int(line.split()[1])
        return figures

    def close(self):
        self.request("shutdown", None, timeout=30)
        self.notify("exit", None)
        return self.p.wait(timeout=30)


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def percentile(samples, p):
    ordered = sorted(samples)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(samples):
    return {"median": round(statistics.median(samples), 3), "p95": round(percentile(samples, 95), 3),
            "p99": round(percentile(samples, 99), 3), "max": round(max(samples), 3), "count": len(samples)}


def edit_latency(argv, text, edits):
    server = Server(argv)
    server.initialize()
    uri = "file:///bench/latency.md"
    start = time.perf_counter()
    server.open(uri, text)
    opened = server.wait_publish(uri, 1, start)
    open_ms = (opened[0] - start) * 1000
    lines = text.split("\n")
    prose = [i for i, line in enumerate(lines) if len(line) > 40 and not line.startswith("#")]
    rng = random.Random(1)
    samples = []
    version = 1
    pending = None
    for _ in range(edits):
        if pending is None:
            line = rng.choice(prose)
            column = utf16_len(lines[line])
            change = {"range": {"start": {"line": line, "character": column},
                                "end": {"line": line, "character": column}}, "text": " really"}
            pending = (line, column)
        else:
            line, column = pending
            change = {"range": {"start": {"line": line, "character": column},
                                "end": {"line": line, "character": column + 7}}, "text": ""}
            pending = None
        version += 1
        sent = time.perf_counter()
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [change]})
        published = server.wait_publish(uri, version, sent)
        samples.append((published[0] - sent) * 1000)
    server.close()
    return {"bytes": len(text.encode()), "open_to_first_diagnostics_ms": round(open_ms, 3),
            "edit_to_diagnostics_ms": summary(samples)}


def big_open(argv, text):
    server = Server(argv)
    server.initialize()
    small = "file:///bench/small.md"
    server.open(small, make_document(2000, 5))
    server.wait_publish(small, 1, 0)
    uri = "file:///bench/big.md"
    start = time.perf_counter()
    server.open(uri, text)
    hover_ms, _ = server.request("textDocument/hover", {"textDocument": {"uri": small},
                                                        "position": {"line": 6, "character": 4}})
    published = server.wait_publish(uri, 1, start, timeout=600)
    result = {"bytes": len(text.encode()), "hover_while_checking_ms": round(hover_ms, 3),
              "open_to_first_diagnostics_ms": round((published[0] - start) * 1000, 3),
              "diagnostics": len(published[1]["diagnostics"]), "memory_kb": server.memory_kb()}
    server.close()
    return result


def hundred_documents(argv):
    server = Server(argv)
    server.initialize()
    start = time.perf_counter()
    for index in range(100):
        server.open(f"file:///bench/doc{index}.md", make_document(4096, 100 + index))
    for index in range(100):
        server.wait_publish(f"file:///bench/doc{index}.md", 1, start)
    result = {"documents": 100, "all_checked_ms": round((time.perf_counter() - start) * 1000, 3),
              "memory_kb": server.memory_kb()}
    server.close()
    return result


PIECES = ["a", " ", "é", "角", "😀", "\u0301", "\n", "\r\n", "PM", "Product Owner", "Product Manager",
          "\t", "👩\u200d💼", "—", "\u00a0", " own the roadmap", "\n- Own the product roadmap.\n"]


def soak(argv, edits, batch):
    server = Server(argv)
    server.initialize()
    uri = "file:///bench/soak.md"
    text = make_document(3000, 9).replace("\n## ", "\r\n## ")
    server.open(uri, text)
    rng = random.Random(42)
    version = 1
    diverged = []
    compared = 0

    def position(offset):
        before = text[:offset]
        line = before.count("\n")
        start = before.rfind("\n") + 1
        return {"line": line, "character": utf16_len(text[start:offset])}

    def safe(offset):
        if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
            offset -= 1
        return offset

    started = time.perf_counter()
    for edit in range(1, edits + 1):
        start = safe(rng.randint(0, len(text)))
        end = max(start, safe(min(len(text), start + rng.randint(0, 5))))
        new = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 3)))
        change = {"range": {"start": position(start), "end": position(end)}, "text": new}
        text = text[:start] + new + text[end:]
        version += 1
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [change]})
        if edit % batch == 0:
            edited = server.wait_publish(uri, version, 0)[1]["diagnostics"]
            fresh_uri = f"file:///bench/fresh{edit}.md"
            server.open(fresh_uri, text)
            fresh = server.wait_publish(fresh_uri, 1, 0)[1]["diagnostics"]
            key = lambda d: json.dumps([d["range"], d["code"], d["message"]], sort_keys=True)
            compared += 1
            if sorted(map(key, edited)) != sorted(map(key, fresh)):
                diverged.append(edit)
            server.notify("textDocument/didClose", {"textDocument": {"uri": fresh_uri}})
    seconds = time.perf_counter() - started
    server.close()
    return {"edits": edits, "comparisons": compared, "diverged_after": diverged,
            "seconds": round(seconds, 2)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(here, "target"))
    parser.add_argument("--server", default=os.path.join(target, "release", "rolelint"))
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--soak-edits", type=int, default=10000)
    parser.add_argument("--soak-batch", type=int, default=500)
    parser.add_argument("--big-bytes", type=int, default=5 * 1024 * 1024)
    parser.add_argument("--skip", default="", help="comma-separated: latency,big,memory,soak")
    parser.add_argument("--json")
    args = parser.parse_args()
    argv = [args.server, "server"]
    skip = set(filter(None, args.skip.split(",")))
    results = {"server": args.server}
    if "latency" not in skip:
        results["latency_107k"] = edit_latency(argv, make_document(107 * 1000, 3), args.edits)
        results["latency_4k"] = edit_latency(argv, make_document(4096, 4), args.edits)
    if "big" not in skip:
        results["big_document"] = big_open(argv, make_document(args.big_bytes, 7))
    if "memory" not in skip:
        results["hundred_documents"] = hundred_documents(argv)
    if "soak" not in skip:
        results["soak"] = soak(argv, args.soak_edits, args.soak_batch)
    print(json.dumps(results, indent=1, ensure_ascii=False))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=1, ensure_ascii=False)
    if results.get("soak", {}).get("diverged_after"):
        sys.exit(1)


if __name__ == "__main__":
    main()
