"""Text that remembers where each character came from.

The normaliser only ever deletes characters or replaces one character by one
other, so a list of source indices carried along with the string is a
complete map back to the raw text, and it stays strictly increasing by
construction.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["Mapped", "delete_matches", "delete_spans", "replace_chars", "replace_matches"]


@dataclass(frozen=True, slots=True)
class Mapped:
    """A string and, for each character, its index in the original text."""

    text: str
    offsets: array[int]  # 8 bytes an index: a 20 MB file's map stays small and slices fast

    @classmethod
    def identity(cls, raw: str) -> Mapped:
        return cls(raw, array("q", range(len(raw))))


def delete_spans(m: Mapped, spans: Iterable[tuple[int, int]]) -> Mapped:
    """Drop the characters inside ``spans`` (start, end) of ``m.text``; overlaps are merged."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    if not merged:
        return m
    text_parts: list[str] = []
    offs = array("q")
    pos = 0
    for s, e in merged:
        text_parts.append(m.text[pos:s])
        offs.extend(m.offsets[pos:s])
        pos = e
    text_parts.append(m.text[pos:])
    offs.extend(m.offsets[pos:])
    return Mapped("".join(text_parts), offs)


def replace_chars(m: Mapped, changes: Mapping[int, str]) -> Mapped:
    """Replace single characters at the given positions; offsets are unchanged."""
    if not changes:
        return m
    chars = list(m.text)
    for i, c in changes.items():
        chars[i] = c
    return Mapped("".join(chars), m.offsets)


def delete_matches(m: Mapped, pattern: re.Pattern[str], group: str | int = 0) -> Mapped:
    """Delete ``group`` of every match of ``pattern``."""
    return delete_spans(m, (mt.span(group) for mt in pattern.finditer(m.text)))


def replace_matches(
    m: Mapped, pattern: re.Pattern[str], table: Mapping[str, str], group: str | int = 0
) -> Mapped:
    """Map each character of ``group`` of every match through ``table`` (one char to one)."""
    changes: dict[int, str] = {}
    for mt in pattern.finditer(m.text):
        s, e = mt.span(group)
        for i in range(s, e):
            c = m.text[i]
            if c in table:
                changes[i] = table[c]
    return replace_chars(m, changes)
