"""Hold a draft against reference documents: dropped duties, frequencies, sanctions.

Works on ``(Document, Facts)`` pairs only, so a draft that is in no store can be
checked. Duties are aligned as the graph aligns them across levels (same role
and category, :func:`graph.links.similarity` of the activities) and also on
their own words, so a reworded duty still finds its match. Pairs are taken
one to one, best first: a dropped duty cannot borrow a kept sibling that has
the same canonical activity, and a document checked against itself gives
nothing. A reference fact addressed to a role or level the draft does not
cover is skipped, never reported missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from ingest.duties import classify
from ingest.records import Document, Facts

__all__ = ["KINDS", "check", "finding_order"]

KINDS = ("missing_duty", "weaker_frequency", "stronger_frequency", "missing_sanction", "conflict")
DUTY_MATCH = 0.5  # words or activity this alike: the draft's duty is the reference's
FREQ_MATCH = 0.33  # same role and category already agree; the words need only agree a bit
SANCTION_MATCH = 0.5  # triggers this alike (numbers masked): the same case
SAME_PLACE = 0.15  # bonus for a duty at the same numbered place in both texts
UMBRELLA = "党政领导干部"  # the text names all leaders at once

# Numerals, so a changed count does not hide the clause it was changed in.
_NUMBER = re.compile(r"[0-9０-９]+|[零〇一二两三四五六七八九十百]+(?=[次起人名个项年月日%％])")
# Thresholds in a trigger: 3起, 10人, 100万元, and the accident grade.
_THRESHOLD = re.compile(
    r"(?:[0-9]+|[一二两三四五六七八九十]+)\s*(?:起|人|名|万元|亿元)|特别重大|重大|较大|一般"
)
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


@cache
def _grams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset({text})


def similarity(a: str, b: str) -> float:
    """:func:`graph.links.similarity` (the graph's duty alignment) on cached bigram sets.

    The same formula, so check and compare align alike (a test holds them equal);
    cached because a check compares every reference part with every draft part.
    """
    x, y = _grams(a), _grams(b)
    common = len(x & y)
    return (2 * common / (len(x) + len(y)) + common / min(len(x), len(y))) / 2


def _thresholds(trigger: str) -> list[str]:
    return list(dict.fromkeys(_THRESHOLD.findall(trigger)))


def _mask(text: str) -> str:
    return _NUMBER.sub("#", text)


def _sentence(text: str, start: int, end: int) -> str:
    a = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    return text[a : m.end() if m else len(text)].strip()


def _level(facts: Facts, u: Unit) -> str:
    """The level of the role's mention inside the unit, else the nearest before it."""
    mentions = [r for r in facts.roles if r.clause_id == u.clause_id and r.role == u.role]
    inside = [r for r in mentions if u.start <= r.start < u.start + len(u.quote)]
    before = [r for r in mentions if r.start <= u.start]
    pick = (inside or [max(before, key=lambda r: r.start)] if before else inside) or mentions
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


def _duty_score(r: Unit, d: Unit) -> float:
    """Words or activity; a duty reworded in place (same 第X条（Y）) counts a little extra."""
    words = similarity(r.words, d.words)
    act = similarity(r.activity, d.activity) if r.category == d.category else 0.0
    return max(words, (words + act) / 2) + (SAME_PLACE if r.path and r.path == d.path else 0.0)


def _freq_score(r: Unit, d: Unit) -> float:
    """Words, else what the two are about: the activities and the categories both name
    (区委每季度…听取汇报、研究安全生产 / 区委每年至少2次听取…汇报，研究…重大问题)."""
    words = similarity(r.words, d.words)
    shared = r.categories & d.categories
    if not shared:
        return words if words >= DUTY_MATCH else 0.0
    about = max(similarity(r.activity, d.activity), len(shared) / len(r.categories | d.categories))
    return max(words, (words + about) / 2)


def _sanction_score(r: Unit, d: Unit) -> float:
    return similarity(r.words, d.words)


def _pairs(
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
        for j in (by_role.get(r.role, []) if r.category else everyone)  # rules: any role
        if _same_level(r, drafts[j]) and (s := score(r, drafts[j])) >= floor
    ]
    taken_r: dict[int, int] = {}
    taken_d: set[int] = set()
    for _s, _differ, i, j in sorted(scored, key=lambda t: (-t[0], *t[1:])):
        if i not in taken_r and j not in taken_d:
            taken_r[i] = j
            taken_d.add(j)
    return taken_r


def _covered(drafts: Facts) -> Callable[[str | None], bool]:
    roles = {d.role for d in drafts.duties}
    leaders = any(r.startswith(("党委", "政府", "党政")) for r in roles)
    return lambda role: role is None or role in roles or (role == UMBRELLA and leaders)


def _placed(units: list[Unit], doc: Document, facts: Facts, own: str) -> list[Unit]:
    """Units with the level of their actor. The document's own level (and an actor with
    no level) counts as ``own``: a reference's own actors stand for the draft's."""

    def level(u: Unit) -> str:
        at = _level(facts, u) if u.role else "unknown"
        return own if at in ("unknown", doc.level) else at

    paths = {c.clause_id: c.path for c in doc.clauses}
    return [replace(u, level=level(u), path=paths.get(u.clause_id, ())) for u in units]


def _same_level(r: Unit, d: Unit) -> bool:
    return r.level == d.level or "unknown" in (r.level, d.level)


def _label(doc: Document, clause_id: str | None) -> str:
    if clause_id is None:
        return ""
    try:
        return " ".join(doc.clause(clause_id).path)
    except KeyError:
        return clause_id


def _times(n: float | None) -> str:
    return "未规定次数" if n is None else f"每年{n:g}次"


def _finding(kind: str, r: Unit, d: Unit | None, detail: str) -> dict:
    return {
        "kind": kind,
        "role": r.role,
        "draft_clause_id": d.clause_id if d else None,
        "draft_label": _label(d.doc, d.clause_id) if d else None,
        "draft_text": d.quote if d else None,
        "reference_doc_id": r.doc.doc_id,
        "reference_doc_title": r.doc.title,
        "reference_clause_id": r.clause_id,
        "reference_label": _label(r.doc, r.clause_id),
        "reference_text": r.quote,
        "detail": detail,
        "_order": r.start,
    }


def _duty_findings(refs: list[Unit], drafts: list[Unit]) -> Iterable[dict]:
    matched = _pairs(refs, drafts, _duty_score, DUTY_MATCH)
    seen: dict[tuple[str, str | None], dict] = {}
    for i, r in enumerate(refs):
        if i in matched:
            continue
        key = (r.clause_id, r.role)
        if key in seen:  # one finding per clause and role, quoting every dropped part
            seen[key]["reference_text"] += r.quote
            continue
        detail = f"草案未规定{r.role}“{r.activity}”（{r.category}）"
        seen[key] = _finding("missing_duty", r, None, detail)
    return seen.values()


def _frequency_findings(refs: list[Unit], drafts: list[Unit]) -> Iterable[dict]:
    for i, j in _pairs(refs, drafts, _freq_score, FREQ_MATCH).items():
        r, d = refs[i], drafts[j]
        if d.per_year == r.per_year:
            continue
        kind = "stronger_frequency" if (d.per_year or 0) > (r.per_year or 0) else "weaker_frequency"
        said = f"“{d.said}”" if d.said else ""
        detail = (
            f"{r.role}{r.activity}：参照文件“{r.said}”（{_times(r.per_year)}），"
            f"草案{said}（{_times(d.per_year)}），{'高于' if kind[0] == 's' else '低于'}参照文件"
        )
        yield _finding(kind, r, d, detail)


def _sanction_findings(refs: list[Unit], drafts: list[Unit]) -> Iterable[dict]:
    matched = _pairs(refs, drafts, _sanction_score, SANCTION_MATCH)
    for i, r in enumerate(refs):
        d = drafts[matched[i]] if i in matched else None
        kept = set(d.types) if d else set()
        dropped = [t for t in r.types if t not in kept]
        if d is not None:
            ref_t, draft_t = _thresholds(r.said), _thresholds(d.said)
            if ref_t != draft_t:
                detail = (
                    f"追责条件不同：参照文件为“{'、'.join(ref_t) or '无'}”，"
                    f"草案为“{'、'.join(draft_t) or '无'}”"
                )
                yield _finding("conflict", r, d, detail)
        if dropped:
            instead = f"，草案规定为{'、'.join(d.types)}" if d else "，草案未规定此追责情形"
            detail = f"对“{r.said}”，参照文件规定{'、'.join(dropped)}{instead}"
            yield _finding("missing_sanction", r, d, detail)


def finding_order(f: dict) -> tuple:
    return (f["reference_doc_id"], f.get("_order", 0), KINDS.index(f["kind"]))


def check(draft: tuple[Document, Facts], references: Sequence[tuple[Document, Facts]]) -> dict:
    """``{"findings": [...]}`` (cli.md ``check``): where the draft departs from each reference."""
    ddoc, dfacts = draft
    covered, own = _covered(dfacts), ddoc.level
    d_duties = _placed(duty_units(ddoc, dfacts), ddoc, dfacts, own)
    d_freqs = _placed(frequency_units(ddoc, dfacts), ddoc, dfacts, own)
    d_sanctions = _placed(sanction_units(ddoc, dfacts), ddoc, dfacts, own)
    levels = {(u.role, u.level) for u in d_duties} | {(u.role, own) for u in d_duties}
    findings: list[dict] = []
    for rdoc, rfacts in references:

        def wanted(u: Unit) -> bool:
            """Its role is the draft's, at a level the draft writes for (a lower level's
            actor named in the reference binds only a draft that names it too)."""
            return covered(u.role) and (
                u.role is None
                or (u.role, u.level) in levels
                or u.level in ("unknown", own)
                or u.role == UMBRELLA
            )

        def units(make: Callable, ref: Document = rdoc, facts: Facts = rfacts) -> list[Unit]:
            return [u for u in _placed(make(ref, facts), ref, facts, own) if wanted(u)]

        duties = [u for u in units(duty_units) if u.category != "其他"]
        freqs = [u for u in units(frequency_units) if u.per_year is not None]
        sanctions = units(sanction_units)
        found = [
            *_duty_findings(duties, d_duties),
            *_frequency_findings(freqs, d_freqs),
            *_sanction_findings(sanctions, d_sanctions),
        ]
        findings.extend(sorted(found, key=finding_order))
    for f in findings:
        f.pop("_order", None)
    return {"findings": findings}
