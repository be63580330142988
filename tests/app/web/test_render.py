"""Rendering helpers: escaping, highlighting, Chinese frequency labels, comparison table."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from app.web.network import safe_label, to_pyvis_html
from app.web.render import (
    clause_href,
    clause_html,
    compare_table_html,
    esc,
    highlight_html,
    hit_card_html,
)
from graph.query.comparison import CompareCell, CompareRow
from search.hits import Hit

EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def test_highlight_marks_spans_and_escapes_everything_else():
    text = "区委<b>每季度</b>至少召开1次常委会"
    html = highlight_html(text, [(text.index("每季度"), text.index("每季度") + 3), (0, 2)])
    assert html.startswith("<mark>区委</mark>&lt;b&gt;<mark>每季度</mark>&lt;/b&gt;")
    assert "<b>" not in html


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(-5, 45), st.integers(-5, 45))))
def test_highlight_never_lets_markup_through(text, spans):
    html = highlight_html(text + EVIL, spans)
    assert "<script" not in html and "<img" not in html
    stripped = html.replace("<mark>", "").replace("</mark>", "")
    assert stripped == esc(text + EVIL)


def test_cards_and_clauses_escape_document_text_and_titles():
    hit = Hit("d1", EVIL, "art_1", ("第一条", EVIL), EVIL, 0.5, "county", ((0, 8),))
    card = hit_card_html(hit, 1)
    clause = clause_html({"clause_id": "art_1", "label": "第一条", "text": "第一条 " + EVIL}, 2)
    for html in (card, clause):
        assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert 'href="documents?doc=d1&amp;clause=art_1"' in card
    assert clause_href("d 1", "art_1") == "documents?doc=d+1&clause=art_1"


def test_comparison_table_colours_missing_and_lower_levels():
    city = CompareCell("c", "city", "sec_2", ("二、",), "", 2)
    town = CompareCell("t", "township", "sec_1", ("一、",), "", 4)
    cells = {"city": (city,), "township": (town,)}
    rows = [CompareRow("会议研究", "召开常委会" + EVIL, cells, "频次不同")]
    html = compare_table_html(rows, ["city", "county", "township"], lambda e: f"{e.per_year}")
    cells = html.split("<td")[3:6]
    assert "dg-lower" in cells[0] and "dg-missing" in cells[1] and "未规定" in cells[1]
    assert "dg-lower" not in cells[2] and "dg-missing" not in cells[2]
    assert "<script" not in html
    agree = [replace(rows[0], finding="")]
    assert "dg-missing" not in compare_table_html(agree, ["city", "county"], str)


def test_graph_labels_cannot_close_the_pyvis_script_block():
    import networkx as nx

    g = nx.DiGraph()
    g.add_node("a", title="</script><script>alert(1)</script>", level="city")
    g.add_node("b", title="上级文件", level="province")
    g.add_edge("a", "b", relation="implements")
    html = to_pyvis_html(g)
    assert "alert(1)" in html and "</script><script>alert" not in html
    assert safe_label("<a>&", 10) == "＜a＞＆"


def test_blank_lines_in_document_text_cannot_end_the_html_block():
    text = "第一条 内容\n\n# 不是标题\n\n<script>alert(1)</script>"
    for html in (
        highlight_html(text, [(0, 3)]),
        clause_html({"clause_id": "art_1", "label": "第一条", "text": text}, 0),
    ):
        assert "\n" not in html and "<br>" in html and "<script" not in html


def test_duty_card_cites_by_path_escapes_and_shows_consequences_and_conflicts():
    from app.outputs.sheets import consequence_words
    from app.web.render import duty_card_html
    from graph.query.records import Consequence, DutyRow

    sanction = Consequence("d", "chp_5__art_24__para_2", "诚勉", "诫勉", "",
                           ("第五章", "第二十四条"), "某区意见", "对…责任人员…诚勉…")  # fmt: skip
    duty = DutyRow("d", "某区意见", "township", "某区", "chp_3__art_16", "第十六条",
                   ("第三章", "第十六条"), EVIL, "镇党委每月至少1次召开党委会议" + EVIL,
                   "召开常委会研究安全生产", "会议研究", 12, "P1M", 1, (sanction,),
                   doc_level="county", actor="党委", binds_as="本级党委的职责",
                   frequency="每月至少1次", citation="《某区意见》第三章第十六条",
                   conflict="层级冲突：…")  # fmt: skip
    html = duty_card_html(duty, consequence_words(duty.consequences))
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "每月至少1次" in html and "第三章第十六条" in html and "第五章第二十四条" in html
    assert "诫勉" in html and "层级冲突" in html and "条文主体：党委" in html
    visible = html.split('href="')[0] + html.split('target="_self">', 1)[1]
    assert "chp_" not in visible and "art_" not in visible


def test_sparql_results_get_chinese_headers_and_values():
    from app.web.render import sparql_table, zh_value

    result = {
        "head": {"vars": ["title", "level", "status", "x"]},
        "results": {"bindings": [{
            "title": {"value": "某区意见"},
            "level": {"value": "https://w3id.org/dutygraph/vocab/level/county"},
            "status": {"value": "draft"},
            "x": {"value": "township"},
        }]},
    }  # fmt: skip
    (row,) = sparql_table(result)
    assert list(row)[:3] == ["标题", "层级", "状态"]
    assert row["层级"] == "县级" and row["状态"] == "征求意见稿" and row["x"] == "乡镇级"
    assert zh_value("某区意见") == "某区意见"


def test_network_settles_then_stops_and_fits_in_view():
    import networkx as nx

    g = nx.DiGraph()
    g.add_edge("a", "b", relation="implements")
    html = to_pyvis_html(g)
    assert "stabilizationIterationsDone" in html and "physics: false" in html
    assert "fit(" in html and html.count("drawGraph();") == 1  # called once, then settled
    assert "var dgNetwork = drawGraph();" in html
