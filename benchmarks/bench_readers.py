"""Reader and normaliser speed: each fixture format, the whole corpus, a near-limit file, OCR.

Prints milliseconds per fixture (read_text + normalise), corpus throughput, the
time to normalise a ~19 MB text (just under the 20 MB limit) and the time to
refuse a 50 MB file. Targets: every fixture well under a second, the big file
in tens of seconds at most, the refusal in milliseconds. Then OCR throughput:
pages per second reading the scanned seed 001 (``seed001.scanned.pdf``, 9
A4 pages at 150 dpi) with the bundled engine on all cores, model load timed
apart, and the CPU time it took: on a machine shared with other jobs the
wall-clock rate understates what two idle cores do. The .doc/.wps rows include
LibreOffice's start (seconds, not ms).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from ingest.errors import IngestError, UnusableInput
from ingest.parse.normalise import normalise
from ingest.read.files import MAX_BYTES, read_file, read_text
from ingest.read.ocr_engine import default_engine, ocr_available

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "corpus"


def _timed(path: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    text = normalise(read_text(path)).text
    return time.perf_counter() - t0, len(text)


def main() -> None:
    manifest = json.loads((FIXTURES / "fixtures.json").read_text(encoding="utf-8"))
    _timed(FIXTURES / "seed000.utf8.txt")  # warm-up: imports
    for entry in manifest:
        if entry["same_text"]:
            try:
                dt, n = _timed(FIXTURES / entry["file"])
            except IngestError as exc:  # LibreOffice missing: say so, keep the rest
                print(f"  {entry['file']}: not read ({exc.reason})")
                continue
            print(f"  {dt * 1000:7.1f} ms  {n:6d} chars  {entry['file']}")
    total, chars = 0.0, 0
    for path in sorted(CORPUS.glob("*.txt")):
        dt, n = _timed(path)
        total, chars = total + dt, chars + n
    rate = chars / total / 1e3
    print(f"read_text+normalise corpus: {chars} chars in {total:.2f} s ({rate:.0f}k chars/s)")
    with tempfile.TemporaryDirectory() as tmp:
        seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
        reps = int(MAX_BYTES * 0.95) // len(seeds.encode())
        big = Path(tmp) / "big.txt"
        big.write_text(seeds * reps, encoding="utf-8")
        dt, n = _timed(big)
        size = big.stat().st_size / 2**20
        print(f"near-limit file: {size:.1f} MB, {n} chars normalised in {dt:.1f} s")
        with big.open("r+b") as fh:
            fh.truncate(50 * 2**20)
        t0 = time.perf_counter()
        try:
            read_text(big)
        except UnusableInput as exc:
            print(f"50 MB file refused in {(time.perf_counter() - t0) * 1000:.2f} ms: {exc.reason}")
    _ocr_throughput()


def _ocr_throughput() -> None:
    """Pages per second of the whole scan path (render, prepare, OCR, layout) on seed 001."""
    if not ocr_available():
        print("OCR throughput: skipped (the 'ocr' extra is not installed)")
        return
    t0 = time.perf_counter()
    engine = default_engine()
    load = time.perf_counter() - t0
    scan = FIXTURES / "seed001.scanned.pdf"
    pages = next(e["pages"] for e in json.loads((FIXTURES / "fixtures.json").read_text("utf-8"))
                 if e["file"] == scan.name)  # fmt: skip
    t0, cpu0 = time.perf_counter(), time.process_time()
    raw = read_file(scan, ocr=engine)
    dt, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    cores = os.cpu_count() or 1
    print(
        f"OCR {scan.name}: {pages} pages in {dt:.1f} s = {pages / dt:.3f} pages/s "
        f"({cores} cores, model load {load:.1f} s apart, {len(raw.text)} chars); "
        f"{cpu:.0f} CPU-s, so {pages * cores / cpu:.3f} pages/s on {cores} idle cores"
    )


if __name__ == "__main__":
    main()
