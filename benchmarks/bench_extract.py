"""Extraction speed over the bundled corpus (target: all of corpus/ in under 10 s).

``python -m benchmarks bench_extract`` (or ``make bench``). Parsing is timed apart from
extraction, and the first call (vocabulary load, regex build) apart from the rest, so a
slow stage is visible on its own.
"""

from __future__ import annotations

import time
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 10.0


def main() -> None:
    """Print parse and extraction times for every corpus file, and the totals."""
    from ingest import parse_file
    from ingest.extract.facts import extract_facts as extract

    paths = sorted((ROOT / "corpus").glob("*.txt"))
    t0 = time.perf_counter()
    docs = [parse_file(p) for p in paths]
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract(docs[0])
    warm_s = time.perf_counter() - t0
    counts = {"roles": 0, "duties": 0, "frequencies": 0, "deadlines": 0, "sanctions": 0}
    t0 = time.perf_counter()
    for doc in docs:
        facts = extract(doc)
        for key in counts:
            counts[key] += len(getattr(facts, key))
    extract_s = time.perf_counter() - t0
    chars = sum(len(d.text) for d in docs)
    verdict = "ok" if warm_s + extract_s < TARGET_S else f"ABOVE {TARGET_S:.0f} s"
    print(f"extraction benchmark: {len(docs)} documents, {chars:,} characters")
    print(f"  parse            {parse_s:7.3f} s")
    print(f"  first extract    {warm_s:7.3f} s (vocabulary and patterns built)")
    rate = chars / max(extract_s, 1e-9) / 1000
    print(f"  extract (all)    {extract_s:7.3f} s  {rate:,.0f} k chars/s")
    print(f"  extraction total {warm_s + extract_s:7.3f} s  target < {TARGET_S:.0f} s: {verdict}")
    print("  facts            " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
