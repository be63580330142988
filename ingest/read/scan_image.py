"""A scanned page made ready for OCR, and the ruled tables found on it.

Numpy and Pillow only, so the whole scan path runs in tests with a fake engine.

- Red goes: in a 公文 red is the 版头, its rule and the seal, never body text,
  and a seal over the signature spoils the words under it.
- The page is turned straight: the skew whose horizontal ink profile is
  sharpest (text lines and rules then fall on few rows), within ±3°.
- Ruled tables are found from their lines (runs of ink a few hundred pixels
  long): vertical rules sharing a height make a table, and the horizontal rules
  across it cut it into rows, so OCR'd text can be put in its cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

__all__ = ["Grid", "find_grids", "ink_share", "prepare"]

_RED = 35  # red exceeds both green and blue by this much: seal or 版头 ink (or its fringe)
_DARK = 140  # grey level below which a pixel is ink
_SKEW_RANGE, _SKEW_STEP = 3.0, 0.1  # degrees searched for the page's skew, coarse then fine
_PROFILE_WIDTH = 700  # the skew is measured on a copy this wide
_H_RULE, _V_RULE = 1 / 12, 1 / 40  # a rule is at least this share of the page's width/height
_MERGE = 10  # rules closer than this (pixels) are one rule: a cell border drawn twice
_EDGE = 0.02  # a "rule" this close to the page's side is the shadow of the scanner lid
_SAME_EXTENT = 0.02  # vertical rules of one table start and end within this share of the page


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table: the x of its vertical rules and the y of its horizontal ones."""

    xs: tuple[int, ...]
    ys: tuple[int, ...]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the cell holding the point, None outside the table."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        row = int(np.searchsorted(self.ys, y)) - 1
        col = int(np.searchsorted(self.xs, x)) - 1
        return max(row, 0), max(col, 0)


def _ink(grey: np.ndarray) -> np.ndarray:
    return grey < _DARK


def ink_share(image: Image.Image) -> float:
    """Share of the page that is ink: a blank page has next to none."""
    return float(_ink(np.asarray(image.convert("L"))).mean())


def _skew(grey: Image.Image) -> float:
    """The rotation (degrees) that makes the text lines horizontal."""
    scale = _PROFILE_WIDTH / grey.width
    small = grey.resize((_PROFILE_WIDTH, max(1, round(grey.height * scale))))
    ink = Image.fromarray((_ink(np.asarray(small)) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST)).sum(axis=1)
        return float(np.var(rows.astype(np.float64)))

    coarse = max(np.arange(-_SKEW_RANGE, _SKEW_RANGE + 1e-9, 5 * _SKEW_STEP), key=sharpness)
    fine = np.arange(coarse - 4 * _SKEW_STEP, coarse + 4.01 * _SKEW_STEP, _SKEW_STEP)
    return round(float(max(fine, key=sharpness)), 2)


def prepare(image: Image.Image) -> np.ndarray:
    """RGB page -> RGB array with red ink whitened and the skew taken out."""
    a = np.asarray(image.convert("RGB")).astype(np.int16)
    red = (a[..., 0] - np.maximum(a[..., 1], a[..., 2])) > _RED
    red |= np.roll(red, 1, 0) | np.roll(red, -1, 0) | np.roll(red, 1, 1) | np.roll(red, -1, 1)
    a[red] = np.median(a.reshape(-1, 3), axis=0)  # the paper's colour, so no outline is left
    page = Image.fromarray(a.astype(np.uint8))
    angle = _skew(page.convert("L"))
    if angle:
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    return np.asarray(page)


def _runs(mask: np.ndarray, length: int) -> np.ndarray:
    """Opening along axis 1: the pixels on a horizontal run of at least ``length`` ink pixels."""
    h, w = mask.shape
    if length >= w:
        return np.zeros_like(mask)
    c = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, out=c[:, 1:])
    starts = np.zeros((h, w), dtype=np.int32)
    starts[:, : w - length + 1] = (c[:, length:] - c[:, : w - length + 1]) == length
    s = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(starts, axis=1, out=s[:, 1:])
    first = np.maximum(np.arange(w) - length + 1, 0)  # a run covering x starts at or after this
    return (s[:, 1:] - s[:, first]) > 0


def _lines(mask: np.ndarray) -> list[tuple[int, int, int]]:
    """Rules as (position across, start along, end along), nearby ones merged."""
    rows = np.flatnonzero(mask.any(axis=1))
    out: list[tuple[int, int, int]] = []
    for r in rows:
        cols = np.flatnonzero(mask[r])
        start, end = int(cols[0]), int(cols[-1])
        if out and r - out[-1][0] <= _MERGE:
            prev = out[-1]
            out[-1] = (prev[0], min(prev[1], start), max(prev[2], end))
        else:
            out.append((int(r), start, end))
    return out


def find_grids(page: np.ndarray) -> list[Grid]:
    """The ruled tables of a prepared page, top to bottom."""
    ink = _ink(np.asarray(Image.fromarray(page).convert("L")))
    ink = ink | np.roll(ink, 1, axis=0)  # one pixel of tolerance for a rule left a little askew
    h, w = ink.shape
    hrules = _lines(_runs(ink, int(w * _H_RULE)))
    vrules = [
        v for v in _lines(_runs(ink.T.copy(), int(h * _V_RULE)))
        if _EDGE * w < v[0] < (1 - _EDGE) * w
    ]  # fmt: skip
    grids: list[Grid] = []
    used: set[int] = set()
    near = _SAME_EXTENT * h
    for i, (_, y0, y1) in enumerate(vrules):
        if i in used:
            continue
        group = [
            j for j, (_, b0, b1) in enumerate(vrules)
            if j not in used and abs(b0 - y0) < near and abs(b1 - y1) < near
        ]  # fmt: skip
        if len(group) < 2:
            continue
        used.update(group)
        xs = sorted(vrules[j][0] for j in group)
        top, bottom = min(vrules[j][1] for j in group), max(vrules[j][2] for j in group)
        width = xs[-1] - xs[0]
        ys = [
            y for y, a, b in hrules
            if top - _MERGE <= y <= bottom + _MERGE and min(b, xs[-1]) - max(a, xs[0]) > width / 2
        ]  # fmt: skip
        if len(ys) >= 2:
            grids.append(Grid(tuple(xs), tuple(ys)))
    return sorted(grids, key=lambda g: g.ys[0])
