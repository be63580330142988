"""Stand-ins for the ingest, graph and search front doors, counting their calls.

They let the build and app tests run in a second, whatever state the real
packages are in: a "document" is a text file whose lines are its articles.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest

from graph import GraphUpdate
from ingest.errors import UnusableInput
from ingest.ids import child_id, make_doc_id
from ingest.records import Clause, Document, Facts
from search import IndexUpdate
from search.hits import Hit

__all__ = ["FakePipeline", "install"]


@dataclass
class FakePipeline:
    """Call records of every fake front door."""

    parsed: list[str] = field(default_factory=list)
    graph_calls: list[tuple[list[str], list[str]]] = field(default_factory=list)
    graph_stores: list[str | None] = field(default_factory=list)  # graph_store of each call
    index_calls: list[list[str]] = field(default_factory=list)
    crash_in: str | None = None  # "graph" or "search": that stage raises

    def parse_file(self, path: str | Path) -> Document:
        path = Path(path)
        self.parsed.append(path.name)
        text = path.read_text(encoding="utf-8")
        if "BROKEN" in text or not text.strip():
            raise UnusableInput(path, "no numbered clauses found")
        lines = [ln for ln in text.splitlines() if ln.strip()]
        clauses, pos = [], 0
        for i, line in enumerate(lines[1:], 1):
            start = text.index(line, pos)
            pos = start + len(line)
            label = f"第{i}条"
            clauses.append(
                Clause(
                    child_id(None, "art", i),
                    None,
                    "article",
                    i,
                    label,
                    "",
                    line,
                    (label,),
                    start,
                    pos,
                )
            )
        level = "county" if "区" in lines[0] else "township"
        return Document(
            doc_id=make_doc_id(path),
            title=lines[0],
            doc_number=None,
            issuer=None,
            date=None,
            status="final",
            level=level,
            region=None,
            citations=(),
            clauses=tuple(clauses),
            text=text,
            source=str(path),
        )

    def extract_facts(self, doc: Document) -> Facts:
        return Facts(doc.doc_id)

    def to_json(self, doc: Document, facts: Facts | None = None) -> dict[str, Any]:
        d = asdict(doc)
        d["clauses"] = [
            dict(asdict(c), roles=[], frequencies=[], deadlines=[], sanctions=[], duties=[])
            for c in doc.clauses
        ]
        return d

    def from_json(self, d: dict[str, Any]) -> tuple[Document, Facts]:
        keep = set(Clause.__dataclass_fields__)
        clauses = tuple(
            Clause(**{k: (tuple(v) if k == "path" else v) for k, v in c.items() if k in keep})
            for c in d["clauses"]
        )
        doc = Document(
            **{
                **d,
                "clauses": clauses,
                "citations": (),
                "regions": (),
                "offsets": tuple(d.get("offsets", ())),
            }
        )
        return doc, Facts(doc.doc_id)

    def update_graph(
        self, store_dir: Path, changed: list, removed: list, graph_store: str | None = None
    ) -> GraphUpdate:
        if self.crash_in == "graph":
            raise KeyboardInterrupt
        self.graph_calls.append(([d.doc_id for d, _ in changed], list(removed)))
        self.graph_stores.append(graph_store)
        (Path(store_dir) / "graph").mkdir(exist_ok=True)
        return GraphUpdate(
            len(changed),
            len(removed),
            sum(len(d.clauses) for d, _ in changed),
            store=graph_store,
        )

    def update_index(self, store_dir: Path, docs: list, progress: bool = True) -> IndexUpdate:
        if self.crash_in == "search":
            raise RuntimeError("simulated crash while encoding")
        self.index_calls.append([d.doc_id for d, _ in docs])
        out = Path(store_dir) / "search"
        out.mkdir(exist_ok=True)
        rows = [
            [d.doc_id, d.title, c.clause_id, list(c.path), c.text, d.level]
            for d, _ in docs
            for c in d.clauses
        ]
        (out / "rows.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        return IndexUpdate(None, len(rows), len(docs), 0, len(rows), 0, 0.0, 0.0)


class FakeSearcher:
    """Substring search over the rows the fake index wrote."""

    def __init__(self, store_dir: Path) -> None:
        self.rows = json.loads((Path(store_dir) / "search" / "rows.json").read_text("utf-8"))

    def search(self, query: str, k: int = 10, level: str | None = None, **_: Any) -> list[Hit]:
        hits = []
        for doc_id, title, cid, path, text, lvl in self.rows:
            common = [ch for ch in dict.fromkeys(query) if ch in text]
            if common and (level is None or level == lvl):
                spans = tuple((text.index(ch), text.index(ch) + 1) for ch in common)
                hits.append(
                    Hit(doc_id, title, cid, tuple(path), text, float(len(common)), lvl, spans)
                )
        return sorted(hits, key=lambda h: -h.score)[:k]


def install(
    monkeypatch: pytest.MonkeyPatch, *, stages: bool = True, search: bool = True
) -> FakePipeline:
    """Put the fakes where the build and the app look the front doors up.

    ``stages=False`` fakes ingestion only, ``search=False`` keeps the real search."""
    from app import build, store_files
    from app import stages as stage_mod
    from app.web import loaders

    fake = FakePipeline()
    for name in ("parse_file", "extract_facts", "to_json"):
        monkeypatch.setattr(build, name, getattr(fake, name))
    monkeypatch.setattr(store_files, "from_json", fake.from_json)
    if stages:
        monkeypatch.setattr(stage_mod, "update_graph", fake.update_graph)
    if stages and search:
        monkeypatch.setattr(stage_mod, "update_index", fake.update_index)
        monkeypatch.setattr(loaders, "load_searcher", FakeSearcher)
    return fake
