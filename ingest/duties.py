"""What makes a text part a duty, and which canonical activity and category it has.

The activity table (``activities.tsv``) is data: ordered regex -> activity ->
category rows, first hit wins. A duty is a text part with an actor and either an
obligation cue (应当, 要, 必须, 负责, 每…) or a place in a list introduced by its
actor (第十条 …履行下列安全生产责任：（一）…). Lead-ins themselves are not duties.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "ACTIVITIES_PATH",
    "Activity",
    "classify",
    "is_lead_in",
    "is_obligation",
    "lead_in_duty",
    "short_phrase",
    "split_parts",
    "strip_label",
]

ACTIVITIES_PATH = Path(__file__).with_name("activities.tsv")

# Obligation cues: modal verbs, responsibility verbs and frequency words.
_OBLIGATION = re.compile(
    r"应当|应|要|必须|须|负责|履行|承担|负有|担任|不少于|至少|每[年季半月周]|定期|严格|"
    r"组织|建立|健全|落实|加强|督促|制定|推动|推进|开展|召开|主持|研究|确保|保障|强化|完善|实行|执行|"
    r"指导|考核|检查|监督|支持|协调|参与|提供|配合|抓好|做好|纳入|列入|贯彻|"
    r"负(?:全面|直接|综合|主要)?(?:领导)?责任|负总责|第一责任人"
)
# A part that only introduces a list (its items are the duties).
_LEAD_IN = re.compile(
    r"(?:下列|以下|如下|包括|主要职责|职责|责任|任务)[^。；]{0,16}[：:]\s*$|[：:]\s*$"
)
# Sentence boundaries inside a clause.
_SENTENCE = re.compile(r"[^。；;！？\n]+[。；;！？]?")
# Leading numbering and whitespace, dropped from phrases.
_LABEL = re.compile(
    r"^\s*(?:第[零〇一二三四五六七八九十百千两0-9]+[章节条](?:之[一二三四五六七八九十]+)?|"
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、](?![0-9])|[①-⑳])\s*"
)


class Activity(NamedTuple):
    """A canonical activity and its duty category."""

    name: str
    category: str


@cache
def _table() -> tuple[tuple[re.Pattern[str], Activity], ...]:
    rows = []
    for line in ACTIVITIES_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, name, category = line.split("\t")
        rows.append((re.compile(pattern), Activity(name, category)))
    return tuple(rows)


def classify(text: str) -> Activity | None:
    """The canonical activity of a duty text (first table row found), else None."""
    for pattern, activity in _table():
        if pattern.search(text):
            return activity
    return None


def is_obligation(text: str) -> bool:
    """Whether a text part states an obligation."""
    return bool(_OBLIGATION.search(text))


def is_lead_in(text: str) -> bool:
    """Whether a text part introduces a list of duties (ends with a colon)."""
    return bool(_LEAD_IN.search(text))


def lead_in_duty(text: str) -> str:
    """The duty a lead-in states before its colon (区委和区政府应当加强…，主要职责包括：)."""
    head = re.sub(r"[，,]?[^，,：:]*[：:]\s*$", "", text)
    return head if head != text and is_obligation(head) else ""


def split_parts(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a clause text (split at 。；！？ and line ends)."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]


def strip_label(text: str) -> str:
    """The text without its leading numbering (第十条, （一）, 3.) and spaces."""
    return _LABEL.sub("", text, count=1)


def short_phrase(text: str, limit: int = 16) -> str:
    """A short activity phrase: the first words of a duty, numbering dropped."""
    text = _LABEL.sub("", text).strip()
    head = re.split(r"[，,。；;：:]", text, maxsplit=1)[0]
    return head[:limit]
