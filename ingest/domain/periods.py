"""Periods of a frequency: the words that name them, their ISO 8601 form, how to say them.

The one home of the period table. Extraction reads 每季度 / 每半年 / 每三年 with
it (``ingest.extract.frequency``); the graph, the pages, the sheets and the
study pack say a frequency back in plain Chinese with :func:`frequency_words`
(每季度至少1次, 每三年至少1次), never ``每年0.333次``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.domain.numerals import to_chinese, to_int

__all__ = [
    "NUMBER",
    "PERIODS",
    "Period",
    "count_per_period",
    "frequency_words",
    "period_of",
    "period_word",
]

# A count or a period's number: Arabic, full-width or Chinese digits.
NUMBER = r"[0-9０-９]+|[一二两三四五六七八九十百]+"


class Period(NamedTuple):
    """A period word after 每: its pattern, ISO period (``{n}``: its number), times a year."""

    pattern: str
    iso: str
    per_year: float
    word: str  # how it is said back (``{n}`` in Chinese numerals)


# Order matters: longer words first.
PERIODS: tuple[Period, ...] = (
    Period(r"半年", "P6M", 2.0, "半年"),  # 每半年
    Period(r"(?:个)?季度|季", "P3M", 4.0, "季度"),  # 每季度, 每个季度
    Period(rf"(?:{NUMBER})个月", "P{n}M", 12.0, "{n}个月"),  # 每2个月, 每三个月
    Period(rf"(?:{NUMBER})年", "P{n}Y", 1.0, "{n}年"),  # 每2年, 每三年
    Period(r"(?:一)?年(?:度)?", "P1Y", 1.0, "年"),  # 每年, 每一年, 每年度
    Period(r"(?:个)?月", "P1M", 12.0, "月"),  # 每月, 每个月
    Period(r"(?:个)?(?:周|星期)", "P1W", 52.0, "周"),  # 每周
    Period(r"旬", "P10D", 36.0, "旬"),  # 每旬
    Period(r"(?:日|天)", "P1D", 365.0, "天"),  # 每日, 每天
)
_ISO = re.compile(r"P(?P<n>[0-9]+)(?P<unit>[YMWD])")


def period_of(word: str) -> tuple[str, float]:
    """(ISO period, times a year) of a period word (三年 -> P3Y, 1/3); ValueError if none."""
    number = re.match(NUMBER, word)
    n = to_int(number.group()) if number else None
    for p in PERIODS:
        if re.fullmatch(p.pattern, word):
            if "{n}" in p.iso:
                n = n or 1
                return p.iso.format(n=n), p.per_year / n
            return p.iso, p.per_year
    raise ValueError(f"unknown period word {word!r}")


def period_word(iso: str | None) -> str | None:
    """每 + this word says the period (P3M -> 季度, P3Y -> 三年); None if none fits."""
    m = _ISO.fullmatch(iso or "")
    if not m:
        return None
    n = int(m["n"])
    for p in PERIODS:
        if p.iso == iso:
            return p.word
        if "{n}" in p.iso and p.iso.format(n=n) == iso and n > 1:
            return p.word.format(n="两" if n == 2 else to_chinese(n))
    return None


def frequency_words(period: str | None, min_count: float | None, per_year: float | None) -> str:
    """A frequency in plain words: 每季度至少1次, 每三年至少1次; 每年至少4次 when only the
    yearly count is known; 定期（未规定次数） when the text gives no number."""
    if per_year is None:
        return "定期（未规定次数）"
    word = period_word(period)
    if word is None:
        return f"每年至少{per_year:g}次"
    return f"每{word}至少{count_per_period(period, min_count, per_year):g}次"


def count_per_period(period: str | None, min_count: float | None, per_year: float | None) -> float:
    """Times per period: the stated count, else the yearly count spread over the periods
    of a year (每季度 and 4 a year -> 1); 1 when nothing says more."""
    if min_count:
        return min_count
    word = period_word(period)
    if per_year and word:
        return max(1, round(per_year / period_of(word)[1], 2))
    return 1
