"""Second pass over the fused top candidates: term coverage, then one answer per place.

Fusion ranks by two blurred signals; a question's own words found *in the clause
itself* are the sharpest evidence left, so the best ``pool`` candidates get a bonus
for the share of the question's tokens their text holds (expansion tokens count at
their lower weight). Then near-duplicates are spread out: the rows of one table
(a roster repeating "带队领导：…；检查范围…" in every row) and an article shown
together with its own items fill a top 10 with one answer. Past ``table_rows`` rows
of a table, and a clause whose ancestor or descendant is already ranked, are moved
behind the others, the smallest unit being kept when it holds the match (docs/cli.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from search.index.units import Unit
from search.rank.fusion import top_k

__all__ = ["RerankParams", "rerank"]


@dataclass(frozen=True, slots=True)
class RerankParams:
    """Knobs of the second pass (chosen on the tuning half)."""

    pool: int = 50  # fused candidates re-scored
    coverage: float = 0.3  # bonus (x the best fused score) for covering every question token
    table_rows: int = 2  # rows of one table kept before the rest are moved back
    family: bool = True  # move back a clause whose ancestor or descendant ranks above it


def _coverage(text: str, weights: dict[str, float]) -> float:
    """Weighted share of the question's tokens found in the text."""
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(w for tok, w in weights.items() if tok in text) / total


def _table_of(clause_id: str) -> str | None:
    head, sep, _ = clause_id.rpartition("__row_")
    return head if sep else None


def _related(a: Unit, b: Unit) -> bool:
    if a.doc_id != b.doc_id:
        return False
    x, y = a.clause_id, b.clause_id
    return x.startswith(y + "__") or y.startswith(x + "__")


def rerank(
    fused: np.ndarray,
    mask: np.ndarray | None,
    units: Sequence[Unit],
    weights: dict[str, float],
    k: int,
    params: RerankParams = RerankParams(),
) -> list[tuple[int, float]]:
    """The k best (unit index, score) pairs after the coverage bonus and the spreading."""
    ids = top_k(fused, mask, max(params.pool, k))
    if not len(ids):
        return []
    top = float(fused[ids[0]])
    scale = abs(top) if top else 1.0
    scored = [
        (int(i), float(fused[i]) + params.coverage * scale * _coverage(units[i].text, weights))
        for i in ids
    ]
    scored.sort(key=lambda r: (-r[1], r[0]))
    kept: list[tuple[int, float]] = []
    later: list[tuple[int, float]] = []
    rows: dict[str, int] = {}
    for i, score in scored:
        u = units[i]
        table = _table_of(u.clause_id)
        if table is not None:
            key = f"{u.doc_id}/{table}"
            rows[key] = rows.get(key, 0) + 1
            if rows[key] > params.table_rows:
                later.append((i, score))
                continue
        if params.family and _family_clash(u, i, kept, units, weights):
            later.append((i, score))
            continue
        kept.append((i, score))
    out: list[tuple[int, float]] = []
    for i, score in (kept + later)[:k]:  # a moved-back clause never outscores those above it
        out.append((i, min(score, out[-1][1]) if out else score))
    return out


def _family_clash(
    u: Unit, i: int, kept: list[tuple[int, float]], units: Sequence[Unit], weights: dict
) -> bool:
    """True when a relative of ``u`` already ranks and ``u`` adds no better coverage."""
    for j, _ in kept:
        other = units[j]
        if _related(u, other):
            return _coverage(u.text, weights) <= _coverage(other.text, weights)
    return False
