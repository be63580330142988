"""Scans: page preparation, tables, furniture, joins, confidences and unreadable pages.

Fast tests use the scripted engine (``ocr_fakes``); the one test of the real
engine reads the scanned-looking seed 001 (``make_scans.py``) end to end and
is marked slow.
"""

from __future__ import annotations

import itertools
import socket
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from app.cli.main import main
from eval.readers import tree_agreement
from ingest import parse_file
from ingest.errors import UnusableInput
from ingest.parse.normalise import normalise
from ingest.read.files import read_file
from ingest.read.layout import PageLine, drop_furniture, paragraphs
from ingest.read.ocr_engine import OcrLine, ocr_available
from ingest.read.ocr_text import MIN_CONFIDENCE, SPECKS
from ingest.read.ruled_tables import grids_from_rules, place_in_grids
from ingest.read.scan_image import _skew, find_grids, prepare
from tests.conftest import FIXTURES
from tests.ingest.read.ocr_fakes import ScriptedEngine, inked_page, set_lines

BODY = (FIXTURES / "seed001_body.utf8.txt").read_text(encoding="utf-8")
PARAS = [ln.strip() for ln in BODY.split("\n") if ln.strip()][:9]


def _page(lines: list[OcrLine], n: int) -> list[PageLine]:
    return [
        PageLine(ln.text, ln.x0, ln.x1, ln.top, 40.0, n, ln.confidence)
        for ln in sorted(lines, key=lambda ln: ln.top)
    ]


def test_furniture_goes_and_paragraphs_join_across_page_breaks() -> None:
    lines = set_lines(PARAS)
    per_page = len(lines) // 3 + 1
    pages = []
    for n in range(3):
        body = lines[n * per_page : (n + 1) * per_page]
        slip = "大栗港镇党政办公室 收又" if n == 1 else "大栗港镇党政办公室 收文"  # an OCR slip
        head = OcrLine(slip, 200, 100, 640, 130, 0.9)
        foot = OcrLine(f"- {n + 1} -" if n < 2 else f"第{n + 1}页", 560, 2300, 680, 2340, 0.9)
        pages.append(_page([head, *body, foot], n + 1))
    paras = paragraphs(drop_furniture(pages))
    assert [p.text for p in paras] == PARAS  # nothing but the paragraphs, each whole
    assert all(p.confidence == pytest.approx(0.95) for p in paras)


def test_a_centred_title_over_two_lines_is_one_line() -> None:
    title = "大栗港镇党政领导干部安全生产“党政同责、一岗双责”和“三个必须”的实施意见"
    big = 55.0  # 二号 over 三号
    cut = 22
    centred = [
        PageLine(part, 827 - len(part) * big / 2, 827 + len(part) * big / 2, 200 + 90 * k, big, 1)
        for k, part in enumerate((title[:cut], title[cut:]))
    ]
    body = _page(set_lines(PARAS[:2], first=3), 1)
    paras = paragraphs([centred + body])
    assert paras[0].text == title and [p.text for p in paras[1:]] == PARAS[:2]


def test_specks_read_as_dots_are_dropped_and_real_dots_kept() -> None:
    def clean(text: str) -> str:
        for pattern, repl in SPECKS:
            text = pattern.sub(repl, text)
        return text

    assert clean("积·极推进安全发展战略") == "积极推进安全发展战略"
    assert clean("·3.积极支持") == "3.积极支持"
    assert clean("并保持相对稳定。.") == "并保持相对稳定。"
    assert clean("1.高度重视安全生产工作") == "1.高度重视安全生产工作"
    assert clean("安全生产事故,确保全镇") == "安全生产事故,确保全镇"  # a comma is text


def test_rules_drawn_cell_by_cell_make_one_grid_and_rows_of_cells() -> None:
    xs, ys = (100.0, 300.0, 700.0), (50.0, 120.0, 260.0)
    hrules = [(y, a, b) for y in ys for a, b in itertools.pairwise(xs)]
    vrules = [(x, a, b) for x in xs for a, b in itertools.pairwise(ys)]
    (grid,) = grids_from_rules(hrules, vrules, height=1000.0, merge=2.0)
    assert grid.xs == xs and grid.ys == ys
    pieces = [
        OcrLine("带队领导", 110, 60, 200, 100, 0.9),
        OcrLine("检查范围", 310, 60, 420, 100, 0.8),
        OcrLine("郭环球", 110, 130, 190, 170, 0.9),
        OcrLine("全镇辖区内各行业、", 310, 130, 690, 170, 0.9),
        OcrLine("各系统", 310, 180, 400, 220, 0.9),
        OcrLine("表格外的一行", 100, 400, 400, 440, 0.9),
    ]
    rows, rest = place_in_grids(pieces, [grid], 1)
    assert [r.text for r in rows] == ["带队领导\t检查范围", "郭环球\t全镇辖区内各行业、各系统"]
    assert [r.first_row for r in rows] == [True, False]
    assert [p.text for p in rest] == ["表格外的一行"]


def _drawn_page(angle: float) -> Image.Image:
    """Text-like bars, a ruled 3 x 2 table and a red seal, turned by ``angle`` degrees."""
    img = Image.new("RGB", (1400, 1900), (238, 238, 236))
    draw = ImageDraw.Draw(img)
    for k in range(10):
        draw.rectangle([150, 150 + 60 * k, 1250, 175 + 60 * k], fill=(20, 20, 20))
    for y in (900, 1000, 1100):
        draw.line([(150, y), (1250, y)], fill="black", width=3)
    for x in (150, 500, 1250):
        draw.line([(x, 900), (x, 1100)], fill="black", width=3)
    draw.ellipse([900, 1300, 1200, 1600], outline=(220, 30, 30), width=12)
    return img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(238, 238, 236))


def test_prepare_whitens_red_and_takes_out_the_skew() -> None:
    page = prepare(_drawn_page(1.2))
    a = page.astype(int)
    assert not ((a[..., 0] - np.maximum(a[..., 1], a[..., 2])) > 35).any()
    assert _skew(Image.fromarray(page).convert("L")) == pytest.approx(0.0, abs=0.15)
    (grid,) = find_grids(page)
    assert (len(grid.xs), len(grid.ys)) == (3, 3)  # two columns, two rows


def _scan_doc(tmp_path: Path, pages: list[list[OcrLine]]) -> tuple[Path, ScriptedEngine]:
    return inked_page(tmp_path / "scan.tif", len(pages)), ScriptedEngine(pages)


def test_ocr_confidence_reaches_each_clause(tmp_path: Path) -> None:
    sure = set_lines(PARAS[:3], 0.97)
    unsure = set_lines(PARAS[3:6], 0.71, first=len(sure))
    path, engine = _scan_doc(tmp_path, [sure + unsure])
    doc = parse_file(path, ocr=engine)

    def confidence(para: str) -> float | None:
        (clause,) = [c for c in doc.clauses if c.text.startswith(normalise(para).text[:8])]
        return clause.ocr_confidence

    assert confidence(PARAS[0]) == pytest.approx(0.97)  # 一、 and its paragraph
    assert confidence(PARAS[3]) == pytest.approx(0.71)  # （一）
    assert confidence(PARAS[4]) == pytest.approx(0.71)  # 1.
    typed = parse_file(FIXTURES / "seed001_body.utf8.txt")
    assert {c.ocr_confidence for c in typed.clauses} == {None}


def test_an_unreadable_page_is_left_out_and_named(tmp_path: Path) -> None:
    garbled = [OcrLine("丨丶亅", 200, 300 + 80 * k, 320, 350 + 80 * k, 0.31) for k in range(5)]
    pages = [set_lines(PARAS[:4]), garbled, set_lines(PARAS[4:8])]
    path, engine = _scan_doc(tmp_path, pages)
    raw = read_file(path, ocr=engine)
    assert [(p.page, "OCR could not read it" in p.reason) for p in raw.skipped] == [(2, True)]
    assert "丨丶亅" not in raw.text and MIN_CONFIDENCE > 0.31
    doc = parse_file(path, ocr=engine.__class__(pages))
    assert [p.page for p in doc.skipped_pages] == [2]


def test_parse_command_names_the_unread_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ingest.read.ocr_text as ocr_text

    garbled = [OcrLine("丨丶亅", 200, 300, 320, 350, 0.2)]
    engine = ScriptedEngine([set_lines(PARAS[:5]), garbled])
    monkeypatch.setattr(ocr_text, "scan_engine", lambda path, given: given or engine)
    path = inked_page(tmp_path / "scan.tif", 2)
    assert main(["parse", str(path)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and "page 2" in err[0]


def test_a_scan_with_no_readable_page_is_unusable(tmp_path: Path) -> None:
    path, engine = _scan_doc(tmp_path, [[OcrLine("丨丶", 200, 300, 280, 350, 0.2)]])
    with pytest.raises(UnusableInput, match="OCR could not read any of the 1 page"):
        read_file(path, ocr=engine)


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="the 'ocr' extra (rapidocr) is not installed")
def test_scanned_seed_001_gives_the_clause_tree_of_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Done-when figure: label-sequence and clause-text ratios >= 0.90, with no network."""

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("OCR tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    doc = parse_file(FIXTURES / "seed001.scanned.pdf")
    ref = parse_file(FIXTURES / "seed001.utf8.txt")
    agree = tree_agreement(ref, doc)
    assert agree.labels >= 0.90 and agree.texts >= 0.90, agree
    assert doc.title == ref.title and doc.doc_number == ref.doc_number
    assert all(c.ocr_confidence is not None and 0 < c.ocr_confidence <= 1 for c in doc.clauses)
    rows = [c for c in doc.clauses if c.kind == "table_row"]
    assert len(rows) == sum(1 for c in ref.clauses if c.kind == "table_row")
    assert not doc.skipped_pages
