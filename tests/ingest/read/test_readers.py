"""Readers: every format and encoding of the same cut gives the same normalised text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ingest.errors import UnreadableFile
from ingest.parse.normalise import normalise
from ingest.read.files import read_text
from ingest.read.html_text import html_to_text
from ingest.read.office_text import LIBREOFFICE_MISSING, libreoffice
from tests.conftest import FIXTURES

MANIFEST = json.loads((FIXTURES / "fixtures.json").read_text(encoding="utf-8"))
NO_LIBREOFFICE = pytest.mark.skipif(libreoffice() is None, reason=LIBREOFFICE_MISSING)
SAME_TEXT = [
    pytest.param(e, marks=[NO_LIBREOFFICE] if e["format"] in ("doc", "wps") else [], id=e["file"])
    for e in MANIFEST
    if e["same_text"]
]


def normalised_lines(path: Path, drop_prefixes: tuple[str, ...] = ()) -> list[str]:
    lines = normalise(read_text(path)).text.split("\n")
    return [ln for ln in lines if not ln.startswith(drop_prefixes)]


@pytest.mark.parametrize("entry", SAME_TEXT)
def test_every_format_gives_the_text_of_its_source_cut(entry: dict) -> None:
    reference = normalised_lines(FIXTURES / f"{entry['source']}.utf8.txt")
    got = normalised_lines(FIXTURES / entry["file"], tuple(entry.get("extra_lines", [])))
    assert got == reference


@pytest.mark.parametrize("enc", ["utf8-bom", "utf16", "gbk", "gb18030", "crlf"])
def test_encodings_decode_to_the_source_characters(enc: str) -> None:
    source = (FIXTURES / "seed000.utf8.txt").read_text(encoding="utf-8")
    raw = read_text(FIXTURES / f"seed000.{enc}.txt")
    assert "\ufeff" not in raw
    if enc == "gbk":
        source = source.replace("\xa0", " ")  # GBK has no NBSP; the generator wrote a space
    if enc == "crlf":
        raw = raw.replace("\r\n", "\n")
    assert raw[: len(source)] == source


def test_gb18030_keeps_characters_gbk_lacks() -> None:
    raw = read_text(FIXTURES / "seed000.gb18030.txt")
    for ch in "㐀䶮𠀀𠮷𪚥":
        assert ch in raw


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "big5", "utf-16", "utf-8-sig"])
def test_short_and_long_files_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    seed = (FIXTURES / "seed001.utf8.txt").read_text(encoding="utf-8")
    for text in ("熊丹", "第一条 安全生产", seed[:1500]):
        if encoding == "big5":
            text = text.encode("big5", errors="ignore").decode("big5")
        f = tmp_path / "doc.txt"
        f.write_bytes(text.encode(encoding))
        assert read_text(f) == text


def test_file_without_extension_is_read_as_text(tmp_path: Path) -> None:
    f = tmp_path / "README"
    shutil.copy(FIXTURES / "seed000.gbk.txt", f)
    assert read_text(f).startswith("王益区落实《铜川市")


def test_content_beats_a_wrong_extension(tmp_path: Path) -> None:
    pdf_as_txt = tmp_path / "doc.txt"
    shutil.copy(FIXTURES / "seed000.pdf", pdf_as_txt)
    assert read_text(pdf_as_txt) == read_text(FIXTURES / "seed000.pdf")
    page_as_txt = tmp_path / "page.txt"
    shutil.copy(FIXTURES / "seed001.html", page_as_txt)
    assert read_text(page_as_txt) == read_text(FIXTURES / "seed001.html")
    text_as_docx = tmp_path / "doc.docx"
    shutil.copy(FIXTURES / "seed000.utf8.txt", text_as_docx)
    with pytest.raises(UnreadableFile, match=r"not a valid \.docx"):
        read_text(text_as_docx)


@pytest.mark.parametrize("page", ["seed000.html", "seed001.html", "script_as_text.html"])
def test_html_drops_site_chrome_and_keeps_the_date(page: str) -> None:
    lines = normalised_lines(FIXTURES / page)
    source = {"seed000.html": "seed000", "seed001.html": "seed001"}.get(page)
    if source:  # every line the page adds to its source cut is its date
        cut = set(normalised_lines(FIXTURES / f"{source}.utf8.txt"))
        assert [ln for ln in lines if ln not in cut] == [lines[0]]
        assert lines[0].startswith("发布时间：")
    assert [ln for ln in lines if ln.startswith("发布时间：2019-07-01")]
    assert "tracker" not in "\n".join(lines)  # <script> content is never text
    assert not any(ln.startswith(("首页", "政务公开", "示例区人民政府门户")) for ln in lines)


def test_script_written_in_the_article_stays_text() -> None:
    text = normalise(read_text(FIXTURES / "script_as_text.html")).text
    assert "<script>alert(1)</script>" in text


@pytest.mark.parametrize(
    "file", ["seed001.utf8.txt", "seed001.docx", "seed001.html", "seed001.pdf"]
)
def test_tables_come_out_as_tab_rows(file: str) -> None:
    rows = [ln.split("\t") for ln in normalised_lines(FIXTURES / file) if "\t" in ln]
    assert len(rows) == 10 and {len(r) for r in rows} == {3}
    assert rows[0] == ["带队领导", "牵头部门", "检查范围（每月25日以前完成）"]
    assert rows[6][:2] == ["秦尚", "政法办、纪委、财政所"]  # the cell split over lines


def test_docx_auto_numbering_renders_the_labels_word_shows() -> None:
    labels = re.compile(r"^([一二三]、|（[一二三四]）|\d+\.)")
    docx_text = read_text(FIXTURES / "seed001_body.numbered.docx")
    typed = read_text(FIXTURES / "seed001_body.utf8.txt")
    got = [m.group(1) for ln in docx_text.split("\n") if (m := labels.match(ln))]
    want = [m.group(1) for ln in typed.split("\n") if (m := labels.match(ln))]
    assert got[:4] == ["一、", "二、", "（一）", "1."]
    assert got.count("1.") == 3 and got.count("（一）") == 2  # lower levels restart
    assert got == want


def test_pdf_rejoins_wrapped_lines_into_paragraphs() -> None:
    raw = read_text(FIXTURES / "seed000.pdf")
    lines = raw.split("\n")
    assert any(ln.startswith("第一条") and ln.endswith("制定本《意见》。") for ln in lines)
    assert not [ln for ln in lines if not ln.strip()]


def test_seed_003_saved_page_loses_its_chrome(seed_paths: dict[str, Path]) -> None:
    lines = normalise(read_text(seed_paths["003"])).text.split("\n")
    assert lines[0] == "《吉林省党政领导干部安全生产责任制实施细则》解读"
    assert lines[1].startswith("发布时间：2018-11-20")
    chrome = (
        "长春经济技术开发区",
        "一网搜",
        "当前位置",
        "责任编辑",
        "主办单位",
        "地址",
        "网站标识码",
    )
    assert not [ln for ln in lines if ln.startswith(chrome)]
    assert not [ln for ln in lines if "ICP" in ln or "公网安备" in ln or ln == "网站地图"]
    assert lines[-1].startswith("安全生产事关民生大事")


def test_layout_tables_are_read_as_blocks_and_data_tables_as_rows() -> None:
    page = """<html><body><table><tr><td><ul><li><a href="#">首页</a></li>
    <li><a href="#">政务公开</a></li><li><a href="#">政务服务</a></li></ul></td><td>
    <h1>某县安全生产责任制实施意见</h1><p>第一条 为了加强管理，制定本意见。</p>
    <p>第二条 本意见适用于全县。</p><p>第三条 乡镇党委负总责。</p><p>第四条 附表如下：</p>
    <table><tr><td>序号</td><td>任务</td></tr><tr><td>1</td><td><p>制定清单</p></td></tr></table>
    </td></tr></table></body></html>"""
    lines = normalise(html_to_text(page)).text.split("\n")
    assert lines[:5] == [
        "某县安全生产责任制实施意见",
        "第一条为了加强管理，制定本意见。",
        "第二条本意见适用于全县。",
        "第三条乡镇党委负总责。",
        "第四条附表如下：",
    ]
    assert lines[-2:] == ["序号\t任务", "1\t制定清单"]


def test_html_in_gbk_with_a_meta_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>熊丹负责安全生产。</p></body></html>'
    f = tmp_path / "page.htm"
    f.write_bytes(page.encode("gbk"))
    assert read_text(f) == "熊丹负责安全生产。"


def test_pdf_running_headers_go_and_latin_wraps_keep_a_space(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=11)
    body = "Article 1. The county committee shall review work safety every quarter. " * 6
    for n in range(4):
        pdf.add_page()
        pdf.cell(0, 8, "County Work Safety Committee", new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.multi_cell(0, 6, f"{body}End of page {'ABCD'[n]}.", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 8, f"- {n + 1} -", align="C")
    f = tmp_path / "doc.pdf"
    pdf.output(str(f))
    lines = read_text(f).split("\n")
    assert len(lines) == 4 and "Committee" not in "".join(lines) and "- 2 -" not in lines
    assert all(ln.startswith("Article 1.") and "  " not in ln for ln in lines)
    assert lines[0].endswith("every quarter. End of page A.")


def test_title_only_in_head_is_kept_and_site_names_are_not() -> None:
    page = """<html><head><title>关于加强安全生产工作的通知_示例区人民政府</title></head>
    <body><div class="content"><p>各乡镇：</p><p>现就有关事项通知如下。</p></div></body></html>"""
    assert html_to_text(page).split("\n") == [
        "关于加强安全生产工作的通知",
        "各乡镇：",
        "现就有关事项通知如下。",
    ]
    page_with_h1 = page.replace('<div class="content">', "<div><h1>关于加强安全生产工作的通知</h1>")
    assert html_to_text(page_with_h1).count("关于加强安全生产工作的通知") == 1
    site_only = page.replace("关于加强安全生产工作的通知_", "")
    assert html_to_text(site_only).split("\n")[0] == "各乡镇："


@NO_LIBREOFFICE
def test_rtf_and_wps_saved_as_ooxml_are_read(tmp_path: Path) -> None:
    words = "第一条 镇党委每季度至少研究一次安全生产工作。"
    escaped = "".join(ch if ord(ch) < 128 else f"\\u{ord(ch)}?" for ch in words)
    rtf = tmp_path / "notice.rtf"
    rtf.write_text("{\\rtf1\\ansi{\\fonttbl\\f0 SimSun;}\\f0 " + escaped + "\\par}", "ascii")
    assert read_text(rtf).strip() == words
    ooxml = tmp_path / "notice.wps"  # WPS can save .wps as OOXML: read as the .docx it is
    shutil.copy(FIXTURES / "seed001.docx", ooxml)
    assert read_text(ooxml) == read_text(FIXTURES / "seed001.docx")
