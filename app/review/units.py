"""Comparable units of a document and their one-to-one alignment, for the draft check.

A unit is a duty, a frequency or a sentence of sanctions, with the words it is
compared on (numbers masked, so a changed count does not hide its clause), the
level of its actor and its clause's place. Scores follow the graph's duty
alignment (:func:`ingest.domain.similarity.similarity` of activities, same role and category)
plus the duty's own words; pairs are taken one to one, best first, within a role
(sanction rules across roles) and within a level.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ingest.domain.similarity import similarity
from ingest.extract.duties import classify
from ingest.records import Document, Facts

__all__ = [
    "DUTY_MATCH",
    "FREQ_MATCH",
    "SANCTION_MATCH",
    "Unit",
    "align",
    "duty_score",
    "duty_units",
    "freq_score",
    "frequency_units",
    "placed",
    "sanction_score",
    "sanction_units",
]

DUTY_MATCH = 0.5  # words or activity this alike: the draft's duty is the reference's
FREQ_MATCH = 0.33  # same role and category already agree; the words need only agree a bit
SANCTION_MATCH = 0.5  # triggers this alike (numbers masked): the same case
SAME_PLACE = 0.15  # bonus for a duty at the same numbered place in both texts
# Numerals, so a changed count does not hide the clause it was changed in.
_NUMBER = re.compile(r"[0-9０-９]+|[零〇一二两三四五六七八九十百]+(?=[次起人名个项年月日%％])")
_SENTENCE_END = re.compile(r"[。；;！？\n]")
_PART = re.compile(r"[，、,；;。]")  # parts of a sentence, each naming at most one activity


@dataclass(frozen=True, slots=True)
class Unit:
    """One comparable fact: a duty, a frequency or a sanction rule (a sentence's sanctions)."""

    doc: Document
    clause_id: str
    role: str | None
    category: str
    activity: str
    words: str  # what is compared, numbers masked
    quote: str  # what a finding shows
    start: int
    per_year: float | None = None
    said: str = ""  # the frequency as written, or the trigger
    types: tuple[str, ...] = ()
    categories: frozenset[str] = frozenset()  # of a frequency: every category its words name
    level: str = "unknown"  # the level its actor sits at, as the draft's levels count
    path: tuple[str, ...] = ()  # its clause's labels from the root


def _mask(text: str) -> str:
    return _NUMBER.sub("#", text)


def _sentence(text: str, start: int, end: int) -> str:
    a = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    return text[a : m.end() if m else len(text)].strip()


def _level(facts: Facts, u: Unit) -> str:
    """The level of the unit's actor: the one a list item inherits from its lead-in
    (第六条 镇…党（工）委…职责包括：（一）…), else the role's mention inside the unit,
    else the nearest before it."""
    mentions = [r for r in facts.roles if r.clause_id == u.clause_id and r.role == u.role]
    inherited = [r for r in mentions if r.inherited]
    inside = [r for r in mentions if u.start <= r.start < u.start + len(u.quote)]
    before = sorted((r for r in mentions if r.start <= u.start), key=lambda r: -r.start)
    pick = inherited or inside or before or mentions
    return pick[0].level if pick else "unknown"


def duty_units(doc: Document, facts: Facts) -> list[Unit]:
    return [
        Unit(doc, d.clause_id, d.role, d.category, d.activity, _mask(d.text), d.text, d.start)
        for d in facts.duties
    ]


def frequency_units(doc: Document, facts: Facts) -> list[Unit]:
    """Frequencies with the words of the duty part that holds them (else their sentence)."""
    out = []
    for f in facts.frequencies:
        if f.role is None:
            continue
        holder = [d for d in facts.duties if d.role == f.role and d.start <= f.start < d.end]
        sentence = _sentence(doc.text, f.start, f.end)
        words = holder[0].text if holder else sentence
        named = {classify(p) for p in _PART.split(f"{sentence}，{f.activity}")} - {None}
        categories = frozenset(a.category for a in named if a) - {"其他"}
        out.append(
            Unit(
                doc, f.clause_id, f.role, "frequency", f.activity, _mask(words), words, f.start,
                f.per_year, f.text, (), categories,
            )
        )  # fmt: skip
    return out


def sanction_units(doc: Document, facts: Facts) -> list[Unit]:
    """One unit per sentence holding sanctions: its trigger and the set of types."""
    groups: dict[tuple[str, str], list] = {}
    for s in facts.sanctions:
        groups.setdefault((s.clause_id, _sentence(doc.text, s.start, s.end)), []).append(s)
    out = []
    for (clause_id, sentence), items in groups.items():
        trigger = max((s.trigger for s in items), key=len)
        words = trigger if len(trigger) >= 8 else sentence
        role = next((s.role for s in items if s.role), None)
        types = tuple(dict.fromkeys(s.type for s in items))
        start = min(s.start for s in items)
        out.append(
            Unit(doc, clause_id, role, "", "", _mask(words), sentence, start, None, words, types)
        )
    return out


def duty_score(r: Unit, d: Unit) -> float:
    """Words or activity; a duty reworded in place (same 第X条（Y）) counts a little extra."""
    words = similarity(r.words, d.words)
    act = similarity(r.activity, d.activity) if r.category == d.category else 0.0
    return max(words, (words + act) / 2) + (SAME_PLACE if r.path and r.path == d.path else 0.0)


def freq_score(r: Unit, d: Unit) -> float:
    """Words, else what the two are about: the activities and the categories both name
    (区委每季度…听取汇报、研究安全生产 / 区委每年至少2次听取…汇报，研究…重大问题)."""
    words = similarity(r.words, d.words)
    shared = r.categories & d.categories
    if not shared:
        return words if words >= DUTY_MATCH else 0.0
    about = max(similarity(r.activity, d.activity), len(shared) / len(r.categories | d.categories))
    return max(words, (words + about) / 2)


def sanction_score(r: Unit, d: Unit) -> float:
    return similarity(r.words, d.words)


def align(
    refs: Sequence[Unit], drafts: Sequence[Unit], score: Callable[[Unit, Unit], float], floor: float
) -> dict[int, int]:
    """One-to-one matching, best pairs first: reference index -> draft index."""
    by_role: dict[str | None, list[int]] = {}
    for j, d in enumerate(drafts):
        by_role.setdefault(d.role, []).append(j)
    everyone = list(range(len(drafts)))
    scored = [
        (s, (r.said, r.quote) != (drafts[j].said, drafts[j].quote), i, j)
        for i, r in enumerate(refs)
        for j in (by_role.get(r.role, []) if r.category else everyone)  # rules: any role,
        if (not r.category or _same_level(r, drafts[j]))  # any level (镇、街办和区级部门)
        and (s := score(r, drafts[j])) >= floor
    ]
    taken_r: dict[int, int] = {}
    taken_d: set[int] = set()
    for _s, _differ, i, j in sorted(scored, key=lambda t: (-t[0], *t[1:])):
        if i not in taken_r and j not in taken_d:
            taken_r[i] = j
            taken_d.add(j)
    return taken_r


def placed(units: list[Unit], doc: Document, facts: Facts, own: str) -> list[Unit]:
    """Units with the level of their actor. The document's own level (and an actor with
    no level) counts as ``own``: a reference's own actors stand for the draft's."""

    def level(u: Unit) -> str:
        at = _level(facts, u) if u.role else "unknown"
        return own if at in ("unknown", doc.level) else at

    paths = {c.clause_id: c.path for c in doc.clauses}
    return [replace(u, level=level(u), path=paths.get(u.clause_id, ())) for u in units]


def _same_level(r: Unit, d: Unit) -> bool:
    return r.level == d.level or "unknown" in (r.level, d.level)
