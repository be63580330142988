"""Ruled tables of fixed-layout pages: rules -> grid -> text pieces gathered into TAB rows.

A scan (rules found in the pixels) and an OFD page (rules drawn as paths)
know a table only by its lines. Vertical rules that start and end together
make a table; the horizontal rules across it cut it into rows. Each text piece
goes to the cell holding its centre; a cell's pieces are read top to bottom
and glued; a row is one line of TAB-joined cells, the canonical table form of
every reader.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ingest.read.layout import PageLine, glue

__all__ = ["Grid", "Piece", "Rule", "grids_from_rules", "place_in_grids"]

Rule = tuple[float, float, float]  # (position across, start along, end along)


class Piece(Protocol):
    """A piece of text with its box (OCR lines, OFD text lines)."""

    @property
    def text(self) -> str: ...
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...
    @property
    def confidence(self) -> float | None: ...


P = TypeVar("P", bound=Piece)


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table: the x of its vertical rules and the y of its horizontal ones, ascending."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the cell holding the point, None outside the table."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        return max(bisect_left(self.ys, y) - 1, 0), max(bisect_left(self.xs, x) - 1, 0)


def _merge(values: list[float], gap: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > gap:
            out.append(v)
    return out


def _join(rules: list[Rule], merge: float) -> list[Rule]:
    """Collinear pieces of one rule joined: each cell's border drawn on its own is one rule."""
    out: list[Rule] = []
    for pos, start, end in sorted(rules):
        for k, (p, s, e) in enumerate(out):
            if abs(p - pos) <= merge and start <= e + merge and s <= end + merge:
                out[k] = (p, min(s, start), max(e, end))
                break
        else:
            out.append((pos, start, end))
    return out


def grids_from_rules(
    hrules: list[Rule], vrules: list[Rule], height: float, merge: float
) -> list[Grid]:
    """Tables from rules: vertical rules ending within 2% of the page height of each other.

    ``merge``: rules closer than this are one (a border drawn twice).
    """
    hrules, vrules = _join(hrules, merge), _join(vrules, merge)
    near = 0.02 * height
    grids: list[Grid] = []
    used: set[int] = set()
    for i, (_, y0, y1) in enumerate(vrules):
        if i in used:
            continue
        group = [
            j for j, (_, b0, b1) in enumerate(vrules)
            if j not in used and abs(b0 - y0) < near and abs(b1 - y1) < near
        ]  # fmt: skip
        used.update(group)
        xs = _merge([vrules[j][0] for j in group], merge)
        if len(xs) < 2:
            continue
        top, bottom = min(vrules[j][1] for j in group), max(vrules[j][2] for j in group)
        width = xs[-1] - xs[0]
        ys = _merge(
            [
                y for y, a, b in hrules
                if top - merge <= y <= bottom + merge and min(b, xs[-1]) - max(a, xs[0]) > width / 2
            ],
            merge,
        )  # fmt: skip
        if len(ys) >= 2:
            grids.append(Grid(tuple(xs), tuple(ys)))
    return sorted(grids, key=lambda g: g.ys[0])


def _cell_text(pieces: Sequence[Piece]) -> str:
    out = ""
    for p in sorted(pieces, key=lambda p: (p.top, p.x0)):
        out = glue(out, p.text.strip())
    return out


def _confidence(pieces: Sequence[Piece]) -> float | None:
    known = [(p.confidence, len(p.text)) for p in pieces if p.confidence is not None]
    chars = sum(n for _, n in known)
    return sum(c * n for c, n in known) / chars if chars else None


def place_in_grids(
    pieces: Sequence[P], grids: list[Grid], page: int
) -> tuple[list[PageLine], list[P]]:
    """(one TAB row per table row holding text, the pieces outside every table)."""
    cells: dict[tuple[int, int], dict[int, list[P]]] = defaultdict(lambda: defaultdict(list))
    rest = []
    for p in pieces:
        mid = ((p.x0 + p.x1) / 2, (p.top + p.bottom) / 2)
        where = next(
            ((g, cell) for g, grid in enumerate(grids) if (cell := grid.cell(*mid)) is not None),
            None,
        )
        if where is None:
            rest.append(p)
        else:
            cells[(where[0], where[1][0])][where[1][1]].append(p)
    rows = []
    for (g, row), by_col in sorted(cells.items()):
        grid = grids[g]
        texts = [_cell_text(by_col.get(c, [])) for c in range(len(grid.xs) - 1)]
        every = [p for col in by_col.values() for p in col]
        rows.append(
            PageLine("\t".join(texts), grid.xs[0], grid.xs[-1], grid.ys[row] + 1e-3, 0.0, page,
                     _confidence(every), first_row=row == 0)
        )  # fmt: skip
    return rows, rest
