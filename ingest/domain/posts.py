"""Who is bound by what: the duties that bind a post, how far down an actor reaches, and
which sanctions can fall on a leader who fails a duty.

A township's 党委书记 is bound by the duties the texts give to 党委主要负责人, to
the 党委 he leads, to 党政领导干部 together and, under 党政同责, to the 政府; a
national rule for 县级以上地方各级人民政府 does not reach a township, one for 各级
does. Both tables are data (``data/posts.tsv``); the graph queries ask here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import NamedTuple, cast

from ingest.domain.levels import Level, rank
from ingest.domain.vocabulary import concepts

__all__ = [
    "Binding",
    "accountable_roles",
    "binding_roles",
    "falls_on_leaders",
    "imposes_accountability",
    "reaches",
]

_DATA = Path(__file__).resolve().parent / "data" / "posts.tsv"


class Binding(NamedTuple):
    """The duties of ``role`` bind a post; ``why`` says so in a page's words."""

    role: str
    why: str


@cache
def _rows(kind: str) -> tuple[tuple[str, ...], ...]:
    rows = []
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            if cells[0] == kind:
                rows.append(tuple(cells[1:]))
    return tuple(rows)


def binding_roles(post: str) -> tuple[Binding, ...]:
    """The roles whose duties bind a post, its own first; a post the table does not
    list is bound by its own duties only."""
    found = tuple(Binding(r[1], r[2]) for r in _rows("binds") if r[0] == post)
    return found or (Binding(post, "本岗位职责"),)


@cache
def _organs() -> dict[str, str]:
    """role -> its organ's role (党委主要负责人 -> 党委), from the vocabulary's compounds."""
    organ_roles = {c.label: c.role for c in concepts("organ") if c.role}
    return {
        c.label: organ_roles[c.organ]
        for c in concepts("role")
        if c.organ and c.organ in organ_roles
    }


def accountable_roles(actor: str) -> frozenset[str]:
    """The roles a sanction may name and still answer for a duty of ``actor``: the actor,
    the posts of its organ (党委 and 党委主要负责人 answer for each other's duties) and,
    for a 党委 or 政府 role, 党政领导干部; 党政领导干部 answers with both organs."""
    organs = _organs()
    leaders = {"党委", "政府"}
    own = {organs.get(actor, actor)} if actor != "党政领导干部" else leaders
    family = {r for r, o in organs.items() if o in own} | own
    if own & leaders:
        family.add("党政领导干部")
    return frozenset({actor, *family})


def reaches(actor_text: str, duty_level: Level, level: Level) -> bool:
    """Whether a duty stated at ``duty_level`` binds a post at ``level``: the same level,
    or an actor named for a range of levels (各级, 县级以上…) that includes it."""
    if duty_level == level:
        return True
    if rank(duty_level) > rank(level):
        return False
    for word, lowest in _rows("reach"):
        if word in actor_text:
            return rank(level) <= rank(cast(Level, lowest))
    return False


def falls_on_leaders(sanction_type: str) -> bool:
    """Whether a sanction type can fall on an official who fails a duty (not 停产停业整顿,
    黑名单 or a relief such as 免责)."""
    return sanction_type not in {r[0] for r in _rows("not_for_leaders")}


def imposes_accountability(role: str | None) -> bool:
    """Whether a role is a body that imposes accountability on leaders (纪检监察机关)."""
    return role in {r[0] for r in _rows("imposes")}
