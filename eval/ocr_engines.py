"""OCR engines compared on the generated scans: RapidOCR (chosen) against tesseract chi_sim.

Both engines read the same prepared pages (red whitened, skew taken out)
through the same layout rules, so the difference is the engine's alone:

- character accuracy of the read text against the text version
  (``readers.char_accuracy``), and the clause tree's agreement with it
  (``readers.tree_agreement``);
- pages per second on this machine (2 cores), model load excluded;
- the plain baseline beside each: the engine's lines in top-to-bottom order,
  one a line, parsed as they are (no furniture dropped, no table cells, no
  wraps rejoined), which shows what the layout rules add.

``seed001.scanned.pdf`` (colour) is the scan the reader was tuned on;
``seed000.scanned.pdf`` (black and white) was never tuned on. tesseract is
Debian's ``tesseract-ocr`` with ``tesseract-ocr-chi-sim``; without it its
rows are skipped saying why. Run ``python -m eval ocr_engines``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image

from eval.readers import FIXTURES, char_accuracy, tree_agreement
from ingest import parse_file, parse_text
from ingest.parse.normalise import normalise
from ingest.read.ocr_engine import OcrEngine, OcrLine, RapidEngine, ocr_available
from ingest.records import Document

__all__ = ["SCANS", "TesseractEngine", "main", "scan_result"]

SCANS = ("seed001.scanned.pdf", "seed000.scanned.pdf")


class TesseractEngine:
    """tesseract's TSV words grouped into its lines, confidence 0..1."""

    name = "tesseract"

    def read(self, image: np.ndarray) -> list[OcrLine]:
        buf = io.BytesIO()
        Image.fromarray(image).save(buf, format="PNG")
        tsv = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "4", "tsv"],
            input=buf.getvalue(), capture_output=True, check=True, timeout=600,
        ).stdout.decode("utf-8")  # fmt: skip
        lines: dict[tuple[str, str, str], list[list[str]]] = {}
        for row in (r.split("\t") for r in tsv.splitlines()[1:]):
            if len(row) == 12 and row[0] == "5" and row[11].strip() and float(row[10]) >= 0:
                lines.setdefault((row[2], row[3], row[4]), []).append(row)
        out = []
        for words in lines.values():
            x0 = min(int(w[6]) for w in words)
            top = min(int(w[7]) for w in words)
            x1 = max(int(w[6]) + int(w[8]) for w in words)
            bottom = max(int(w[7]) + int(w[9]) for w in words)
            conf = sum(float(w[10]) for w in words) / len(words) / 100
            out.append(OcrLine("".join(w[11] for w in words), x0, top, x1, bottom, conf))
        return out


class _Recording:
    """Passes pages to an engine and keeps its lines, for the plain baseline."""

    def __init__(self, inner: OcrEngine) -> None:
        self.inner, self.name = inner, inner.name
        self.pages: list[list[OcrLine]] = []

    def read(self, image: np.ndarray) -> list[OcrLine]:
        lines = self.inner.read(image)
        self.pages.append(lines)
        return lines


@cache
def _engine(name: str) -> OcrEngine:
    return RapidEngine() if name == "rapidocr" else TesseractEngine()


@cache
def scan_result(file: str, engine: str) -> tuple[Document, Document, float, int]:
    """(parsed scan, parsed plain baseline, seconds, pages) for a scan fixture and engine.

    Cached, so the readers table reuses the OCR this module ran (same arguments).
    """
    recording = _Recording(_engine(engine))
    t0 = time.perf_counter()
    doc = parse_file(FIXTURES / file, ocr=recording)
    seconds = time.perf_counter() - t0
    plain = "\n".join(
        ln.text for page in recording.pages for ln in sorted(page, key=lambda ln: ln.top)
    )
    return doc, parse_text(plain, file), seconds, len(recording.pages)


def _row(file: str, engine: str) -> None:
    doc, plain, seconds, pages = scan_result(file, engine)
    source = FIXTURES / f"{file.split('.')[0]}.utf8.txt"
    ref = parse_file(source)
    ref_text = normalise(source.read_text(encoding="utf-8")).text
    for what, got in (("reader", doc), ("plain baseline", plain)):
        agree = tree_agreement(ref, got)
        acc = char_accuracy(ref_text, got.text)
        rate = f"{pages / seconds:6.3f}" if what == "reader" else "     -"
        print(
            f"  {file:22s} {engine:10s} {what:15s} chars {acc:.3f}  labels {agree.labels:.3f}"
            f"  texts {agree.texts:.3f}  pages/s {rate}"
        )


def main() -> None:
    engines = []
    if ocr_available():
        engines.append("rapidocr")
    else:
        print("rapidocr rows skipped: the 'ocr' extra is not installed")
    if shutil.which("tesseract"):
        engines.append("tesseract")
    else:
        print("tesseract rows skipped: apt-get install tesseract-ocr tesseract-ocr-chi-sim")
    for file in SCANS:
        if not Path(FIXTURES / file).exists():
            continue
        for engine in engines:
            _row(file, engine)
