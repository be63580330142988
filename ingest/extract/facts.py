"""Extraction: roles, duties, frequencies, deadlines and sanctions of a document.

Clauses are read in document order, so a clause's lead-in is read before its
items: the actors a clause hands down (its lead-in's, else its own, else its
parent's) are the actors of items that name none. Every fact is attached to its
clause and carries a span into ``Document.text``; in a table row, whose text is
rendered from cells, the span is the whole row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.domain.places import is_municipality
from ingest.extract.activity_context import activity_name, freq_activity, segment
from ingest.extract.actors import Actor, Part, cells, parts_of, resolve, row_actors
from ingest.extract.duties import (
    Activity,
    classify,
    is_lead_in,
    is_obligation,
    is_report,
    is_violation_list,
    lead_in_duty,
    short_phrase,
    strip_label,
)
from ingest.extract.frequency import FreqMatch, find_deadlines, find_frequencies
from ingest.extract.roles import find_mentions, level_of, with_modifiers
from ingest.extract.sanctions import find_sanctions
from ingest.records import Clause, Deadline, Document, Duty, Facts, Frequency, Role, Sanction

__all__ = ["extract_facts"]

_ITEM_KINDS = ("item", "subitem", "table_row")


@dataclass(slots=True)
class _Sink:
    roles: list[Role] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    freqs: list[Frequency] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Ctx:
    """One clause being read: its text, where it sits, and its parts."""

    clause: Clause
    doc: Document
    base: int
    verbatim: bool  # the clause text is a slice of Document.text
    parts: list[Part]

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not self.verbatim:
            return self.clause.start, self.clause.end
        return self.base + start, self.base + end

    def part_at(self, pos: int) -> Part | None:
        return next((p for p in self.parts if p.start <= pos < p.end), None)


def _base(doc: Document, clause: Clause) -> tuple[int, bool]:
    if doc.text[clause.start : clause.start + len(clause.text)] == clause.text:
        return clause.start, True
    found = doc.text.find(clause.text, max(0, clause.start - 50))
    return (found, True) if found >= 0 else (clause.start, False)


def _municipal(doc: Document, level: str) -> str:
    """In a 直辖市's documents (北京市 and its districts) 市 names the province level."""
    chain = (doc.region, *doc.regions)
    return "province" if level == "city" and any(map(is_municipality, chain)) else level


def extract_facts(doc: Document) -> Facts:
    """All roles, duties, frequencies, deadlines and sanctions of a document."""
    out = _Sink()
    handed: dict[str, tuple[Actor, ...]] = {}
    texts = {c.clause_id: c.text for c in doc.clauses}
    for c in doc.clauses:
        wrongs = is_violation_list(texts.get(c.parent_id or "", ""))
        handed[c.clause_id] = _clause(doc, c, handed.get(c.parent_id or "", ()), out, wrongs)
    return Facts(
        doc.doc_id,
        tuple(out.roles),
        tuple(out.duties),
        tuple(out.freqs),
        tuple(out.deadlines),
        tuple(out.sanctions),
    )


def _clause(
    doc: Document, clause: Clause, inherited: tuple[Actor, ...], out: _Sink, wrongs: bool
) -> tuple[Actor, ...]:
    """Extract one clause into ``out``; return the actors it hands to its children."""
    text, cid = clause.text, clause.clause_id
    base, verbatim = _base(doc, clause)
    mentions = resolve(find_mentions(text), inherited)
    if clause.kind == "table_row":
        row = row_actors(text, mentions, clause.start, doc.level) or inherited
        parts = [Part(0, len(text), row, row is not inherited)]
    else:
        parts = parts_of(text, mentions, base, doc.level, inherited)
    ctx = _Ctx(clause, doc, base, verbatim, parts)
    for m in mentions:
        s, e = ctx.span(m.start, m.end)
        # the mention's own level word first (区委), else its modifiers' (设区的市人民政府)
        own = level_of(m.text, "")
        lvl = own or level_of(with_modifiers(text, m.start, m.end), doc.level)
        lvl = _municipal(doc, lvl)
        out.roles.append(Role(cid, m.text, m.role or "", lvl, s, e))
    named = [p for p in parts if p.own]
    if not named:
        for a in inherited:
            lvl = _municipal(doc, a.level)
            out.roles.append(Role(cid, a.text, a.role, lvl, a.start, a.end, inherited=True))
    freqs = find_frequencies(text)
    in_list = clause.kind == "table_row" or (clause.kind in _ITEM_KINDS and bool(inherited))
    if not wrongs:  # an item of 有下列情形之一的： is a wrongdoing, not a duty
        _duties(ctx, freqs, in_list, out)
    _frequencies(ctx, freqs, inherited, out)
    _deadlines(ctx, inherited, out)
    _sanctions(ctx, mentions, out)
    lead = [p for p in parts if p.actors and is_lead_in(text[p.start : p.end])]
    if lead:
        return lead[-1].actors
    return named[0].actors if named else inherited


def _duty_spans(ctx: _Ctx) -> list[tuple[Part, int, int]]:
    """The duty text of each part; in a table row, the task cell when there is one."""
    text = ctx.clause.text
    if ctx.clause.kind == "table_row":
        task = [
            (s, e)
            for key, s, e in cells(text)
            if any(w in key for w in ("任务", "内容", "事项", "范围"))
        ]
        s, e = task[0] if task else (0, len(text))
        return [(ctx.parts[0], s, e)]
    return [(p, p.start, p.end) for p in ctx.parts]


def _duties(ctx: _Ctx, freqs: list[FreqMatch], in_list: bool, out: _Sink) -> None:
    """A duty per part; a part with several counted frequencies gives one duty per frequency
    (每半年…召开1次党委常委会…，每季度至少1次带队开展督导检查), the first keeping the rest
    of the part's words."""
    text = ctx.clause.text
    prev = None
    for part, start, end in _duty_spans(ctx):
        words = text[start:end]
        if is_lead_in(words):
            words = lead_in_duty(words)
            end = start + len(words)
        label = strip_label(words)
        start, words = start + len(words) - len(label), label
        if not part.actors or not words.strip() or not (in_list or is_obligation(words)):
            continue
        if is_report(words):  # 增加了“各级党委主要负责人为…”: a report about a rule
            continue
        counted = [f for f in freqs if start <= f.start < end and f.per_year]
        if not counted:
            act = classify(words)
            prev = act or prev
            _add_duty(ctx, out, part, (start, end), act, None)
            continue
        later = [segment(text, f, start, end) for f in counted[1:]]
        first = words
        for s, e in later:
            first = first.replace(text[s:e], "")
        spans, texts = [(start, end), *later], [first, *[None] * len(later)]
        for f, (s, e), own in zip(counted, spans, texts, strict=True):
            # 其他班子成员每月不少于两次: no words of its own, the activity of the part before
            act = freq_activity(text, ctx.parts, part, f) or prev
            prev = act or prev
            _add_duty(ctx, out, part, (s, e), act, f, own)


def _add_duty(
    ctx: _Ctx,
    out: _Sink,
    part: Part,
    span: tuple[int, int],
    act: Activity | None,
    f: FreqMatch | None,
    words: str | None = None,
) -> None:
    words = (ctx.clause.text[span[0] : span[1]] if words is None else words).strip()
    s, e = ctx.span(*span)
    for a in part.actors:
        out.duties.append(
            Duty(
                ctx.clause.clause_id,
                words,
                a.role,
                act.category if act else "其他",
                act.name if act else short_phrase(words),
                s,
                e,
                f.per_year if f else None,
                f.period if f else None,
                _municipal(ctx.doc, a.level or ctx.doc.level),
            )
        )


def _frequencies(
    ctx: _Ctx, freqs: list[FreqMatch], inherited: tuple[Actor, ...], out: _Sink
) -> None:
    text = ctx.clause.text
    for f in freqs:
        part = ctx.part_at(f.start)
        actors = part.actors if part else inherited
        found = freq_activity(text, ctx.parts, part, f) if f.per_year else None
        act = found.name if found else activity_name(text, ctx.parts, part, f.body)
        s, e = ctx.span(f.start, f.end)
        for a in actors or (None,):
            role = a.role if a else None
            out.freqs.append(
                Frequency(
                    ctx.clause.clause_id, f.text, f.period, f.min_count, f.per_year, act, role, s, e
                )
            )


def _deadlines(ctx: _Ctx, inherited: tuple[Actor, ...], out: _Sink) -> None:
    for d in find_deadlines(ctx.clause.text):
        part = ctx.part_at(d.start)
        actors = part.actors if part else inherited
        s, e = ctx.span(d.start, d.end)
        out.deadlines.append(
            Deadline(
                ctx.clause.clause_id,
                d.text,
                d.kind,
                d.period,
                d.month,
                d.day,
                d.year,
                activity_name(ctx.clause.text, ctx.parts, part, ""),
                actors[0].role if actors else None,
                s,
                e,
            )
        )


def _sanctions(ctx: _Ctx, mentions: list, out: _Sink) -> None:
    for m in find_sanctions(ctx.clause.text):
        target = next((r.role for r in mentions if r.start < m.start and r.text in m.trigger), None)
        part = ctx.part_at(m.start)
        if target is None and part and part.actors:
            target = part.actors[0].role
        s, e = ctx.span(m.start, m.end)
        out.sanctions.append(
            Sanction(ctx.clause.clause_id, m.text, m.type, m.trigger, target, s, e)
        )
