"""What makes a text part a duty, and which canonical activity and category it has.

The activity table (``activities.tsv``) is data: ordered regex -> activity ->
category rows, first hit wins. A duty is a text part with an actor and either an
obligation cue (应当, 要, 必须, 负责, 每…) or a place in a list introduced by its
actor (第十条 …履行下列安全生产责任：（一）…). Lead-ins themselves are not duties.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from ingest.parse.headings import label_end

__all__ = [
    "ACTIVITIES_PATH",
    "Activity",
    "classify",
    "is_lead_in",
    "is_obligation",
    "is_report",
    "is_violation_list",
    "lead_in_duty",
    "short_phrase",
    "split_parts",
    "strip_label",
]

ACTIVITIES_PATH = Path(__file__).parent / "data" / "activities.tsv"

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


# Parts that read like obligations but bind no one; each rule is one reason.
_NOT_DUTY = tuple(
    re.compile(rule)
    for rule in (
        # an interpretation reporting what a rule says: 增加了“各级党委主要负责人为…”
        r"(?:增加|明确|规定|提出|强调|指出|突出|确立|细化|新增|写入|抓住)了",
        # past actions narrated: 省委、省政府…采取了一系列重大举措, 作出了系列重要指示
        r"(?:采取|作出|取得|出台|印发|保持|实行|形成)了",
        # a document as the subject: 《实施细则》为各级抓好…, 《实施细则》准确抓住…
        r"^\s*《[^》]{2,40}》",
    )
)
# Lead-ins whose items are wrongdoings that trigger sanctions, not duties
# (有下列情形之一的，给予处分：…（七）其他滥用职权、玩忽职守的行为).
_VIOLATION_LIST = re.compile(r"(?:有|具有|存在)?下列[^：:。]{0,12}(?:行为|情形|情况)之一")
# What comes before an activity's verb in a sentence, dropped from a short phrase.
_PHRASE_LEADS = tuple(
    re.compile(rule)
    for rule in (
        # a subject and its modal: 各级党委要…, 区委和区政府应当… (主要/重要/需要 are no modal)
        r"^[^，。；、]{0,20}?(?:应当|必须|(?<![主重需纲])要(?![求点素害])|须)(?=[\u4e00-\u9fff]{2})",
        # a stated basis: 按照加强对安全生产工作领导的要求…, 根据工作需要…, 结合实际…
        r"^(?:按照|根据|依据|遵照|围绕|结合)[^，。；]{0,30}?(?:要求|原则|规定|精神|部署|需要|实际)",
        # manner adverbs before the verb: 认真落实, 严格执行, 切实加强
        r"^(?:认真|严格|切实|全面|积极|及时|进一步|牢固|始终)",
    )
)
_JOINER = re.compile(r"[、和及与]?")
# Scope and level words before a subject: 各级, 县级以上地方, 省、自治区、直辖市, 乡、镇
_SCOPE = re.compile(r"[各本级省市县区乡镇旗盟州街道自治直辖设的以上地方、]*")
_PHRASE_LIMIT = 12  # characters of a verb-object phrase (召开常委会研究安全生产 is 11)


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


def is_report(text: str) -> bool:
    """Whether a part narrates or reports (增加了…, 采取了…, 《细则》为…) instead of binding."""
    return any(rule.search(text) for rule in _NOT_DUTY)


def is_violation_list(text: str) -> bool:
    """Whether a lead-in lists wrongdoings (有下列情形之一的…), whose items are no duties."""
    return bool(_VIOLATION_LIST.search(text))


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
    return text[label_end(text) :]


def short_phrase(text: str, limit: int = _PHRASE_LIMIT) -> str:
    """A short verb-object phrase of a duty: its first sentence piece without numbering,
    subject, modal, stated basis or adverb, cut at a word boundary within ``limit``."""
    from ingest.domain.segmenter import tokenizer
    from ingest.extract.roles import find_mentions  # late: roles and jieba load only for phrases

    head = re.split(r"[，,。；;：:]", strip_label(text).strip(), maxsplit=1)[0]
    at, scope = 0, (sm.end() if (sm := _SCOPE.match(head)) else 0)
    for m in find_mentions(head):  # a leading chain of subjects: 区委、区政府指导… -> 指导…
        if m.start > max(at, scope) or not m.subject:
            break
        at = m.end + (j.end() - m.end if (j := _JOINER.match(head, m.end)) else 0)
    ends = set(accumulate(len(w) for w in tokenizer().lcut(head)))
    if at in ends and len(head) - at >= 2:  # never inside a word (党组 in 党组织书记)
        head = head[at:]
    for rule in _PHRASE_LEADS:
        rest = rule.sub("", head, count=1)
        head = rest if len(rest) >= 2 else head
    out = ""
    for word in tokenizer().lcut(head):
        if len(out) + len(word) > limit:
            break
        out += word
    return (out or head[:limit]).rstrip("和及与或的、")
