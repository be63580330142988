"""Check and audit reports: the same findings as Markdown, escaped HTML and a .docx table,
grouped by kind (most serious first) and by reference document."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

import ingest
from app.outputs.reports import HEADERS, render_audit, render_report
from app.outputs.sheets import duty_sheet_docx
from app.outputs.studypack import render_study
from app.review.check import check
from app.review.findings import AuditFinding, CheckResult, Finding, Kind, Source
from app.study.pack import pack_from
from app.study.scope import make_scope
from graph.query.records import DutyRow
from tests.conftest import FIXTURES, ROOT, SEEDS

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def planted_result() -> CheckResult:
    draft = ingest.parse_file(FIXTURES / "draft_daligang_planted.txt")
    ref = ingest.parse_file(SEEDS["001"])
    return check((draft, ingest.extract_facts(draft)), [(ref, ingest.extract_facts(ref))])


def hostile() -> CheckResult:
    ref = Source("ref", "参照<b>文件</b>", "county", "art_2", ("第二条",), "发生3起事故的 & 其他")
    finding = Finding(
        Kind.CONFLICT, "党委", "art_1", ("第一条",), "发生2起<script>alert(1)</script>事故的",
        (ref,), "追责条件不同：参照文件为“3起”，草案为“2起”", "改为3起。", "trigger", ("3起",),
    )  # fmt: skip
    return CheckResult((finding,))


def test_markdown_groups_by_kind_then_reference_with_both_quotes(planted_result):
    md = str(render_report(planted_result, ".md", "大栗港镇草案"))
    assert md.count("\n#### ") == len(planted_result.findings) == 3
    headings = [ln for ln in md.splitlines() if ln.startswith("## ")]
    kinds = [k for k in Kind if any(f.kind == k for f in planted_result.findings)]
    assert [h.split("、", 1)[1].split("（")[0] for h in headings] == [k.label for k in kinds]
    assert md.count("### 《") == len(kinds)  # one reference document under each kind
    for f in planted_result.findings:
        assert f.reference.text.strip()[:20] in md and f.advice in md
        assert (f.draft_text or "（草案中没有对应条款）")[:20] in md
    assert "sec_" not in md  # clauses by their path, never by id


def test_html_escapes_everything_it_quotes():
    page = str(render_report(hostile(), ".html", "草案<i>"))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>" not in page and "&amp; 其他" in page
    assert "<i>" not in page
    assert all(f"<th>{h}</th>" in page for h in HEADERS)


def test_docx_has_a_table_per_kind_and_reference(planted_result, tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(bytes(render_report(planted_result, ".docx", "大栗港镇草案")))
    document = docx.Document(path)
    assert len(document.tables) == len({f.kind for f in planted_result.findings})
    for table in document.tables:
        assert [c.text for c in table.rows[0].cells] == list(HEADERS)
    rows = [r for t in document.tables for r in t.rows[1:]]
    assert len(rows) == len(planted_result.findings)
    missing = next(r for r in rows if r.cells[0].text.startswith(Kind.MISSING_DUTY.label))
    assert "没有对应条款" in missing.cells[1].text and "积极支持" in missing.cells[2].text


def test_no_findings_says_so_in_every_format(tmp_path):
    empty = CheckResult(())
    md, html = render_report(empty, ".md"), render_report(empty, ".HTML")
    assert isinstance(md, str) and "未发现差异" in md
    assert isinstance(html, str) and "未发现差异" in html
    (tmp_path / "r.docx").write_bytes(bytes(render_report(empty, ".docx")))
    assert "未发现差异" in "\n".join(p.text for p in docx.Document(tmp_path / "r.docx").paragraphs)
    with pytest.raises(ValueError, match=r"\.md, \.html or \.docx"):
        render_report(empty, ".pdf")


def test_audit_report_has_a_section_per_document(planted_result):
    found = [AuditFinding("d1", "甲县意见", "county", f) for f in planted_result.findings[:2]]
    found += [AuditFinding("d2", "乙镇方案", "township", planted_result.findings[2])]
    md = str(render_audit(found, ".md", 5))
    assert "审查了 5 份文件，2 份" in md
    assert md.index("《甲县意见》（县级）") < md.index("《乙镇方案》（乡镇级）")
    assert "未发现" in str(render_audit([], ".md", 5))


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
    files[0].write_bytes(bytes(render_report(planted_result, ".docx", "大栗港镇草案")))
    files[1].write_bytes(duty_sheet_docx(duties, "党委主要负责人", "township"))
    pairs = [(doc, facts)] + [(d, ingest.extract_facts(d)) for d in map(ingest.parse_file, seeds)]
    scope = make_scope(pairs, "党委主要负责人", "township")
    pack = pack_from(scope, {"党委主要负责人": duties})  # the rows the graph would give
    files[2].write_bytes(bytes(render_study(pack, ".docx")))
    ARTIFACTS.mkdir(exist_ok=True)
    for png in _render(files, tmp_path):
        assert png.stat().st_size > 5_000  # a page with text on it, not a blank
        shutil.copy(png, ARTIFACTS / png.name)
