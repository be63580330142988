"""PDF -> text: the text layer where there is one, OCR for pages that are only pictures.

Each page gives positioned lines: its text layer's lines and ruled tables (one
TAB row per table row), or, for a page with no text layer, what OCR reads on
it (``ocr_text``). The layout rules shared with scans and OFD (``layout``)
then drop page numbers and running lines and rejoin wrapped paragraphs, also
across page breaks.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from statistics import median
from typing import Any

import pdfplumber
import pypdfium2 as pdfium

from ingest.errors import ErrorKind, UnreadableFile, UnusableInput
from ingest.read.chrome import is_chrome_line
from ingest.read.layout import PageLine, drop_furniture, glue, paragraphs
from ingest.read.ocr_engine import OCR_MISSING, OcrEngine, ocr_available
from ingest.read.ocr_text import RENDER_DPI, nothing_read, ocr_pages
from ingest.read.raw_text import RawText, from_paragraphs
from ingest.records import SkippedPage

__all__ = ["read_pdf"]

NO_UNICODE = "PDF text layer has no Unicode mapping (glyph ids only); run OCR first"
_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for a glyph it cannot map to a character


def _cell(text: str | None) -> str:
    """A table cell on one line: its wrapped lines glued (with a space between Latin words)."""
    out = ""
    for part in (p.strip() for p in (text or "").split("\n") if p.strip()):
        out = glue(out, part)
    return out


def _page_lines(page: Any, number: int) -> list[PageLine]:
    """Text lines and ruled-table rows of a page's text layer, top to bottom.

    A table row is one line of TAB-joined cells (the canonical table form); text
    lines inside a table's box are left to the table.
    """
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    out = []
    for ln in page.extract_text_lines(strip=True, return_chars=True):
        text = ln["text"].strip()
        middle = (ln["top"] + ln["bottom"]) / 2
        if not text or is_chrome_line(text) or any(b[1] <= middle <= b[3] for b in boxes):
            continue
        sizes = [c["size"] for c in ln["chars"] if c.get("size")]
        size = median(sizes) if sizes else 10.0
        out.append(PageLine(text, ln["x0"], ln["x1"], ln["top"], size, number))
    for table in tables:
        for n, row in enumerate(table.extract()):
            cells = [_cell(c) for c in row]
            if any(cells):
                top = table.bbox[1] + n * 1e-3  # keeps the rows in order at the table's place
                out.append(PageLine("\t".join(cells), 0, 0, top, 0, number, first_row=n == 0))
    return sorted(out, key=lambda ln: ln.top)


def _scanned(
    path: Path, data: bytes, numbers: list[int], engine: OcrEngine | None
) -> tuple[dict[int, list[PageLine]], list[SkippedPage]]:
    """OCR of the pages (1-based) that have no text layer, in PDF points."""
    try:
        pdf = pdfium.PdfDocument(data)
        images = [(n, pdf[n - 1].render(scale=RENDER_DPI / 72).to_pil()) for n in numbers]
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(
            path, f"corrupt or unreadable PDF ({exc.__class__.__name__})", kind=ErrorKind.DAMAGED
        ) from exc
    return ocr_pages(path, images, engine, scale=72 / RENDER_DPI)


def read_pdf(path: Path, data: bytes, engine: OcrEngine | None = None) -> RawText:
    """The text of a PDF, one paragraph a line; pages without a text layer are OCR'd."""
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            pages = [_page_lines(page, n) for n, page in enumerate(pdf.pages, 1)]
            pictures = [n for n, page in enumerate(pdf.pages, 1) if page.images]
    except Exception as exc:  # pdfminer raises many unrelated types on corrupt input
        reason = "encrypted PDF" if "password" in str(exc).lower() else "corrupt or unreadable PDF"
        raise UnreadableFile(
            path, f"{reason} ({exc.__class__.__name__})", kind=ErrorKind.DAMAGED
        ) from exc
    text = "".join(ln.text for page in pages for ln in page)
    if text.strip() and sum(map(len, _CID.findall(text))) > 0.5 * len(text):
        raise UnusableInput(path, NO_UNICODE, kind=ErrorKind.NO_TEXT)  # mostly unmapped glyphs
    blank = [n for n, page in enumerate(pages, 1) if not page and n in pictures]
    skipped: list[SkippedPage] = []
    if blank and (engine is not None or ocr_available()):
        by_page, skipped = _scanned(path, data, blank, engine)
        pages = [by_page.get(n, page) for n, page in enumerate(pages, 1)]
    elif blank and not text.strip():
        raise UnusableInput(
            path, f"PDF has no text layer (scanned?); {OCR_MISSING}", kind=ErrorKind.SCANNED
        )
    elif blank:
        skipped = [SkippedPage(n, f"a picture with no text layer; {OCR_MISSING}") for n in blank]
    raw = from_paragraphs(paragraphs(drop_furniture(pages)), tuple(skipped))
    if not raw.text.strip():
        raise UnusableInput(path, nothing_read(skipped, len(pages)), kind=ErrorKind.SCANNED)
    return raw
