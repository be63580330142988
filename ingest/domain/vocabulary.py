"""The SKOS vocabulary (``vocab.ttl``), loaded once and turned into lookups.

The extractor matches surface forms (altLabels) and emits prefLabels; the graph
mints concept IRIs with :func:`concept_iri`. Both read the same file, so a label
added there reaches every stage. Lookups are plain dicts built at first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import SKOS
from rdflib.term import Node

__all__ = [
    "DGV",
    "SCHEMES",
    "VOCAB_PATH",
    "Concept",
    "canonical_role",
    "categories",
    "compound_role",
    "concept_iri",
    "concepts",
    "level_words",
    "organ_role",
    "role_names",
    "sanction_type",
    "sanction_types",
    "surface_forms",
    "vocab_graph",
]

VOCAB_PATH = Path(__file__).with_name("vocab.ttl")
DGV = Namespace("https://w3id.org/dutygraph/vocab#")
# scheme short name -> concept scheme node in the file
SCHEMES = ("role", "organ", "position", "level", "sanction", "category")
_SCHEME_NODE = {
    "role": DGV.roles,
    "organ": DGV.organs,
    "position": DGV.positions,
    "level": DGV.levels,
    "sanction": DGV.sanctions,
    "category": DGV.categories,
}


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept: IRI, canonical label, ASCII notation, surface forms, links."""

    iri: str
    scheme: str
    label: str  # the prefLabel in Chinese (levels: the notation, e.g. "county")
    notation: str
    alt_labels: tuple[str, ...]
    broader: str | None = None  # prefLabel of the broader concept
    organ: str | None = None  # compound roles: prefLabel of the organ concept
    position: str | None = None  # compound roles: prefLabel of the position concept
    role: str | None = None  # organs: the role they stand for alone


@cache
def vocab_graph() -> Graph:
    """The parsed vocabulary graph (parsed once per process)."""
    g = Graph()
    g.parse(VOCAB_PATH, format="turtle")
    return g


def _zh(g: Graph, node: Node) -> str:
    labels = [o for o in g.objects(node, SKOS.prefLabel) if isinstance(o, Literal)]
    return next((str(o) for o in labels if o.language == "zh"), str(labels[0]) if labels else "")


@cache
def concepts(scheme: str) -> tuple[Concept, ...]:
    """Every concept of a scheme, in file order of their notations."""
    if scheme not in _SCHEME_NODE:
        raise ValueError(f"unknown concept scheme: {scheme!r} (one of {', '.join(SCHEMES)})")
    g = vocab_graph()
    out = []
    for node in g.subjects(SKOS.inScheme, _SCHEME_NODE[scheme]):
        notation = str(g.value(node, SKOS.notation))
        label = notation if scheme == "level" else _zh(g, node)
        alts = tuple(sorted({str(o) for o in g.objects(node, SKOS.altLabel)}))
        broader = g.value(node, SKOS.broader)
        links = {k: g.value(node, DGV[k]) for k in ("organ", "position", "role")}
        out.append(
            Concept(
                iri=str(node),
                scheme=scheme,
                label=label,
                notation=notation,
                alt_labels=alts,
                broader=_zh(g, broader) if broader is not None else None,
                **{k: (_zh(g, v) if v is not None else None) for k, v in links.items()},
            )
        )
    return tuple(sorted(out, key=lambda c: c.notation))


@cache
def _by_label(scheme: str) -> dict[str, Concept]:
    table = {}
    for c in concepts(scheme):
        table[c.label] = c
        table[c.notation] = c
    return table


def concept_iri(scheme: str, pref_label: str) -> str:
    """The stable IRI of a concept named by its prefLabel (or notation); KeyError if none."""
    try:
        return _by_label(scheme)[pref_label].iri
    except KeyError:
        raise KeyError(f"no {scheme} concept labelled {pref_label!r}") from None


@cache
def surface_forms(scheme: str) -> dict[str, str]:
    """Surface form -> prefLabel for a scheme (prefLabels map to themselves).

    Levels map Chinese words to the level notation (区 -> county).
    """
    table: dict[str, str] = {}
    for c in concepts(scheme):
        if scheme != "level":
            table.setdefault(c.label, c.label)
        for alt in c.alt_labels:
            table.setdefault(alt, c.label)
    return table


def canonical_role(surface: str) -> str | None:
    """The canonical role of a whole surface form (书记 -> 党委主要负责人), else None."""
    return surface_forms("role").get(surface)


@cache
def role_names() -> tuple[str, ...]:
    """The canonical role names (prefLabels of the role scheme)."""
    return tuple(c.label for c in concepts("role"))


@cache
def _compounds() -> dict[tuple[str, str], str]:
    return {(c.organ, c.position): c.label for c in concepts("role") if c.organ and c.position}


def compound_role(organ: str, position: str) -> str | None:
    """The role made of an organ and a position (党委 + 主要负责人 -> 党委主要负责人)."""
    return _compounds().get((organ, position))


def organ_role(organ: str) -> str | None:
    """The role an organ stands for when named alone (区委 -> 党委); None for 部门."""
    c = _by_label("organ").get(organ)
    return c.role if c else None


def sanction_type(surface: str) -> str | None:
    """The sanction ``type`` of a surface form: 诚勉 -> 诫勉, 记大过 -> 处分 (its broader)."""
    label = surface_forms("sanction").get(surface)
    if label is None:
        return None
    c = _by_label("sanction")[label]
    return c.broader or c.label


@cache
def sanction_types() -> tuple[str, ...]:
    """The canonical sanction types (concepts without a broader one)."""
    return tuple(c.label for c in concepts("sanction") if c.broader is None)


@cache
def categories() -> tuple[str, ...]:
    """The duty categories, 其他 last."""
    names = [c.label for c in concepts("category")]
    return tuple(sorted(names, key=lambda n: n == "其他"))


def level_words() -> dict[str, str]:
    """Chinese level word -> level (镇 -> township, 全区 -> county)."""
    return surface_forms("level")
