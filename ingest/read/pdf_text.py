"""PDF with a text layer -> text, wrapped lines rejoined, ruled tables as TAB rows.

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

from ingest.errors import UnreadableFile, UnusableInput
from ingest.parse.line_joins import starts_unit
from ingest.read.chrome import is_chrome_line

__all__ = ["read_pdf"]

SCANNED = "PDF has no text layer (scanned image?); run OCR first"
NO_UNICODE = "PDF text layer has no Unicode mapping (glyph ids only); run OCR first"
_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for a glyph it cannot map to a character
_LATIN_EDGE = re.compile(r"[A-Za-z0-9,.;:]")


def _cell(text: str | None) -> str:
    """A table cell on one line: its wrapped lines glued (with a space between Latin words)."""
    parts = [p.strip() for p in (text or "").split("\n") if p.strip()]
    out = ""
    for part in parts:
        latin = out and _LATIN_EDGE.match(out[-1]) and _LATIN_EDGE.match(part[0])
        out += (" " if latin else "") + part
    return out


def _page_lines(page: Any) -> list[dict[str, Any]]:
    """Text lines and ruled-table rows of a page, top to bottom, with edges and font size.

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
        out.append({"text": text, "x0": ln["x0"], "x1": ln["x1"], "size": size, "top": ln["top"]})
    for table in tables:
        for n, row in enumerate(table.extract()):
            cells = [_cell(c) for c in row]
            if any(cells):
                top = table.bbox[1] + n * 1e-3  # keeps the rows in order at the table's place
                row_line = {"text": "\t".join(cells), "x0": 0, "x1": 0, "size": 0, "top": top}
                out.append(row_line | {"first_row": n == 0})
    return sorted(out, key=lambda ln: ln["top"])


def _running_lines(pages: list[list[dict[str, Any]]]) -> set[str]:
    """Short lines printed on most pages (running titles, unit names): page furniture."""
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for page in pages:
        edges = page[:2] + page[-2:]
        for text in {
            ln["text"] for ln in edges if len(ln["text"]) <= 40 and "\t" not in ln["text"]
        }:
            counts[text] = counts.get(text, 0) + 1
    return {t for t, n in counts.items() if n > len(pages) / 2}


def _drop_repeated_headers(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A table's header row printed again on every page it runs onto appears once."""
    seen: set[str] = set()
    out = []
    for ln in lines:
        if ln.get("first_row"):
            if ln["text"] in seen:
                continue
            seen.add(ln["text"])
        out.append(ln)
    return out


def _margin(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie: a margin that ignores outliers."""
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def _paragraphs(lines: list[dict[str, Any]]) -> list[str]:
    """Rejoin wrapped lines; margins are where most lines start and end."""
    text_lines = [ln for ln in lines if "\t" not in ln["text"]]
    if not text_lines:
        return [ln["text"] for ln in lines]
    left = _margin([ln["x0"] for ln in text_lines], 0.1)
    right = _margin([ln["x1"] for ln in text_lines], 0.9)
    paras: list[str] = []
    wraps = False
    for ln in lines:
        indented = ln["x0"] > left + 0.8 * ln["size"]
        opens = "\t" in ln["text"] or starts_unit(ln["text"])
        if wraps and paras and not indented and not opens:
            sep = (
                " " if _LATIN_EDGE.match(paras[-1][-1]) and _LATIN_EDGE.match(ln["text"][0]) else ""
            )
            paras[-1] += sep + ln["text"]
        else:
            paras.append(ln["text"])
        wraps = "\t" not in ln["text"] and ln["x1"] >= right - 1.5 * ln["size"]
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
    lines = _drop_repeated_headers(lines)
    text = "".join(ln["text"] for ln in lines)
    if not text.strip():
        raise UnusableInput(path, SCANNED)
    if sum(map(len, _CID.findall(text))) > 0.5 * len(text):  # mostly unmapped glyphs
        raise UnusableInput(path, NO_UNICODE)
    return "\n".join(_paragraphs(lines))
