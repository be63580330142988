"""OFD (GB/T 33190, the national format for electronic official documents) -> text.

``ofdkit`` (stdlib only) reads the package and gives each page's text runs
with their place in millimetres, templates, transforms and non-conforming
files (wrong namespaces, odd paths) handled. An OFD has no paragraphs and no
tables, only placed glyphs and drawn paths, so the rest is layout: runs on one
baseline make a line (a gap wider than ``_CELL_GAP`` ems splits it), the table
rules drawn as ``PathObject`` lines make the grid whose cells gather the text
into TAB rows (``ruled_tables``), and the layout rules shared with PDF and
scans drop page furniture and rejoin wrapped paragraphs. ofdkit does not read
paths, so the rules come from each page's ``Content.xml`` here.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from statistics import median
from typing import Any
from xml.etree import ElementTree as ET

import ofdkit

from ingest.errors import ErrorKind, UnreadableFile
from ingest.read.layout import PageLine, drop_furniture, paragraphs
from ingest.read.raw_text import from_paragraphs
from ingest.read.ruled_tables import Rule, grids_from_rules, place_in_grids

__all__ = ["read_ofd"]

_SAME_LINE = 0.5  # baselines closer than this many ems are one line
_CELL_GAP = 1.5  # a gap wider than this many ems splits a line into pieces
_RULE_MIN = 3.0  # mm: shorter axis-aligned segments are glyph strokes, not rules
_FLAT = 0.3  # mm: a segment this far from level (or plumb) is still a rule
_MERGE = 1.0  # mm: rules closer than this are one
# Path commands of GB/T 33190 and how many numbers follow each: S start, M move, L line,
# Q quadratic, B cubic, A arc, C close.
_ARGS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
_NUMBER = re.compile(r"^-?[\d.]+(?:[eE]-?\d+)?$")


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    confidence: float | None = None


def _floats(value: str | None) -> list[float]:
    return [float(v) for v in (value or "").split() if _NUMBER.match(v)]


def _segments(path: ET.Element) -> list[tuple[float, float, float, float]]:
    """Straight segments of a PathObject in page millimetres (CTM, then the Boundary's origin)."""
    box = _floats(path.get("Boundary")) or [0.0, 0.0]
    ctm = _floats(path.get("CTM"))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    data = next((el.text for el in path if el.tag.endswith("AbbreviatedData")), None) or ""
    tokens = data.split()
    out: list[tuple[float, float, float, float]] = []
    cur = start = (0.0, 0.0)
    i = 0
    while i < len(tokens):
        n = _ARGS.get(tokens[i])
        if n is None:  # a stray number: skip it
            i += 1
            continue
        cmd, nums = tokens[i], [float(t) for t in tokens[i + 1 : i + 1 + n] if _NUMBER.match(t)]
        if len(nums) < n:
            break
        if cmd == "C":  # close: back to where the sub-path started
            out.append((*cur, *start))
            cur = start
        elif n:
            x, y = nums[-2], nums[-1]
            pt = (a * x + c * y + e + box[0], b * x + d * y + f + box[1])
            if cmd == "L":
                out.append((*cur, *pt))
            if cmd in ("M", "S"):
                start = pt
            cur = pt
        i += 1 + n
    return out


def _rules(xml: bytes | None) -> tuple[list[Rule], list[Rule]]:
    """(horizontal, vertical) rules drawn on a page, as (position, start, end) in millimetres."""
    if not xml:
        return [], []
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return [], []
    hrules, vrules = [], []
    for path in (el for el in root.iter() if el.tag.endswith("PathObject")):
        for x0, y0, x1, y1 in _segments(path):
            if abs(y1 - y0) <= _FLAT and abs(x1 - x0) >= _RULE_MIN:
                hrules.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) <= _FLAT and abs(y1 - y0) >= _RULE_MIN:
                vrules.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return hrules, vrules


def _content(package: zipfile.ZipFile, location: str | None) -> bytes | None:
    """A page's Content.xml, found by the end of its path (OFD paths are often written loosely)."""
    if not location:
        return None
    want = location.replace("\\", "/").lstrip("/")
    names = [n for n in package.namelist() if n.endswith(want)]
    return package.read(names[0]) if len(names) == 1 else None


def _pieces(runs: list[Any]) -> list[_Piece]:
    """Runs -> line pieces: one baseline, left to right, split where a gap is wide."""
    ems = [r.width / len(r.text) for r in runs if r.width > 0 and len(r.text.strip()) >= 2]
    em = median(ems) if ems else 3.0
    lines: list[list[Any]] = []
    for run in sorted(runs, key=lambda r: r.y):
        if lines and run.y - lines[-1][0].y < _SAME_LINE * (run.size or em):
            lines[-1].append(run)
        else:
            lines.append([run])
    out: list[_Piece] = []
    for line in lines:
        last: _Piece | None = None
        for run in sorted(line, key=lambda r: r.x):
            size = run.size or em
            end = run.x + (run.width or size * len(run.text))
            if last is not None and run.x - last.x1 < _CELL_GAP * size:
                last = _Piece(last.text + run.text, last.x0, max(end, last.x1), last.top,
                              last.bottom, last.size)  # fmt: skip
                out[-1] = last
            else:
                last = _Piece(run.text, run.x, end, run.y - size, run.y, size)
                out.append(last)
    return [p for p in out if p.text.strip()]


def read_ofd(path: Path, data: bytes) -> str:
    """The text of an OFD document, one paragraph a line, ruled tables as TAB rows."""
    try:
        package = zipfile.ZipFile(BytesIO(data))
        with ofdkit.open(data) as doc:
            pages = []
            for n, page in enumerate(doc.pages, 1):
                _, top, _, height = page.box
                runs = [r for r in page.runs if r.text.strip() and top <= r.y <= top + height]
                hrules, vrules = _rules(_content(package, page.location))
                pieces = _pieces(runs)
                grids = grids_from_rules(hrules, vrules, height, _MERGE)
                rows, rest = place_in_grids(pieces, grids, n)
                text = [PageLine(p.text.strip(), p.x0, p.x1, p.top, p.size, n) for p in rest]
                lines = rows + text

                pages.append(sorted(lines, key=lambda ln: ln.top))
    except (ofdkit.OFDError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        why = " ".join(str(exc).split())[:120] or exc.__class__.__name__
        raise UnreadableFile(path, f"not a valid OFD ({why})", kind=ErrorKind.DAMAGED) from exc
    return from_paragraphs(paragraphs(drop_furniture(pages))).text
