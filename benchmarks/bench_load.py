"""Load: 16 concurrent clients searching and looking up duties for 60 s against one store.

As Streamlit serves sessions: one process, one searcher and one graph reader loaded
once and shared (``st.cache_resource``), each session a thread. Every client loops
for the whole run: three of four requests are a search (a random eval question,
k=10, a filter on one in five), one is a role's duties; nothing sleeps between
requests, so this is the saturation point of one replica. Reported: requests,
throughput, p50/p95/max latency per kind, and errors (target: 0 errors).

The store is ``DUTYGRAPH_BENCH_STORE`` when set, else corpus/ built into a
temporary store first (minutes: it encodes every clause). ``DUTYGRAPH_LOAD_CLIENTS``
and ``DUTYGRAPH_LOAD_SECONDS`` change the 16 clients and 60 s.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import threading
import time
import traceback
from pathlib import Path

import numpy as np

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ("county", "township", "city", "province")


def _questions() -> list[str]:
    out = []
    for name in ("search_queries.jsonl", "seed_queries.jsonl"):
        for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["query"])
    return out


def run(store: Path, clients: int, seconds: float) -> dict:
    """Drive ``clients`` threads for ``seconds`` against the store; the figures."""
    from graph import open_graph
    from search import load_searcher

    searcher, graph = load_searcher(store), open_graph(store)
    roles = sorted({r for u in searcher.units for r in u.roles})
    questions = _questions()
    searcher.search(questions[0], k=10)  # the model is loaded once, before the clock starts
    graph.duties(roles[0])
    times: dict[str, list[float]] = {"search": [], "duties": []}
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop:
            kind = "duties" if rng.random() < 0.25 else "search"
            t0 = time.perf_counter()
            try:
                if kind == "search":
                    level = rng.choice(LEVELS) if rng.random() < 0.2 else None
                    searcher.search(rng.choice(questions), k=10, level=level)
                else:
                    graph.duties(rng.choice(roles))
            except Exception:  # counted, and the first few shown: the target is zero
                with lock:
                    errors.append(traceback.format_exc(limit=3))
                continue
            with lock:
                times[kind].append((time.perf_counter() - t0) * 1000)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    out: dict = {
        "clients": clients,
        "seconds": wall,
        "errors": len(errors),
        "units": len(searcher.units),
    }
    for kind, ms in times.items():
        if ms:
            out[kind] = {
                "n": len(ms),
                "p50": statistics.median(ms),
                "p95": float(np.percentile(ms, 95)),
                "max": max(ms),
            }
    for e in errors[:3]:
        print(e)
    return out


def main() -> None:
    clients = int(os.environ.get("DUTYGRAPH_LOAD_CLIENTS", "16"))
    seconds = float(os.environ.get("DUTYGRAPH_LOAD_SECONDS", "60"))
    given = os.environ.get("DUTYGRAPH_BENCH_STORE")
    with tempfile.TemporaryDirectory(prefix="dg-bench-load-") as tmp:
        store = Path(given) if given else Path(tmp) / "store"
        if not given:
            from app.build import DEFAULT_CORPUS, build

            t0 = time.perf_counter()
            report = build([DEFAULT_CORPUS], store)
            print(f"store: corpus/ built in {time.perf_counter() - t0:.0f} s ({report.summary()})")
        r = run(store, clients, seconds)
    total = sum(r[k]["n"] for k in ("search", "duties") if k in r)
    print(
        f"load: {r['clients']} clients x {r['seconds']:.0f} s on {r['units']} units: "
        f"{total} requests ({total / r['seconds']:.1f}/s), {r['errors']} errors (target 0)"
    )
    for kind in ("search", "duties"):
        if kind in r:
            k = r[kind]
            print(
                f"    {kind:<7} n={k['n']:>5}  p50 {k['p50']:7.1f} ms  p95 {k['p95']:7.1f} ms  "
                f"max {k['max']:7.1f} ms"
            )


if __name__ == "__main__":
    main()
