"""Check reports: the same findings as Markdown, escaped HTML and a .docx table."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

import ingest
from app.outputs.reports import (
    HEADERS,
    KIND_ZH,
    render_report,
    report_docx,
    report_html,
    report_markdown,
)
from app.outputs.sheets import duty_sheet_docx
from app.outputs.studypack import study_docx
from app.review.check import check
from app.study.content import study_content
from graph.query.records import DutyRow
from tests.conftest import FIXTURES, ROOT, SEEDS

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def planted_result() -> dict:
    draft = ingest.parse_file(FIXTURES / "draft_daligang_planted.txt")
    ref = ingest.parse_file(SEEDS["001"])
    return check((draft, ingest.extract_facts(draft)), [(ref, ingest.extract_facts(ref))])


def hostile() -> dict:
    return {
        "findings": [
            {
                "kind": "conflict",
                "role": "党委",
                "draft_clause_id": "art_1",
                "draft_label": "第一条",
                "draft_text": "发生2起<script>alert(1)</script>事故的",
                "reference_doc_id": "ref",
                "reference_doc_title": "参照<b>文件</b>",
                "reference_clause_id": "art_2",
                "reference_label": "第二条",
                "reference_text": "发生3起事故的 & 其他",
                "detail": "追责条件不同：参照文件为“3起”，草案为“2起”",
            }
        ]
    }


def test_markdown_has_one_section_per_finding_with_both_quotes(planted_result):
    md = report_markdown(planted_result, "大栗港镇草案")
    assert md.count("\n## ") == len(planted_result["findings"]) == 3
    for f in planted_result["findings"]:
        assert KIND_ZH[f["kind"]] in md
        assert f["reference_text"].strip()[:20] in md
        assert (f["draft_text"] or "（草案中没有对应条款）")[:20] in md


def test_html_escapes_everything_it_quotes():
    page = report_html(hostile(), "草案<i>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>" not in page and "&amp; 其他" in page
    assert "<i>" not in page
    assert all(f"<th>{h}</th>" in page for h in HEADERS)


def test_docx_table_has_header_and_a_row_per_finding(planted_result, tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(report_docx(planted_result, "大栗港镇草案"))
    document = docx.Document(path)
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == list(HEADERS)
    assert len(table.rows) == 1 + len(planted_result["findings"])
    kinds = {KIND_ZH[f["kind"]] for f in planted_result["findings"]}
    assert {r.cells[0].text.split("（")[0] for r in table.rows[1:]} == kinds
    missing = next(r for r in table.rows[1:] if r.cells[0].text.startswith("缺少职责"))
    assert "没有对应条款" in missing.cells[1].text and "积极支持" in missing.cells[2].text


def test_no_findings_says_so_in_every_format(tmp_path):
    empty = {"findings": []}
    md, html = render_report(empty, ".md"), render_report(empty, ".HTML")
    assert isinstance(md, str) and "未发现差异" in md
    assert isinstance(html, str) and "未发现差异" in html
    (tmp_path / "r.docx").write_bytes(bytes(render_report(empty, ".docx")))
    assert "未发现差异" in "\n".join(p.text for p in docx.Document(tmp_path / "r.docx").paragraphs)
    with pytest.raises(ValueError, match=r"\.md, \.html or \.docx"):
        render_report(empty, ".pdf")


def _render(files: list[Path], out: Path) -> list[Path]:
    """docx -> pdf (LibreOffice) -> first page PNG (pdftoppm)."""
    profile = out / "lo-profile"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to",
         "pdf", "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pngs = []
    for f in files:
        stem = out / f.stem
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
             f"{stem}.pdf", str(stem)],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        pngs.append(stem.with_suffix(".png"))
    return pngs


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")),
    reason="LibreOffice (libreoffice-writer-nogui) and poppler-utils are needed to render pages",
)
def test_reports_render_to_a_readable_page(planted_result, tmp_path):
    """Renders the check report, a duty sheet and a study pack to tests/artifacts/*.png for a
    person to read."""
    doc = ingest.parse_file(SEEDS["001"])
    facts = ingest.extract_facts(doc)
    seeds = (SEEDS["000"], SEEDS["003"], SEEDS["004"])
    duties = [
        DutyRow(doc.doc_id, doc.title, doc.level, doc.region, d.clause_id,
                doc.clause(d.clause_id).label, doc.clause(d.clause_id).path, d.text, d.text,
                d.activity, d.category, d.per_year, d.period)
        for d in facts.duties if d.role == "党委主要负责人"
    ]  # fmt: skip
    files = [tmp_path / n for n in ("check_report.docx", "duty_sheet.docx", "study_pack.docx")]
    files[0].write_bytes(report_docx(planted_result, "大栗港镇草案"))
    files[1].write_bytes(duty_sheet_docx(duties, "党委主要负责人", "township"))
    pairs = [(doc, facts)] + [(d, ingest.extract_facts(d)) for d in map(ingest.parse_file, seeds)]
    files[2].write_bytes(study_docx(study_content(pairs, "党委主要负责人", "township")))
    ARTIFACTS.mkdir(exist_ok=True)
    for png in _render(files, tmp_path):
        assert png.stat().st_size > 5_000  # a page with text on it, not a blank
        shutil.copy(png, ARTIFACTS / png.name)
