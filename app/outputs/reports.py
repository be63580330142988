"""Check and audit findings as a report a drafter can file: Markdown, HTML or .docx.

Findings are grouped by kind (most serious first, :class:`app.review.findings.Kind`)
and within a kind by reference document (the audit groups by checked document
first). Every finding carries the same four parts: what differs, the draft clause
(path and words), the reference clause (document with its level, path, words, and
the other documents repeating it) and what to change. HTML escapes every text it was
given, since findings quote uploaded documents. The .docx helpers here (CJK font,
bytes out) are shared by the duty sheet and the study pack.
"""

from __future__ import annotations

import html
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from app.review.findings import AuditFinding, CheckResult, Finding, Kind, where
from ingest.domain.levels import level_name

__all__ = [
    "HEADERS",
    "add_table",
    "cjk_document",
    "docx_bytes",
    "finding_cells",
    "landscape",
    "render_audit",
    "render_report",
]

CJK_FONT = "宋体"  # any Chinese office install has it; LibreOffice substitutes a CJK face
HEADERS = ("问题", "草案条款", "参照条款", "修改建议")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}
_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class _Group:
    heading: str
    parts: tuple[tuple[str, tuple[Finding, ...]], ...]  # (subheading, findings)


def finding_cells(f: Finding) -> tuple[str, str, str, str]:
    """(问题, 草案条款, 参照条款, 修改建议) of one finding, as plain text."""
    problem = f"{f.kind.label}（{f.role or '—'}）：{f.detail}"
    draft = f"{where(f.draft_path)}：{f.draft_text}" if f.draft_text else "（草案中没有对应条款）"
    ref = f"{f.reference.citation}：{f.reference.text}"
    also = [s.citation for s in f.sources[1:]]
    if also:
        ref += f"（同见{'；'.join(also)}）"
    return problem, draft, ref, f.advice


def _reference(f: Finding) -> str:
    return f"《{f.reference.doc_title}》（{level_name(f.reference.level)}）"


def _by_kind(findings: Sequence[Finding]) -> list[_Group]:
    """One group per kind, most serious first; within it one part per reference document."""
    groups = []
    for n, kind in enumerate(k for k in Kind if any(f.kind == k for f in findings)):
        mine = [f for f in findings if f.kind == kind]
        parts = tuple(
            (ref, tuple(f for f in mine if _reference(f) == ref))
            for ref in dict.fromkeys(map(_reference, mine))
        )
        groups.append(_Group(f"{_NUMERALS[n % 10]}、{kind.label}（{kind.severity_label}）", parts))
    return groups


def _counts(findings: Sequence[Finding]) -> str:
    counts = Counter(f.kind for f in findings)
    return "，".join(f"{k.label} {counts[k]} 处" for k in Kind if counts[k])


def _check_summary(result: CheckResult) -> str:
    refs = "；".join(f"《{r.title}》（{level_name(r.level)}，{r.why}）" for r in result.references)
    against = f"参照文件：{refs}。" if refs else ""
    if not result.findings:
        return f"{against}未发现差异：草案与参照文件一致。"
    return f"{against}共发现 {len(result.findings)} 处差异：{_counts(result.findings)}。"


def _markdown(title: str, summary: str, groups: Iterable[_Group]) -> str:
    lines = [f"# {title}", "", summary, ""]
    n = 0
    for g in groups:
        lines += [f"## {g.heading}", ""]
        for sub, findings in g.parts:
            lines += [f"### {sub}", ""]
            for f in findings:
                n += 1
                problem, draft, ref, advice = finding_cells(f)
                lines += [
                    f"#### {n}. {problem}",
                    "",
                    f"- **草案条款**：{draft}",
                    f"- **参照条款**：{ref}",
                    f"- **修改建议**：{advice}",
                    "",
                ]
    return "\n".join(lines)


def _html(title: str, summary: str, groups: Iterable[_Group]) -> str:
    e = html.escape
    head = "".join(f"<th>{h}</th>" for h in HEADERS)
    body = []
    for g in groups:
        body.append(f"<h2>{e(g.heading)}</h2>")
        for sub, findings in g.parts:
            rows = "\n".join(
                "<tr>" + "".join(f"<td>{e(c)}</td>" for c in finding_cells(f)) + "</tr>"
                for f in findings
            )
            body.append(
                f"<h3>{e(sub)}</h3><table><thead><tr>{head}</tr></thead>"
                f"<tbody>\n{rows}\n</tbody></table>"
            )
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}'
        "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
        "margin-bottom:1em}td,th{border:1px solid #999;padding:4px;vertical-align:top}</style>"
        f"</head><body><h1>{e(title)}</h1><p>{e(summary)}</p>{''.join(body)}</body></html>\n"
    )


def _docx(title: str, summary: str, groups: Iterable[_Group]) -> bytes:
    document = cjk_document(title)
    landscape(document)
    document.add_paragraph(summary)
    for g in groups:
        document.add_heading(g.heading, level=1)
        for sub, findings in g.parts:
            document.add_heading(sub, level=2)
            rows = (finding_cells(f) for f in findings)
            add_table(document, HEADERS, rows, (6.0, 7.5, 7.5, 4.5))
    return docx_bytes(document)


def _render(suffix: str, title: str, summary: str, groups: list[_Group]) -> str | bytes:
    kind = SUFFIXES.get(suffix.lower())
    if kind == "docx":
        return _docx(title, summary, groups)
    if kind == "html":
        return _html(title, summary, groups)
    if kind == "md":
        return _markdown(title, summary, groups)
    raise ValueError(f"report format must be .md, .html or .docx, not {suffix}")


def render_report(result: CheckResult, suffix: str, draft_name: str = "草案") -> str | bytes:
    """The check report in the format a file suffix names (.md, .html or .docx)."""
    groups = _by_kind(result.findings)
    return _render(suffix, f"草案检查报告：{draft_name}", _check_summary(result), groups)


def render_audit(findings: Sequence[AuditFinding], suffix: str, documents: int) -> str | bytes:
    """The store-wide audit: one section per checked document, its findings by kind."""
    docs = dict.fromkeys((a.draft_doc_id, a.draft_doc_title, a.draft_level) for a in findings)
    groups = []
    for n, (doc_id, title, level) in enumerate(docs, 1):
        mine = [a.finding for a in findings if a.draft_doc_id == doc_id]
        parts = tuple(
            (g.heading.split("、", 1)[1], sum((p[1] for p in g.parts), ())) for g in _by_kind(mine)
        )
        groups.append(_Group(f"{n}. 《{title}》（{level_name(level)}）", parts))
    flat = [a.finding for a in findings]
    summary = (
        f"审查了 {documents} 份文件，{len(docs)} 份低于其所落实的上级文件，"
        f"共 {len(flat)} 处：{_counts(flat)}。"
        if flat
        else f"审查了 {documents} 份文件，未发现下级文件的频次、时限或追责低于其所落实的上级文件。"
    )
    return _render(suffix, "全库审查报告", summary, groups)


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
