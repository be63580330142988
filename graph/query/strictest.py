"""One duty set by several documents of a chain: the strictest to follow, the rest under it.

Rows of one actor with the same category and a similar activity
(``ingest.domain.similarity``) are one duty when both are counted or their words
are alike too (``TEXT_SAME``); a 其他 duty joins only a row of the same activity.
The strictest asks most times a year (a number beats none); between equals the
nearest document wins (the place's own, then the regions above, then
national rules). A lower document that asks less often than a higher one conflicts
with it: the row says so in words, and the higher, stricter count is the one to follow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from graph.query.records import DutyRow
from ingest.domain.levels import level_name, rank
from ingest.domain.similarity import ALIGN_THRESHOLD, similarity

__all__ = ["TEXT_SAME", "strictest"]

# Two uncounted duties of one activity are one duty only when their words are this alike
# too: the activity table is coarse (编制应急预案 and 协助应急工作 share 应急救援与事故调查处理,
# bigram score 0.13), while one duty restated scores 0.3 and more (召开党委会议听取汇报 /
# 主持召开常委会会议听取汇报: 0.30). Counted duties of one activity are always compared.
TEXT_SAME = 0.25


def _same(a: DutyRow, b: DutyRow) -> bool:
    if a.actor != b.actor or a.category != b.category:
        return False
    if a.category == "其他" and a.activity != b.activity:
        return False
    if a.activity != b.activity and similarity(a.activity, b.activity) < ALIGN_THRESHOLD:
        return False
    counted = a.per_year is not None and b.per_year is not None
    return counted or similarity(a.duty_text, b.duty_text) >= TEXT_SAME


def _where(row: DutyRow) -> str:
    return f"{row.region or level_name(row.doc_level)}《{row.doc_title}》"


def _conflict(best: DutyRow, rows: Sequence[DutyRow]) -> str:
    """Words for a lower document asking less often than a higher one, else empty."""
    counted = [r for r in rows if r.per_year is not None]
    for low in sorted(counted, key=lambda r: -rank(r.doc_level)):
        for high in counted:
            if rank(high.doc_level) < rank(low.doc_level) and (high.per_year or 0) > (
                low.per_year or 0
            ):
                return (
                    f"层级冲突：{_where(low)}要求{low.frequency}，低于{_where(high)}的"
                    f"{high.frequency}；应按较严的{best.frequency}执行"
                )
    return ""


def strictest(rows: Sequence[DutyRow], nearness: Mapping[str, int]) -> list[DutyRow]:
    """The rows with each duty once: its strictest statement, the others under it.

    ``nearness`` ranks documents (0: the place's own); rows keep their first order."""
    groups: list[list[DutyRow]] = []
    for row in rows:
        group = next((g for g in groups if _same(g[0], row)), None)
        if group is None:
            groups.append([row])
        else:
            group.append(row)
    out = []
    for group in groups:
        ordered = sorted(
            group,
            key=lambda r: (
                -(r.per_year if r.per_year is not None else -1),
                nearness.get(r.doc_id, len(nearness)),
            ),
        )
        best = ordered[0]
        others = tuple(r for r in ordered[1:])
        out.append(replace(best, others=others, conflict=_conflict(best, group)))
    return out
