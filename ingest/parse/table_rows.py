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
from dataclasses import dataclass

__all__ = ["Row", "RowBuffer", "is_header", "is_table_line", "row_text", "split_cells"]

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


@dataclass
class Row:
    """A table row being read: its cells and its span in the text."""

    cells: list[str]
    start: int
    end: int


@dataclass
class RowBuffer:
    """The rows of one table as its lines arrive; remembers the header row."""

    header: list[str] | None = None
    rows: int = 0
    open: Row | None = None
    last_raw_single: bool = False

    def add(self, raw: str, start: int, end: int, blank_before: bool) -> Row | None:
        """Take a table line; returns the row it closed, if any.

        A one-cell raw line right under another joins its row (raw shape);
        any other line is a row of its own (canonical shape).
        """
        cells = split_cells(raw)
        raw_single = raw.startswith("\t") and len(cells) == 1
        done = None
        if raw_single and self.open and self.last_raw_single and not blank_before:
            self.open.cells.extend(cells)
            self.open.end = end
        else:
            done, self.open = self.open, Row(list(cells), start, end)
        self.last_raw_single = raw_single
        return done

    def continue_cell(self, text: str, end: int) -> None:
        """A short non-table line between rows is the tail of a cell split over lines."""
        if self.open and self.open.cells:
            self.open.cells[-1] += text
            self.open.end = end
            self.last_raw_single = True

    def close(self) -> Row | None:
        done, self.open = self.open, None
        return done

    def is_header_row(self, row: Row) -> bool:
        """Whether ``row`` is this table's header (its first row, naming columns)."""
        if self.header is None and self.rows == 0 and is_header(row.cells):
            self.header = list(row.cells)
            return True
        self.rows += 1
        return False
