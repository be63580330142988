"""Which draft unit states which reference unit: scores and a one-to-one alignment.

A duty is matched by its actor (the same role, or one the other names: 党政领导干部
names every leader, 党委 names its own head and members), its activity (the
graph's canonical activity and :func:`ingest.domain.similarity.similarity`) and
its object (the duty's own words, numbers masked). The project's sentence
encoder breaks near-ties and admits a rewording whose words alone fall just short
(主要领导每季度…带队检查 for 党政领导干部参与检查安全生产); without a model the
words decide alone. Pairs are taken one to one, best first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

import numpy as np

from app.review.applicability import UMBRELLA
from app.review.sanction_units import thresholds
from app.review.units import Unit, mask
from ingest.domain.similarity import similarity
from ingest.domain.vocabulary import concepts
from search.model.encoder import Encoder

__all__ = [
    "DUTY_MATCH",
    "FREQ_MATCH",
    "SANCTION_MATCH",
    "Embeddings",
    "affinity",
    "align",
    "duty_score",
    "freq_score",
    "sanction_score",
]

DUTY_MATCH = 0.5  # words or activity this alike: the draft's duty is the reference's
FREQ_MATCH = 0.33  # same role and category already agree; the words need only agree a bit
SANCTION_MATCH = 0.5  # triggers this alike (numbers masked), or the same forms: the same rule
SAME_PLACE = 0.15  # bonus for a duty at the same numbered place in both texts
# Scores this close are a tie, broken by the encoder's cosine.
TIE = 0.05
# A pair this far below its floor still matches when the encoder finds the draft unit the
# reference unit's nearest by this margin over the next (e5 cosines of any two duty
# sentences of the domain sit between 0.93 and 0.97, so only the ranking says anything).
GRAY = 0.12
RESCUE_GAP = 0.008
# Roles one of which names the other: the umbrella names each leader; an organ names its
# own head and members (党委 for 党委主要负责人).
NAMED_BY = 0.9
MEMBER_OF = 0.8  # an organ and its other members (党委常委会 is read as either)
BARE = 0.75  # a draft's 定期 against a reference's count: a weaker candidate than a count
SIBLING_WORDS = 0.3  # words this alike let a part share its sibling's draft clause
THRESHOLD_BONUS = 0.15  # both cases count something (事故等级, 起数): the same kind of rule
SHARED_FORMS = 2  # sanction rules sharing this many accountability forms are one rule
_HEAD_POSITION = "主要负责人"  # the position that acts for its organ


@cache
def _organ_of() -> dict[str, str]:
    """Compound role -> the role its organ stands for (党委主要负责人 -> 党委)."""
    organ_role = {c.label: c.role for c in concepts("organ") if c.role}
    return {c.label: organ_role[c.organ] for c in concepts("role") if c.organ in organ_role}


@cache
def _heads() -> frozenset[str]:
    """Compound roles of the head position (党委主要负责人, 政府主要负责人, 部门主要负责人)."""
    return frozenset(c.label for c in concepts("role") if c.position == _HEAD_POSITION)


@cache
def _leaders() -> frozenset[str]:
    return frozenset(c.label for c in concepts("role") if c.broader == UMBRELLA)


def affinity(a: str | None, b: str | None) -> float:
    """1 for the same role, ``NAMED_BY`` when one names the other, else 0."""
    if a == b:
        return 1.0
    if a is None or b is None:
        return 0.0
    if UMBRELLA in (a, b) and ({a, b} - {UMBRELLA}) <= _leaders():
        return NAMED_BY
    if UMBRELLA in (a, b) and ({a, b} - {UMBRELLA}) <= set(_organ_of().values()):
        return MEMBER_OF  # 各级党委和政府 / 党政领导干部: the organs and their leaders
    if _organ_of().get(a) == b or _organ_of().get(b) == a:
        # an organ acts through its head (区政府 / 区长) more than through its members
        return NAMED_BY if {a, b} & _heads() else MEMBER_OF
    return 0.0


class Embeddings:
    """Cosines between unit words from the project's encoder, each text encoded once."""

    def __init__(self, encoder: Encoder | None) -> None:
        self.encoder = encoder
        self._vectors: dict[str, np.ndarray] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        """Encode every text not yet seen, in one batch."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if self.encoder is None or not todo:
            return
        for text, vec in zip(todo, self.encoder.encode_passages(todo), strict=True):
            self._vectors[text] = vec

    def cosine(self, a: str, b: str) -> float:
        """Cosine of two prepared texts; 0 without an encoder."""
        if self.encoder is None or a not in self._vectors or b not in self._vectors:
            return 0.0
        return float(self._vectors[a] @ self._vectors[b])


def duty_score(r: Unit, d: Unit) -> float:
    """Actor x (words, or words and activity); a duty reworded in place counts a little extra."""
    words = similarity(r.words, d.words)
    act = similarity(r.activity, d.activity) if r.category == d.category else 0.0
    place = SAME_PLACE if r.path and r.path == d.path else 0.0
    return affinity(r.role, d.role) * max(words, (words + act) / 2) + place


def freq_score(r: Unit, d: Unit) -> float:
    """Actor x (words, else what the two are about: the activities and the categories both
    name: 区委每季度…听取汇报、研究安全生产 / 区委每年至少2次听取…汇报，研究…重大问题); a bare
    定期 stands for a counted frequency less well than a count does."""
    words = similarity(r.words, d.words)
    shared = r.categories & d.categories
    bare = d.per_year is None and r.per_year is not None
    if not shared:
        score = affinity(r.role, d.role) * (words if words >= DUTY_MATCH else 0.0)
    else:
        about = max(
            similarity(r.activity, d.activity), len(shared) / len(r.categories | d.categories)
        )
        score = affinity(r.role, d.role) * max(words, (words + about) / 2)
    if bare:  # a bare 定期 stands for a count only when it plainly states the same activity
        same = similarity(r.activity, d.activity) >= DUTY_MATCH
        return BARE * score if same and score >= DUTY_MATCH else 0.0
    return score


def deadline_score(r: Unit, d: Unit) -> float:
    """Actor and activity: 每年1月底前…述职 / 每年3月底前…提交述职报告."""
    same = r.category == d.category and r.category != "其他"
    act = similarity(r.activity, d.activity) if same else 0.0
    return affinity(r.role, d.role) * max(similarity(r.words, d.words), act)


def sanction_score(r: Unit, d: Unit) -> float:
    """The trigger's words, with the same forms (a draft naming three of the eight forms of
    a rule states that rule, with fewer forms; 尽职免责 and 不予追究 are one rule) and cases
    that both count (较大, 3起: another count is another trigger, not another rule)."""
    words = similarity(r.words, d.words)
    counted = THRESHOLD_BONUS if thresholds(r.case) and thresholds(d.case) else 0.0
    shared = set(r.types) & set(d.types)
    if set(r.types) == set(d.types) or (
        len(shared) >= SHARED_FORMS and len(shared) * 3 >= 2 * min(len(r.types), len(d.types))
    ):
        return max(words, SANCTION_MATCH) + counted + words / 4
    return words + counted


def _levels_agree(r: Unit, d: Unit) -> bool:
    """Two actors named at levels (区委 / 镇党委) must sit at the same one."""
    a, b = r.addressee, d.addressee
    return a.scope != "level" or b.scope != "level" or a.level == b.level


def align(
    refs: Sequence[Unit],
    drafts: Sequence[Unit],
    score: Callable[[Unit, Unit], float],
    floor: float,
    embeddings: Embeddings | None = None,
) -> dict[int, int]:
    """One-to-one matching, best pairs first: reference index -> draft index."""
    emb = embeddings or Embeddings(None)
    if emb.encoder is not None:
        emb.prepare([u.quote for u in (*refs, *drafts)])
    scored = []
    for i, r in enumerate(refs):
        for j, d in enumerate(drafts):
            if r.kind != "sanction" and not _levels_agree(r, d):
                continue
            s = score(r, d)
            if s < floor - (GRAY if emb.encoder is not None else 0.0):
                continue
            cos = emb.cosine(r.quote, d.quote)
            scored.append((round(s / TIE), cos, -s, (r.said, r.quote) != (d.said, d.quote), i, j))
    taken_r: dict[int, int] = {}
    taken_d: set[int] = set()
    for _b, _cos, neg, _differ, i, j in sorted(scored, key=lambda t: (-t[0], -t[1], *t[2:])):
        if i not in taken_r and j not in taken_d and -neg >= floor:
            taken_r[i] = j
            taken_d.add(j)
    out = _siblings(refs, drafts, taken_r)
    out.update(_shared(refs, drafts, out))
    if emb.encoder is not None:
        out.update(_rescued(refs, drafts, out, {(i, j) for *_, i, j in scored}, emb))
    return out


def _shared(refs: Sequence[Unit], drafts: Sequence[Unit], taken: dict[int, int]) -> dict[int, int]:
    """A reference duty directing a body or post (指导督促机构编制部门…) is stated by a draft
    duty of the same actor, in the same category, directing it too, even one another
    reference duty matched (督促、指导组织和人事编制部门… serves 组织部门 and 机构编制部门)."""
    out = {}
    for i, r in enumerate(refs):
        if i in taken or not r.objects:
            continue
        j = next(
            (j for j, d in enumerate(drafts)
             if affinity(r.role, d.role) > 0 and r.objects[0] in d.objects
             and (r.category == d.category or similarity(r.words, d.words) >= SIBLING_WORDS)),
            None,
        )  # fmt: skip
        if j is not None:
            out[i] = j
    return out


def _rescued(
    refs: Sequence[Unit], drafts: Sequence[Unit], taken: dict[int, int],
    gray: set[tuple[int, int]], emb: Embeddings,
) -> dict[int, int]:  # fmt: skip
    """Unmatched reference units whose nearest draft unit by the encoder (among those of a
    matching actor) is a near miss by words, clearly nearer than the next, and has no
    reference unit nearer to it (a dropped duty's nearest draft duty states another)."""

    def nearest(cosines: list[tuple[float, int]]) -> tuple[int, float] | None:
        ranked = sorted(cosines, reverse=True)
        if not ranked:
            return None
        return ranked[0][1], ranked[0][0] - (ranked[1][0] if len(ranked) > 1 else 0.0)

    out = {}
    for i, r in enumerate(refs):
        if i in taken:
            continue
        best = nearest(
            [(emb.cosine(r.quote, d.quote), j) for j, d in enumerate(drafts)
             if affinity(r.role, d.role) > 0]
        )  # fmt: skip
        if best is None or (i, best[0]) not in gray or best[1] < RESCUE_GAP:
            continue
        d = drafts[best[0]]
        back = nearest(
            [(emb.cosine(u.quote, d.quote), k) for k, u in enumerate(refs)
             if affinity(u.role, d.role) > 0]
        )  # fmt: skip
        if back is not None and back[0] == i:
            out[i] = best[0]
    return out


def _siblings(
    refs: Sequence[Unit], drafts: Sequence[Unit], taken: dict[int, int]
) -> dict[int, int]:
    """A part of a reference clause the extractor cut in two (建立健全辖区安全监管机构，构建
    …监管网络体系) shares the draft duty its sibling matched when its words are alike those
    of that duty's clause (which the extractor may have cut elsewhere)."""
    out = dict(taken)
    for i, r in enumerate(refs):
        if i in out or r.kind != "duty":
            continue
        for k, j in taken.items():
            sib, d = refs[k], drafts[j]
            if (sib.clause_id, sib.role) == (r.clause_id, r.role) and similarity(
                r.words, mask(_clause_text(d))
            ) >= SIBLING_WORDS:
                out[i] = j
                break
    return out


def _clause_text(u: Unit) -> str:
    try:
        return u.doc.clause(u.clause_id).text
    except KeyError:
        return u.quote
