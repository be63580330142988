"""Hold a draft against reference documents: dropped duties, frequencies, sanctions.

Works on ``(Document, Facts)`` pairs only, so a draft that is in no store can be
checked. Units are aligned by :mod:`app.review.units` (the graph's duty
alignment plus the duty's own words, one to one, best first): a reworded duty
still finds its match, a dropped duty cannot borrow a kept sibling with the same
canonical activity, and a document checked against itself gives nothing. A
reference fact addressed to a role or level the draft does not cover is skipped,
never reported missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from app.review.units import (
    DUTY_MATCH,
    FREQ_MATCH,
    SANCTION_MATCH,
    Unit,
    align,
    duty_score,
    duty_units,
    freq_score,
    frequency_units,
    placed,
    sanction_score,
    sanction_units,
)
from ingest.records import Document, Facts

__all__ = ["KINDS", "check", "finding_order"]

KINDS = ("missing_duty", "weaker_frequency", "stronger_frequency", "missing_sanction", "conflict")
UMBRELLA = "党政领导干部"  # the text names all leaders at once

# Thresholds in a trigger: 3起, 10人, 100万元; the accident grade; the time it counts
# over (一年内, 3个月内, 连续两年).
_THRESHOLD = re.compile(
    r"(?:[0-9]+|[一二两三四五六七八九十]+)\s*(?:起|人|名|万元|亿元)|特别重大|重大|较大|一般"
    r"|(?:[0-9]+|[一二两三四五六七八九十半]+)\s*(?:年|个月|日|天)内|连续(?:[0-9]+|[一二两三四五])\s*年"
)


def _thresholds(trigger: str) -> list[str]:
    return list(dict.fromkeys(_THRESHOLD.findall(trigger)))


def _covered(drafts: Facts) -> Callable[[str | None], bool]:
    roles = {d.role for d in drafts.duties}
    leaders = any(r.startswith(("党委", "政府", "党政")) for r in roles)
    return lambda role: role is None or role in roles or (role == UMBRELLA and leaders)


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


def _duty_findings(refs: list[Unit], drafts: list[Unit], kept: list[Unit]) -> Iterable[dict]:
    """Reference duties with no draft duty; one whose frequency the draft has (``kept``,
    even reworded past recognition) is there and at most a frequency finding."""
    matched = align(refs, drafts, duty_score, DUTY_MATCH)
    seen: dict[tuple[str, str | None], dict] = {}
    for i, r in enumerate(refs):
        if i in matched or any(
            f.clause_id == r.clause_id and f.role == r.role
            and r.start <= f.start < r.start + len(r.quote)
            for f in kept
        ):  # fmt: skip
            continue
        key = (r.clause_id, r.role)
        if key in seen:  # one finding per clause and role, quoting every dropped part
            seen[key]["reference_text"] += r.quote
            continue
        detail = f"草案未规定{r.role}“{r.activity}”（{r.category}）"
        seen[key] = _finding("missing_duty", r, None, detail)
    return seen.values()


def _frequency_findings(refs: list[Unit], drafts: list[Unit], pairs: dict) -> Iterable[dict]:
    for i, j in pairs.items():
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
    matched = align(refs, drafts, sanction_score, SANCTION_MATCH)
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
    """``{"findings": [...]}`` (docs/cli.md ``check``): where the draft departs from the refs."""
    ddoc, dfacts = draft
    covered, own = _covered(dfacts), ddoc.level
    d_duties = placed(duty_units(ddoc, dfacts), ddoc, dfacts, own)
    d_freqs = placed(frequency_units(ddoc, dfacts), ddoc, dfacts, own)
    d_sanctions = placed(sanction_units(ddoc, dfacts), ddoc, dfacts, own)
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
            return [u for u in placed(make(ref, facts), ref, facts, own) if wanted(u)]

        duties = [u for u in units(duty_units) if u.category != "其他"]
        freqs = [u for u in units(frequency_units) if u.per_year is not None]
        sanctions = units(sanction_units)
        pairs = align(freqs, d_freqs, freq_score, FREQ_MATCH)
        found = [
            *_duty_findings(duties, d_duties, [freqs[i] for i in pairs]),
            *_frequency_findings(freqs, d_freqs, pairs),
            *_sanction_findings(sanctions, d_sanctions),
        ]
        findings.extend(sorted(found, key=finding_order))
    for f in findings:
        f.pop("_order", None)
    return {"findings": findings}
