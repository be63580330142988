"""What differs across the levels of one compared duty, said in Chinese words.

The finding of a ``CompareRow`` (``graph.query.compare``): a level that lacks the
duty, a lower or higher frequency, a level without a number, different sanctions;
empty when the levels agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graph.query.comparison import CompareCell
from ingest.domain.levels import Level, level_name

__all__ = ["count_text", "finding"]


def finding(
    levels: Sequence[Level],
    cells: Mapping[Level, Sequence[CompareCell]],
    sanctions: Mapping[Level, set[str]],
    names: Mapping[Level, str] | None = None,
    peers: bool = False,
) -> str:
    """What differs across levels, in Chinese words; empty when the levels agree.

    Missing levels, then frequencies, then levels without a number, then differing
    sanction types. ``names`` names the columns (县级（王益区）). Within one chain each
    level is held against the highest level that states a number (乡镇级高于市级);
    between ``peers`` (unrelated regions) the counts are only set side by side (对标).
    """
    name = {lv: (names or {}).get(lv) or level_name(lv) for lv in levels}
    parts = []
    missing = [name[lv] for lv in levels if lv not in cells]
    if missing:
        parts.append("、".join(missing) + "未规定此项职责")
    freq = {
        lv: max(c.per_year for c in cs if c.per_year is not None)
        for lv, cs in cells.items()
        if any(c.per_year is not None for c in cs)
    }
    ordered = [lv for lv in levels if lv in freq]
    if len(set(freq.values())) > 1:
        said = "，".join(f"{name[lv]}每年{count_text(freq[lv])}次" for lv in ordered)
        if peers:
            parts.append(f"频次不同（对标，不同地区的文件）：{said}")
        else:
            ref = ordered[0]
            cmp = [
                f"{level_name(lv)}{'高于' if freq[lv] > freq[ref] else '低于'}{level_name(ref)}"
                for lv in ordered[1:]
                if freq[lv] != freq[ref]
            ]
            parts.append(f"频次不同：{said}（{'，'.join(cmp)}）")
    if freq:
        unnumbered = [name[lv] for lv in levels if lv in cells and lv not in freq]
        if unnumbered:
            parts.append("、".join(unnumbered) + "未规定频次")
    # sanctions sit in the duty's own clause only sometimes (often in a later 问责
    # chapter), so only levels that state some are compared: no "无" from absence
    present = {lv: sanctions[lv] for lv in levels if lv in cells and sanctions.get(lv)}
    if len(set(map(frozenset, present.values()))) > 1:
        said = "，".join(f"{name[lv]}（{'、'.join(sorted(s))}）" for lv, s in present.items())
        parts.append(f"问责不同：{said}")
    return "；".join(parts)


def count_text(n: float) -> str:
    """A yearly count as written in a finding: 4, 0.5, never 4.0."""
    return str(int(n)) if float(n).is_integer() else f"{n:g}"
