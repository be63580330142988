"""Query understanding: plain words expanded to the documents' terms, roles and levels named.

Users say 一把手, 安委会, 瞒报; documents say 主要负责人, 安全生产委员会, 隐瞒不报.
A question is turned into a ``QueryPlan``: its own tokens at full weight, the
canonical terms its words stand for at a lower weight (so an expansion helps recall
without outvoting the user's words), the text to embed, and the roles and level it
names (which boost clauses of that role or level).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ingest.domain import vocabulary
from search.rank.intent import asked_facets
from search.rank.refs import ClauseRef, find_ref
from search.tokens import char_bigrams, load_lines, tokenize

__all__ = ["QueryPlan", "expansions", "plan_query", "variants"]

# Weight of a token that only comes from an expansion, relative to the user's words.
EXPANSION_WEIGHT = 0.5
# Vocabulary schemes whose altLabels expand to their prefLabel (levels map to codes, not words).
_EXPANDED_SCHEMES = ("role", "organ", "position", "sanction")


@dataclass(frozen=True, slots=True)
class QueryPlan:
    """What the searcher needs from a question."""

    text: str  # the question as asked
    dense_text: str  # what is embedded: the question plus canonical terms
    weights: dict[str, float]  # BM25 token -> weight
    grams: dict[str, float]  # the question's character pairs (BM25's second field) -> weight
    roles: tuple[str, ...]  # canonical roles named in the question
    level: str | None  # the level named in the question, if any
    terms: tuple[str, ...]  # words to highlight in results
    asks: tuple[str, ...] = ()  # clause facets the question asks for (search.rank.intent)
    ref: ClauseRef | None = None  # an exact clause reference (第十一条第四项)


def _table(name: str) -> list[tuple[str, list[str]]]:
    rows = []
    for line in load_lines(name):
        key, _, value = line.partition("\t")
        rows.append((key, [v for v in value.split("|") if v]))
    return rows


@functools.cache
def expansions() -> dict[str, tuple[str, ...]]:
    """Phrase -> canonical terms: the ingest vocabulary's altLabels plus our synonyms."""
    table: dict[str, list[str]] = {}
    for scheme in _EXPANDED_SCHEMES:
        for alt, pref in vocabulary.surface_forms(scheme).items():
            if alt != pref and len(alt) >= 2:
                table.setdefault(alt, []).append(pref)
    for phrase, values in _table("synonyms.tsv"):
        table.setdefault(phrase, []).extend(values)
    return {k: tuple(dict.fromkeys(v)) for k, v in table.items()}


@functools.cache
def variants() -> dict[str, tuple[str, ...]]:
    """Phrase -> the documents' spellings of it, searched at full weight (每个月 -> 每月)."""
    return {k: tuple(v) for k, v in _table("variants.tsv")}


@functools.cache
def _roles() -> tuple[tuple[str, str], ...]:
    """Surface form -> canonical role, longest form first (vocabulary, then our table)."""
    rows = dict(vocabulary.surface_forms("role"))
    for surface, values in _table("roles.tsv"):
        if values:
            rows.setdefault(surface, values[0])
    return tuple(sorted(rows.items(), key=lambda r: -len(r[0])))


@functools.cache
def _levels() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rx), values[0]) for rx, values in _table("levels.tsv"))


def _named_roles(text: str) -> tuple[str, ...]:
    found: list[str] = []
    rest = text
    for surface, role in _roles():  # longest first, each stretch of text used once
        if surface in rest:
            rest = rest.replace(surface, "\0")
            found.append(role)
    return tuple(dict.fromkeys(found))


def _named_level(text: str) -> str | None:
    for pattern, level in _levels():
        if pattern.search(text):
            return level
    return None


def plan_query(text: str, expansion_weight: float = EXPANSION_WEIGHT) -> QueryPlan:
    """Tokens, expansions, roles and level of a question."""
    weights: dict[str, float] = dict.fromkeys(tokenize(text), 1.0)
    for phrase, forms in variants().items():
        if phrase in text:
            for form in forms:
                weights.update(dict.fromkeys(tokenize(form), 1.0))
    added: list[str] = []
    for phrase, terms in expansions().items():
        if phrase in text:
            for term in terms:
                if term not in text:
                    added.append(term)
                for tok in tokenize(term):
                    weights.setdefault(tok, expansion_weight)
    dense_text = text if not added else f"{text}（{'、'.join(dict.fromkeys(added))}）"
    terms = tuple(dict.fromkeys([*weights, *added]))
    return QueryPlan(
        text=text,
        dense_text=dense_text,
        weights=weights,
        grams=dict.fromkeys(char_bigrams(text), 1.0),
        roles=_named_roles(text),
        level=_named_level(text),
        terms=terms,
        asks=asked_facets(text),
        ref=find_ref(text),
    )
