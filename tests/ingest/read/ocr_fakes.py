"""A scripted OCR engine and pages to feed it, so the scan path runs without the model.

The engine ignores the picture and returns the lines it was given for each
page, laid out as a 公文 page sets them (body lines reaching the right
margin, a paragraph's first line indented two characters), so everything after
the engine (furniture, tables, joins, confidences, skipped pages) is the real
code.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from ingest.read.ocr_engine import OcrLine

__all__ = ["EM", "ScriptedEngine", "inked_page", "set_lines"]

EM = 40.0  # pixels per character
LEFT, TOP, PITCH = 200.0, 300.0, 80.0


def set_lines(
    paragraphs: list[str], confidence: float = 0.95, chars_per_line: int = 28, first: int = 0
) -> list[OcrLine]:
    """Paragraphs broken into lines of a page: first lines indented, full lines to the margin."""
    out: list[OcrLine] = []
    for para in paragraphs:
        rest, indent = para, 2
        while rest:
            n = chars_per_line - indent
            piece, rest = rest[:n], rest[n:]
            x0 = LEFT + indent * EM
            top = TOP + (first + len(out)) * PITCH
            out.append(OcrLine(piece, x0, top, x0 + len(piece) * EM, top + 50, confidence))
            indent = 0
    return out


class ScriptedEngine:
    """Returns ``pages[i]`` for the i-th page it is asked to read."""

    name = "scripted"

    def __init__(self, pages: list[list[OcrLine]]) -> None:
        self.pages, self.calls = pages, 0

    def read(self, image: np.ndarray) -> list[OcrLine]:
        lines = self.pages[min(self.calls, len(self.pages) - 1)]
        self.calls += 1
        return lines


def inked_page(path: Path, pages: int = 1) -> Path:
    """A picture (PNG, or a multi-page TIFF) with a few dark bars: a page with ink on it."""
    images = []
    for _ in range(pages):
        img = Image.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(img)
        for k in range(12):
            draw.rectangle([200, 300 + 80 * k, 1040, 340 + 80 * k], fill="black")
        images.append(img)
    images[0].save(path, save_all=len(images) > 1, append_images=images[1:])
    return path
