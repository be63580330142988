"""Chinese numerals as they occur in headings and dates.

Heading numbers come as 一百零三, 两, 十一, 〇, Arabic or full-width digits,
circled digits (①) and the 之 suffix of inserted articles (第五条之一). cn2an
does the arithmetic; this module only decides what counts as a numeral and
caches the conversion, because the same few numbers recur thousands of times.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import cn2an

__all__ = ["CN_DIGITS", "circled_to_int", "to_int"]

# Characters that may make up a Chinese numeral (used inside heading regexes).
CN_DIGITS = "零〇一二三四五六七八九十百千两"

_ARABIC = re.compile(r"[0-9]+")
_CHINESE = re.compile(rf"[{CN_DIGITS}]+")


@cache
def to_int(numeral: str) -> int | None:
    """The value of a numeral (一百零三 -> 103, 两 -> 2, ３ -> 3), None if it is not one."""
    s = unicodedata.normalize("NFKC", numeral).strip()
    if _ARABIC.fullmatch(s):
        return int(s)
    if not _CHINESE.fullmatch(s):
        return None
    if set(s) <= set("零〇一二三四五六七八九") and len(s) > 1:
        # digit-by-digit years such as 二〇一九
        return int("".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in s))
    try:
        value = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(value) if float(value).is_integer() else None


def circled_to_int(ch: str) -> int | None:
    """The value of a circled digit (① -> 1, ⑳ -> 20, ㉑ -> 21), None otherwise."""
    if len(ch) != 1:
        return None
    code = ord(ch)
    if 0x2460 <= code <= 0x2473:
        return code - 0x2460 + 1
    if 0x3251 <= code <= 0x325F:
        return code - 0x3251 + 21
    if 0x32B1 <= code <= 0x32BF:
        return code - 0x32B1 + 36
    return None
