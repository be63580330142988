"""SHACL validation of graph content against ``graph/rdf/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

__all__ = ["ONTOLOGY_FILE", "SHAPES_FILE", "Report", "ontology", "shapes", "validate"]

HERE = Path(__file__).resolve().parent
ONTOLOGY_FILE = HERE / "ontology.ttl"
SHAPES_FILE = HERE / "shapes.ttl"


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of one validation: ``text`` is pyshacl's human-readable report."""

    conforms: bool
    violations: int
    text: str


@functools.cache
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@functools.cache
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def validate(data: Graph, focus: Iterable[Node] | None = None) -> Report:
    """Validate ``data`` (a document graph, the links graph or a whole export).

    ``focus`` limits the check to those nodes: the links graph is checked with
    just enough of the documents around it to resolve ``sh:class``.
    """
    from pyshacl import validate as shacl  # heavy import, needed only here

    conforms, report, text = shacl(
        data,
        shacl_graph=shapes(),
        inference="none",
        allow_warnings=True,
        advanced=False,
        focus_nodes=sorted({str(n) for n in focus}) if focus is not None else None,
    )
    q = "SELECT (COUNT(?r) AS ?n) WHERE { ?r <http://www.w3.org/ns/shacl#resultSeverity> ?s }"
    violations = int(next(iter(report.query(q)))[0])
    return Report(bool(conforms), violations, str(text))
