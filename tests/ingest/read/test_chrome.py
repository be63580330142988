"""Site chrome goes, the document stays: expectations read off real pages, not the table.

The saved page of seed 003 shows where its article is (from its title line to
its last sentence); the web copies of the dev set whose line breaks survived
hold their clean corpus text, so every line they add is the site's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import pytest

from ingest.parse.normalise import normalise
from ingest.read.chrome import page_title_parts
from ingest.read.files import read_text
from tests.conftest import CORPUS, FIXTURES, SEEDS

WEBCOPIES = FIXTURES / "webcopies"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _lines(raw: str) -> list[str]:
    return normalise(raw).text.split("\n")


def _simple(lines: list[str]) -> list[str]:
    """Lines in simplified script whatever their share of traditional (査 -> 查)."""
    t2s = opencc.OpenCC("t2s").convert
    return [t2s(ln) for ln in lines]


def test_saved_page_keeps_its_article_and_loses_the_rest() -> None:
    raw = [ln.strip() for ln in read_text(SEEDS["003"]).split("\n") if ln.strip()]
    first = next(i for i, ln in enumerate(raw) if ln.startswith("《") and ln.endswith("解读"))
    last = max(i for i, ln in enumerate(raw) if ln.endswith("。"))
    around = [ln for ln in raw[:first] + raw[last + 1 :] if not _DATE.search(ln)]
    got = _lines(read_text(SEEDS["003"]))
    article = [normalise(ln).text for ln in raw[first : last + 1] if not _DATE.search(ln)]
    assert [ln for ln in got if not _DATE.search(ln)] == article
    assert around and not [ln for ln in around if normalise(ln).text in got]


ENTRIES = [
    e
    for e in json.loads((WEBCOPIES / "webcopies.json").read_text(encoding="utf-8"))
    if e["breaks_kept"] and e["split"] == "tuned"
]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["file"])
def test_web_copy_loses_what_the_page_added(entry: dict) -> None:
    clean = _simple(_lines(read_text(CORPUS / f"{entry['source']}.txt")))
    copy = _simple(_lines((WEBCOPIES / entry["file"]).read_text(encoding="utf-8")))
    # nothing of the document is lost (its title may be restyled by the page)
    assert [ln for ln in clean if ln not in copy and ln != entry["title"]] == []
    added = [ln for ln in copy if ln not in clean]
    # what stays of the page: its heading of the document's title and its date line
    assert all(entry["title"] in ln or _DATE.search(ln) for ln in added), added


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("关于安全的通知_政策文件_某区人民政府", ["关于安全的通知", "政策文件", "某区人民政府"]),
        ("北京市安全生产条例 - 首都之窗 - 北京市人民政府门户网站", ["北京市安全生产条例"]),
        ("北京市安全生产条例", None),
    ],
)
def test_page_titles_lose_the_site_names(title: str, parts: list[str] | None) -> None:
    assert page_title_parts(title) == parts


def test_chrome_lives_in_one_data_file() -> None:
    data = Path(__file__).resolve().parents[3] / "ingest" / "read" / "data"
    assert sorted(p.name for p in data.iterdir()) == ["chrome.tsv"]


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("位置：首页 - 法规数据库 - 地方性法规", True),  # a short crumb label before 首页
        ("位置偏远的生产经营单位应当配备应急救援器材。", False),  # …not the word in a sentence
        ("中国人大网 www.npc.gov.cn", True),  # a site's name and address
        ("点击上方蓝字 关注我们", True),  # WeChat furniture
        ("应急管理部 2024-01-26 18:30 发表于北京", True),
        ("阅读原文", True),
        ("阅读：2231", True),  # a hit counter
    ],
)
def test_more_page_furniture_is_chrome(line: str, chrome: bool) -> None:
    assert (normalise(f"第一条 为了加强管理，制定本办法。\n{line}").text.count("\n") == 0) == chrome
