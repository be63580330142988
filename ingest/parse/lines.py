"""Lines of the normalised text, with offsets, and the 目录 block to skip.

The tree builder and the front-matter reader both walk non-blank lines; each
keeps its absolute span so clauses can point back into ``Document.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ingest.parse.flat_text import glued_cuts
from ingest.parse.headings import match_heading

__all__ = ["TOC", "Line", "split_lines", "toc_lines"]

_STRIP = " \t\r\u3000\xa0\ufeff"
_WS = re.compile(r"\s+")
TOC = re.compile(r"目\s*录")  # a table of contents line
# What a 目录 entry may carry that its heading in the body does not: white space, and a
# dot leader with a page number (第一章　总则……………1).
_TOC_NOISE = re.compile(r"\s+|[.．·…]{2,}\s*\d*$")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line: its stripped text and where that text sits in the document."""

    start: int
    end: int
    text: str
    raw: str  # with leading whitespace (tables start with TAB in raw text)
    blank_before: bool


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank lines of ``text[start:end]`` with absolute offsets."""
    end = len(text) if end is None else end
    out: list[Line] = []
    pos, blank = start, False
    for raw in text[start:end].split("\n"):
        stripped = raw.strip(_STRIP)
        if stripped:
            s = pos + len(raw) - len(raw.lstrip(_STRIP))
            out.append(Line(s, s + len(stripped), stripped, raw, blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return _cut_glued(out)


def _cut_glued(lines: list[Line]) -> list[Line]:
    """Cut long lines where a glued heading starts (``flat_text.glued_cuts``)."""
    cuts = glued_cuts([ln.text for ln in lines])
    if not any(cuts):
        return lines
    out: list[Line] = []
    for line, at in zip(lines, cuts, strict=True):
        if not at:
            out.append(line)
            continue
        bounds = [0, *at, len(line.text)]
        for k, (a, b) in enumerate(pairwise(bounds)):
            piece = line.text[a:b]
            stripped = piece.strip(_STRIP)
            s = line.start + a + len(piece) - len(piece.lstrip(_STRIP))
            out.append(Line(s, s + len(stripped), stripped, stripped, line.blank_before and not k))
    return out


def _toc_key(entry: str) -> str:
    """A 目录 entry as its heading reads in the body."""
    return _TOC_NOISE.sub("", entry)


def toc_lines(lines: list[Line]) -> set[int]:
    """Indexes of a 目录 block: from 目录 up to where its first heading comes again."""
    for i, line in enumerate(lines):
        if TOC.fullmatch(line.text):
            first = next(
                (j for j in range(i + 1, len(lines)) if match_heading(lines[j].text)), None
            )
            if first is None:
                return set()
            key = _toc_key(lines[first].text)
            for k in range(first + 1, len(lines)):
                if _WS.sub("", lines[k].text) == key:
                    return set(range(i, k))
            return set()
    return set()
