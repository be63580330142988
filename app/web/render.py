"""Turning records into safe HTML and Chinese labels for the Streamlit pages.

Every piece of document text goes through :func:`esc` before it meets
``unsafe_allow_html``: a document may hold ``<script>`` and must show it as
text. Nothing here calls Streamlit, so it is tested without a page.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from graph.query.records import CompareCell, CompareRow
from ingest.domain.levels import Level, level_name
from search.hits import Hit

__all__ = [
    "CSS",
    "STATUS_ZH",
    "clause_href",
    "clause_html",
    "compare_table_html",
    "esc",
    "highlight_html",
    "hit_card_html",
]

# One set of level names for the whole product: the graph's, so the UI says what findings say.
STATUS_ZH = {"draft": "征求意见稿", "final": "正式文件", "interpretation": "政策解读"}
KIND_ZH = {"table_row": "表格行", "attachment": "附件", "paragraph": "段落"}

# Static style only: no document text is ever placed in here.
CSS = """
<style>
.dg-card{border:1px solid #e3e6ea;border-radius:10px;padding:.8rem 1rem;margin:.5rem 0;
  background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.dg-card .dg-path{font-weight:600;color:#1f3b63}
.dg-card .dg-meta{color:#5f6b7a;font-size:.85rem;margin-top:.15rem}
.dg-card .dg-text{margin-top:.45rem;line-height:1.7;white-space:pre-wrap}
.dg-card mark,.dg-clause mark{background:#ffe58f;padding:0 .1em;border-radius:2px}
.dg-level{display:inline-block;border-radius:6px;padding:0 .45em;font-size:.78rem;
  background:#e8f0fe;color:#1a56db;margin-right:.35rem}
.dg-clause{padding:.25rem .5rem;border-left:3px solid #e3e6ea;margin:.15rem 0;
  line-height:1.7;white-space:pre-wrap}
.dg-clause.dg-selected{border-left-color:#f59e0b;background:#fff7e6}
.dg-clause .dg-label{font-weight:600;color:#1f3b63;margin-right:.3rem}
table.dg-compare{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1rem}
table.dg-compare th{background:#f3f5f8;text-align:left;padding:.45rem .6rem;
  border-bottom:2px solid #d9dee5;white-space:nowrap}
table.dg-compare td{padding:.45rem .6rem;border-bottom:1px solid #eceff3;vertical-align:top;
  line-height:1.55}
table.dg-compare td.dg-missing{background:#fde2e1;color:#9b1c1c}
table.dg-compare td.dg-lower{background:#fff1d6}
.dg-compare-wrap{overflow-x:auto}
table.dg-compare td.dg-finding{color:#7a2e0e;min-width:15rem}
table.dg-compare td.dg-cat{min-width:4.5rem}
table.dg-compare td.dg-act{min-width:8rem}
table.dg-compare td.dg-lvl{min-width:6rem}
table.dg-compare .dg-freq{white-space:nowrap}
table.dg-compare a{font-size:.78rem;margin-left:.25rem}
</style>
"""


def esc(text: object) -> str:
    """HTML-escaped text (quotes included), for every string from a document.

    Line breaks become ``<br>``: a blank line would end the HTML block in the
    Markdown that Streamlit renders, and what follows would be read as Markdown."""
    return html.escape(str(text), quote=True).replace("\r", "").replace("\n", "<br>")


def highlight_html(text: str, spans: Iterable[Sequence[int]] = ()) -> str:
    """Escaped text with the given character spans wrapped in ``<mark>``."""
    out, pos = [], 0
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        start = max(start, pos)
        if end <= start:
            continue
        out += [esc(text[pos:start]), "<mark>", esc(text[start:end]), "</mark>"]
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def clause_href(doc_id: str, clause_id: str | None = None) -> str:
    """The permalink of a clause (or a document) on the 文档 page."""
    query = {"doc": doc_id} | ({"clause": clause_id} if clause_id else {})
    return "documents?" + urlencode(query)


def hit_card_html(hit: Hit, rank: int) -> str:
    """A search result card: path, document and level, highlighted text, link."""
    path = " › ".join(hit.path) or hit.clause_id
    return (
        f'<div class="dg-card"><div class="dg-path">{rank}. {esc(path)}</div>'
        f'<div class="dg-meta"><span class="dg-level">{esc(level_name(hit.level))}</span>'
        f"{esc(hit.doc_title)} · 相关度 {hit.score:.3f} · "
        f'<a href="{esc(clause_href(hit.doc_id, hit.clause_id))}" target="_self">'
        "在原文中查看</a></div>"
        f'<div class="dg-text">{highlight_html(hit.text, hit.highlights)}</div></div>'
    )


def clause_html(clause: Mapping[str, Any], depth: int, selected: bool = False) -> str:
    """One clause of a document's tree, indented by depth, its own text escaped."""
    label = clause.get("label") or KIND_ZH.get(clause.get("kind", ""), "")
    text = clause.get("text", "")
    if label and text.startswith(label):
        text = text[len(label) :].lstrip()
    css = "dg-clause dg-selected" if selected else "dg-clause"
    return (
        f'<div class="{css}" id="{esc(clause.get("clause_id", ""))}" '
        f'style="margin-left:{1.2 * depth:.1f}rem"><span class="dg-label">{esc(label)}</span>'
        f"{esc(text)}</div>"
    )


def compare_table_html(
    rows: Sequence[CompareRow],
    levels: Sequence[Level],
    frequency: Callable[[CompareCell], str],
) -> str:
    """The cross-level table: a row per aligned duty, a column per level, differences coloured.

    A level missing the duty is red, the lowest of differing frequencies orange;
    ``frequency(cell)`` renders one cell (e.g. ``每季度至少1次``)."""
    head = "".join(f"<th>{esc(level_name(lv))}</th>" for lv in levels)
    out = [
        '<div class="dg-compare-wrap"><table class="dg-compare">',
        f"<tr><th>类别</th><th>职责</th>{head}<th>差异</th></tr>",
    ]
    for row in rows:
        rates = {  # the levels that state a number: the lowest of differing ones is orange
            lv: max(c.per_year or 0 for c in row.cells[lv]) for lv in levels if row.cells.get(lv)
        }
        rates = {lv: r for lv, r in rates.items() if r}
        low = min(rates.values()) if len(set(rates.values())) > 1 else None
        tds = []
        for lv in levels:
            entries = row.cells.get(lv, ())
            css = ""
            if row.finding and not entries:
                css = "dg-missing"
            elif row.finding and low and rates.get(lv) == low:
                css = "dg-lower"
            freqs = dict.fromkeys(esc(frequency(e)) for e in entries)
            body = "；".join(f'<span class="dg-freq">{f}</span>' for f in freqs) or "未规定"
            if entries:
                href = clause_href(entries[0].doc_id, entries[0].clause_id)
                body += f'<a href="{esc(href)}" target="_self">原文</a>'
            tds.append(f'<td class="dg-lvl {css}">{body}</td>')
        out.append(
            f'<tr><td class="dg-cat">{esc(row.category)}</td>'
            f'<td class="dg-act">{esc(row.activity)}</td>'
            + "".join(tds)
            + f'<td class="dg-finding">{esc(row.finding)}</td></tr>'
        )
    out.append("</table></div>")
    return "".join(out)
