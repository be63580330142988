"""Every law in corpus/ parses into articles 1..N and the right chapters and sections.

N and the chapter/section counts are derived from the raw text with simple
line-start regexes and cn2an, independently of the parser's heading table.
"""

from __future__ import annotations

import re

import cn2an
import pytest

from ingest import parse_file
from tests.conftest import CORPUS

LAWS = sorted(
    p
    for p in CORPUS.glob("*.txt")
    if p.name.startswith(("national_", "province_", "city_ningbo", "city_shenzhen"))
    and "interpretation" not in p.name
)
_NUM = "[一二三四五六七八九十百零两〇]+"


def line_heads(text: str, unit: str) -> list[int]:
    """Numbers of 第X<unit> at line starts (spaces allowed inside, as typeset)."""
    found = re.findall(rf"(?m)^[ \t\u3000]*第\s*({_NUM})\s*{unit}", text)
    return [int(cn2an.cn2an(n, "smart")) for n in found]


def test_the_corpus_has_laws():
    assert len(LAWS) >= 10


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.stem)
def test_law_articles_chapters_sections(path):
    raw = path.read_text(encoding="utf-8")
    doc = parse_file(path)
    n_articles = max(line_heads(raw, "条"))
    articles = [c for c in doc.clauses if c.kind == "article"]
    assert [c.number for c in articles] == list(range(1, n_articles + 1))
    assert [c.label for c in doc.clauses if c.label.endswith("章")] == [
        c for c in (f"第{cn2an.an2cn(n)}章" for n in line_heads(raw, "章"))
    ]
    assert sum(1 for c in doc.clauses if c.label.endswith("节")) == len(line_heads(raw, "节"))
    # every article hangs under a chapter when the law has chapters
    if line_heads(raw, "章"):
        assert all(c.parent_id and c.parent_id.startswith("chp_") for c in articles)
    assert doc.title and doc.level in {"national", "province", "city"}
    assert doc.date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date)


def test_articles_with_zhi_yi_and_items_and_paragraphs():
    text = (
        "某某条例\n第一章 总则\n第一条 为了规范管理，制定本条例。\n"
        "第二条 本条例适用于下列单位：\n（一）企业；\n（二）事业单位。\n"
        "前款所称企业，包括个体工商户。\n"
        "第二条之一 新增的条文。\n第三条 应当遵守：\n（一）第一项\n1.第一目\n2.第二目\n"
        "（二）第二项\n第二章 附则\n第四条 本条例自公布之日起施行。\n"
    )
    from ingest import parse_text

    doc = parse_text(text)
    ids = [c.clause_id for c in doc.clauses]
    assert "chp_1__art_2-1" in ids
    assert "chp_1__art_2__para_1__item_2" in ids and "chp_1__art_2__para_2" in ids
    assert "chp_1__art_3__item_1__sub_2" in ids and "chp_1__art_3__item_2" in ids
    assert "chp_2__art_4" in ids
    art21 = doc.clause("chp_1__art_2-1")
    assert art21.label == "第二条之一" and art21.number == 2


def test_cited_article_at_line_start_is_not_an_article():
    from ingest import parse_text

    text = (
        "某某办法\n第一条 总的要求。\n第二条 具体要求：\n"
        "第五十条规定的情形，依照该条处理。\n第三条 本办法自发布之日起施行。\n"
    )
    doc = parse_text(text)
    assert [c.number for c in doc.clauses if c.kind == "article"] == [1, 2, 3]
    assert any("第五十条规定的情形" in c.text for c in doc.clauses)


def test_table_of_contents_is_not_a_second_set_of_chapters():
    from ingest import parse_text

    text = (
        "某某条例\n目录\n第一章 总则\n第二章 责任\n"
        "第一章 总则\n第一条 总的要求。\n第二章 责任\n第二条 具体要求。\n"
    )
    doc = parse_text(text)
    chapters = [c for c in doc.clauses if c.kind == "chapter"]
    assert [c.clause_id for c in chapters] == ["chp_1", "chp_2"]
    assert doc.title == "某某条例"
    assert doc.clause("chp_2__art_2").text.replace(" ", "") == "第二条具体要求。"
    assert doc.clause("chp_1__art_1").parent_id == "chp_1"


def test_table_of_contents_lines_are_no_clauses_and_no_facts():
    """A 目录 block stays in the document's text but gives no clause (and so no fact)."""
    from ingest import extract_facts, parse_text

    toc = ["第一章　总　　则", "第二章　政务处分的种类和适用", "第三章　法律责任"]
    body = (
        "第一章 总则\n第一条 总的要求。\n"
        "第二章 政务处分的种类和适用\n第二条 政务处分的种类为警告、记过。\n"
        "第三章 法律责任\n第三条 违反本法的，依法给予处分。\n"
    )
    text = "某某法\n目　　录\n" + "\n".join(toc) + "\n" + body
    doc = parse_text(text)
    assert all(c.kind != "paragraph" for c in doc.clauses)
    assert [c.clause_id for c in doc.clauses if c.kind == "chapter"] == ["chp_1", "chp_2", "chp_3"]
    assert "目录\n第一章总则\n第二章政务处分" in doc.text  # nothing is lost from the text
    facts = extract_facts(doc)
    assert {s.clause_id for s in facts.sanctions} <= {c.clause_id for c in doc.clauses}
    assert all(s.clause_id.startswith("chp_") for s in facts.sanctions)


def test_table_of_contents_with_dot_leaders_and_page_numbers():
    from ingest import parse_text

    text = (
        "某某条例\n目录\n第一章 总则……………… 1\n第二章 责任..........3\n"
        "第一章 总则\n第一条 总的要求。\n第二章 责任\n第二条 具体要求。\n"
    )
    doc = parse_text(text)
    assert [c.clause_id for c in doc.clauses] == ["chp_1", "chp_1__art_1", "chp_2", "chp_2__art_2"]


def test_a_codes_books_and_their_parts_nest_above_chapters():
    """民法典: 第二编 物权 > 第一分编 通则 > 第一章; chapters count on across 分编."""
    from ingest import parse_text

    text = (
        "某某法典\n第一编 总则\n第一章 基本规定\n第一条 甲。\n"
        "第二编 物权\n第一分编 通则\n第一章 一般规定\n第二条 乙。\n"
        "第二分编 所有权\n第二章 一般规定\n第三条 丙。\n"
    )
    doc = parse_text(text)
    parts = [c for c in doc.clauses if c.label.endswith("分编")]
    assert [c.clause_id for c in parts] == ["bk_2__sbk_1", "bk_2__sbk_2"]
    want = ("第二编", "第二分编", "第二章", "第三条")
    assert doc.clause("bk_2__sbk_2__chp_2__art_3").path == want
    assert all(c.kind != "paragraph" for c in doc.clauses)


def test_a_skipped_number_does_not_swallow_the_rest_of_the_law():
    from ingest import parse_text

    text = "某某条例\n第一条 甲。\n第二条 乙。\n第四条 丁。\n第五条 戊。\n第六条 己。\n"
    doc = parse_text(text)
    assert [c.number for c in doc.clauses if c.kind == "article"] == [1, 2, 4, 5, 6]


def test_an_excerpt_may_start_at_any_article():
    from ingest import parse_text

    doc = parse_text("某某条例（摘编）\n第五条 甲。\n第六条 乙。\n第七条 丙。\n")
    assert [c.clause_id for c in doc.clauses] == ["art_5", "art_6", "art_7"]


def test_an_excerpt_keeps_every_article_across_its_gaps():
    from ingest import parse_text

    text = (
        "中华人民共和国刑法\n第十七条 已满十六周岁的人犯罪，应当负刑事责任。\n"
        "第二十五条 共同犯罪是指二人以上共同故意犯罪。\n"
        "第一百七十五条之一 以欺骗手段取得银行贷款的，处罚金。\n"
        "第二百六十六条 诈骗公私财物，数额较大的，处三年以下有期徒刑。\n"
    )
    doc = parse_text(text)
    arts = [(c.number, c.label) for c in doc.clauses if c.kind == "article"]
    assert [n for n, _ in arts] == [17, 25, 175, 266]
    assert arts[2][1] == "第一百七十五条之一"


def test_a_line_that_cites_an_article_opens_none():
    from ingest import parse_text

    text = (
        "某某条例\n第一条 甲。\n第二条 有下列情形之一的，依照\n"
        "第二十条规定的程序处理：\n（一）乙；\n第三条 丙。\n"
        "第三十条所列单位应当依法办理。\n"
    )
    doc = parse_text(text)
    assert [c.number for c in doc.clauses if c.kind == "article"] == [1, 2, 3]


def test_a_single_article_is_a_document():
    from ingest import parse_text

    doc = parse_text("家庭教育促进法\n第四十九条 公安机关在办理案件过程中，可以予以训诫。\n")
    assert [c.clause_id for c in doc.clauses] == ["art_49"]


def test_an_article_naming_a_chrome_word_is_body():
    from ingest import parse_text

    text = (
        "关于办理信息网络犯罪案件适用法律若干问题的解释\n"
        "第十一条 为他人实施犯罪提供技术支持或者帮助，具有下列情形之一的：\n"
        "（一）经监管部门告知后仍然实施有关行为的；\n第十二条 明知他人利用信息网络实施犯罪的。\n"
    )
    doc = parse_text(text)
    assert [c.clause_id for c in doc.clauses if c.kind == "article"] == ["art_11", "art_12"]


def test_bracketed_article_titles_are_headings():
    from ingest import parse_text

    doc = parse_text("某某条例\n第一条【立法目的】为了加强管理，制定本条例。\n第二条 适用范围。\n")
    assert [c.heading for c in doc.clauses] == ["立法目的", ""]
