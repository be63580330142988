"""``compare``: one role's duties lined up across levels, with what differs in words.

A row is one duty group of ``graph.rdf.links`` (one duty seen across documents);
its cells hold, per level, the clauses stating it, their frequency and the region
of their document; the finding names a level that lacks the duty, a lower or
higher frequency, a level without a number, or different sanctions, and is empty
when all agree. Only binding texts fill cells (a 解读 page is no duty clause).

Levels form a hierarchy only within one chain of regions: with a place, the
documents binding it (``graph.query.binding``); without one, when every
document's region lies on one chain. Otherwise the comparison is 对标 between
peers: each column names its regions and the finding says who asks more, never
that one level is "higher" than an unrelated other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from graph.query.binding import binding_place, catalogue
from graph.query.comparison import CompareCell, CompareRow, Comparison, OrganCount
from graph.query.differences import count_text, finding
from graph.query.sparql import (
    Select,
    clause_path,
    concept_labels,
    describe,
    doc_filters,
    fetch,
    iri_tail,
    number,
    sanctions_for,
)
from graph.rdf import iris
from ingest.domain.gazetteer import Place
from ingest.domain.levels import Level, level_name, rank
from ingest.domain.places import region_chain
from ingest.domain.similarity import ALIGN_THRESHOLD, similarity
from ingest.extract.duties import completed
from ingest.extract.roles import organ_of
from ingest.ids import path_text

__all__ = ["compare"]

_FIND_GROUPS = """SELECT DISTINCT ?group ?duty WHERE {{
  ?group dg:role <{role}> ; a dg:DutyGroup ; dg:member ?duty .
  ?duty dg:inClause ?clause . ?clause dg:inDocument ?doc .
  ?doc dg:status ?status . FILTER(?status != "interpretation") {filters} }}"""


@dataclass(frozen=True, slots=True)
class _Counted:
    """A counted duty of an organ, to set beside its post's unnumbered one."""

    category: str
    activity: str
    count: OrganCount


def _organ_counts(select: Select, role: str, docs: Sequence[str] | None) -> list[_Counted]:
    """Counted duties of the organ a post belongs to (党委 for 党委主要负责人).

    000 第十六条 sets how often 区委 meets; 第八条 has its secretary preside without a
    number. The organ's count is not the post's, but a drafter wants to see it.
    """
    organ = organ_of(role)
    if organ is None or organ == role or not role.startswith(organ):
        return []
    q = _FIND_GROUPS.format(role=iris.concept("role", organ), filters=doc_filters(None, None, docs))
    members = select(iris.PREFIXES + q)
    groups = {r["group"]: r for r in fetch(select, "group", (r["group"] for r in members))}
    found = describe(select, (r["duty"] for r in members))
    out = []
    for m in members:
        d, g = found.get(m["duty"]), groups.get(m["group"])
        per_year = number(d.get("perYear")) if d else None
        if d is None or g is None or per_year is None:
            continue
        count = OrganCount(
            level=cast(Level, iri_tail(d["level"])),
            role=organ,
            per_year=per_year,
            doc_id=d["docId"],
            clause_id=d["clauseId"],
            path=clause_path(d["path"]),
        )
        out.append(_Counted(d["category"], g["gActivity"], count))
    return out


def _organ_note(row: _Group, counts: list[_Counted]) -> tuple[tuple[OrganCount, ...], str]:
    """For each level of the row without a number, the organ's count of the same duty."""
    notes: dict[Level, OrganCount] = {}
    for c in counts:
        lv = c.count.level
        if (
            lv in row.cells
            and all(x.per_year is None for x in row.cells[lv].values())
            and c.category == row.category
            and similarity(c.activity, row.activity) >= ALIGN_THRESHOLD
            and (lv not in notes or c.count.per_year > notes[lv].per_year)
        ):
            notes[lv] = c.count
    ordered = sorted(notes.values(), key=lambda n: rank(n.level))
    text = "，".join(
        f"{level_name(n.level)}{n.role}本身每年{count_text(n.per_year)}次（{path_text(n.path)}）"
        for n in ordered
    )
    return tuple(ordered), text


@dataclass
class _Group:
    """A duty group while its cells are gathered: one cell per clause and level."""

    category: str
    activity: str
    cells: dict[Level, dict[tuple[str, str], CompareCell]] = field(default_factory=dict)
    order: dict[tuple[str, str], int] = field(default_factory=dict)
    sanctions: dict[Level, set[str]] = field(default_factory=dict)

    def add(self, cell: CompareCell, order: int) -> None:
        """One cell per clause: several duties of the role in one clause count once,
        with the highest frequency any of them states."""
        cells = self.cells.setdefault(cell.level, {})
        key = (cell.doc_id, cell.clause_id)
        old = cells.get(key)
        if old is None or (cell.per_year or -1) > (old.per_year or -1):
            cells[key] = cell
        self.order[key] = order

    def sorted_cells(self, levels: Sequence[Level]) -> dict[Level, tuple[CompareCell, ...]]:
        return {
            lv: tuple(
                sorted(
                    self.cells[lv].values(),
                    key=lambda c: (c.doc_id, self.order[(c.doc_id, c.clause_id)]),
                )
            )
            for lv in levels
            if lv in self.cells
        }

    def aligned(self) -> bool:
        """A row worth comparing: a duty of a named category, or one seen in two documents.

        A 其他 duty stated by one document only lines nothing up (a status phrase, a
        one-off); it stays in ``duties`` but not in the comparison.
        """
        if self.category != "其他":
            return True
        return len({doc for cs in self.cells.values() for doc, _ in cs}) > 1


def _one_chain(regions: set[str | None]) -> bool:
    """Whether the documents' regions lie on one chain (王益区 and 铜川市 do; 王益区 and
    大栗港镇 do not; a document without a region may lie anywhere)."""
    if None in regions:
        return len(regions) == 1
    named = {r for r in regions if r}
    return any(named <= set(region_chain([r])) for r in named)


def _columns(
    levels: Sequence[Level], rows: Sequence[CompareRow], national: set[str]
) -> dict[Level, str]:
    """Each column's name with the regions its cells come from: 县级（王益区）."""
    out: dict[Level, str] = {}
    for lv in levels:
        regions = dict.fromkeys(
            c.region or ("全国" if c.doc_id in national else "未注明地区")
            for r in rows
            for c in r.cells.get(lv, ())
        )
        out[lv] = f"{level_name(lv)}（{'、'.join(regions)}）" if regions else level_name(lv)
    return out


def compare(
    select: Select,
    role: str,
    docs: Sequence[str] | None = None,
    keep_all: bool = False,
    place: Place | None = None,
) -> Comparison:
    """The role's duty groups lined up across levels; unaligned 其他 rows are left out
    unless ``keep_all``. With ``place`` only the documents binding it (one chain of
    levels); without, a comparison across unrelated regions is 对标 of peers. A row whose
    level states the post's duty without a number may carry ``organ``: the organ's count."""
    if place is not None:
        bound = [b.doc_id for b in binding_place(select, place.name, place.within)]
        docs = [d for d in bound if not docs or d in docs] or ["-"]
    q = _FIND_GROUPS.format(role=iris.concept("role", role), filters=doc_filters(None, None, docs))
    members = select(iris.PREFIXES + q)
    found = describe(select, (r["duty"] for r in members))
    group_rows = {r["group"]: r for r in fetch(select, "group", (r["group"] for r in members))}
    labels = concept_labels(select, (r["cat"] for r in group_rows.values()))
    in_clause = sanctions_for(select, role, {d["clause"] for d in found.values()}, ())["clause"]
    doc_levels = {d["docId"]: iri_tail(d["level"]) for d in found.values()}
    groups: dict[str, _Group] = {}
    for m in members:
        d, info = found.get(m["duty"]), group_rows.get(m["group"])
        if d is None or info is None:
            continue
        g = groups.setdefault(m["group"], _Group(labels.get(info["cat"], ""), info["gActivity"]))
        lvl = cast(Level, iri_tail(d["level"]))  # the duty's own level: 镇党委 in a county text
        cell = CompareCell(
            doc_id=d["docId"],
            level=lvl,
            clause_id=d["clauseId"],
            path=clause_path(d["path"]),
            text=completed(d["dutyText"], d["text"]) or d["text"],
            per_year=number(d.get("perYear")),
            period=d.get("period"),
            min_count=number(d.get("minCount")),
            region=d["region"],
            doc_title=d["title"],
        )
        g.add(cell, int(d["order"]))
        for _, s in in_clause.get(d["clause"], []):
            g.sanctions.setdefault(lvl, set()).add(s.type)
    kept = [g for g in groups.values() if keep_all or g.aligned()]
    # the columns are the levels of the rows shown, so a dropped row adds no "未规定"
    levels = tuple(sorted({lv for g in kept for lv in g.cells}, key=rank))
    shown = {c.doc_id for g in kept for cs in g.cells.values() for c in cs.values()}
    regions = {d: doc.region for d, doc in catalogue(select).items()}
    national = {d for d in shown if doc_levels.get(d) == "national"}
    peers = place is None and not _one_chain({regions.get(d) for d in shown - national})
    draft = [CompareRow(g.category, g.activity, g.sorted_cells(levels)) for g in kept]
    columns = _columns(levels, draft, national)
    counts = _organ_counts(select, role, docs)
    rows = []
    for g, row in zip(kept, draft, strict=True):
        said = finding(levels, row.cells, g.sanctions, columns, peers)
        organ, note = _organ_note(g, counts)
        if note:
            said = "；".join(x for x in (said, f"参照：{note}") if x)
        rows.append(CompareRow(g.category, g.activity, row.cells, said, organ))
    rows.sort(key=lambda r: (-len(r.cells), r.category, r.activity))
    if place is not None:
        note = f"同一行政链：约束{place.describe()}的文件，各层级自上而下排列"
    elif peers:
        note = (
            "对标：以下文件来自互不隶属的地区，只能并列比较，不构成上下级关系；"
            "选择所在地可看同一行政链"
        )
    else:
        note = "同一行政链：各文件所在地区互为上下级"
    return Comparison(
        role, levels, tuple(rows), "peers" if peers else "chain", place, columns, note
    )
