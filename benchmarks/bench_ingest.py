"""Parsing speed: every corpus document through ``ingest.parse_file`` (no extraction).

Prints the time per document and the total; the target is well under a few
seconds for the whole bundled corpus.
"""

from __future__ import annotations

import time
from pathlib import Path

from ingest import parse_file

__all__ = ["main"]

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def main() -> None:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".docx", ".html", ".pdf"})
    parse_file(files[0])  # warm-up: imports, cached word lists
    total, chars, clauses = 0.0, 0, 0
    for path in files:
        t0 = time.perf_counter()
        doc = parse_file(path)
        dt = time.perf_counter() - t0
        total += dt
        chars += len(doc.text)
        clauses += len(doc.clauses)
        print(f"  {dt * 1000:7.1f} ms  {len(doc.clauses):4d} clauses  {path.name}")
    per_doc = total / len(files) * 1000
    print(
        f"ingest.parse_file: {len(files)} documents, {chars} characters, {clauses} clauses "
        f"in {total:.2f} s ({per_doc:.1f} ms/doc, {chars / total / 1000:.0f}k chars/s)"
    )


if __name__ == "__main__":
    main()
