"""PDF with a text layer -> text, wrapped lines rejoined into paragraphs.

A PDF only knows lines. A line that reaches the right margin and is followed by
an unindented line that does not start a numbered unit is a wrap: the two are
one paragraph. Chinese body text indents the first line of a paragraph, which
makes this reliable. Page numbers and other chrome lines are dropped here so
they cannot split a paragraph that runs over a page break.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from statistics import median
from typing import Any

import pdfplumber

from ingest.chrome import is_chrome_line
from ingest.errors import UnreadableFile, UnusableInput
from ingest.line_joins import UNIT_START

__all__ = ["read_pdf"]

SCANNED = "PDF has no text layer (scanned image?); run OCR first"
NO_UNICODE = "PDF text layer has no Unicode mapping (glyph ids only); run OCR first"
_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for a glyph it cannot map to a character
_LATIN_EDGE = re.compile(r"[A-Za-z0-9,.;:]")


def _page_lines(page: Any) -> list[dict[str, Any]]:
    """Text lines of a page with their left and right edges and the font size."""
    out = []
    for ln in page.extract_text_lines(strip=True, return_chars=True):
        text = ln["text"].strip()
        if not text or is_chrome_line(text):
            continue
        sizes = [c["size"] for c in ln["chars"] if c.get("size")]
        out.append(
            {"text": text, "x0": ln["x0"], "x1": ln["x1"], "size": median(sizes) if sizes else 10.0}
        )
    return out


def _running_lines(pages: list[list[dict[str, Any]]]) -> set[str]:
    """Short lines printed on most pages (running titles, unit names): page furniture."""
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for page in pages:
        for text in {ln["text"] for ln in page[:2] + page[-2:] if len(ln["text"]) <= 40}:
            counts[text] = counts.get(text, 0) + 1
    return {t for t, n in counts.items() if n > len(pages) / 2}


def _paragraphs(lines: list[dict[str, Any]]) -> list[str]:
    """Rejoin wrapped lines; margins are the extremes over the whole document."""
    if not lines:
        return []
    left = min(ln["x0"] for ln in lines)
    right = max(ln["x1"] for ln in lines)
    paras: list[str] = []
    wraps = False
    for ln in lines:
        indented = ln["x0"] > left + 0.8 * ln["size"]
        starts_unit = any(p.match(ln["text"]) for p in UNIT_START)
        if wraps and paras and not indented and not starts_unit:
            sep = (
                " " if _LATIN_EDGE.match(paras[-1][-1]) and _LATIN_EDGE.match(ln["text"][0]) else ""
            )
            paras[-1] += sep + ln["text"]
        else:
            paras.append(ln["text"])
        wraps = ln["x1"] >= right - 1.5 * ln["size"]
    return paras


def read_pdf(path: Path, data: bytes) -> str:
    """The text of a PDF's text layer, one paragraph a line."""
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many unrelated types on corrupt input
        reason = "encrypted PDF" if "password" in str(exc).lower() else "corrupt or unreadable PDF"
        raise UnreadableFile(path, f"{reason} ({exc.__class__.__name__})") from exc
    running = _running_lines(pages)
    lines = [ln for page in pages for ln in page if ln["text"] not in running]
    text = "".join(ln["text"] for ln in lines)
    if not text.strip():
        raise UnusableInput(path, SCANNED)
    if sum(map(len, _CID.findall(text))) > 0.5 * len(text):  # mostly unmapped glyphs
        raise UnusableInput(path, NO_UNICODE)
    return "\n".join(_paragraphs(lines))
