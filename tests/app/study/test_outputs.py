"""The three parts as .docx, Markdown and printable HTML; the .docx opens and renders.

Rendering uses LibreOffice (headless) and poppler, which ``make test`` installs from Debian
when it may; without them the rendering test skips saying why.
"""

from __future__ import annotations

import html
import io
import shutil
import subprocess

import docx
import pytest

from app.cli.main import main
from app.outputs.studypack import render_study
from app.study.pack import study_pack
from app.study.records import FORM_ZH, GlossaryTerm, PaperOptions, Source, StudyPack
from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def pack(corpus_store):
    return study_pack(corpus_store, "党委主要负责人", "township", options=PaperOptions(count=20))


def _docx_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_paper_holds_the_questions_and_the_key_the_answers(pack):
    paper = str(render_study(pack, ".md", ("paper",)))
    key = str(render_study(pack, ".md", ("key",)))
    for n, q in enumerate(pack.quiz, 1):
        assert f"{n}. {q.question}" in paper
        assert f"{n}. " in key and q.source.path_text in key
    assert all(FORM_ZH[q.form] in paper for q in pack.quiz)
    assert "依据《" not in paper and "答案与出处" not in paper  # the key is apart


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_each_format_holds_all_three_parts(pack, suffix):
    out = render_study(pack, suffix)
    text = _docx_text(out) if isinstance(out, bytes) else html.unescape(out)
    for words in ("学习手册", "知识测试卷", "答案与出处", "失职追责", "重要术语"):
        assert words in text, words
    assert pack.handbook[0].source.citation in text
    assert pack.quiz[0].question in text


def test_html_escapes_what_the_documents_say():
    src = Source("d", "测试<script>alert(1)</script>", "county", "art_1", ("第一条",), "x")
    evil = StudyPack(
        "党委主要负责人", "county", None, (src,), (),
        (GlossaryTerm("<b>术语</b>", "<img src=x onerror=alert(1)>", "clause", src),), (),
    )  # fmt: skip
    page = str(render_study(evil, ".html"))
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page


def test_the_command_refuses_bad_options_with_exit_2(corpus_store, tmp_path, capsys):
    base = ["--store", str(corpus_store), "study", "--role", "党委主要负责人"]
    assert main([*base, "--out", str(tmp_path / "x.pdf")]) == 2
    assert main([*base, "--out", str(tmp_path / "x.md"), "--forms", "essay"]) == 2
    assert (
        main(
            [
                "--store",
                str(corpus_store),
                "study",
                "--role",
                "无此角色",
                "--out",
                str(tmp_path / "y.md"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "x.pdf" in err and "essay" in err and "无此角色" in err and "Traceback" not in err


def test_the_docx_opens_and_renders_to_a_page_with_its_text(pack, tmp_path):
    soffice, pdftoppm, pdftotext = (shutil.which(t) for t in ("soffice", "pdftoppm", "pdftotext"))
    if not (soffice and pdftoppm and pdftotext):
        pytest.skip("LibreOffice or poppler is not installed (make test installs them with apt)")
    source = tmp_path / "paper.docx"
    source.write_bytes(render_study(pack, ".docx", ("paper", "key")))  # type: ignore[arg-type]
    home = tmp_path / "lo-profile"  # a private profile: parallel runs never share one
    cmd = [soffice, f"-env:UserInstallation=file://{home}", "--headless", "--convert-to", "pdf",
           "--outdir", str(tmp_path), str(source)]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "paper.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
    page = [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")]
    subprocess.run(page, check=True, timeout=120)
    png = next(tmp_path.glob("p*.png"))
    assert png.stat().st_size > 5000  # a page with text on it, not a blank one
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(png, ARTIFACTS / "study_paper.png")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout  # fmt: skip
    flat = "".join(text.split())
    assert "知识测试卷" in flat and "单选题" in flat
    assert "".join(pack.quiz[0].question.split())[:20] in flat
