"""Per-unit costs measured on corpus/, projected to a province and to the country.

Measured here, on the bundled corpus (18 documents):
- parse + extract seconds per document (``ingest.parse_file`` + ``extract_facts``);
- encode seconds per passage on this machine's CPU (200 passages, the real e5 model);
- search units and passages per document, triples per document (a local graph build);
- bytes per unit of the search index files (BM25 arrays, units.jsonl) and of the
  dense rows (float32 vectors.npy and the IVF-SQ8 codes, 384 + 8 bytes a row).

Projected with the issue's sizes: a province ~10,000 documents, the country ~300,000
(documents of corpus/'s mix; the real mix has more short notices). The CPU-hours
divide by the cores of a Ray cluster; query latency by index size is bench_ann's.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"province": 10_000, "country": 300_000}
SQ8_ROW = 384 + 8  # one IVF-SQ8 code and its id


def _dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    import ingest
    from graph import update_graph
    from search import update_index
    from search.index.units import build_units
    from search.model.encoder import load_encoder

    files = sorted((ROOT / "corpus").glob("*.txt"))
    ingest.parse_file(files[0])  # warm-up: imports, word lists
    t0, c0 = time.perf_counter(), time.process_time()
    docs = []
    for path in files:
        doc = ingest.parse_file(path)
        docs.append((doc, ingest.extract_facts(doc)))
    parse_s = (time.perf_counter() - t0) / len(docs)
    parse_cpu = (time.process_time() - c0) / len(docs)
    units = build_units(docs)
    passages = [text for u in units for text in u.passages]
    with tempfile.TemporaryDirectory(prefix="dg-bench-proj-") as tmp:
        graph = update_graph(Path(tmp), docs, [], validate_shapes=False)
        update_index(Path(tmp), docs, progress=False, encoder=None)
        search_bytes = _dir_bytes(Path(tmp) / "search")
    encoder = load_encoder()
    encode_s = encode_cpu = float("nan")
    if encoder is not None:
        sample = passages[:: max(1, len(passages) // 200)][:200]
        encoder.encode_passages(sample[:8])  # warm-up
        t0, c0 = time.perf_counter(), time.process_time()
        encoder.encode_passages(sample)
        encode_s = (time.perf_counter() - t0) / len(sample)
        encode_cpu = (time.process_time() - c0) / len(sample)
    n = len(docs)
    per_doc_units, per_doc_passages = len(units) / n, len(passages) / n
    per_doc_triples = (graph.triples or 0) / n
    lexical_per_unit = search_bytes / len(units)
    dense_per_passage = 384 * 4 + SQ8_ROW
    print(
        f"measured on corpus/ ({n} documents, {len(units)} units, {len(passages)} passages; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):"
    )
    print(f"    parse + extract {parse_s * 1000:.0f} ms/document ({parse_cpu * 1000:.0f} ms CPU)")
    print(
        f"    encode {encode_s * 1000:.1f} ms/passage ({encode_cpu * 1000:.1f} ms CPU, all threads)"
    )
    print(
        f"    {per_doc_units:.0f} units, {per_doc_passages:.0f} passages, "
        f"{per_doc_triples:.0f} triples per document"
    )
    print(
        f"    index bytes: {lexical_per_unit:.0f} per unit (BM25 + units.jsonl), "
        f"{dense_per_passage} per passage (float32 rows on disk + SQ8 code in memory)"
    )
    for name, docs_n in SIZES.items():
        u, p = docs_n * per_doc_units, docs_n * per_doc_passages
        print(
            f"{name:>8} ({docs_n:,} documents): {u / 1e6:.1f} M units, {p / 1e6:.1f} M passages, "
            f"{docs_n * per_doc_triples / 1e6:.0f} M triples; "
            f"parse {docs_n * parse_cpu / 3600:.1f} CPU-h, "
            f"encode {p * encode_cpu / 3600:.0f} CPU-h; "
            f"index {u * lexical_per_unit / 1e9:.1f} GB lexical + {p * 384 * 4 / 1e9:.0f} GB "
            f"float rows on disk, {p * SQ8_ROW / 1e9:.1f} GB SQ8 codes in memory"
        )


if __name__ == "__main__":
    main()
