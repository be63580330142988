"""Whom a reference requirement addresses, and whether it binds the draft in hand.

A county 实施意见 gives duties to 区委 and 区政府 (the county itself), to 镇党委
(the townships), to 各级党委主要负责人 (every level) and to 党政领导干部 in general.
A township draft is held to what the reference asks of 乡镇/街道, of every level,
of 党政领导干部 in general and of the roles the draft itself gives duties to;
never to what it asks of 区委 or of the district's departments. The addressee is
read from the words naming the actor (区委 names its level; 各级 names every
level) and from the headings above (第三节 区委、政府工作部门领导干部…职责). Every
judgement that a requirement does not apply comes with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ingest.domain.levels import level_name, level_words, rank
from ingest.domain.vocabulary import concepts
from ingest.records import Document, Facts, Role

__all__ = [
    "UMBRELLA",
    "Addressee",
    "addressee",
    "covers",
    "reason_not_applicable",
    "sanction_addressee",
]

UMBRELLA = "党政领导干部"  # names every leader at once
# every level: 各级党委, 各级政府主要负责人; 本级/各 alone says nothing about which
_EVERY_LEVEL = re.compile(r"各级|各地")
_SENTENCE_END = re.compile(r"[。；;！？\n]")
_LOOK_BACK = 12  # characters before a role's words that may hold its 各级
_OWN_SUBJECT = 6  # a unit whose actor is named this near its start has its own subject
# A unit whose own words open with a level's body names that level: 区委每季度…,
# 镇（街道）和工业园区管委会党（工）委每月…, 区委工作机关、区政府工作部门…; a level word
# followed by anything else is an ordinary word (市场监管部门, 区域).
_OPENING_BODY = r"(?:委|政府|人民政府|党委|党工委|级|[（(]|、|和|及|安委|各)"
_LABEL = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百]+条|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、])?\s*"
)

# general: no one in particular; every: 各级; level: one level (区委); above: a level and
# those above it (县级以上人民政府); default: the document's own actors, named plainly.
Scope = Literal["general", "every", "level", "above", "default"]


@dataclass(frozen=True, slots=True)
class Addressee:
    """Who a requirement is for: a role at a level, every level, or no one in particular."""

    role: str | None
    level: str
    scope: Scope
    actor: str = ""  # the words naming the actor (区委, 党（工）委主要负责人)


@cache
def _leaders() -> frozenset[str]:
    """Roles the umbrella 党政领导干部 names (their broader concept in vocab.ttl)."""
    return frozenset(c.label for c in concepts("role") if c.broader == UMBRELLA)


def covers(draft_roles: Iterable[str | None], role: str | None) -> bool:
    """Whether the draft gives duties to ``role``, or the requirement is for 党政领导干部
    in general and the draft gives duties to some leader."""
    roles = set(draft_roles)
    if role is None or role in roles:
        return True
    return role == UMBRELLA and bool(roles & _leaders())


def _explicit(mention: Role, doc: Document) -> bool:
    """Whether the actor's own words name a level (区委, 镇党委, 工业园区管委会), or the
    extractor placed it at another level than the document's."""
    if mention.level not in ("unknown", doc.level):
        return True
    return any(mention.text.startswith(w) for w, _ in level_words())


def _every(mention: Role, doc: Document) -> bool:
    """各级 in the actor's words or just before them in the same sentence."""
    before = doc.text[max(0, mention.start - _LOOK_BACK) : mention.start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(before)), default=0)
    return bool(_EVERY_LEVEL.search(mention.text) or _EVERY_LEVEL.search(before[cut:]))


def _sentence_before(text: str, start: int) -> str:
    """The words of the sentence holding ``start``, up to it."""
    cut = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    return text[cut:start]


def _governing(facts: Facts, clause_id: str, role: str, start: int, end: int) -> Role | None:
    """The mention naming a unit's actor: the lead-in it inherits, one inside it, else the
    nearest before it in its clause."""
    mentions = [r for r in facts.roles if r.clause_id == clause_id and r.role == role]
    inherited = [r for r in mentions if r.inherited]
    inside = [r for r in mentions if start <= r.start < end]
    before = sorted((r for r in mentions if r.start <= start), key=lambda r: -r.start)
    pick = inherited or inside or before or mentions
    return pick[0] if pick else None


def _heading_scope(doc: Document, clause_id: str) -> tuple[Scope, str] | None:
    """What the nearest heading above says (第二节 各级…职责 / 第三节 区委、政府…职责)."""
    by_id = {c.clause_id: c for c in doc.clauses}
    cur = by_id.get(clause_id)
    while cur is not None and cur.parent_id:
        cur = by_id.get(cur.parent_id)
        if cur is None or cur.kind not in ("chapter", "section"):
            continue
        if _EVERY_LEVEL.search(cur.text):
            return "every", cur.text
        named = [w for w, _ in level_words() if re.search(rf"{w}(?:委|政府|级)", cur.text)]
        if named:
            return "level", cur.text
    return None


@cache
def _opening() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w, _ in level_words())
    return re.compile(rf"(?P<word>{words}){_OPENING_BODY}")


def _opening_level(words: str) -> tuple[str, str, bool] | None:
    """(level, words, and above) when a unit's own words open with a level's body (区委…,
    县级以上人民政府…)."""
    text = _LABEL.sub("", words)
    m = _opening().match(text)
    if m is None:
        return None
    level = dict(level_words())[m["word"]]
    above = text.startswith("以上", m.end())
    return level, text[: m.end() + (2 if above else 0)].rstrip("（(、和及"), above


def addressee(
    doc: Document, facts: Facts, clause_id: str, role: str | None, start: int, end: int,
    words: str = "",
) -> Addressee:  # fmt: skip
    """Who a duty or frequency of a document is for (``words``: the unit's own words)."""
    if role is None:
        return Addressee(None, "unknown", "general")
    mention = _governing(facts, clause_id, role, start, end)
    level = mention.level if mention and mention.level != "unknown" else doc.level
    actor = mention.text if mention else role
    if mention is not None and _every(mention, doc):
        return Addressee(role, level, "every", actor)
    opening = _opening_level(words)
    own_words = mention is not None and start <= mention.start < start + _OWN_SUBJECT
    if opening is None and not own_words:  # its actor opens the sentence: 市委、市政府每年…
        opening = _opening_level(_sentence_before(doc.text, start))
    if opening is not None:
        level, actor, above = opening
        return Addressee(role, level, "above" if above else "level", actor)
    if mention is not None and _explicit(mention, doc):
        return Addressee(role, level, "level", actor)
    heading = _heading_scope(doc, clause_id)
    if heading is not None:
        scope, words = heading
        return Addressee(role, doc.level if scope == "level" else level, scope, words)
    return Addressee(role, level, "default", actor)


def sanction_addressee(
    doc: Document, facts: Facts, clause_id: str, role: str | None, start: int, end: int
) -> Addressee:
    """A sanction rule binds every level unless the bodies its sentence names all sit at
    one other level (由区委和区政府…进行约谈) and it names no leader in general."""
    mentions = [r for r in facts.roles if r.clause_id == clause_id and start <= r.start < end]
    mentions = mentions or [r for r in facts.roles if r.clause_id == clause_id]
    if any(r.role == UMBRELLA for r in mentions):
        return Addressee(role, "unknown", "general")
    named = [r for r in mentions if _explicit(r, doc)]
    if named:
        return Addressee(role, named[0].level, "level", named[0].text)
    return Addressee(role, "unknown", "general")


def reason_not_applicable(
    addr: Addressee, draft_levels: Collection[str], draft_roles: Iterable[str | None]
) -> str | None:
    """None when the requirement binds the draft, else why not, in one Chinese sentence.
    ``draft_levels``: the draft's own level first, then every level it gives duties to (a
    county draft with a chapter for its townships is held to what is asked of townships)."""
    own = next(iter(draft_levels), "unknown")
    if addr.scope == "general" or own == "unknown" or addr.level == "unknown":
        return None
    if addr.scope == "above" and rank(own) <= rank(addr.level):
        return None
    if addr.scope in ("level", "above"):
        if addr.level in draft_levels:
            return None
        at = level_name(addr.level)
        return f"该规定针对{addr.actor}（{at}），草案为{level_name(own)}文件，不适用"
    if covers(draft_roles, addr.role):
        return None
    return f"草案未规定{addr.role}的职责，该规定针对{addr.role}，不适用"
