"""Traditional script -> simplified, one character for one, so the offset map still holds.

Mirrored pages and Hong Kong/Taiwan copies are in traditional characters
(安全生產責任清單); roles, the vocabulary and search only know simplified ones.
OpenCC's ``t2s`` (its phrase tables first, then single characters; it reads
OpenCC's own variants, 裏/裡/為/眾, too) does the conversion. The normaliser may
only replace a character by one other, so a stretch whose conversion changes
its length (a rare phrase rule) is converted character by character instead.
Simplified text passes through unchanged.
"""

from __future__ import annotations

from functools import cache

import opencc

__all__ = ["simplified_changes", "to_simplified"]


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")  # dictionaries ship inside the wheel: nothing is downloaded


def _one_for_one(text: str) -> str:
    convert = _t2s().convert
    whole = convert(text)
    if len(whole) == len(text):
        return whole
    out = []
    for ch in text:
        c = convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, of the same length (line by line, else char by char)."""
    whole = _t2s().convert(text)
    if len(whole) == len(text):
        return whole
    return "\n".join(_one_for_one(line) for line in text.split("\n"))


def simplified_changes(text: str) -> dict[int, str]:
    """Position -> simplified character, for every character of ``text`` that is traditional."""
    simple = to_simplified(text)
    return {i: b for i, (a, b) in enumerate(zip(text, simple, strict=True)) if a != b}
