"""Dates as policy texts write them, and the promulgation lines that carry them.

A date is written 2019年7月1日, 二〇一九年七月一日 or, on web pages, 2018-11-20; a law's
front matter lists its 通过 / 修正 / 修订 dates, the latest of which dates the text.
"""

from __future__ import annotations

import re

from ingest.domain.numerals import to_int

__all__ = ["DATE", "DIGIT", "ISO_DATE", "PROMULGATION", "law_date", "parse_date"]

DIGIT = r"[0-9〇零一二三四五六七八九十]"  # a digit of a written date (二〇一九, 2019)
# 2019年7月1日 / 二〇一九年七月一日
DATE = re.compile(
    rf"(?P<y>{DIGIT}{{4}})\s*年\s*(?P<m>{DIGIT}{{1,2}})\s*月\s*(?P<d>{DIGIT}{{1,3}})\s*日"
)
# 2018-11-20 / 2018/11/20 / 2018.11.20, as web pages write 发布时间
ISO_DATE = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
# the verbs of a promulgation line (…通过, …修正, 自…起施行)
PROMULGATION = re.compile(r"(通过|公布|施行|修订|修正|批准|发布)")


def parse_date(s: str) -> str | None:
    """The first date in ``s`` as YYYY-MM-DD (2019年7月1日, 二〇一九年七月一日, 2018-11-20)."""
    m = DATE.search(s) or ISO_DATE.search(s)
    if not m:
        return None
    y, mo, d = (to_int(m[k]) for k in ("y", "m", "d"))
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def law_date(lines: list[str]) -> str | None:
    """The latest 通过/修正/修订/批准 date, else the latest 公布/发布/施行 date."""
    for words in (r"通过|修正|修订|批准", r"公布|发布|施行"):
        dates = [d for s in lines if re.search(words, s) and (d := parse_date(s))]
        if dates:
            return max(dates)
    return None
