"""Line numbers in the margin: what a PDF-to-HTML export of a numbered draft leaves.

A legislative draft or a 公报 PDF numbers its lines (1, 2, 3, … down the margin);
copied through a PDF-to-HTML converter, each line starts with its number and a
gap. Those numbers are not the text's: a run of lines whose leading numbers go up
one by one (page numbers and blank lines between them allowed) loses them. A run
must be long, so a short list numbered 1 2 3 with spaces is left alone.
"""

from __future__ import annotations

import re

__all__ = ["margin_number_spans"]

# a line number: up to five digits, then spaces (ASCII, ideographic, NBSP), then text
_NUMBERED = re.compile(r"(?m)^(\d{1,5})[ \u3000\xa0]+(?=\S)")
MIN_RUN = 10  # this many lines numbered in sequence make a margin


def margin_number_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every margin number (with its gap) in runs numbered in sequence."""
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    last = -1
    for m in _NUMBERED.finditer(text):
        n = int(m.group(1))
        if n != last + 1 and run:
            if len(run) >= MIN_RUN:
                spans += run
            run = []
        run.append(m.span())
        last = n
    if len(run) >= MIN_RUN:
        spans += run
    return spans
