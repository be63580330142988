"""Web copies: traditional script, pinyin glosses, flattened lines, titles, the dev set."""

from __future__ import annotations

import json
import random
import re
from functools import cache

import opencc
import pytest

from eval.webcopies import SET, score_copy
from ingest import parse_file, parse_text
from ingest.parse.flat_text import glued_cuts, space_breaks
from ingest.parse.normalise import normalise
from ingest.parse.script import to_simplified, traditional_chars
from ingest.parse.titles import own_title
from ingest.read.files import read_text
from tests.conftest import CORPUS, SEEDS


@cache
def _clean(seed: str):
    return parse_file(SEEDS[seed])


def _gloss(text: str, rng: random.Random) -> str:
    """Pinyin after some characters, as a mirror site writes it: 產（chǎn）."""
    pinyin = {"產": "chǎn", "責": "zé", "黨": "dǎng", "職": "zhí", "檢": "jiǎn"}
    return "".join(
        ch + (f"（{pinyin[ch]}）" if ch in pinyin and rng.random() < 0.5 else "") for ch in text
    )


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_traditional_copy_gives_the_clean_tree_title_and_its_own_words(seed, config):
    raw = _gloss(opencc.OpenCC(config).convert(read_text(SEEDS[seed])), random.Random(seed))
    assert to_simplified(raw) != raw  # the copy really is traditional
    clean, doc = _clean(seed), parse_text(raw, SEEDS[seed].name)
    assert [c.label for c in doc.clauses] == [c.label for c in clean.clauses]
    for a, b in zip(clean.clauses, doc.clauses, strict=True):  # 显着 comes back as 显著
        assert len(a.text) == len(b.text)
        assert sum(x != y for x, y in zip(a.text, b.text, strict=True)) <= 2
    assert doc.title == clean.title and doc.level == clean.level
    for c in doc.clauses:
        assert traditional_chars(c.text) == 0 and "（chǎn）" not in c.text
        original = doc.original_span(c.start, c.end)
        assert original in raw  # the clause still shows its exact original words
        if "\t" not in doc.text[c.start : c.end]:  # a cut of a table is no table
            assert normalise(original).text == doc.text[c.start : c.end]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("安全生產（chǎn）責任清單（2.0版）", "安全生产责任清单（2.0版）"),
        ("黨(dǎng)委 責(ze2)任", "党委责任"),
        ("（试行）（PDF） (ICP) 生产（一）", "（试行）（PDF） (ICP) 生产（一）"),  # no tone: kept
    ],
)
def test_pinyin_glosses_go_and_other_brackets_stay(raw: str, want: str) -> None:
    assert normalise(raw).text == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        # a run of spaces before a heading is a break; inside 第二章  职  责 it is not
        ("开展检查。  二、工作措施", "开展检查。\n二、工作措施"),
        ("第二章  职  责", "第二章职责"),
        ("每季度至少 1 次", "每季度至少 1 次"),
        # one space (an &nbsp; between paragraphs) before a heading is a break too, but
        # not the space after a bare label, nor before an article cited mid-sentence
        ("2019年4月1日 施行 第一章 总则", "2019年4月1日施行\n第一章总则"),
        (
            "应当负责。 第十二条 本条例自公布之日起施行。",
            "应当负责。\n第十二条本条例自公布之日起施行。",
        ),
        ("依照本条例 第十二条 处理", "依照本条例第十二条处理"),
        # a long line parted by several runs: every run is a break, but not after a label
        (
            "第一条  " + "为了加强安全生产工作，" * 12 + "制定本办法。    "
            "本办法适用于全区。    各级党委负总责。    第二条  政府负监管责任。",
            "第一条" + "为了加强安全生产工作，" * 12 + "制定本办法。\n"
            "本办法适用于全区。\n各级党委负总责。\n第二条政府负监管责任。",
        ),
    ],
)
def test_runs_of_spaces_that_part_paragraphs_become_breaks(raw: str, want: str) -> None:
    assert normalise(raw).text == want
    assert all(raw[i] in " \u3000\xa0" for i in space_breaks(raw))


@pytest.mark.parametrize(
    ("line", "cut_before"),
    [
        (
            "一、总体要求（一）指导思想。以科学发展为指导。（二）基本原则。坚持安全第一。",
            ["（一）", "（二）"],
        ),
        (
            "第一章总则第一条为了加强管理，制定本条例。第二条本条例适用于全市。",
            ["第一条", "第二条"],
        ),
        ("职责：1.组织学习；2.督促检查；3.考核。", ["1.", "2.", "3."]),
        ("第一条依照本条例第二条的规定，各级政府负责。", []),  # cited mid-sentence
        ("第一条为了加强管理。（三）项不适用。", []),  # out of sequence
        # a missed heading (第一条 glued to the front matter) does not lose the next ones:
        # a heading past the count starts a new one when its successor follows at a boundary
        ("施行第一条为了管理。第二条适用于全市。第三条由市政府负责。", ["第二条", "第三条"]),
        ("施行第一条为了管理。第五条另有规定。", []),  # no successor: not trusted
    ],
)
def test_glued_headings_are_cut_at_sentence_boundaries_in_sequence(line, cut_before):
    (cuts,) = glued_cuts([line])
    assert [line[c : c + len(w)] for c, w in zip(cuts, cut_before, strict=False)] == cut_before
    assert len(cuts) == len(cut_before)


@pytest.mark.parametrize(
    ("title", "want"),
    [
        (
            "陕办发〔2018〕35号《陕西省实施〈地方党政领导干部安全生产责任制规定〉细则》（全文）"
            "《陕西省实施〈地方党政领导干部安全生产责任制规定〉细则》",
            "陕西省实施《地方党政领导干部安全生产责任制规定》细则",
        ),
        (
            "国务院令第302号《国务院关于特大安全事故行政责任追究的规定》（全文）",
            "国务院关于特大安全事故行政责任追究的规定",
        ),
        ("某县安全生产实施意见（征求意见稿）", "某县安全生产实施意见"),
        (
            "《吉林省党政领导干部安全生产责任制实施细则》解读",
            "《吉林省党政领导干部安全生产责任制实施细则》解读",
        ),
        ("某市安全生产管理办法（试行）", "某市安全生产管理办法（试行）"),
        # the promulgation line glued after the title (its break lost)
        ("生产安全事故应急条例2018年12月5日国务院第33次常务会议通过", "生产安全事故应急条例"),
        ("关于2019年1月1日起施行新标准的通知", "关于2019年1月1日起施行新标准的通知"),
        # a site's tag before it, the order in brackets after it, the page's date run on
        ("【转载】安全生产许可证条例", "安全生产许可证条例"),
        ("行政机关公务员处分条例(国务院令第495号)", "行政机关公务员处分条例"),
        ("中华人民共和国安全生产法发布时间：2021-06-11 浏览次数：5632", "中华人民共和国安全生产法"),
    ],
)
def test_own_title_drops_what_a_page_writes_around_it(title: str, want: str) -> None:
    assert own_title(title) == want


def test_suffix_still_sets_the_status_and_page_titles_lose_to_the_own_title() -> None:
    body = "\n一、总体要求\n各级党委要加强领导，落实责任。\n二、工作措施\n加强检查。"
    doc = parse_text("某县关于加强安全生产的实施意见（征求意见稿）（全文）" + body)
    assert (doc.title, doc.status) == ("某县关于加强安全生产的实施意见", "draft")
    page = "某县关于加强安全生产的实施意见_政策文件_某县人民政府门户网站"
    own = "\n某县安全生产实施意见"
    assert parse_text(page + own + body).title == "某县安全生产实施意见"
    assert parse_text(page + body).title == "某县关于加强安全生产的实施意见"


MANIFEST = json.loads((SET / "webcopies.json").read_text(encoding="utf-8"))
TUNED = [e for e in MANIFEST if e["split"] == "tuned"]  # held-out copies are only scored


@pytest.mark.parametrize("entry", TUNED, ids=lambda e: e["file"])
def test_tuned_web_copies_give_the_clean_tree_and_title(entry: dict) -> None:
    clean = parse_file(CORPUS / f"{entry['source']}.txt")
    copy = parse_text((SET / entry["file"]).read_text(encoding="utf-8"), entry["file"])
    score = score_copy(clean, copy, entry["title"])
    assert score.title_right and clean.title == entry["title"]
    assert score.leftovers == 0  # no URL, 来源 line or traditional character in a clause
    # the whole tree, but for an article's paragraphs (第N款) where a copy glued them
    assert score.unit_ratio >= 0.97 and score.label_ratio >= 0.7
    assert not [c for c in copy.clauses if re.search(r"https?://|來源|来源[:：]", c.text)]


NOTICE_PAGE = """湖北省人民政府门户网站
当前位置：首页 > 政府信息公开 > 政策文件
索 引 号：011043108/2019-00123
发文机关：湖北省人民政府办公厅
标    题：湖北省人民政府办公厅关于加强安全生产工作的通知
发文字号：鄂政办发〔2019〕20号
【发布日期：2019-05-15】
湖北省人民政府办公厅关于加强安全生产工作的通知
各市、州、县人民政府，省政府各部门：
　　为加强安全生产工作，现就有关事项通知如下：
　　一、强化责任落实。各级党委和政府要落实安全生产责任。
　　二、加强隐患排查。各地要每季度至少开展1次隐患排查。
湖北省人民政府办公厅
2019年5月10日
【打印本页】【关闭窗口】"""


@pytest.mark.parametrize("sep", ["\n", "    ", "\u3000\u3000"])
def test_a_notice_page_with_its_metadata_box_whole_or_on_one_line(sep: str) -> None:
    doc = parse_text(sep.join(NOTICE_PAGE.split("\n")))
    assert doc.title == "湖北省人民政府办公厅关于加强安全生产工作的通知"
    assert (doc.doc_number, doc.issuer) == ("鄂政办发〔2019〕20号", "湖北省人民政府办公厅")
    assert [c.label for c in doc.clauses] == ["第1段", "一、", "二、"]
    assert not [c for c in doc.clauses if "索引号" in c.text or "打印" in c.text]
    no_heading = NOTICE_PAGE.replace("湖北省人民政府办公厅关于加强安全生产工作的通知\n各市", "各市")
    assert parse_text(no_heading).title == doc.title  # the box's 标题 when the page has none


def test_a_traditional_notice_title_broken_over_lines_names_the_wrapped_document() -> None:
    head = "關於印發《大栗港鎮黨政領導幹部\n安全生產（chǎn）責任清單（2.0版）》的通知"
    doc = parse_text(head + "\n一、总体要求\n各级党委要加强领导。\n二、工作措施\n加强检查。")
    assert doc.title == "大栗港镇党政领导干部安全生产责任清单（2.0版）"


def test_margin_line_numbers_of_a_pdf_export_go_and_a_short_numbered_list_stays() -> None:
    body = [f"第{n}条 各单位应当落实安全生产责任。" for n in "一二三四五六七八九十"]
    numbered = "\n".join(f"{k}  {line}" for k, line in enumerate(["某市安全生产办法", *body], 1))
    assert normalise(numbered).text == normalise("\n".join(["某市安全生产办法", *body])).text
    short = "1 号楼\n2 号楼\n3 号楼"
    assert normalise(short).text == short


def test_a_reposts_own_title_under_its_headline_and_lead() -> None:
    text = (
        "重磅！《某市安全生产办法》全文公布，5月1日起施行\n点击上方蓝字 关注我们\n"
        "市政府日前公布《某市安全生产办法》，自5月1日起施行。\n某市安全生产办法\n"
        "第一章 总则\n第一条 为了加强管理，制定本办法。\n第二条 本办法适用于全市。"
    )
    doc = parse_text(text)
    assert doc.title == "某市安全生产办法"
    assert [c.label for c in doc.clauses if c.label.startswith("第")][-3:] == [
        "第一章",
        "第一条",
        "第二条",
    ]
