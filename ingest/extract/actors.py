"""Who acts where in a clause: the clause cut into parts, each with its actors.

A clause is cut into sentences (。；), and a sentence again where a new subject
opens a part (主要领导每月…，其他班子成员每月…). A part's actors are its own
subjects, else those of the part before it in the clause, else the actors the
clause inherits from the lead-in above it. Table rows take their actors from the
lead-unit cell (牵头单位：区安监局).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.domain.vocabulary import compound_role
from ingest.extract.duties import split_parts
from ingest.extract.roles import Mention, level_of, organ_of

__all__ = ["Actor", "Part", "cells", "parts_of", "resolve", "row_actors"]

# Table cells naming who leads a task (牵头单位, 责任部门, 责任主体 of a 责任清单, 带队领导 …).
_LEAD_UNIT_KEY = re.compile(r"牵头|责任(?:单位|部门|主体)|负责(?:单位|部门)|主办|承办|实施主体")
# Table cells naming the leading official by name (带队领导：郭环球): a party or government leader.
_LEADER_KEY = re.compile(r"(?:带队|责任|包保|分管|联系|牵头)领导")
_LEADER_ROLE = "党政领导干部"
# Marks that end a sentence (a new sentence without subject returns to the topic).
_SENTENCE_END = ("。", "！", "？", "\n")
# Subjects more than this many characters after the first one start a new list.
_SUBJECT_RUN = 40


@dataclass(frozen=True, slots=True)
class Actor:
    """A role acting in a part, with its level and the words (absolute span) naming it."""

    role: str
    level: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of clause text (offsets into the clause text) and its actors."""

    start: int
    end: int
    actors: tuple[Actor, ...]
    own: bool  # the actors are named in this part


def resolve(mentions: list[Mention], context: tuple[Actor, ...]) -> list[Mention]:
    """Give a position met alone (主要领导) the organs of the actors in force; drop the rest.

    After 各级党委、政府主要责任人是…，班子其他成员… the position belongs to both organs.
    """
    out = []
    organs = list(dict.fromkeys(o for a in context if (o := organ_of(a.role))))
    last_subject = None
    for m in mentions:
        if m.role is None:
            roles = [compound_role(o, m.position) for o in organs if m.position]
            for role in dict.fromkeys(r for r in roles if r):
                out.append(Mention(m.start, m.end, m.text, role, m.position, m.subject))
            continue
        out.append(m)
        organ = organ_of(m.role)
        if m.subject and organ:
            same_run = last_subject is not None and last_subject.end >= m.start - 1
            organs = [*organs, organ] if same_run else [organ]
            last_subject = m
    return out


def _cuts(text: str, subjects: list[Mention]) -> list[int]:
    cuts = {s for s, _ in split_parts(text)} | {0}
    for m in subjects:
        head = max(text.rfind(p, 0, m.start) for p in "，,、")
        chained = any(x.end <= m.start and x.end >= head for x in subjects)
        if head >= 0 and not chained:
            cuts.add(head + 1)
    return sorted(cuts)


def _first_per_role(actors: list[Actor]) -> tuple[Actor, ...]:
    """One actor per role (县级以上地方人民政府…乡、镇人民政府 are one 政府), first kept."""
    seen: dict[str, Actor] = {}
    for a in actors:
        seen.setdefault(a.role, a)
    return tuple(seen.values())


def parts_of(
    text: str, mentions: list[Mention], base: int, doc_level: str, inherited: tuple[Actor, ...]
) -> list[Part]:
    """The parts of a clause text with their actors (see the module docstring).

    Within a sentence the last named actors carry on (…，其他领导干部要…，将…列入…);
    a new sentence without a subject returns to the paragraph's topic, the actors
    its first sentence named (各级政府要…。其他领导干部要…。设立专项资金… -> 政府).
    """
    subjects = [m for m in mentions if m.subject and m.role]
    cuts = _cuts(text, subjects)
    parts: list[Part] = []
    current = topic = inherited
    for i, start in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        before = text[:start].rstrip(" \t")
        if before.endswith("\n"):
            topic = inherited
        if before.endswith(_SENTENCE_END):
            current = topic
        own = [m for m in subjects if start <= m.start < end]
        if own:
            actors = [
                Actor(
                    m.role or "",
                    level_of(text[start : m.end], doc_level),
                    m.text,
                    base + m.start,
                    base + m.end,
                )
                for m in own
                if m.start - own[0].start <= _SUBJECT_RUN
            ]
            current = _first_per_role(actors)
            if topic is inherited:
                topic = current
        parts.append(Part(start, end, current, bool(own)))
    return parts


def cells(text: str) -> list[tuple[str, int, int]]:
    """The ``key：value`` cells of a rendered table row: (key, value start, value end)."""
    out = []
    for m in re.finditer(r"([^；：]{1,20})：([^；]*)", text):
        out.append((m.group(1).strip(), m.start(2), m.end(2)))
    return out


def row_actors(text: str, mentions: list[Mention], base: int, doc_level: str) -> tuple[Actor, ...]:
    """The actors of a table row: its leading official, then the roles of its lead-unit cells."""
    actors = []
    for key, start, end in cells(text):
        if _LEADER_KEY.search(key) and text[start:end].strip():
            actors.append(Actor(_LEADER_ROLE, doc_level, text[start:end].strip(), base, base))
        elif _LEAD_UNIT_KEY.search(key):
            for m in mentions:
                if start <= m.start < end and m.role:
                    actors.append(Actor(m.role, level_of(m.text, doc_level), m.text, base, base))
    return _first_per_role(actors)
