"""Administrative levels: their order, their Chinese names and the words that name them.

The one home of these facts. Order and names come from the vocabulary
(``vocab.ttl``: the ``dgv:levelOrder`` collection, each level's
``dgv:displayLabel`` and its altLabels); ``unknown`` is added last for a
document whose level nothing tells. Places (which level 北京市 or 王益区 is)
are ``ingest.domain.places``; everything else imports from here.
"""

from __future__ import annotations

from functools import cache
from typing import Literal, cast

from rdflib import Literal as RdfLiteral
from rdflib import URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from ingest.domain.vocabulary import DGV, concepts, surface_forms, vocab_graph

__all__ = [
    "KNOWN_LEVELS",
    "LEVELS",
    "LEVEL_NAMES",
    "UNKNOWN",
    "Level",
    "is_level",
    "level_name",
    "level_words",
    "rank",
]

# The value of ``level`` in records and JSON (docs/domain.md "Levels"); the test
# checks this type against the vocabulary's order.
Level = Literal["national", "province", "city", "county", "township", "village", "unknown"]
UNKNOWN: Level = "unknown"


def _order() -> tuple[Level, ...]:
    g = vocab_graph()
    lst = g.value(DGV.levelOrder, SKOS.memberList)
    if lst is None:
        raise ValueError("vocab.ttl: dgv:levelOrder has no skos:memberList")
    notation = {URIRef(c.iri): c.notation for c in concepts("level")}
    return (*(cast(Level, notation[URIRef(str(m))]) for m in Collection(g, lst)), UNKNOWN)


def _names() -> dict[Level, str]:
    g = vocab_graph()
    out: dict[Level, str] = {}
    for c in concepts("level"):
        label = g.value(URIRef(c.iri), DGV.displayLabel)
        if isinstance(label, RdfLiteral):
            out[cast(Level, c.notation)] = str(label)
    return out | {UNKNOWN: "未知层级"}


# Levels from the top down, ``unknown`` last.
LEVELS: tuple[Level, ...] = _order()
# The levels a place or a document can be at (no ``unknown``): what users pick from.
KNOWN_LEVELS: tuple[Level, ...] = LEVELS[:-1]
# level -> how users read it (county -> 县级).
LEVEL_NAMES: dict[Level, str] = _names()


def is_level(value: str | None) -> bool:
    """Whether a string is a level value (``unknown`` included)."""
    return value in LEVELS


def level_name(level: str | None) -> str:
    """The Chinese name of a level (province -> 省级); other strings come back unchanged."""
    if level is None:
        return ""
    return LEVEL_NAMES.get(cast(Level, level), level)


def rank(level: str | None) -> int:
    """Position from the top (national 0); anything that is no level ranks after unknown."""
    return LEVELS.index(cast(Level, level)) if level in LEVELS else len(LEVELS)


@cache
def level_words() -> tuple[tuple[str, Level], ...]:
    """(word, level) for every Chinese word the vocabulary gives a level (镇 -> township),
    longest first, so 县级市 is read before 市 and 设区的市 before 市."""
    words = [(w, cast(Level, lv)) for w, lv in surface_forms("level").items() if not w.isascii()]
    return tuple(sorted(words, key=lambda p: -len(p[0])))
