"""BM25 at large sizes: index build peak memory, loaded memory, bytes on disk, query time.

Units are made from corpus/'s real clause tokens (jieba, as the index tokenises them):
unit i copies the tokens of real unit i % n and swaps a few for tokens of its own
(a region name, a number) so the vocabulary grows as a real corpus's does. Each
size runs in its own process so peak RSS is its own; the figures extrapolate
linearly to a province (1.2 M units) and the country (37 M units) in docs/scale.md.
Sizes: 250 k and 1 M units (``DUTYGRAPH_BM25_SIZES`` overrides, comma-separated).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent


def _real_tokens() -> list[list[str]]:
    import ingest
    from search.index.units import build_units
    from search.tokens import tokenize

    docs = []
    for p in sorted((ROOT / "corpus").glob("*.txt")):
        doc = ingest.parse_file(p)
        docs.append((doc, ingest.extract_facts(doc)))
    return [tokenize(u.lexical) or ["<empty>"] for u in build_units(docs)]


def _rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def run_size(n: int) -> dict:
    import bm25s

    from search.index.bm25 import K1, B, BM25Index

    real = _real_tokens()
    rng = np.random.default_rng(0)
    base = _rss_mb()  # the token lists count: a build holds them all while indexing
    corpus = []
    for i in range(n):
        toks = list(real[i % len(real)])
        for _ in range(3):  # a few tokens of the copy's own: places, numbers, names
            toks[rng.integers(len(toks))] = f"地{rng.integers(n // 20 + 1)}"
        corpus.append(toks)
    t0 = time.perf_counter()
    model = bm25s.BM25(k1=K1, b=B, method="lucene")
    model.index(corpus, show_progress=False)
    build_s = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del corpus
    with tempfile.TemporaryDirectory(prefix="dg-bench-bm25-") as tmp:
        BM25Index(model).save(Path(tmp))
        disk = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file()) / 1e6
        del model
        before = _rss_mb()
        index = BM25Index.load(Path(tmp))
        loaded = _rss_mb() - before
        queries = [dict.fromkeys(real[i * 37 % len(real)][:8], 1.0) for i in range(50)]
        ms = []
        for q in queries:
            t = time.perf_counter()
            index.scores(q)
            ms.append((time.perf_counter() - t) * 1000)
    return {
        "units": n,
        "build_s": build_s,
        "build_peak_mb": peak - base,
        "loaded_mb": loaded,
        "disk_mb": disk,
        "query_p50_ms": statistics.median(ms),
    }


def main() -> None:
    sizes = [int(s) for s in os.environ.get("DUTYGRAPH_BM25_SIZES", "250000,1000000").split(",")]
    for n in sizes:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_bm25", str(n)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"bm25 {r['units']:>9,} units: build {r['build_s']:.0f} s, "
            f"build peak +{r['build_peak_mb']:.0f} MB, loaded {r['loaded_mb']:.0f} MB, "
            f"{r['disk_mb']:.0f} MB on disk, query p50 {r['query_p50_ms']:.0f} ms "
            "(scores for every unit)"
        )
        per, peak = (r[k] / r["units"] * 1e6 for k in ("loaded_mb", "build_peak_mb"))
        print(f"    per million units: loaded {per:.0f} MB, build peak {peak:.0f} MB")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(json.dumps(run_size(int(sys.argv[1]))))
    else:
        main()
