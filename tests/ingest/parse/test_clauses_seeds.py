"""The five seed documents parse into the trees the issue describes."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest

from ingest import parse_file
from ingest.records import Document

# Lines of site chrome that must never reach a clause (seed 003 is a saved web page).
CHROME_MARKERS = (
    "当前位置",
    "一网搜",
    "登录",
    "责任编辑",
    "主办单位",
    "网站标识码",
    "ICP备",
    "公网安备",
    "网站地图",
    "联系电话",
    "首页>>",
)


@pytest.fixture(scope="module")
def seeds(seed_paths) -> dict[str, Document]:
    return {k: parse_file(p) for k, p in seed_paths.items()}


def kinds(doc: Document) -> Counter:
    return Counter(c.kind for c in doc.clauses)


def children(doc: Document, parent_id: str | None, kind: str | None = None) -> list:
    return [c for c in doc.clauses if c.parent_id == parent_id and (kind is None or c.kind == kind)]


def descendants(doc: Document, clause_id: str, kind: str) -> list:
    return [c for c in doc.clauses if c.clause_id.startswith(clause_id + "__") and c.kind == kind]


def by_label(doc: Document, label: str):
    (found,) = [c for c in doc.clauses if c.label == label]
    return found


def test_000_chapters_sections_articles_and_items(seeds):
    doc = seeds["000"]
    assert [c.label for c in doc.clauses if c.kind == "chapter"] == [
        f"第{n}章" for n in "一二三四五六"
    ]
    assert sum(1 for c in doc.clauses if c.label.endswith("节")) == 3
    articles = [c for c in doc.clauses if c.kind == "article"]
    assert [c.number for c in articles] == list(range(1, 34))
    assert len(descendants(doc, by_label(doc, "第五条").clause_id, "item")) == 13
    assert len(descendants(doc, by_label(doc, "第十条").clause_id, "item")) == 8
    art24 = by_label(doc, "第二十四条")
    assert len(descendants(doc, art24.clause_id, "item")) == 7
    # 第二十四条 has three 款; its items hang on the first one, which introduces them
    paras = children(doc, art24.clause_id, "paragraph")
    assert len(paras) == 3 and paras[0].text.endswith("应当按照有关规定进行问责：")
    assert len(children(doc, paras[0].clause_id, "item")) == 7
    # a heading broken over two lines is joined
    assert by_label(doc, "第三节").heading.endswith("安全生产工作职责")


def test_000_metadata_and_citation_chain(seeds):
    doc = seeds["000"]
    assert doc.status == "draft" and doc.level == "county" and doc.region == "王益区"
    assert {"铜川市", "陕西省"} <= set(doc.regions)
    chain = [c for c in doc.citations if c.relation == "implements"]
    levels = [c.level for c in chain]
    assert len(chain) >= 3 and levels[:3] == ["city", "province", "national"]
    assert chain[2].title == "地方党政领导干部安全生产责任制规定"
    assert chain[0].region == "铜川市" and chain[1].region == "陕西省"


def test_001_sections_duties_table_and_notice(seeds):
    doc = seeds["001"]
    sections = children(doc, None, "section")
    assert [s.heading for s in sections] == ["工作目标", "工作责任", "工作要求"]
    blocks = children(doc, sections[1].clause_id, "item")
    assert [len(children(doc, b.clause_id, "subitem")) for b in blocks] == [5, 7, 4]
    (att,) = children(doc, None, "attachment")
    assert att.heading == "大栗港镇党政领导带队检查安排表"
    rows = [c for c in doc.clauses if c.kind == "table_row"]
    assert len(rows) == 9 and all(r.parent_id == att.clause_id for r in rows)
    assert rows[0].text.startswith(
        "带队领导：郭环球；牵头部门：安监站、党政办；检查范围（每月25日以前完成）："
    )
    assert not any(r.text.startswith("带队领导：带队领导") for r in rows)  # header is no row
    assert "秦尚" in rows[5].text and "财政所" in rows[5].text  # a cell split over lines
    assert doc.doc_number == "大发〔2019〕45号"
    assert doc.issuer == "中共大栗港镇委员会"
    assert doc.date == "2019-07-01"
    assert doc.level == "township" and doc.status == "final"
    assert doc.title.startswith("大栗港镇党政领导干部安全生产")
    # the wrapping notice is metadata, not clauses
    assert not any("印发给你们" in c.text or "45号" in c.text for c in doc.clauses)


def test_002_continuous_items_and_task_table(seeds):
    doc = seeds["002"]
    sections = children(doc, None, "section")
    assert len(sections) == 7
    items = [c for c in doc.clauses if c.kind == "item"]
    assert [c.number for c in items] == list(range(1, 34))
    assert {c.parent_id for c in items} <= {s.clause_id for s in sections}
    # each （N） sits under the 一、 it appears in: （三） opens section 二、
    assert by_label(doc, "（三）").parent_id == by_label(doc, "二、").clause_id
    assert by_label(doc, "（三十三）").parent_id == by_label(doc, "七、").clause_id
    rows = [c for c in doc.clauses if c.kind == "table_row"]
    assert len(rows) == 57
    (table,) = children(doc, None, "attachment")  # a titled table after the body
    assert table.heading == "王益区关于推进安全生产领域改革发展重点任务分工方案"
    assert {r.parent_id for r in rows} == {table.clause_id} and rows[-1].path == ("附表", "第57行")
    assert rows[0].text.startswith("序号：1；主要任务：") and "完成时限：2018年" in rows[0].text
    assert doc.status == "draft" and doc.level == "county"


def test_003_web_page_without_chrome(seeds):
    doc = seeds["003"]
    for c in doc.clauses:
        assert not any(m in c.text for m in CHROME_MARKERS), (c.clause_id, c.text[:60])
    assert doc.status == "interpretation" and doc.level == "province" and doc.region == "吉林省"
    assert doc.date == "2018-11-20"
    assert len(children(doc, None, "section")) == 6


def test_004_joined_title_and_fifteen_sections(seeds):
    doc = seeds["004"]
    assert doc.title == "关于进一步强化安全生产责任落实坚决防范遏制重特大事故的实施意见"
    sections = children(doc, None, "section")
    assert [s.number for s in sections] == list(range(1, 16))
    assert sections[0].heading == "严格落实地方党委安全生产责任"
    assert doc.status == "draft" and doc.level == "city"


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_clause_tree_is_consistent_and_round_trips(seeds, seed):
    doc = seeds[seed]
    ids = [c.clause_id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    seen: set[str] = set()
    for c in doc.clauses:
        assert c.parent_id is None or c.parent_id in seen  # parents come first
        assert c.path[-1] == c.label and len(c.path) == c.clause_id.count("__") + 1
        if c.kind != "table_row":
            assert re.sub(r"\s", "", c.text) == re.sub(r"\s", "", doc.text[c.start : c.end])
        seen.add(c.clause_id)
    spans = sorted((c.start, c.end) for c in doc.clauses)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # no overlap
    joined = "".join(doc.text[s:e] for s, e in spans)
    body = doc.text[spans[0][0] : spans[-1][1]]
    assert re.sub(r"\s", "", joined) == re.sub(r"\s", "", body)


def test_half_bracket_points_and_attached_tables():
    from ingest import parse_text

    doc = parse_text(
        "某某意见\n一、要求\n1）第一点\n2）第二点\n二、附则\n附表1\n某某表\n序号\t任务\n1\t检查\n"
    )
    ids = [c.clause_id for c in doc.clauses]
    assert ids == ["sec_1", "sec_1__pt_1", "sec_1__pt_2", "sec_2", "att_1", "att_1__row_1"]
    att = doc.clause("att_1")
    assert (att.label, att.number, att.heading) == ("附表1", 1, "某某表")
    assert doc.clause("att_1__row_1").text == "序号：1；任务：检查"
