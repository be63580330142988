"""SHACL validation of graph content against ``graph/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

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


def validate(data: Graph) -> Report:
    """Validate ``data`` (a document graph, the links graph or a whole export)."""
    from pyshacl import validate as shacl  # heavy import, needed only here

    conforms, report, text = shacl(
        data, shacl_graph=shapes(), inference="none", allow_warnings=True, advanced=False
    )
    q = "SELECT (COUNT(?r) AS ?n) WHERE { ?r <http://www.w3.org/ns/shacl#resultSeverity> ?s }"
    violations = int(next(iter(report.query(q)))[0])
    return Report(bool(conforms), violations, str(text))
