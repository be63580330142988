"""Traditional script -> simplified, one character for one, so the offset map still holds.

Mirrored pages and Hong Kong/Taiwan copies are in traditional characters
(安全生產責任清單); roles, the vocabulary and search only know simplified ones.
OpenCC does the conversion: ``tw2s`` then ``hk2s`` (each is ``t2s``, phrase
tables first, then single characters, after mapping that region's variant
forms, so 隨著 from a Taiwan copy and 衞 from a Hong Kong one come out right).

Only lines written in traditional script are converted: ``tw2s`` would turn
the simplified 著 of 显著 into 着, so a simplified line (and the converter's own
output) is left alone, which also keeps normalising idempotent. A character is
traditional when OpenCC's standard ``t2s`` changes it on its own (顯, 產; not 著).
The normaliser may only replace a character by one other, so where a phrase rule
changes the length, that stretch is converted character by character.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

import opencc

__all__ = ["simplified_changes", "to_simplified", "traditional_chars"]

TRADITIONAL_SHARE = 0.05  # a line with this share of traditional characters is traditional
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def _converters() -> tuple[opencc.OpenCC, ...]:
    # the dictionaries ship inside the wheel: nothing is downloaded
    return opencc.OpenCC("tw2s"), opencc.OpenCC("hk2s")


@cache
def _standard() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _is_traditional(ch: str) -> bool:
    return _standard().convert(ch) != ch


def traditional_chars(text: str) -> int:
    """How many characters of ``text`` are traditional-only (顯, 產, 衞; not 著)."""
    return sum(1 for ch in _CJK.findall(text) if _is_traditional(ch))


def _convert(text: str) -> str:
    for converter in _converters():
        text = converter.convert(text)
    return text


def _one_for_one(text: str) -> str:
    """Keep the phrase-level conversion wherever it is one for one; elsewhere go by character."""
    whole = _convert(text)
    if len(whole) == len(text):
        return whole
    out = []
    for op, a0, a1, b0, b1 in SequenceMatcher(None, text, whole, autojunk=False).get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
            out.append(whole[b0:b1])
        else:
            out.extend(c if len(c := _convert(ch)) == 1 else ch for ch in text[a0:a1])
    return "".join(out)


def _traditional_line(line: str) -> bool:
    n = traditional_chars(line)
    return n > 0 and n >= TRADITIONAL_SHARE * len(_CJK.findall(line))


def to_simplified(text: str) -> str:
    """``text`` with its traditional lines in simplified characters, of the same length."""
    return "\n".join(
        _one_for_one(line) if _traditional_line(line) else line for line in text.split("\n")
    )


def simplified_changes(text: str) -> dict[int, str]:
    """Position -> simplified character, for every character ``to_simplified`` changes."""
    if not any(_is_traditional(ch) for ch in set(text) if _CJK.match(ch)):
        return {}  # the usual case, decided once per distinct character
    simple = to_simplified(text)
    return {i: b for i, (a, b) in enumerate(zip(text, simple, strict=True)) if a != b}
