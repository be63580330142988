"""Readers: every format and encoding of the same cut gives the same normalised text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ingest.errors import UnreadableFile
from ingest.normalise import normalise
from ingest.readers import read_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MANIFEST = json.loads((FIXTURES / "fixtures.json").read_text(encoding="utf-8"))
SAME_TEXT = [e for e in MANIFEST if e["same_text"]]
CHROME_WORDS = ("当前位置", "ICP备", "公网安备", "分享到", "网站地图", "登录", "主办单位", "打印")


def normalised_lines(path: Path, drop_prefixes: tuple[str, ...] = ()) -> list[str]:
    lines = normalise(read_text(path)).text.split("\n")
    return [ln for ln in lines if not ln.startswith(drop_prefixes)]


@pytest.mark.parametrize("entry", SAME_TEXT, ids=[e["file"] for e in SAME_TEXT])
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
    assert not [ln for ln in lines if any(w in ln for w in CHROME_WORDS)]
    assert [ln for ln in lines if ln.startswith("发布时间：2019-07-01")]
    assert "tracker" not in "\n".join(lines)  # <script> content is never text
    assert not any(ln.startswith(("首页", "政务公开", "示例区人民政府门户")) for ln in lines)


def test_script_written_in_the_article_stays_text() -> None:
    text = normalise(read_text(FIXTURES / "script_as_text.html")).text
    assert "<script>alert(1)</script>" in text


@pytest.mark.parametrize("file", ["seed001.utf8.txt", "seed001.docx", "seed001.html"])
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
