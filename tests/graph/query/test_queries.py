"""duties and compare: docs/cli.md shapes, one row per duty across levels, findings in words."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app.cli.main import main
from graph import open_graph, update_graph
from graph.query.comparison import CompareCell
from graph.query.differences import finding


@pytest.fixture
def store(tmp_path, samples):
    update_graph(tmp_path, samples, [], validate_shapes=False)
    return tmp_path


def _row(result, category):
    rows = [r for r in result.rows if r.category == category and len(r.cells) > 1]
    assert len(rows) == 1, result.rows
    return rows[0]


def test_compare_lines_up_township_and_city_in_one_row(store):
    result = open_graph(store).compare("党委主要负责人")
    assert set(result.as_json()) >= {"role", "levels", "rows"}
    assert result.levels == ("city", "township")
    meeting = _row(result, "会议研究")
    assert [c.per_year for c in meeting.cells["township"]] == [4]
    assert [c.per_year for c in meeting.cells["city"]] == [2]
    cell = meeting.cells["township"][0]
    assert {"doc_id", "level", "clause_id", "path", "text", "per_year"} <= set(cell.as_json())
    assert "每年4次" in meeting.finding and "每年2次" in meeting.finding
    # 大栗港镇 (湖南) and a 内蒙古 city lie on no chain: 对标 of peers, never 乡镇级高于市级
    assert result.relation == "peers" and "对标" in result.note
    assert "对标" in meeting.finding and "高于" not in meeting.finding
    assert result.columns["township"] == "乡镇级（大栗港镇）"
    assert cell.region == "大栗港镇" and cell.doc_title
    inspection = _row(result, "带队检查")
    assert inspection.cells["township"][0].per_year == 12
    assert inspection.cells["city"][0].per_year == 4
    assert "高于" not in inspection.finding


def test_compare_restricted_to_docs(store):
    result = open_graph(store).compare(
        "党委主要负责人", docs=["township_daligang_2019_dual_responsibility_notice"]
    )
    assert result.levels == ("township",)
    assert all(set(r.cells) == {"township"} for r in result.rows)
    assert all(r.finding == "" for r in result.rows)


def test_duties_by_role_and_level(store):
    result = open_graph(store).duties("政府分管安全生产负责人", level="county")
    rows = [d for d in result.duties if d.clause_id == "chp_2__art_11__item_4"]
    assert len(rows) == 1
    assert rows[0].per_year == 4 and rows[0].period == "P3M"
    assert "每季度至少召开1次" in rows[0].text
    assert open_graph(store).duties("政府分管安全生产负责人", level="city").duties == ()
    by_region = open_graph(store).duties("政府分管安全生产负责人", region="王益区")
    assert len(by_region.duties) == 1


def test_duties_carry_the_sanctions_that_apply(store):
    result = open_graph(store).duties("党委主要负责人", level="city")
    assert result.duties
    assert {s.type for d in result.duties for s in d.consequences} == {"一票否决"}


def test_finding_is_empty_when_levels_agree():
    cell = CompareCell("a", "city", "sec_1", ("一、",), "", 4)
    same = {"city": [cell], "county": [replace(cell, level="county")]}
    assert finding(["city", "county"], same, {}) == ""
    lower = {"city": [cell], "county": [replace(cell, level="county", per_year=1)]}
    assert "县级低于市级" in finding(["city", "county"], lower, {})
    assert finding(["city", "county", "township"], same, {}) == "乡镇级未规定此项职责"
    assert "问责不同" not in finding(["city", "county"], same, {"city": {"通报"}})
    sanctions = {"city": {"通报"}, "county": {"诫勉"}}
    assert "问责不同：市级（通报），县级（诫勉）" in finding(["city", "county"], same, sanctions)


def test_finding_between_peers_sets_counts_side_by_side():
    """Unrelated regions are no hierarchy: their counts are named by region, not ranked."""
    cell = CompareCell("a", "city", "sec_1", ("一、",), "", 4)
    cells = {"city": [cell], "township": [replace(cell, level="township", per_year=12)]}
    names = {"city": "市级（甲市）", "township": "乡镇级（乙镇）"}
    chain = finding(["city", "township"], cells, {}, names)
    assert "乡镇级高于市级" in chain and "市级（甲市）每年4次" in chain
    peers = finding(["city", "township"], cells, {}, names, peers=True)
    assert "高于" not in peers and "低于" not in peers and "对标" in peers
    assert "市级（甲市）每年4次" in peers and "乡镇级（乙镇）每年12次" in peers


def test_cli_compare_and_duties_json(store, capsys):
    assert main(["--store", str(store), "compare", "--role", "党委主要负责人", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["role"] == "党委主要负责人" and out["rows"]
    args = ["duties", "--role", "政府分管安全生产负责人", "--level", "county", "--json"]
    assert main(["--store", str(store), *args]) == 0
    out = capsys.readouterr().out
    assert "\\u" not in out and json.loads(out)["duties"]
