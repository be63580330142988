"""Comparable units of a document, for the draft check: duties, frequencies and deadlines
(sanction rules are in ``app.review.sanction_units``), each with its addressee and its
clause's place.

A unit carries the words it is compared on (numbers masked, so a changed count does
not hide its clause), what it shows (its own words), its addressee
(:mod:`app.review.applicability`), its frequency or deadline as written and as a
number, and, for a meeting, the participants its sentence names. A clause that
says 定期 and also 每年不少于4次 for the same actor keeps only the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from app.review.applicability import Addressee, addressee
from ingest.extract.duties import classify
from ingest.records import Deadline, Document, Duty, Facts

__all__ = [
    "Unit",
    "clause_paths",
    "deadline_units",
    "duty_units",
    "frequency_units",
    "mask",
    "sentence_span",
]

# Numerals, so a changed count does not hide the clause it was changed in.
_NUMBER = re.compile(r"[0-9０-９]+|[零〇一二两三四五六七八九十百]+(?=[次起人名个项年月日%％])")
_SENTENCE_END = re.compile(r"[。；;！？\n]")
_PART = re.compile(r"[，、,；;。]")  # parts of a sentence, each naming at most one activity
# Words that make the roles of a sentence its participants: …参加, 列席, 出席会议
_PARTICIPATE = re.compile(r"参加|参会|列席|出席")
# A role right after one of these verbs is the duty's object, not its actor: 督促辖区生产
# 经营单位落实主体责任 is the township government's duty, not the enterprises'; 负责街道
# 安全生产委员会日常工作 is the deputy's, not the committee's.
_OBJECT_VERB = re.compile(
    r"(?:督促|指导|帮助|支持|协调|要求|推动|监督|领导|负责|召开|主持)[^，。；]{0,4}$"
)
_ELLIPTIC = 6  # a frequency's own words this short share the rest of their sentence
# What may stand before a duty's subject: scope and level words (县级以上, 各级, 区), or
# another subject (区委、区政府); a verb before a role makes it an object.
_BEFORE_SUBJECT = re.compile(r"[各本级县区市省乡镇街道以上地方全、和及与（）()\s]{0,8}")
# Principles, not duties: 应当坚持“党政同责、一岗双责…”, 坚持以人为本
_PRINCIPLE = re.compile(
    r"坚持[“\"]|应当坚持|坚持以|坚持党"
    # a purpose, not a duty: 为落实…实施意见，(制定本办法)
    r"|^为(?:了|落实|贯彻|进一步|全面|加强|深入)"
)
# Organs and the umbrella: named in nearly every duty (设立政府专项资金, 党政领导干部安全
# 生产培训), they say nothing about which duty it is.
_NOT_OBJECTS = frozenset({"党委", "政府", "企业", "党政领导干部"})
# Modal and linking words that say nothing about what a duty is: 要, 应当, 必须
_MODAL = re.compile(r"^[、和及与]+|应当|必须|(?<![主重需纲])要(?![求点素害])")
Kind = Literal["duty", "frequency", "deadline", "sanction", "sentence"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One comparable fact of a document."""

    doc: Document
    kind: Kind
    clause_id: str
    role: str | None
    category: str
    activity: str
    words: str  # what is compared, numbers masked
    quote: str  # what a finding shows
    start: int
    addressee: Addressee
    path: tuple[str, ...] = ()
    per_year: float | None = None
    said: str = ""  # the frequency or deadline as written, or the sanction's trigger
    types: tuple[str, ...] = ()  # sanction types of a sanction rule
    categories: frozenset[str] = frozenset()  # of a frequency: every category its words name
    due: tuple[int, ...] = ()  # a deadline as a sortable (year, month, day) or (month, day)
    participants: tuple[str, ...] = ()  # roles a meeting's sentence says take part
    objects: tuple[str, ...] = ()  # bodies and posts it directs, in order (指导督促机构编制部门…)
    case: str = (
        ""  # a sanction rule's case alone (发生3起以上一般事故的), when it can be told apart
    )

    @property
    def level(self) -> str:
        return self.addressee.level


def mask(text: str) -> str:
    return _NUMBER.sub("#", text)


def _content(facts: Facts, start: int, text: str) -> str:
    """A duty's words without its actor's and its frequency's (镇党委书记、镇长每季度至少…
    带队检查 -> 带队检查…): what it does and to what, masked, to compare with another's."""
    end = start + len(text)
    spans = [(r.start, r.end) for r in facts.roles if start <= r.start and r.end <= end]
    spans += [(f.start, f.end) for f in facts.frequencies if start <= f.start and f.end <= end]
    chars = list(text)
    for a, b in spans:
        for k in range(a - start, b - start):
            chars[k] = ""
    return mask(_MODAL.sub("", "".join(chars)).strip("，、。；：和及 "))


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around text[start:end] begins and ends (its 。；！？ kept)."""
    a = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    return a, m.end() if m else len(text)


def _sentence(text: str, start: int, end: int) -> str:
    a, b = sentence_span(text, start, end)
    return text[a:b].strip()


def clause_paths(doc: Document) -> dict[str, tuple[str, ...]]:
    """Clause id -> the labels from the document down to the clause."""
    return {c.clause_id: c.path for c in doc.clauses}


def _participants(doc: Document, facts: Facts, start: int, end: int, actor: str) -> tuple[str, ...]:
    a, b = sentence_span(doc.text, start, end)
    if not _PARTICIPATE.search(doc.text, a, b):
        return ()
    named = (r.role for r in facts.roles if a <= r.start < b and r.role != actor)
    return tuple(dict.fromkeys(named))


def _actor(doc: Document, facts: Facts, d: Duty) -> str:
    """The duty's actor as its words name it: the roles named at its start, unless they are
    the object of a verb (督促辖区生产经营单位…: the lead-in's actor) — the extractor may
    have handed the duty down from a heading (第二章 政府及有关部门的职责 over 县级以上人民
    政府应急管理部门…: the department)."""
    inside = [
        r for r in facts.roles
        if r.clause_id == d.clause_id and not r.inherited and d.start <= r.start < d.end
    ]  # fmt: skip
    subjects = [r for r in inside if _BEFORE_SUBJECT.fullmatch(doc.text[d.start : r.start])]
    if subjects and d.role not in {r.role for r in subjects}:
        return subjects[0].role or d.role
    own = [r for r in inside if r.role == d.role]
    objects = [r for r in own if _OBJECT_VERB.search(doc.text[max(0, r.start - 8) : r.start])]
    if own and len(objects) == len(own) and not subjects:
        by_id = {c.clause_id: c for c in doc.clauses}
        parent = by_id[d.clause_id].parent_id if d.clause_id in by_id else None
        lead = [r for r in facts.roles if r.clause_id == parent] if parent else []
        return lead[0].role if lead else d.role
    return d.role


def _objects(facts: Facts, d: Duty, actor: str) -> tuple[str, ...]:
    """The bodies and posts a duty names besides its actor, in order (纪检监察机关, 机构编制
    部门, 党委班子其他成员): with its activity they say what the duty is about."""
    named = sorted(
        (r for r in facts.roles if r.clause_id == d.clause_id and d.start <= r.start < d.end),
        key=lambda r: r.start,
    )
    return tuple(dict.fromkeys(r.role for r in named if r.role not in {actor, *_NOT_OBJECTS}))


def duty_units(doc: Document, facts: Facts) -> list[Unit]:
    """Duties, principles left out, each with the actor the clause gives it to."""
    paths = clause_paths(doc)
    out = []
    for d in facts.duties:
        if _PRINCIPLE.search(d.text):
            continue
        role = _actor(doc, facts, d)
        out.append(
            Unit(
                doc, "duty", d.clause_id, role, d.category, d.activity,
                _content(facts, d.start, d.text) or mask(d.text), d.text,
                d.start, addressee(doc, facts, d.clause_id, role, d.start, d.end, d.text),
                paths.get(d.clause_id, ()), d.per_year,
                participants=_participants(doc, facts, d.start, d.end, role)
                if d.category == "会议研究" else (),
                objects=_objects(facts, d, role),
            )
        )  # fmt: skip
    return out


def frequency_units(doc: Document, facts: Facts) -> list[Unit]:
    """Frequencies with the words of the duty part that holds them (else their sentence);
    a 定期 without a number is dropped where the same clause gives its actor a number."""
    paths = clause_paths(doc)
    numbered = {(f.clause_id, f.role) for f in facts.frequencies if f.per_year is not None}
    out = []
    for f in facts.frequencies:
        if f.role is None or (f.per_year is None and (f.clause_id, f.role) in numbered):
            continue
        holder = [d for d in facts.duties if d.role == f.role and d.start <= f.start < d.end]
        role = _actor(doc, facts, holder[0]) if holder else f.role
        a, b = sentence_span(doc.text, f.start, f.end)
        sentence = doc.text[a:b]
        words = holder[0].text if holder else sentence
        content = _content(facts, holder[0].start, words) if holder else ""
        if len(content) < _ELLIPTIC:  # 区委每季度至少1次、镇…每月至少1次召开会议…: shared words
            content = _content(facts, a, sentence) or mask(words)
        named = {classify(p) for p in _PART.split(f"{sentence}，{f.activity}")} - {None}
        categories = frozenset(a.category for a in named if a) - {"其他"}
        addr = addressee(doc, facts, f.clause_id, role, f.start, f.end, words)
        out.append(
            Unit(
                doc, "frequency", f.clause_id, role, "frequency", f.activity,
                content, words, f.start,
                addr, paths.get(f.clause_id, ()), f.per_year, f.text,
                categories=categories,
            )
        )  # fmt: skip
    return out


def _due(d: Deadline) -> tuple[int, ...]:
    """A deadline as a sortable tuple: later dates compare greater."""
    if d.kind == "recurring" and d.month is not None:
        return (d.month, d.day or 31)
    if d.kind == "recurring" and d.day is not None:
        return (0, d.day)
    if d.kind == "date" and d.year is not None:
        return (d.year, d.month or 12, d.day or 31)
    return ()


def deadline_units(doc: Document, facts: Facts) -> list[Unit]:
    """Deadlines with a date to compare (每年1月底前, 每月25日以前, 2018年底前)."""
    paths = clause_paths(doc)
    out = []
    for d in facts.deadlines:
        due = _due(d)
        if not due or d.role is None:
            continue
        sentence = _sentence(doc.text, d.start, d.end)
        named = classify(f"{sentence}，{d.activity}")
        out.append(
            Unit(
                doc, "deadline", d.clause_id, d.role, named.category if named else "其他",
                d.activity or (named.name if named else ""), mask(sentence), sentence, d.start,
                addressee(doc, facts, d.clause_id, d.role, d.start, d.end, sentence),
                paths.get(d.clause_id, ()), said=d.text, due=due,
            )
        )  # fmt: skip
    return out
