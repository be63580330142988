"""Tables typed into plain text, rebuilt into the canonical form.

Canonical table form, shared by every reader and the normaliser: one row per
line, cells joined by a TAB, header row first. The .txt seeds carry tables in
a messier form that Word's "save as text" produces: every cell on its own line
starting with a TAB, rows separated by blank lines, and now and then a cell
split over lines (seed 001: ``"\\t政法办、纪委、\\n\\n财政所"``). This module finds
such blocks and says which characters to delete to make them canonical.
"""

from __future__ import annotations

import re

__all__ = ["messy_table_deletions"]

# A cell line of the messy form: a leading TAB and no other TAB.
_CELL = re.compile(r"^\t[^\t]*$")
# A header cell is a short label, not a sentence.
_HEADER_CELL = re.compile(r"^[^。；;]{1,30}$")
_MAX_COLUMNS = 12


def _groups(lines: list[str]) -> list[list[int]]:
    """Runs of consecutive non-blank lines, as line indices."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if line.strip(" \t"):
            current.append(i)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _is_header(lines: list[str], group: list[int]) -> bool:
    cells = [lines[i] for i in group]
    return (
        2 <= len(cells) <= _MAX_COLUMNS
        and all(_CELL.match(c) for c in cells)
        and all(_HEADER_CELL.match(c[1:].strip()) for c in cells)
    )


def messy_table_deletions(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` whose deletion turns messy tables into canonical rows.

    Deleting a cell line's leading TAB starts a row; deleting the newline before
    a later cell line keeps that line's TAB as the separator; deleting the line
    breaks before a line without a TAB glues it to the cell it continues. Blank
    lines between rows are left for the blank-line pass.
    """
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    groups = _groups(lines)
    spans: list[tuple[int, int]] = []
    g = 0
    while g < len(groups):
        if not (_is_header(lines, groups[g]) and _first_row_fits(lines, groups, g)):
            g += 1
            continue
        g = _rebuild(lines, starts, groups, g, spans)
    return spans


def _first_row_fits(lines: list[str], groups: list[list[int]], g: int) -> bool:
    """The group after a header is a row of as many cells: tab-indented prose is not a table."""
    if g + 1 >= len(groups):
        return False
    cells = [i for i in groups[g + 1] if _CELL.match(lines[i])]
    return len(cells) == len(groups[g]) == len(groups[g + 1])


def _rebuild(
    lines: list[str],
    starts: list[int],
    groups: list[list[int]],
    g: int,
    spans: list[tuple[int, int]],
) -> int:
    """Add the deletions for the table whose header is group ``g``; the next group index."""
    ncols = len(groups[g])
    row_cells = 0
    prev_line = -1
    for k in range(g, len(groups)):
        group = groups[k]
        opens_row = bool(_CELL.match(lines[group[0]]))
        split_cell = 0 < row_cells < ncols and any(_CELL.match(lines[i]) for i in group)
        if k > g and not opens_row and not split_cell:
            return k  # a paragraph after the last row ends the table
        if k > g and opens_row and len(group) > ncols:
            return k  # more cells than the header has: not a row of this table
        for n, i in enumerate(group):
            if _CELL.match(lines[i]):
                if n == 0 and opens_row:
                    spans.append((starts[i], starts[i] + 1))  # the row's leading TAB
                    row_cells = 1
                else:
                    spans.append((starts[i] - 1, starts[i]))  # newline before the cell
                    row_cells += 1
            elif row_cells < ncols:
                end_prev = starts[prev_line] + len(lines[prev_line].rstrip(" "))
                spans.append((end_prev, starts[i]))  # break inside a split cell
            else:
                return k + 1  # text straight after the last row: not part of the table
            prev_line = i
    return len(groups)
