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

from graph.query.comparison import CompareCell, CompareRow
from graph.query.records import DutyRow
from ingest.domain.levels import Level, is_level, level_name
from ingest.ids import path_text
from search.hits import Hit
from search.rank.excerpt import shown_text

__all__ = [
    "CSS",
    "STATUS_ZH",
    "clause_href",
    "clause_html",
    "compare_table_html",
    "duty_card_html",
    "esc",
    "highlight_html",
    "hit_card_html",
    "sparql_table",
    "zh_value",
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
.dg-card .dg-fold summary{color:#4a6fa5;cursor:pointer;font-size:.85rem}
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
.dg-card .dg-conflict{color:#9b1c1c;font-size:.85rem;margin-top:.25rem}
.dg-card details{font-size:.85rem;color:#5f6b7a;margin-top:.2rem}
.dg-card details li{margin:.1rem 0}
/* Streamlit's file uploader writes English (Upload; 20MB per file • TXT, …) and has no
   option to change it: the words are drawn at size 0 and Chinese ones put in their place.
   The pages state the size limit and the formats in Chinese themselves. */
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p{font-size:0}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after{
  content:"选择文件";font-size:.875rem}
[data-testid="stFileUploaderDropzoneInstructions"] span{font-size:0}
[data-testid="stFileUploaderDropzoneInstructions"] span::after{content:"或把文件拖到这里";
  font-size:.875rem}
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
    """A search result card: path, document and level, highlighted text, link.

    The clause label stays apart from the first word; a long text shows its best
    sentences and folds the rest behind 展开全文 (``search.rank.excerpt``). 相关度 is the
    0-1 match strength of ``search.rank.scale``."""
    path = path_text(hit.path)
    shown = shown_text(hit.text, hit.path[-1] if hit.path else "", hit.highlights)
    body = highlight_html(shown.text, shown.highlights)
    if shown.cut_before or shown.cut_after:
        full = highlight_html(shown.full, shown.full_highlights)
        body = (
            f"{body}{'…' if shown.cut_after else ''}"
            f'<details class="dg-fold"><summary>展开全文</summary>{full}</details>'
        )
    return (
        f'<div class="dg-card"><div class="dg-path">{rank}. {esc(path)}</div>'
        f'<div class="dg-meta"><span class="dg-level">{esc(level_name(hit.level))}</span>'
        f"{esc(hit.doc_title)} · 相关度 {hit.score:.2f} · "
        f'<a href="{esc(clause_href(hit.doc_id, hit.clause_id))}" target="_self">'
        "在原文中查看</a></div>"
        f'<div class="dg-text">{body}</div></div>'
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
    columns: Mapping[Level, str] | None = None,
) -> str:
    """The cross-level table: a row per aligned duty, a column per level, differences coloured.

    A level missing the duty is red, the lowest of differing frequencies orange;
    ``frequency(cell)`` renders one cell (e.g. ``每季度至少1次``); ``columns`` names each
    column with its regions (县级（王益区）)."""
    head = "".join(f"<th>{esc((columns or {}).get(lv) or level_name(lv))}</th>" for lv in levels)
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
                cited = "".join(entries[0].path)
                body += f'<a href="{esc(href)}" target="_self">{esc(cited or "原文")}</a>'
            tds.append(f'<td class="dg-lvl {css}">{body}</td>')
        out.append(
            f'<tr><td class="dg-cat">{esc(row.category)}</td>'
            f'<td class="dg-act">{esc(row.activity)}</td>'
            + "".join(tds)
            + f'<td class="dg-finding">{esc(row.finding)}</td></tr>'
        )
    out.append("</table></div>")
    return "".join(out)


def _where(doc_level: str, region: str | None) -> str:
    return "·".join(x for x in (level_name(doc_level), region) if x)


def duty_card_html(duty: DutyRow, consequences: Sequence[str]) -> str:
    """A duty card: frequency, words, who the text names and why it binds, its source by
    path (never an id), the consequences (``consequences``: one line per clause) and the
    same duty elsewhere, with a conflict between levels in red."""
    freq = f'<span class="dg-level">{esc(duty.frequency)}</span>' if duty.frequency else ""
    actor = (
        f'<div class="dg-meta">条文主体：{esc(duty.actor)}（{esc(duty.binds_as)}）</div>'
        if duty.binds_as
        else ""
    )
    href = clause_href(duty.doc_id, duty.clause_id)
    source = (
        f'<div class="dg-meta">来源：【{esc(_where(duty.doc_level, duty.region))}】'
        f'{esc(duty.citation)} <a href="{esc(href)}" target="_self">查看原文</a>'
        + (f"（{esc(duty.source_why)}）" if duty.source_why else "")
        + "</div>"
    )
    types = list(dict.fromkeys(c.type for c in duty.consequences if c.type))
    failing = (
        "<details><summary>失职后果：" + esc("、".join(types)) + f"（{len(consequences)} 处条款）"
        "</summary><ul>" + "".join(f"<li>{esc(c)}</li>" for c in consequences) + "</ul></details>"
        if types
        else '<div class="dg-meta">失职后果：文件未作规定</div>'
    )
    others = (
        "<details><summary>其他文件的同一职责（"
        + str(len(duty.others))
        + " 处）</summary><ul>"
        + "".join(
            f"<li>【{esc(_where(o.doc_level, o.region))}】{esc(o.citation)}："
            f"{esc(o.frequency or '未规定次数')}</li>"
            for o in duty.others
        )
        + "</ul></details>"
        if duty.others
        else ""
    )
    conflict = f'<div class="dg-conflict">{esc(duty.conflict)}</div>' if duty.conflict else ""
    return (
        f'<div class="dg-card">{freq}<div class="dg-text">{esc(duty.duty_text or duty.text)}</div>'
        f"{actor}{source}{failing}{others}{conflict}</div>"
    )


# SPARQL variable names the example queries and users commonly write, in Chinese.
HEADER_ZH = {
    "title": "标题",
    "doc": "文件",
    "docTitle": "文件",
    "docId": "文件编号",
    "level": "层级",
    "upperTitle": "上级文件",
    "upperLevel": "上级层级",
    "activity": "职责",
    "perYear": "每年次数",
    "role": "角色",
    "category": "类别",
    "type": "追责方式",
    "status": "状态",
    "kind": "条款类型",
    "region": "地区",
    "n": "数量",
    "count": "数量",
}
# Values that are codes in the graph, said in Chinese.
_VALUE_ZH = {
    **STATUS_ZH,
    **KIND_ZH,
    "implements": "贯彻实施",
    "cites": "引用",
    "article": "条",
    "chapter": "章",
    "section": "节",
    "item": "项",
    "subitem": "目",
}


def zh_value(value: str) -> str:
    """A SPARQL result value as users read it: level IRIs and codes in Chinese (county ->
    县级, draft -> 征求意见稿), a vocabulary IRI by its last part."""
    tail = value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    if value.startswith("http") and is_level(tail) and "/level/" in value:
        return level_name(tail)
    if is_level(value):
        return level_name(value)
    return _VALUE_ZH.get(value, value)


def sparql_table(result: Mapping[str, Any]) -> list[dict[str, str]]:
    """SPARQL JSON results as rows with Chinese headers and values."""
    names = result.get("head", {}).get("vars", [])
    rows = result.get("results", {}).get("bindings", [])
    return [
        {HEADER_ZH.get(n, n): zh_value(b[n]["value"]) if n in b else "" for n in names}
        for b in rows
    ]
