"""The parse JSON of docs/cli.md, and back: ``to_json`` / ``from_json``.

``to_json`` gives the docs/cli.md shape (document fields, ``citations``, a flat
``clauses`` list whose entries carry their own ``roles``, ``frequencies``,
``deadlines``, ``sanctions`` and ``duties``), plus extra keys the store cache
needs to rebuild the exact ``Document``: ``text``, ``original``, ``source``,
``sha256``, ``regions`` and ``offset_runs`` (the offset map as runs
``[norm_index, raw_index, length]``, since it is nearly always the identity).
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from ingest.records import (
    Citation,
    Clause,
    Deadline,
    Document,
    Duty,
    Facts,
    Frequency,
    Role,
    Sanction,
)

__all__ = ["HEAVY_KEYS", "from_json", "to_json"]

# Fact lists of a clause: JSON key -> (Facts attribute, record type).
_FACTS: dict[str, tuple[str, type]] = {
    "roles": ("roles", Role),
    "frequencies": ("frequencies", Frequency),
    "deadlines": ("deadlines", Deadline),
    "sanctions": ("sanctions", Sanction),
    "duties": ("duties", Duty),
}
# Keys only the store cache needs; `dutygraph parse` leaves them out.
HEAVY_KEYS = ("text", "original", "offset_runs")


def _runs(offsets: tuple[int, ...]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i, o in enumerate(offsets):
        if runs and runs[-1][1] + runs[-1][2] == o and runs[-1][0] + runs[-1][2] == i:
            runs[-1][2] += 1
        else:
            runs.append([i, o, 1])
    return runs


def _unruns(runs: list[list[int]]) -> tuple[int, ...]:
    out: list[int] = []
    for _, o, n in runs:
        out.extend(range(o, o + n))
    return tuple(out)


def _fact_dict(record: Any) -> dict[str, Any]:
    d = asdict(record)
    d.pop("clause_id", None)
    return d


def to_json(doc: Document, facts: Facts | None = None) -> dict[str, Any]:
    """The docs/cli.md parse JSON of a document; fact lists are empty when ``facts`` is None."""
    by_clause: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for key, (attr, _) in _FACTS.items():
        for rec in getattr(facts, attr, ()) if facts else ():
            slot = by_clause.setdefault(rec.clause_id, {})
            slot.setdefault(key, []).append(_fact_dict(rec))
    clauses = []
    for c in doc.clauses:
        d = asdict(c)
        d["path"] = list(c.path)
        own = by_clause.get(c.clause_id, {})
        for key in _FACTS:
            d[key] = own.get(key, [])
        clauses.append(d)
    return {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "doc_number": doc.doc_number,
        "issuer": doc.issuer,
        "date": doc.date,
        "status": doc.status,
        "level": doc.level,
        "region": doc.region,
        "regions": list(doc.regions),
        "citations": [asdict(c) for c in doc.citations],
        "clauses": clauses,
        "source": doc.source,
        "sha256": doc.sha256,
        "text": doc.text,
        "original": doc.original,
        "offset_runs": _runs(doc.offsets),
    }


def _record(cls: type, d: dict[str, Any], **extra: Any) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(
        **{k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items() if k in names}, **extra
    )


def from_json(d: dict[str, Any]) -> tuple[Document, Facts]:
    """Rebuild the ``Document`` and its ``Facts`` from ``to_json`` output."""
    clauses = []
    found: dict[str, list[Any]] = {key: [] for key in _FACTS}
    for c in d["clauses"]:
        clauses.append(_record(Clause, c))
        for key, (_, cls) in _FACTS.items():
            found[key].extend(_record(cls, f, clause_id=c["clause_id"]) for f in c.get(key, []))
    doc = Document(
        doc_id=d["doc_id"],
        title=d["title"],
        doc_number=d.get("doc_number"),
        issuer=d.get("issuer"),
        date=d.get("date"),
        status=d.get("status", "final"),
        level=d.get("level", "unknown"),
        region=d.get("region"),
        citations=tuple(_record(Citation, c) for c in d.get("citations", [])),
        clauses=tuple(clauses),
        text=d.get("text", ""),
        source=d.get("source", ""),
        sha256=d.get("sha256", ""),
        regions=tuple(d.get("regions", [])),
        original=d.get("original", ""),
        offsets=_unruns(d.get("offset_runs", [])),
    )
    facts = Facts(doc.doc_id, **{attr: tuple(found[key]) for key, (attr, _) in _FACTS.items()})
    return doc, facts
