"""The builder's mutable tree nodes, and their flattening into ``Clause`` records.

Nodes keep per-parent bookkeeping (which ids are taken, the last number of
each style, how many paragraphs and rows) so a flat list of thousands of rows
or paragraphs stays linear to build. Ids are minted only at the end, by
``ingest.ids.child_id``, once re-parenting (款 split) is done.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.ids import child_id
from ingest.records import Clause

__all__ = ["Kids", "Node", "flatten"]

Step = tuple[str, int, int | None]


@dataclass
class Kids:
    """Bookkeeping of a node's children."""

    steps: set[Step] = field(default_factory=set)
    last: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # style -> number
    count: dict[str, int] = field(default_factory=dict)  # style -> how many

    def add(self, node: Node) -> None:
        self.steps.add(node.step())
        self.last[node.style] = (node.number or 0, node.sub)
        self.count[node.style] = self.count.get(node.style, 0) + 1


@dataclass(eq=False)
class Node:
    """One unit under construction; ``start``/``end`` delimit its own text."""

    style: str  # heading style name, or "att", "para", "row"
    prefix: str
    kind: str
    number: int | None
    sub: int | None
    label: str
    heading: str
    start: int
    end: int
    rank: float  # fixed rank (编 部分 章 节 条, attachments, 款), or 100 for list styles
    fixed: bool
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    kids: Kids = field(default_factory=Kids)
    text: str | None = None  # set for rows, whose text is rendered with column names
    paras: int = 0  # articles: how many 款 seen
    split: bool = False  # articles whose 款 became para children
    written: bool = True  # False for a 附件 with no number of its own

    def step(self) -> Step:
        return (self.prefix, self.number or 0, self.sub)


def own_text(text: str, start: int, end: int) -> str:
    """The span's non-blank lines, stripped, joined by newlines."""
    return "\n".join(s for s in (ln.strip() for ln in text[start:end].split("\n")) if s)


def flatten(text: str, roots: list[Node]) -> list[Clause]:
    """Clauses in document order, parents before children."""
    out: list[Clause] = []

    def walk(node: Node, parent_id: str | None, path: tuple[str, ...]) -> None:
        cid = child_id(parent_id, node.prefix, node.number or 0, node.sub)
        own = node.text if node.text is not None else own_text(text, node.start, node.end)
        p = (*path, node.label)
        # paragraphs, rows and a bare 附件 carry no numeral of their own (their id still counts)
        number = node.number if node.style not in ("para", "row") and node.written else None
        out.append(
            Clause(
                cid,
                parent_id,
                node.kind,
                number,
                node.label,
                node.heading,
                own,
                p,
                node.start,
                node.end,
            )
        )
        for c in node.children:
            walk(c, cid, p)

    for r in roots:
        walk(r, None, ())
    return out
