"""Numerals as they occur in policy texts: the one place a numeral becomes a number.

Heading and count numbers come as 一百零三, 两, 十一, 〇, Arabic or full-width
digits, circled digits (① ❶ ➀ ㉑) and the 之 suffix of inserted articles
(第五条之一). cn2an does the Chinese arithmetic and ``unicodedata`` knows every
circled digit, so no table of digits is written here; this module decides what
counts as a numeral and caches the conversion, because the same few numbers
recur thousands of times. Headings, frequencies, dates, the docx reader's
rendering of Word numbering and the search tokeniser all import it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import cn2an

__all__ = ["CIRCLED", "CN_DIGITS", "circled_to_int", "to_chinese", "to_circled", "to_int"]

# Characters that may make up a Chinese numeral (used inside heading regexes).
CN_DIGITS = "零〇一二三四五六七八九十百千两"

_ARABIC = re.compile(r"[0-9]+")
_CHINESE = re.compile(rf"[{CN_DIGITS}]+")
_YEAR_DIGITS = "〇一二三四五六七八九"
# Unicode names of the circled digits and numbers used as list labels (① ❶ ➀ ㉑ ⓫).
_CIRCLED_NAME = re.compile(r"\bCIRCLED (?:SANS-SERIF )?(?:DIGIT|NUMBER) (?!ZERO)")


def _circled_value(ch: str) -> int | None:
    if not _CIRCLED_NAME.search(unicodedata.name(ch, "")) or "SQUARE" in unicodedata.name(ch):
        return None
    value = unicodedata.numeric(ch, 0)
    return int(value) if value >= 1 and float(value).is_integer() else None


# Every circled digit a list may be numbered with, as a string (usable in a regex class).
CIRCLED = "".join(chr(c) for c in range(0x2460, 0x3300) if _circled_value(chr(c)))
# The plain circled numbers ① … ㊿ in order, for rendering.
_PLAIN_CIRCLED = {
    _circled_value(ch): ch
    for ch in CIRCLED
    if unicodedata.name(ch).startswith("CIRCLED ") and _circled_value(ch)
}


@cache
def to_int(numeral: str | None) -> int | None:
    """The value of a numeral (一百零三 -> 103, 两 -> 2, ３ -> 3, ② -> 2), None if not one."""
    if not numeral:
        return None
    s = unicodedata.normalize("NFKC", numeral).strip()
    if _ARABIC.fullmatch(s):
        return int(s)
    if len(s) == 1 and s in CIRCLED:
        return _circled_value(s)
    if not _CHINESE.fullmatch(s):
        return None
    if set(s) <= set("零" + _YEAR_DIGITS) and len(s) > 1:
        # digit-by-digit years such as 二〇一九
        return int("".join(str(_YEAR_DIGITS.index(c.replace("零", "〇"))) for c in s))
    try:
        value = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(value) if float(value).is_integer() else None


def circled_to_int(ch: str) -> int | None:
    """The value of a circled digit (① -> 1, ⑳ -> 20, ❸ -> 3, ㉑ -> 21), None otherwise."""
    return _circled_value(ch) if len(ch) == 1 else None


def to_chinese(n: int) -> str:
    """A number in Chinese numerals as headings write it (11 -> 十一, 103 -> 一百零三)."""
    return str(cn2an.an2cn(n))


def to_circled(n: int) -> str:
    """① for 1 … ㊿ for 50; larger numbers stay Arabic."""
    return _PLAIN_CIRCLED.get(n, str(n))
