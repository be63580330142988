"""What differs between a draft and one reference document, as findings in words.

Given the reference's applicable units and the draft's, aligned one to one by
:mod:`app.review.matching`: a matched pair with a lower frequency, a later
deadline, fewer sanction forms, another trigger (2起 vs 3起) or fewer meeting
participants is one finding on that clause pair naming what differs; a reference
duty with no match is missing, one finding per reference clause and actor listing
every duty the draft lacks there, pointing at the draft clause that holds the
actor's other duties; a reference sanction rule with no match is missing, or, when
the draft has no sanction at all, one finding says the draft lacks the section.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.review.findings import Finding, Kind, Source, where
from app.review.matching import affinity
from app.review.sanction_units import thresholds
from app.review.units import Unit
from ingest.domain.levels import level_name
from ingest.domain.similarity import similarity

__all__ = ["duty_findings", "sanction_findings", "source", "timing_findings"]

_SHORT = 40  # characters of a trigger quoted in a sentence
TIE_WORDS = 0.5  # a draft sentence this like a rule's case states that case


def _short(text: str, limit: int = _SHORT) -> str:
    text = text.strip("，。；：”“ ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _times(n: float | None) -> str:
    return "未规定次数" if n is None else f"每年{n:g}次"


def source(u: Unit, text: str | None = None) -> Source:
    return Source(u.doc.doc_id, u.doc.title, u.doc.level, u.clause_id, u.path, text or u.quote)


def _finding(
    kind: Kind, r: Unit, d: Unit | None, detail: str, advice: str, aspect: str,
    missing: Iterable[str] = (), ref_text: str | None = None,
) -> Finding:  # fmt: skip
    return Finding(
        kind=kind,
        role=r.role,
        draft_clause_id=d.clause_id if d else None,
        draft_path=d.path if d else (),
        draft_text=d.quote if d else None,
        sources=(source(r, ref_text),),
        detail=detail,
        advice=advice,
        aspect=aspect,
        missing=tuple(missing),
    )


def _weaker(r: Unit, d: Unit) -> bool | None:
    """Whether the draft's count or deadline is weaker than the reference's (None: the same,
    or not comparable). A lower count (or only 定期) or a later date is weaker."""
    if r.kind == "deadline":
        if len(r.due) != len(d.due) or r.due == d.due:
            return None
        return d.due > r.due
    if r.per_year is None or d.per_year == r.per_year:
        return None
    return d.per_year is None or d.per_year < r.per_year


def _said(u: Unit) -> str:
    return f"“{u.said}”" if u.kind == "deadline" else f"“{u.said}”（{_times(u.per_year)}）"


def timing_findings(refs: Sequence[Unit], drafts: Sequence[Unit], pairs: dict[int, int]):
    """Frequencies and deadlines of matched pairs: weaker, or stricter for the same actor (a
    主要领导每季度 above 党政领导干部每年2次 meets the rule: nothing to say)."""
    for i, j in pairs.items():
        r, d = refs[i], drafts[j]
        weaker = _weaker(r, d)
        if weaker is None or (not weaker and affinity(r.role, d.role) < 1):
            continue
        kind = Kind.WEAKER_FREQUENCY if weaker else Kind.STRONGER_FREQUENCY
        role, at = r.role or "相关责任主体", where(d.path)
        deadline = r.kind == "deadline"
        what = "时限" if deadline else ""
        than = ("晚于" if weaker else "早于") if deadline else ("低于" if weaker else "高于")
        detail = f"{role}{r.activity}：参照文件{what}为{_said(r)}，草案为{_said(d)}，{than}参照文件"
        if weaker and deadline:
            advice = f"将草案{at}中的时限“{d.said}”提前到不晚于“{r.said}”。"
        elif weaker:
            advice = f"将草案{at}中{role}的“{d.said}”改为不低于“{r.said}”。"
        else:
            advice = f"草案{at}的“{d.said}”严于参照文件的“{r.said}”，可以保留，请确认能够落实。"
        yield _finding(kind, r, d, detail, advice, "deadline" if deadline else "frequency")


def _group_key(r: Unit) -> tuple[str, str | None]:
    """Duties of one actor listed in one clause (第十条（一）…（八）) are one finding."""
    by_id = {c.clause_id: c for c in r.doc.clauses}
    clause = by_id.get(r.clause_id)
    if clause is not None and clause.kind in ("item", "subitem") and clause.parent_id:
        return clause.parent_id, r.role
    return r.clause_id, r.role


def _hint(drafts: Sequence[Unit], role: str | None) -> Unit | None:
    """The draft clause holding most duties of the actor: where a missing one belongs."""
    own = [d for d in drafts if d.role == role]
    if not own:
        return None
    counts: dict[tuple[str, ...], int] = {}
    for d in own:
        counts[d.path[:-1] or d.path] = counts.get(d.path[:-1] or d.path, 0) + 1
    top = max(counts, key=lambda p: counts[p])
    return next(d for d in own if (d.path[:-1] or d.path) == top)


def duty_findings(
    refs: Sequence[Unit], drafts: Sequence[Unit], matched: dict[int, int], kept: Sequence[Unit]
) -> Iterable[Finding]:
    """Matched duties with fewer participants; unmatched ones (whose frequency the draft
    has neither, ``kept``) missing, one finding per reference clause and actor."""
    for i, j in matched.items():
        r, d = refs[i], drafts[j]
        fewer = [p for p in r.participants if p not in d.participants]
        if r.participants and fewer:
            detail = f"参会人员少于参照文件，缺少：{'、'.join(fewer)}"
            advice = f"在草案{where(d.path)}的参会人员中补充{'、'.join(fewer)}。"
            yield _finding(Kind.CONFLICT, r, d, detail, advice, "participants", fewer)
    groups: dict[tuple[str, str | None], list[Unit]] = {}
    for i, r in enumerate(refs):
        inside = range(r.start, r.start + len(r.quote))
        if i in matched or any(
            (f.clause_id, f.role) == (r.clause_id, r.role) and f.start in inside for f in kept
        ):
            continue
        groups.setdefault(_group_key(r), []).append(r)
    # the same items left out for two actors (区委和区政府…（十）) are one finding naming both
    shared: dict[tuple[str, tuple[str, ...]], list[str | None]] = {}
    for (clause_id, role), units in groups.items():
        shared.setdefault((clause_id, tuple(u.clause_id for u in units)), []).append(role)
    for (clause_id, role), units in groups.items():
        roles = shared[(clause_id, tuple(u.clause_id for u in units))]
        if role != roles[0]:
            continue
        first = units[0]
        actors = "、".join(r or "" for r in roles)
        parts = list(dict.fromkeys(f"{where(u.path[-1:])}{_short(u.quote, 28)}" for u in units))
        items = "".join(
            dict.fromkeys(where(u.path[-1:]) for u in units if u.clause_id != clause_id)
        )
        activities = list(dict.fromkeys(u.activity for u in units))
        text = "".join(dict.fromkeys(u.quote for u in units))
        ref = source(first, text)  # one item: that item; several: the clause that lists them
        if len({u.clause_id for u in units}) > 1:
            at = _path(first, clause_id)
            ref = Source(ref.doc_id, ref.doc_title, ref.level, clause_id, at, text)
        hint = _hint(drafts, role)
        into = f"在草案{where(hint.path[:-1] or hint.path)}中" if hint else "在草案中"
        detail = f"草案未规定{actors}的职责：{'；'.join(parts)}"
        what = f"参照条款{items}项所列" if items else f"“{'、'.join(activities)}”"
        advice = f"{into}补充{actors}{what}的职责，可参照{ref.citation}的表述。"
        yield Finding(
            Kind.MISSING_DUTY, role, None, (), None, (ref,), detail, advice, "duty",
            tuple(activities),
        )  # fmt: skip


def _path(u: Unit, clause_id: str) -> tuple[str, ...]:
    by_id = {c.clause_id: c for c in u.doc.clauses}
    return by_id[clause_id].path if clause_id in by_id else u.path


def _tie(r: Unit, refs: Sequence[Unit], drafts: Sequence[Unit], matched: dict[int, int],
         rules: Sequence[Unit]) -> Unit | None:  # fmt: skip
    """The draft clause that states an unmatched rule's case without its sanctions: the one
    a part of the same reference clause matched, else the draft sentence most like it."""
    for k, j in matched.items():
        if refs[k].clause_id == r.clause_id and refs[k] is not r:
            return drafts[j]
    best = max(rules, key=lambda u: similarity(r.words, u.words), default=None)
    return best if best is not None and similarity(r.words, best.words) >= TIE_WORDS else None


def sanction_findings(
    refs: Sequence[Unit], drafts: Sequence[Unit], matched: dict[int, int],
    sentences: Sequence[Unit] = (),
) -> Iterable[Finding]:  # fmt: skip
    """Fewer forms or another trigger on a matched rule; unmatched rules missing, tied to the
    draft sentence stating the case if there is one (``sentences``: the draft's sentences as
    units); one finding for the whole section when the draft has no sanction at all."""
    if not drafts and not sentences and refs:
        types = list(dict.fromkeys(t for r in refs for t in r.types))
        first = refs[0]
        text = "".join(dict.fromkeys(r.quote for r in refs))
        ref = Source(
            first.doc.doc_id, first.doc.title, first.doc.level, first.clause_id, first.path, text
        )
        detail = (
            f"草案没有责任追究的规定；参照文件（{level_name(first.doc.level)}）有"
            f"{len(refs)}条追责规定，涉及{'、'.join(types)}"
        )
        advice = (
            f"在草案中增加“责任追究”部分，写明问责情形和{'、'.join(types[:5])}等方式，"
            f"可参照{ref.citation}。"
        )
        yield Finding(
            Kind.MISSING_SANCTION, None, None, (), None, (ref,), detail, advice, "section",
            tuple(types),
        )  # fmt: skip
        return
    for i, r in enumerate(refs):
        d = drafts[matched[i]] if i in matched else None
        if d is None:
            tied = _tie(r, refs, drafts, matched, sentences)
            forms = "、".join(r.types)
            if tied is not None:
                detail = f"对“{_short(r.said)}”，草案{where(tied.path)}未规定{forms}"
                advice = f"在草案{where(tied.path)}中补充{forms}，与{source(r).citation}一致。"
            else:
                detail = f"参照文件对“{_short(r.said)}”规定{forms}，草案未规定此追责情形"
                advice = (
                    f"在草案中补充对“{_short(r.said, 24)}”的{forms}规定，"
                    f"可参照{source(r).citation}。"
                )
            aspect = "case" if tied is not None else "forms"  # the case stated, its sanctions not
            yield _finding(Kind.MISSING_SANCTION, r, tied, detail, advice, aspect, r.types)
            continue
        ref_t, draft_t = thresholds(r.case), thresholds(d.case)
        if set(draft_t) - set(ref_t):  # a threshold the reference has not: 2起 for 3起
            a, b = "、".join(ref_t) or "无", "、".join(draft_t)
            detail = f"追责条件不同：参照文件为“{a}”，草案为“{b}”"
            advice = f"将草案{where(d.path)}的追责条件“{b}”改为与参照文件一致的“{a}”，或说明理由。"
            yield _finding(Kind.CONFLICT, r, d, detail, advice, "trigger", ref_t)
        dropped = [t for t in r.types if t not in d.types]
        if dropped:
            detail = (
                f"对“{_short(r.said)}”，草案规定{'、'.join(d.types)}，缺少：{'、'.join(dropped)}"
            )
            advice = (
                f"在草案{where(d.path)}中补充{'、'.join(dropped)}等追责方式，或说明不采用的理由。"
            )
            yield _finding(Kind.MISSING_SANCTION, r, d, detail, advice, "forms", dropped)
