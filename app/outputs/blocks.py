"""A printed document as a list of blocks, rendered alike as Markdown, HTML and .docx.

The study pack says once what it prints (headings, paragraphs, list items, tables,
page breaks); each renderer only decides how. HTML escapes every text it is given
(the blocks quote documents that may hold markup) and starts each part on a new
printed page; the .docx uses the project's Chinese-font document.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from docx.enum.text import WD_BREAK

from app.outputs.reports import add_table, cjk_document, docx_bytes

__all__ = [
    "Block",
    "Heading",
    "Item",
    "PageBreak",
    "Para",
    "Table",
    "to_docx",
    "to_html",
    "to_markdown",
]


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int  # 0 the document's title, 1 a part, 2 a section


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    lead: str = ""  # printed bold before the text
    indent: bool = False


@dataclass(frozen=True, slots=True)
class Item:
    """A bulleted line: a bold lead, then the text."""

    lead: str
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_cm: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class PageBreak:
    """The next part starts on a new page (a trainer prints the paper without the key)."""


Block = Heading | Para | Item | Table | PageBreak


def _md_cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def to_markdown(blocks: Sequence[Block]) -> str:
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            lines += [f"{'#' * (b.level + 1)} {b.text}", ""]
        elif isinstance(b, Para):
            lead = f"**{b.lead}**" if b.lead else ""
            lines += [("   " if b.indent else "") + lead + b.text, ""]
        elif isinstance(b, Item):
            lines += [f"- **{b.lead}**{b.text}" if b.lead else f"- {b.text}"]
        elif isinstance(b, Table):
            lines += ["", "| " + " | ".join(b.headers) + " |"]
            lines += ["|" + "---|" * len(b.headers)]
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in b.rows]
            lines += [""]
        else:
            lines += ["", "---", ""]
    return "\n".join(lines).replace("\n\n\n", "\n\n").strip() + "\n"


CSS = (
    "body{font-family:'Noto Serif CJK SC','Source Han Serif SC','SimSun',serif;margin:2em auto;"
    "max-width:60em;line-height:1.7}h1{text-align:center}table{border-collapse:collapse;"
    "width:100%;margin:.5em 0}td,th{border:1px solid #999;padding:4px 6px;vertical-align:top}"
    "th{background:#f3f3f3}ul{padding-left:1.4em}.indent{margin-left:2em}"
    ".break{break-before:page;page-break-before:always}"
    "@media print{body{margin:0;max-width:none}}"
)


def to_html(blocks: Sequence[Block], title: str) -> str:
    """A standalone printable page; every text escaped."""
    e = html.escape
    out: list[str] = []
    open_list = False
    for b in blocks:
        if open_list and not isinstance(b, Item):
            out.append("</ul>")
            open_list = False
        if isinstance(b, Heading):
            out.append(f"<h{b.level + 1}>{e(b.text)}</h{b.level + 1}>")
        elif isinstance(b, Para):
            lead = f"<strong>{e(b.lead)}</strong>" if b.lead else ""
            cls = ' class="indent"' if b.indent else ""
            out.append(f"<p{cls}>{lead}{e(b.text)}</p>")
        elif isinstance(b, Item):
            if not open_list:
                out.append("<ul>")
                open_list = True
            lead = f"<strong>{e(b.lead)}</strong>" if b.lead else ""
            out.append(f"<li>{lead}{e(b.text)}</li>")
        elif isinstance(b, Table):
            head = "".join(f"<th>{e(h)}</th>" for h in b.headers)
            rows = "".join(
                "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in b.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        else:
            out.append('<div class="break"></div>')
    if open_list:
        out.append("</ul>")
    body = "\n".join(out)
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>\n{body}\n</body></html>\n"
    )


def to_docx(blocks: Sequence[Block]) -> bytes:
    """A .docx; the first level-0 heading is the document's title."""
    title = next((b.text for b in blocks if isinstance(b, Heading) and b.level == 0), "")
    document = cjk_document(title)
    first_title = True
    for b in blocks:
        if isinstance(b, Heading):
            if b.level == 0 and first_title:
                first_title = False
                continue
            document.add_heading(b.text, level=b.level)
        elif isinstance(b, Para):
            p = document.add_paragraph()
            if b.lead:
                p.add_run(b.lead).bold = True
            p.add_run(b.text)
            if b.indent:
                p.paragraph_format.left_indent = document.styles["Normal"].font.size
        elif isinstance(b, Item):
            p = document.add_paragraph(style="List Bullet")
            if b.lead:
                p.add_run(b.lead).bold = True
            p.add_run(b.text)
        elif isinstance(b, Table):
            add_table(document, b.headers, b.rows, b.widths_cm)
        else:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return docx_bytes(document)
