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

import numpy as np
from PIL import Image

from ingest.read.ruled_tables import Grid, Rule, grids_from_rules

__all__ = ["find_grids", "ink_share", "prepare"]

_RED = 35  # red exceeds both green and blue by this much: seal or 版头 ink (or its fringe)
_DARK = 140  # grey level below which a pixel is ink
_SKEW_RANGE, _SKEW_STEP = 3.0, 0.1  # degrees searched for the page's skew, coarse then fine
_PROFILE_WIDTH = 700  # the skew is measured on a copy this wide
# A rule is at least this share of the page's width / height: longer than any glyph stroke
# (16 pt text is 1/50 of an A4 page high), shorter than a two-row table.
_H_RULE, _V_RULE = 1 / 12, 1 / 32
_MERGE = 10  # rules closer than this (pixels) are one rule: a cell border drawn twice
_EDGE = 0.02  # a "rule" this close to the page's side is the shadow of the scanner lid


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
    light = a.max(axis=2) > _DARK  # black ink under a seal prints dark red: it stays
    red = ((a[..., 0] - np.maximum(a[..., 1], a[..., 2])) > _RED) & light
    red |= (np.roll(red, 1, 0) | np.roll(red, -1, 0) | np.roll(red, 1, 1) | np.roll(red, -1, 1)) & (
        a.min(axis=2) > _DARK
    )  # the pale fringe of red strokes, never a dark pixel
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


def _lines(mask: np.ndarray) -> list[Rule]:
    """Each run of a rule mask as (row, first, last); ``grids_from_rules`` joins the pieces."""
    out: list[Rule] = []
    for r in np.flatnonzero(mask.any(axis=1)):
        edges = np.diff(np.concatenate(([0], mask[r].astype(np.int8), [0])))
        for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
            out.append((float(r), float(start), float(end - 1)))
    return out


def find_grids(page: np.ndarray) -> list[Grid]:
    """The ruled tables of a prepared page, top to bottom, in pixels."""
    ink = _ink(np.asarray(Image.fromarray(page).convert("L")))
    ink = ink | np.roll(ink, 1, axis=0)  # one pixel of tolerance for a rule left a little askew
    h, w = ink.shape
    hrules = _lines(_runs(ink, int(w * _H_RULE)))
    vrules = [
        v for v in _lines(_runs(ink.T.copy(), int(h * _V_RULE)))
        if _EDGE * w < v[0] < (1 - _EDGE) * w
    ]  # fmt: skip
    return grids_from_rules(hrules, vrules, h, _MERGE)
