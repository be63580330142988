"""``compare``: one role's duties lined up across levels, with what differs in words.

A row is one duty group of ``graph.rdf.links`` (one duty seen across documents);
its cells hold, per level, the clauses stating it and their frequency; the
finding names a level that lacks the duty, a lower or higher frequency, a
level without a number, or different sanctions, and is empty when all agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.query.sparql import (
    Select,
    concept_labels,
    describe,
    doc_filters,
    fetch,
    iri_tail,
    number,
    sanctions_for,
)
from graph.rdf import iris
from ingest.domain.levels import level_name, rank
from ingest.domain.similarity import ALIGN_THRESHOLD, similarity
from ingest.extract.roles import organ_of

__all__ = ["compare", "finding"]

_FIND_GROUPS = """SELECT DISTINCT ?group ?duty WHERE {{
  ?group dg:role <{role}> ; a dg:DutyGroup ; dg:member ?duty .
  ?duty dg:inClause ?clause . ?clause dg:inDocument ?doc . {filters} }}"""


def finding(levels: Sequence[str], cells: dict[str, list[dict]], sanctions: dict) -> str:
    """What differs across levels, in Chinese words; empty when the levels agree.

    Missing levels, then frequencies (each level against the highest level that
    states one), then levels without a number, then differing sanction types.
    """
    parts = []
    missing = [level_name(lv) for lv in levels if lv not in cells]
    if missing:
        parts.append("、".join(missing) + "未规定此项职责")
    freq = {
        lv: max(c["per_year"] for c in cs if c["per_year"] is not None)
        for lv, cs in cells.items()
        if any(c["per_year"] is not None for c in cs)
    }
    ordered = [lv for lv in levels if lv in freq]
    if len(set(freq.values())) > 1:
        ref = ordered[0]
        said = "，".join(f"{level_name(lv)}每年{_fmt(freq[lv])}次" for lv in ordered)
        cmp = [
            f"{level_name(lv)}{'高于' if freq[lv] > freq[ref] else '低于'}{level_name(ref)}"
            for lv in ordered[1:]
            if freq[lv] != freq[ref]
        ]
        parts.append(f"频次不同：{said}（{'，'.join(cmp)}）")
    if freq:
        unnumbered = [level_name(lv) for lv in levels if lv in cells and lv not in freq]
        if unnumbered:
            parts.append("、".join(unnumbered) + "未规定频次")
    # sanctions sit in the duty's own clause only sometimes (often in a later 问责
    # chapter), so only levels that state some are compared: no "无" from absence
    present = {lv: sanctions[lv] for lv in levels if lv in cells and sanctions.get(lv)}
    if len(set(map(frozenset, present.values()))) > 1:
        said = "，".join(f"{level_name(lv)}（{'、'.join(sorted(s))}）" for lv, s in present.items())
        parts.append(f"问责不同：{said}")
    return "；".join(parts)


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _organ_counts(select: Select, role: str, docs: Sequence[str] | None) -> list[dict]:
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
        if d is None or g is None or d.get("perYear") is None:
            continue
        out.append(
            {
                "role": organ,
                "category": d["category"],
                "activity": g["gActivity"],
                "level": iri_tail(d["level"]),
                "per_year": number(d["perYear"]),
                "doc_id": d["docId"],
                "clause_id": d["clauseId"],
            }
        )
    return out


def _organ_note(row: dict, counts: list[dict]) -> tuple[dict, str]:
    """For each level of the row without a number, the organ's count of the same duty."""
    notes: dict[str, dict] = {}
    for c in counts:
        lv = c["level"]
        if (
            lv in row["cells"]
            and all(x["per_year"] is None for x in row["cells"][lv])
            and c["category"] == row["category"]
            and similarity(c["activity"], row["activity"]) >= ALIGN_THRESHOLD
            and c["per_year"] > notes.get(lv, {}).get("per_year", -1)
        ):
            notes[lv] = {k: c[k] for k in ("role", "per_year", "doc_id", "clause_id")}
    text = "，".join(
        f"{level_name(lv)}{n['role']}本身每年{_fmt(n['per_year'])}次（{n['clause_id']}）"
        for lv, n in sorted(notes.items(), key=lambda kv: rank(kv[0]))
    )
    return notes, text


def _aligned(row: dict) -> bool:
    """A row worth comparing: a duty of a named category, or one seen in two documents.

    A 其他 duty stated by one document only lines nothing up (a status phrase, a
    one-off); it stays in ``duties`` but not in the comparison.
    """
    if row["category"] != "其他":
        return True
    return len({c["doc_id"] for cs in row["cells"].values() for c in cs}) > 1


def compare(
    select: Select, role: str, docs: Sequence[str] | None = None, keep_all: bool = False
) -> dict:
    """``{"role", "levels", "rows": [{"category", "activity", "cells", "finding"}]}``;
    unaligned 其他 rows are left out unless ``keep_all``. A row whose level states the
    post's duty without a number may carry ``organ``: the organ's own count there."""
    q = _FIND_GROUPS.format(role=iris.concept("role", role), filters=doc_filters(None, None, docs))
    members = select(iris.PREFIXES + q)
    found = describe(select, (r["duty"] for r in members))
    group_rows = {r["group"]: r for r in fetch(select, "group", (r["group"] for r in members))}
    labels = concept_labels(select, (r["cat"] for r in group_rows.values()))
    in_clause = sanctions_for(select, role, {d["clause"] for d in found.values()}, ())["clause"]
    groups: dict[str, dict] = {}
    for m in members:
        d, info = found.get(m["duty"]), group_rows.get(m["group"])
        if d is None or info is None:
            continue
        g = groups.setdefault(
            m["group"],
            {
                "category": labels.get(info["cat"], ""),
                "activity": info["gActivity"],
                "cells": {},
                "sanctions": {},
            },
        )
        lvl = iri_tail(d["level"])  # the duty's own level: 镇党委 in a county text is township
        cell = {
            "doc_id": d["docId"],
            "level": lvl,
            "clause_id": d["clauseId"],
            "text": d["text"],
            "per_year": number(d.get("perYear")),
            "_order": int(d["order"]),
        }
        # one cell per clause: several duties of the role in one clause count once,
        # with the highest frequency any of them states
        cells = g["cells"].setdefault(lvl, {})
        key = (cell["doc_id"], cell["clause_id"])
        old = cells.get(key)
        if old is None or (cell["per_year"] or -1) > (old["per_year"] or -1):
            cells[key] = cell
        for s in in_clause.get(d["clause"], []):
            g["sanctions"].setdefault(lvl, set()).add(s["type"])
    rows = []
    for g in groups.values():
        cells = {
            lv: [
                {k: v for k, v in c.items() if k != "_order"}
                for c in sorted(cs.values(), key=lambda c: (c["doc_id"], c["_order"]))
            ]
            for lv, cs in g["cells"].items()
        }
        row = {"category": g["category"], "activity": g["activity"], "cells": cells}
        if keep_all or _aligned(row):
            rows.append((row, g["sanctions"]))
    # the columns are the levels of the rows shown, so a dropped row adds no "未规定"
    levels = sorted({lv for r, _ in rows for lv in r["cells"]}, key=rank)
    counts = _organ_counts(select, role, docs)
    out = []
    for row, sanctions in rows:
        cells = {lv: row["cells"][lv] for lv in levels if lv in row["cells"]}
        said = finding(levels, cells, sanctions)
        organ, note = _organ_note(row, counts)
        if note:
            row["organ"] = organ
            said = "；".join(x for x in (said, f"参照：{note}") if x)
        out.append({**row, "cells": cells, "finding": said})
    out.sort(key=lambda r: (-len(r["cells"]), r["category"], r["activity"]))
    return {"role": role, "levels": levels, "rows": out}
