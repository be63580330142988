"""失职后果: the sanctions that answer for a duty not done, nearest first.

A duty clause rarely holds its sanction; the 问责 part of its document does
(王益区 第五章 第二十四条: 履行第二章职责不到位的…通报、诫勉…处分), and the documents
above it add their own (国务院302号令 on 地方人民政府). For a duty, in this order:

1. ``clause``: sanctions in its own clause that name no one, its actor's roles
   (``ingest.domain.posts.accountable_roles``) or a body that imposes them;
2. ``document``: sanctions in its document that answer a failure (inside an
   accountability part: a heading or opening phrase with 问责, 责任追究, 奖惩, 法律责任…;
   or a clause speaking of one: 不到位, 考核不合格, 发生…事故) that name its actor's
   roles, no one, or a body that imposes them (纪检监察机关);
3. ``chain``: the same from the documents above it that bind the same place, nearest
   first, naming its actor's roles and not a level the duty is not at.

Reliefs (从轻减轻, 免责) and penalties on enterprises (停产停业整顿, 黑名单…) are never
a leader's consequence (``ingest.domain.posts.falls_on_leaders``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import cast

from graph.query.records import Consequence
from graph.query.sparql import Select, clause_path, concept_labels, fetch
from ingest.domain.levels import Level
from ingest.domain.posts import accountable_roles, falls_on_leaders, imposes_accountability, reaches
from ingest.extract.roles import level_of
from ingest.ids import format_clause_id, parse_clause_id

__all__ = ["Asked", "DocRef", "consequences"]

# A heading or opening phrase that makes a part of a document its accountability part:
# 第五章 责任追究, 四、严肃追究领导责任…, （四）严格奖惩，落实责任, 第六章 法律责任.
_ACCOUNTABILITY = re.compile(r"问责|追责|追究|奖惩|法律责任|罚则|惩戒|处分")
# Words of a clause or trigger that make a sanction answer a failure (考核不合格的…不得评为优秀),
# not a system to set up (制定通报约谈制度).
_FAILING = re.compile(
    r"不合格|不到位|不力|失职|渎职|玩忽职守|未履行|不履行|未按照?规定|未依照|违反|"
    r"负有(?:领导)?责任|发生[^，。；]{0,12}事故"
)
# How much of a clause's own text counts as its opening phrase (（四）严格奖惩，…).
_OPENING = 16
# At most this many clauses of consequences from each document above, and in all.
CHAIN_PER_DOC = 3
CHAIN_TOTAL = 6


@dataclass(frozen=True, slots=True)
class Asked:
    """A duty whose consequences are asked: where it is, who it names, at which level."""

    doc_id: str
    clause_id: str
    actor: str
    level: Level


@dataclass(frozen=True, slots=True)
class DocRef:
    """A document consequences may come from: its IRI and title."""

    iri: str
    title: str


@dataclass(frozen=True, slots=True)
class _Sanction:
    doc_id: str
    clause_id: str
    role: str | None
    found: Consequence
    accountability: bool  # inside an accountability part of its document
    failing: bool  # its clause or trigger speaks of a failure (不到位, 考核不合格, 发生…事故)


def _ancestors(clause_id: str) -> list[str]:
    """The clause and the clauses above it (chp_5__art_24__para_2 -> chp_5, chp_5__art_24…)."""
    steps = parse_clause_id(clause_id)
    return [format_clause_id(steps[:n]) for n in range(1, len(steps) + 1)]


def _opening(text: str) -> str:
    return re.split(r"[。；，]", text, maxsplit=1)[0][:_OPENING]


def _sanctions(select: Select, docs: Mapping[str, DocRef]) -> dict[str, list[_Sanction]]:
    """doc_id -> its sanctions, each marked when it sits in an accountability part."""
    by_iri = {ref.iri: doc_id for doc_id, ref in docs.items()}
    rows = fetch(select, "doc_sanctions", by_iri)
    roles = {r["s"]: r["role"] for r in fetch(select, "sanction_role", (r["s"] for r in rows))}
    labels = concept_labels(select, [*(r["t"] for r in rows), *roles.values()])
    headings: dict[str, dict[str, str]] = defaultdict(dict)
    for r in fetch(select, "headings", by_iri):
        headings[by_iri[r["doc"]]][r["clauseId"]] = r["h"]
    out: dict[str, list[_Sanction]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (r["doc"], r["clauseId"], r["s"])):
        doc_id = by_iri[r["doc"]]
        heads = [headings[doc_id].get(c, "") for c in _ancestors(r["clauseId"])]
        part = bool(_ACCOUNTABILITY.search(" ".join(heads) + " " + _opening(r["ctext"])))
        role = labels.get(roles[r["s"]]) if r["s"] in roles else None
        found = Consequence(
            doc_id=doc_id,
            clause_id=r["clauseId"],
            text=r["text"],
            type=labels.get(r["t"], ""),
            trigger=r["trigger"],
            path=clause_path(r["path"]),
            doc_title=docs[doc_id].title,
            clause_text=r["ctext"],
        )
        failing = bool(_FAILING.search(r["ctext"] + r["trigger"]))
        out[doc_id].append(_Sanction(doc_id, r["clauseId"], role, found, part, failing))
    return out


def _named(s: _Sanction, roles: frozenset[str]) -> bool:
    return s.role is not None and s.role in roles


def _anyone(s: _Sanction) -> bool:
    return s.role is None or imposes_accountability(s.role)


def _at_level(s: _Sanction, level: Level) -> bool:
    """A sanction whose trigger names a level (市、县人民政府…) reaches only that level (or
    the range it names); one naming none reaches every level."""
    named = level_of(s.found.trigger, "")
    return not named or reaches(s.found.trigger, cast(Level, named), level)


def _pick(sanctions: Iterable[_Sanction], scope: str) -> list[Consequence]:
    """Each (clause, type) once, in document order, marked with its scope."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for s in sanctions:
        key = (s.doc_id, s.clause_id, s.found.type)
        if key not in seen and falls_on_leaders(s.found.type):
            seen.add(key)
            out.append(replace(s.found, scope=scope))
    return out


def consequences(
    select: Select,
    asked: Iterable[Asked],
    docs: Mapping[str, DocRef],
    chains: Mapping[str, Sequence[str]],
) -> dict[Asked, tuple[Consequence, ...]]:
    """The consequences of each asked duty: its clause's, its document's, then those of
    the documents in ``chains[doc_id]`` (the documents above it, nearest first)."""
    asked = list(dict.fromkeys(asked))
    wanted = {a.doc_id for a in asked} | {d for a in asked for d in chains.get(a.doc_id, ())}
    found = _sanctions(select, {d: docs[d] for d in wanted if d in docs})
    out: dict[Asked, tuple[Consequence, ...]] = {}
    for a in asked:
        roles = accountable_roles(a.actor)
        own = found.get(a.doc_id, [])
        in_clause = [
            s for s in own if s.clause_id == a.clause_id and (_anyone(s) or _named(s, roles))
        ]
        in_doc = [
            s
            for s in own
            if s.clause_id != a.clause_id
            and (s.accountability or s.failing)
            and (_named(s, roles) or _anyone(s))
        ]
        above: list[Consequence] = []
        for doc_id in chains.get(a.doc_id, ()):
            if doc_id == a.doc_id:
                continue
            hits = [
                s
                for s in found.get(doc_id, [])
                if _named(s, roles) and (s.accountability or s.failing) and _at_level(s, a.level)
            ]
            picked = _pick(hits, "chain")
            clauses = list(dict.fromkeys(c.clause_id for c in picked))[:CHAIN_PER_DOC]
            above += [c for c in picked if c.clause_id in clauses]
        kept = list(dict.fromkeys(c.clause_id + c.doc_id for c in above))[:CHAIN_TOTAL]
        above = [c for c in above if c.clause_id + c.doc_id in kept]
        out[a] = (*_pick(in_clause, "clause"), *_pick(in_doc, "document"), *above)
    return out
