"""Positioned lines of printed pages -> paragraphs, for every fixed-layout reader.

A PDF text layer, an OCR'd scan and an OFD page all give lines with a place on
the page and nothing else. One set of rules turns them into the one-paragraph-
a-line text the parser reads:

- page furniture goes: page numbers (``- 3 -``, ``第 3 页``) and short lines
  printed at the top or bottom of most pages (running titles, 收文 stamps),
  matched loosely so an OCR slip on one page does not keep it;
- a table's header row printed again on every page it runs onto appears once;
- a line that reaches the right margin, followed by an unindented line that
  does not start a numbered unit, is a wrap: the two are one paragraph, also
  across a page break (Chinese body text indents a paragraph's first line);
- a title set in a larger size and centred over several lines is one line.

OCR'd lines carry the engine's confidence; a paragraph's is the mean of its
lines' weighted by their characters.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ingest.parse.line_joins import starts_unit
from ingest.read.chrome import is_chrome_line

__all__ = ["PageLine", "Paragraph", "drop_furniture", "glue", "paragraphs"]

_LATIN_EDGE = re.compile(r"[A-Za-z0-9,.;:]")
# A line that is only a page number, as OCR reads "- 3 -" or "—3—" at a page's foot.
_PAGE_NUMBER = re.compile(r"^[-—－–~～·\s]*\d{1,4}[-—－–~～·\s]*$")
_DIGITS = re.compile(r"\d+")
_SPECKS = re.compile(r"[\s.·,，:：'`]+")  # spaces, and dots OCR reads from dust, in edge lines
_EDGE_LINES = 2  # lines at each end of a page that may be furniture
_FURNITURE_MAX = 40  # furniture is short
_SIMILAR = 0.8  # difflib ratio at which two edge lines count as the same furniture
_TITLE_SIZE = 1.15  # a title is set at least this much larger than the body


@dataclass(frozen=True, slots=True)
class PageLine:
    """One line on a page: its text and box (in points or pixels, one unit per document).

    ``size`` is the em (font size); a table row is one line of TAB-joined
    cells with ``size`` 0; ``confidence`` is OCR's, None for a text layer.
    """

    text: str
    x0: float
    x1: float
    top: float
    size: float
    page: int
    confidence: float | None = None
    first_row: bool = False  # the first row of a table on its page


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    confidence: float | None
    page: int


def _furniture_key(text: str) -> str:
    """The line with spaces, specks and digits evened out: page 3's header is page 4's."""
    return _DIGITS.sub("#", _SPECKS.sub("", text))


def drop_furniture(pages: list[list[PageLine]]) -> list[list[PageLine]]:
    """Pages without page numbers and running lines (see the module docstring)."""
    edges = [page[:_EDGE_LINES] + page[-_EDGE_LINES:] for page in pages]
    keys = [
        {_furniture_key(ln.text) for ln in edge if len(ln.text) <= _FURNITURE_MAX} for edge in edges
    ]

    def running(line: PageLine, n: int) -> bool:
        """Printed on most pages; OCR'd lines may differ by a slip, text-layer ones may not."""
        if len(pages) < 3 or len(line.text) > _FURNITURE_MAX:
            return False
        key = _furniture_key(line.text)
        least = 1.0 if line.confidence is None else _SIMILAR
        seen = sum(
            1
            for m, others in enumerate(keys)
            if m != n and any(difflib.SequenceMatcher(a=key, b=o).ratio() >= least for o in others)
        )
        return seen + 1 > len(pages) / 2

    out = []
    for n, (page, edge) in enumerate(zip(pages, edges, strict=True)):
        drop = {
            id(ln)
            for ln in edge
            if "\t" not in ln.text
            and (
                is_chrome_line(_SPECKS.sub("", ln.text))
                or _PAGE_NUMBER.match(ln.text)
                or running(ln, n)
            )
        }
        out.append([ln for ln in page if id(ln) not in drop])
    return out


def _drop_repeated_headers(lines: list[PageLine]) -> list[PageLine]:
    """A table's header row printed again on every page it runs onto appears once."""
    seen: set[str] = set()
    out = []
    for ln in lines:
        if ln.first_row:
            if ln.text in seen:
                continue
            seen.add(ln.text)
        out.append(ln)
    return out


def _margin(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie: a margin that ignores outliers."""
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def glue(a: str, b: str) -> str:
    """Two pieces of one line or paragraph: a space between Latin words, none in Chinese."""
    latin = a and b and _LATIN_EDGE.match(a[-1]) and _LATIN_EDGE.match(b[0])
    return a + (" " if latin else "") + b


def _mean(pairs: list[tuple[float | None, int]]) -> float | None:
    """Character-weighted mean of the known confidences, None when none is known."""
    known = [(c, n) for c, n in pairs if c is not None]
    total = sum(n for _, n in known)
    return sum(c * n for c, n in known) / total if total else None


def paragraphs(pages: list[list[PageLine]]) -> list[Paragraph]:
    """Rejoin wrapped lines and multi-line titles over all pages, furniture already gone."""
    lines = _drop_repeated_headers([ln for page in pages for ln in page])
    text_lines = [ln for ln in lines if "\t" not in ln.text]
    if not text_lines:
        return [Paragraph(ln.text, ln.confidence, ln.page) for ln in lines]
    left = _margin([ln.x0 for ln in text_lines], 0.1)
    right = _margin([ln.x1 for ln in text_lines], 0.9)
    body = _margin([ln.size for ln in text_lines], 0.5)
    middle = (left + right) / 2
    out: list[tuple[str, list[tuple[float | None, int]], int]] = []
    prev: PageLine | None = None
    for ln in lines:
        table = "\t" in ln.text
        indented = ln.x0 > left + 0.8 * ln.size
        opens = table or starts_unit(ln.text)
        wraps = prev is not None and "\t" not in prev.text and prev.x1 >= right - 1.5 * prev.size
        title = (
            prev is not None
            and not table
            and "\t" not in prev.text
            and min(ln.size, prev.size) >= _TITLE_SIZE * body
            and abs((ln.x0 + ln.x1) / 2 - middle) < 2 * ln.size
            and abs((prev.x0 + prev.x1) / 2 - middle) < 2 * prev.size
            and abs(ln.size - prev.size) < 0.15 * ln.size
            and ln.page == prev.page
            and 0 < ln.top - prev.top < 2.5 * ln.size
        )
        if out and ((wraps and not indented and not opens) or title):
            text, confs, page = out[-1]
            out[-1] = (glue(text, ln.text), [*confs, (ln.confidence, len(ln.text))], page)
        else:
            out.append((ln.text, [(ln.confidence, len(ln.text))], ln.page))
        prev = ln
    return [Paragraph(text, _mean(confs), page) for text, confs, page in out]
