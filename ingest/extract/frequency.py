"""Frequencies and deadlines found in a text, normalised.

Guarantees: every frequency is anchored on a 每+period word (每季度, 每半年,
每2年) or on 定期/不定期, so counts without a period (3起以上, 2名以上, 75%,
7项职责, 第二十四条, 第172次会议, 一年内四次) are never frequencies. ``per_year``
is the period's occurrences a year times the count (每月不少于两次 -> 24); a
period without a count means once per period (每年向职工通报 -> 1); 定期 has
no number (``per_year`` None). Spans are offsets into the text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.domain.numerals import to_int
from ingest.domain.periods import NUMBER, PERIODS, period_of

__all__ = ["DeadlineMatch", "FreqMatch", "find_deadlines", "find_frequencies"]

_NUM = NUMBER
_PERIOD_RE = "|".join(f"(?:{p.pattern})" for p in PERIODS)
_MIN = r"至少|不少于|最少|不低于"
_STOP = r"。；;，,：:！？\n"  # a frequency never runs across these

# Frequency grammar, tried in order; a later rule never overlaps an earlier hit.
_FREQUENCY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 每季度至少召开1次…, 每年…不少于4次, 至少每季度研究部署1次, 每月至少对…进行1次检查
    (
        "counted",
        re.compile(
            rf"(?:(?:{_MIN})\s*)?每(?P<period>{_PERIOD_RE})(?P<body>[^{_STOP}]{{0,40}}?)"
            rf"(?<!第)(?<![0-9０-９一二两三四五六七八九十百])(?P<count>{_NUM})\s*(?:次|回)"
        ),
    ),
    # 每年向从业人员通报…, 每季度要…开展专项检查: once per period
    (
        "bare",
        re.compile(
            rf"每(?P<period>{_PERIOD_RE})(?:定期)?(?=(?:{_MIN}|都|均|要|应|定期|对|向|由|进行|组织|开展|召开|"
            rf"研究|检查|安排|报|听取|主持|至|[^{_STOP}]{{0,2}}(?:组织|开展|召开|检查|通报|报告)))"
        ),
    ),
    # 定期或者不定期, 定期组织…: periodic without a number
    ("periodic", re.compile(r"(?:不)?定期(?:或者?不定期)?")),
)

# Deadline grammar: (kind, period, pattern), tried in order.
_DEADLINE_RULES: tuple[tuple[str, str | None, re.Pattern[str]], ...] = (
    # 每年1月底前, 每年三月底前, 每年3月15日前
    (
        "recurring",
        "P1Y",
        re.compile(
            rf"(?:于)?每年(?P<month>{_NUM})月(?:(?P<day>{_NUM})日|底|末|中旬|上旬|下旬)?"
            r"(?:前|以前|之前)"
        ),
    ),
    # 每月25日以前
    ("recurring", "P1M", re.compile(rf"(?:于)?每月(?P<day>{_NUM})日(?:前|以前|之前)")),
    # 2018年底前, 2022年6月30日前
    (
        "date",
        None,
        re.compile(
            rf"(?P<year>(?:19|20)[0-9]{{2}})年(?:底|年底|(?P<month>{_NUM})月(?:(?P<day>{_NUM})日|底)?)"
            r"(?:前|以前|之前)"
        ),
    ),
    # 完成时限 2018年 (a task-table cell, alone at the end of a row)
    ("date", None, re.compile(r"(?:完成时限[：:]?\s*|(?<=[\t\s|]))(?P<year>20[0-9]{2})年\s*$")),
    # 完成时限 长期
    ("ongoing", None, re.compile(r"(?:完成时限[：:]?\s*|(?<=[\t\s|]))长期\s*$")),
)


@dataclass(frozen=True, slots=True)
class FreqMatch:
    """A frequency phrase and its normal form."""

    start: int
    end: int
    text: str
    period: str | None
    min_count: int | None
    per_year: float | None
    body: str  # the words between the period and the count (the activity, if any)


@dataclass(frozen=True, slots=True)
class DeadlineMatch:
    """A deadline phrase and its normal form."""

    start: int
    end: int
    text: str
    kind: str
    period: str | None
    month: int | None
    day: int | None
    year: int | None


def _period(m: re.Match[str]) -> tuple[str, float]:
    return period_of(m["period"])


def find_frequencies(text: str) -> list[FreqMatch]:
    """Every frequency in ``text``, in text order, non-overlapping."""
    hits: list[FreqMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, rule in _FREQUENCY_RULES:
        for m in rule.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "periodic":
                hits.append(FreqMatch(s, e, m.group(), None, None, None, ""))
            else:
                iso, per_period = _period(m)
                count = to_int(m["count"]) if kind == "counted" else 1
                if not count:
                    continue
                per_year = round(per_period * count, 3)
                body = m["body"] if kind == "counted" else ""
                hits.append(FreqMatch(s, e, m.group(), iso, count, per_year, body))
            taken.append((s, e))
    return sorted(hits, key=lambda h: h.start)


def find_deadlines(text: str) -> list[DeadlineMatch]:
    """Every deadline in ``text``, in text order, non-overlapping."""
    hits: list[DeadlineMatch] = []
    for kind, period, rule in _DEADLINE_RULES:
        for m in rule.finditer(text):
            s, e = m.span()
            if any(s < h.end and h.start < e for h in hits):
                continue
            groups = m.groupdict()
            hits.append(
                DeadlineMatch(
                    s,
                    e,
                    m.group().strip(),
                    kind,
                    period,
                    to_int(groups.get("month")),
                    to_int(groups.get("day")),
                    to_int(groups.get("year")),
                )
            )
    return sorted(hits, key=lambda h: h.start)
