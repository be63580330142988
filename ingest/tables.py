"""Table rows: recognise them among lines and render them with column names.

The normaliser hands tables over as one row per line with cells joined by
TAB, header row first. Raw text (no normaliser) has one cell per line, each
starting with a TAB, rows separated by blank lines; consecutive one-cell lines
are merged into a row so both shapes give the same rows. A row's clause text
repeats the column names ("带队领导：郭环球；牵头部门：安监站、党政办") so the
row still reads on its own in search results.
"""

from __future__ import annotations

import re

__all__ = ["is_header", "is_table_line", "row_text", "split_cells"]

_HEADER_CELL_MAX = 16  # a column name is short
_DIGITS = re.compile(r"[0-9]+")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000\xa0]+(?=[\u4e00-\u9fff])")


def is_table_line(line: str) -> bool:
    """A line that holds table cells (contains a TAB between or before cells)."""
    return "\t" in line.strip(" \u3000\r") and bool(line.strip())


def split_cells(line: str) -> list[str]:
    """The non-empty cells of a table line, stripped; 熊  丹 -> 熊丹 (spaces between CJK go)."""
    cells = (_CJK_GAP.sub("", c.strip(" \u3000\xa0")) for c in line.split("\t"))
    return [c for c in cells if c]


def is_header(cells: list[str]) -> bool:
    """Whether a first row names columns: short cells, none a bare number."""
    return (
        len(cells) >= 2
        and all(len(c) <= _HEADER_CELL_MAX for c in cells)
        and not any(_DIGITS.fullmatch(c) for c in cells)
    )


def row_text(cells: list[str], header: list[str] | None) -> str:
    """A row as 列名：值；列名：值, or the bare cells joined when there is no header."""
    if not header:
        return "；".join(cells)
    parts = []
    for i, cell in enumerate(cells):
        name = header[i] if i < len(header) else ""
        parts.append(f"{name}：{cell}" if name else cell)
    return "；".join(parts)
