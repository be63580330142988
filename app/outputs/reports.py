"""Draft-check findings as a report a drafter can read: Markdown, HTML or .docx.

Every format carries the same four columns (finding, draft clause, reference
clause, suggestion). HTML escapes every text it was given, since findings quote
uploaded documents. The .docx helpers here (CJK font, bytes out) are shared by
the duty sheet and the study pack.
"""

from __future__ import annotations

import html
import io
from collections import Counter
from collections.abc import Iterable, Sequence

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

__all__ = [
    "KIND_ZH",
    "add_table",
    "cjk_document",
    "docx_bytes",
    "landscape",
    "render_report",
    "report_docx",
    "report_html",
    "report_markdown",
    "suggestion",
]

KIND_ZH = {
    "missing_duty": "缺少职责",
    "weaker_frequency": "频次低于参照文件",
    "stronger_frequency": "频次高于参照文件",
    "missing_sanction": "缺少追责措施",
    "conflict": "追责条件不一致",
}
CJK_FONT = "宋体"  # any Chinese office install has it; LibreOffice substitutes a CJK face
HEADERS = ("问题", "草案条款", "参照条款", "修改建议")


def suggestion(f: dict) -> str:
    """What the drafter could do about one finding, in a sentence."""
    title = _short(f.get("reference_doc_title") or f["reference_doc_id"])
    where = f"《{title}》{f.get('reference_label') or ''}"
    role = f.get("role") or "相关责任主体"
    return {
        "missing_duty": f"补充{role}的这项职责，可参照{where}的表述。",
        "weaker_frequency": f"将{role}的频次提高到不低于{where}的要求。",
        "stronger_frequency": f"频次高于{where}，可以保留；请确认能够落实。",
        "missing_sanction": f"补充{where}规定的追责方式，或说明不采用的理由。",
        "conflict": f"核对追责条件，与{where}保持一致或说明理由。",
    }.get(f["kind"], "请核对。")


def _short(title: str, limit: int = 18) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _cells(f: dict) -> tuple[str, str, str, str]:
    kind = f"{KIND_ZH.get(f['kind'], f['kind'])}（{f.get('role') or '—'}）：{f.get('detail') or ''}"
    draft = (
        f"{f.get('draft_label') or f.get('draft_clause_id')}：{f['draft_text']}"
        if f.get("draft_text")
        else "（草案中没有对应条款）"
    )
    ref_title = _short(f.get("reference_doc_title") or f["reference_doc_id"])
    ref = f"《{ref_title}》{f.get('reference_label') or ''}：{f.get('reference_text') or ''}"
    return kind, draft, ref, suggestion(f)


def _summary(findings: list[dict]) -> str:
    refs = dict.fromkeys(
        f"《{f.get('reference_doc_title') or f['reference_doc_id']}》" for f in findings
    )
    against = f"参照文件：{'、'.join(refs)}。" if refs else ""
    if not findings:
        return "未发现差异：草案与参照文件一致。"
    counts = Counter(f["kind"] for f in findings)
    parts = "，".join(f"{KIND_ZH[k]} {counts[k]} 处" for k in KIND_ZH if counts[k])
    return f"{against}共发现 {len(findings)} 处差异：{parts}。"


def report_markdown(result: dict, draft_name: str = "草案") -> str:
    """One section per finding; Markdown tables cannot hold whole clauses readably."""
    findings = result.get("findings", [])
    lines = [f"# 草案检查报告：{draft_name}", "", _summary(findings), ""]
    for n, f in enumerate(findings, 1):
        kind, draft, ref, advice = _cells(f)
        lines += [
            f"## {n}. {kind}",
            "",
            f"- **草案条款**：{draft}",
            f"- **参照条款**：{ref}",
            f"- **修改建议**：{advice}",
            "",
        ]
    return "\n".join(lines)


def report_html(result: dict, draft_name: str = "草案") -> str:
    """A standalone page with one table row per finding; all text escaped."""
    findings = result.get("findings", [])
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in _cells(f)) + "</tr>"
        for f in findings
    )
    head = "".join(f"<th>{h}</th>" for h in HEADERS)
    title = html.escape(f"草案检查报告：{draft_name}")
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:4px;vertical-align:top}</style></head>"
        f"<body><h1>{title}</h1><p>{html.escape(_summary(findings))}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>\n{rows}\n</tbody></table></body></html>\n"
    )


def cjk_document(title: str) -> DocxDocument:
    """A new .docx whose text styles name a Chinese font for East Asian characters."""
    document = docx.Document()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        style.font.name = CJK_FONT
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_heading(title, level=0)
    return document


def add_table(
    document: DocxDocument, headers: Sequence[str], rows: Iterable[Sequence[str]],
    widths_cm: Sequence[float],
) -> None:  # fmt: skip
    """A bordered table with a bold header row and fixed column widths (Word and LibreOffice
    both honour per-cell widths, not column widths)."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row_cells, texts in ((table.rows[0].cells, headers), *((None, r) for r in rows)):
        cells = row_cells if row_cells is not None else table.add_row().cells
        for cell, text, width in zip(cells, texts, widths_cm, strict=True):
            cell.text = text
            cell.width = Cm(width)
            if row_cells is not None:
                cell.paragraphs[0].runs[0].bold = True


def landscape(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.8)


def docx_bytes(document: DocxDocument) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def report_docx(result: dict, draft_name: str = "草案") -> bytes:
    """A .docx with the summary and one table: finding, draft, reference, suggestion."""
    findings = result.get("findings", [])
    document = cjk_document(f"草案检查报告：{draft_name}")
    landscape(document)
    document.add_paragraph(_summary(findings))
    if findings:
        add_table(document, HEADERS, (_cells(f) for f in findings), (6.0, 7.5, 7.5, 4.5))
    return docx_bytes(document)


def render_report(result: dict, suffix: str, draft_name: str = "草案") -> str | bytes:
    """The report in the format a file suffix names (.md, .html or .docx)."""
    suffix = suffix.lower()
    if suffix == ".docx":
        return report_docx(result, draft_name)
    if suffix in (".html", ".htm"):
        return report_html(result, draft_name)
    if suffix in (".md", ".markdown"):
        return report_markdown(result, draft_name)
    raise ValueError(f"report format must be .md, .html or .docx, not {suffix}")
