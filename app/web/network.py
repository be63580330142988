"""Drawing networkx graphs with pyvis for the 知识图谱 page, safely.

pyvis writes node labels into a ``<script>`` block, so every label and
tooltip is stripped of angle brackets first: a title holding ``</script>``
cannot end the block. The vis.js library is inlined (no CDN at run time).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from ingest.domain.levels import level_name

__all__ = ["LEVEL_COLOURS", "citation_chain", "role_view", "safe_label", "to_pyvis_html"]

LEVEL_COLOURS = {
    "national": "#b91c1c",
    "province": "#c2410c",
    "city": "#a16207",
    "county": "#15803d",
    "township": "#1d4ed8",
    "village": "#6d28d9",
    "unknown": "#6b7280",
}


def safe_label(text: object, limit: int = 40) -> str:
    """Text for a canvas label: no angle brackets or ampersands, shortened."""
    s = str(text).replace("<", "＜").replace(">", "＞").replace("&", "＆")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def citation_chain(docs: Mapping[str, Mapping[str, Any]]) -> nx.DiGraph:
    """Documents and the works they implement or cite, from the stored parse JSON."""
    g = nx.DiGraph()
    by_title = {d.get("title"): i for i, d in docs.items()}
    for doc_id, d in docs.items():
        g.add_node(doc_id, title=d.get("title", doc_id), level=d.get("level", "unknown"))
    for doc_id, d in docs.items():
        for c in d.get("citations", []):
            target = by_title.get(c.get("title")) or f"work:{c.get('title')}"
            if target not in g:
                g.add_node(target, title=c.get("title", ""), level=c.get("level", "unknown"))
            g.add_edge(doc_id, target, relation=c.get("relation", "cites"))
    return g


KIND_STYLE = {  # duty_network node kinds -> (colour, shape)
    "role": ("#1d4ed8", "box"),
    "duty": ("#15803d", "dot"),
    "sanction": ("#b91c1c", "diamond"),
}


def role_view(network: nx.DiGraph, role: str) -> nx.DiGraph:
    """One role's duties and the sanctions that follow them, from the duty network."""
    start = f"role:{role}"
    if start not in network:
        return nx.DiGraph()
    keep = {start} | set(network.successors(start))
    keep |= {s for d in list(keep) for s in network.successors(d)}
    view = network.subgraph(keep).copy()
    for _, data in view.nodes(data=True):
        colour, shape = KIND_STYLE.get(data.get("kind", ""), (None, "dot"))
        data.update({"color": colour, "shape": shape})
    return view


def to_pyvis_html(g: nx.DiGraph, height: int = 560, edges: Iterable[str] = ()) -> str:
    """A self-contained HTML page drawing ``g``; ``edges`` limits the relations drawn."""
    from pyvis.network import Network

    keep = set(edges)
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in g.nodes(data=True):
        level = data.get("level") or "unknown"
        name = data.get("label") or data.get("title") or node
        net.add_node(
            str(node),
            label=safe_label(name, 24),
            title=safe_label(f"{name}（{level_name(level)}）", 200),
            color=data.get("color") or LEVEL_COLOURS.get(level, LEVEL_COLOURS["unknown"]),
            shape=data.get("shape", "dot"),
        )
    for a, b, data in g.edges(data=True):
        relation = data.get("relation", "")
        if keep and relation not in keep:
            continue
        dashes = relation == "cites"
        net.add_edge(str(a), str(b), title=safe_label(relation), dashes=dashes)
    net.set_options('{"physics": {"stabilization": {"iterations": 150}}}')
    return net.generate_html(notebook=False)
