"""Scanned pages -> positioned lines: prepared, OCR'd, table cells filled, in reading order.

Each page is rendered (a PDF page at ``RENDER_DPI``) or decoded (an image),
made ready by ``scan_image.prepare`` (red whitened, skew taken out) and read by
the OCR engine. Lines inside a ruled table are gathered per cell and come out
as one TAB row per table row; the rest are lines in top-to-bottom order. The
layout rules shared with PDFs and OFD then drop page furniture and rejoin
paragraphs. A page with ink on it whose lines OCR reads with a mean confidence
below ``MIN_CONFIDENCE``, or not at all, is left out and named; a blank page is
simply skipped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from statistics import median

from PIL import Image, ImageSequence, UnidentifiedImageError

from ingest.errors import ErrorKind, UnreadableFile, UnusableInput
from ingest.read.layout import PageLine, drop_furniture, paragraphs
from ingest.read.ocr_engine import OCR_MISSING, OcrEngine, OcrLine, default_engine, ocr_available
from ingest.read.raw_text import RawText, from_paragraphs
from ingest.read.ruled_tables import Grid, place_in_grids
from ingest.read.scan_image import find_grids, ink_share, prepare
from ingest.records import SkippedPage

__all__ = [
    "MIN_CONFIDENCE",
    "RENDER_DPI",
    "SPECKS",
    "nothing_read",
    "ocr_pages",
    "read_image",
    "scan_engine",
]

RENDER_DPI = 200  # scans are made at 150-300 dpi; 16 pt body text is then 40+ pixels high
MIN_CONFIDENCE = 0.6  # a page read with less mean confidence than this is not guessed at
MIN_INK = 0.002  # a page with less ink than this is blank
# Image pages are brought to this width (an A4 page at RENDER_DPI), so pages of one file
# share one scale, as the layout rules need, and a 600-dpi scan costs no more than others.
PAGE_WIDTH = round(210 / 25.4 * RENDER_DPI)
_WORD = re.compile(r"[\w\u3400-\u9fff]")  # a line with none of these is a speck, not text
_ZH = r"\u3400-\u9fff，。、；：？！“”‘’（）《》〔〕"  # Chinese characters and punctuation
# Dots the engine reads from dust and toner specks: Chinese never writes these marks there.
SPECKS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        # a dot between two Chinese characters or punctuation marks: 积·极, 。.
        (rf"(?<=[{_ZH}])[.·•'`]+(?=[{_ZH}])", ""),
        # a dot or comma starting a line before Chinese: ·3.积极, .（二）
        (rf"^[.·•'`,，、]+(?=[{_ZH}\d(])", ""),
        # a dot ending a line after Chinese: 招商引资办. / 稳定。.
        (rf"(?<=[{_ZH}])[.·•'`]+$", ""),
    )
)


def scan_engine(path: Path, engine: OcrEngine | None) -> OcrEngine:
    """The engine to use, or an UnusableInput saying OCR is missing."""
    if engine is not None:
        return engine
    if not ocr_available():
        raise UnusableInput(
            path, f"the file is a scan with no text; {OCR_MISSING}", kind=ErrorKind.SCANNED
        )
    return default_engine()


def _clean(line: OcrLine) -> OcrLine:
    text = line.text.strip()
    for pattern, repl in SPECKS:
        text = pattern.sub(repl, text)
    return replace(line, text=text)


def _mean(lines: list[OcrLine]) -> float:
    chars = sum(len(ln.text) for ln in lines)
    return sum(ln.confidence * len(ln.text) for ln in lines) / chars if chars else 0.0


def _page_lines(lines: list[OcrLine], grids: list[Grid], page: int) -> list[PageLine]:
    """OCR lines -> PageLines: table cells gathered into TAB rows, sizes from the text."""
    long = [ln for ln in lines if len(ln.text) >= 6 and ln.bottom > ln.top]
    # the em per pixel of box height, from lines long enough that width / characters is the em
    ratio = (
        median((ln.x1 - ln.x0) / len(ln.text) / (ln.bottom - ln.top) for ln in long)
        if long
        else 0.75
    )
    rows, rest = place_in_grids(lines, grids, page)
    out = rows + [
        PageLine(
            ln.text, ln.x0, ln.x1, ln.top, max(ln.bottom - ln.top, 1) * ratio, page, ln.confidence
        )
        for ln in rest
    ]
    return sorted(out, key=lambda ln: ln.top)


def ocr_pages(
    path: Path,
    images: list[tuple[int, Image.Image]],
    engine: OcrEngine | None,
    scale: float = 1.0,
) -> tuple[dict[int, list[PageLine]], list[SkippedPage]]:
    """(page number, image) -> lines per page (coordinates times ``scale``) and skipped pages.

    The engine (``scan_engine``) is loaded only for the first page with ink on it.
    """
    pages: dict[int, list[PageLine]] = {}
    skipped: list[SkippedPage] = []
    for number, image in images:
        if ink_share(image) < MIN_INK:
            pages[number] = []
            continue
        engine = scan_engine(path, engine)
        page = prepare(image)
        lines = [_clean(ln) for ln in engine.read(page)]
        lines = [ln for ln in lines if _WORD.search(ln.text)]
        confidence = _mean(lines)
        if confidence < MIN_CONFIDENCE:
            why = f"mean confidence {confidence:.2f}" if lines else "no text found"
            skipped.append(SkippedPage(number, f"OCR could not read it ({why}); left out"))
            pages[number] = []
            continue
        if scale != 1.0:
            lines = [
                OcrLine(ln.text, ln.x0 * scale, ln.top * scale, ln.x1 * scale,
                        ln.bottom * scale, ln.confidence)
                for ln in lines
            ]  # fmt: skip
        grids = [
            Grid(tuple(x * scale for x in g.xs), tuple(y * scale for y in g.ys))
            for g in find_grids(page)
        ]
        pages[number] = _page_lines(lines, grids, number)
    return pages, skipped


def _fit(frame: Image.Image) -> Image.Image:
    page = frame.convert("RGB")
    height = round(page.height * PAGE_WIDTH / page.width)
    return page.resize((PAGE_WIDTH, height), Image.Resampling.LANCZOS)


def read_image(path: Path, data: bytes, engine: OcrEngine | None = None) -> RawText:
    """An image file (png, jpg, tif with any number of pages) read by OCR."""
    try:
        with Image.open(BytesIO(data)) as img:
            frames = [(n, _fit(f)) for n, f in enumerate(ImageSequence.Iterator(img), 1)]
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UnreadableFile(
            path, f"not a readable image ({exc.__class__.__name__})", kind=ErrorKind.DAMAGED
        ) from exc
    by_page, skipped = ocr_pages(path, frames, engine)
    pages = drop_furniture([by_page[n] for n, _ in frames])
    raw = from_paragraphs(paragraphs(pages), tuple(skipped))
    if not raw.text.strip():
        raise UnusableInput(path, nothing_read(skipped, len(frames)), kind=ErrorKind.SCANNED)
    return raw


def nothing_read(skipped: list[SkippedPage], pages: int) -> str:
    """Why a scan gave no text at all: unreadable pages, or blank ones."""
    if skipped:
        return f"OCR could not read any of the {pages} page(s) ({skipped[0].reason})"
    return f"blank: no text on any of the {pages} page(s)"
