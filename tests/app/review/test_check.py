"""The draft check on real seeds: planted deviations found, kept duties silent."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import ingest
from app.review.check import KINDS, check
from tests.conftest import FIXTURES, SEEDS


@cache
def parsed(path: Path) -> tuple:
    doc = ingest.parse_file(path)
    return doc, ingest.extract_facts(doc)


def planted(seed: str, changes: tuple[tuple[str, str], ...]) -> tuple:
    text = SEEDS[seed].read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    doc = ingest.parse_text(text, name=f"planted_{seed}.txt")
    return doc, ingest.extract_facts(doc)


def kinds(result: dict) -> list[str]:
    return sorted(f["kind"] for f in result["findings"])


def test_seed_002_against_000_frequency_and_consequence():
    result = check(parsed(SEEDS["002"]), [parsed(SEEDS["000"])])
    freq = [
        f
        for f in result["findings"]
        if f["kind"] in ("weaker_frequency", "stronger_frequency") and f["role"] == "党委"
    ]
    assert any(
        "每季度至少1次" in f["reference_text"] and "每年至少2次" in f["draft_text"] for f in freq
    ), freq
    assert freq[0]["kind"] == "weaker_frequency"  # 2 a year is fewer than 4
    consequence = [
        f
        for f in result["findings"]
        if f["kind"] in ("missing_sanction", "conflict") and "3起" in f["reference_text"]
    ]
    assert consequence, result["findings"]
    f = consequence[0]
    assert "取消考核评优" in f["reference_text"] and "不得晋升" in f["reference_text"]
    assert "不合格" in f["draft_text"]
    assert "取消评优评先" in f["detail"] and "考核不合格" in f["detail"]
    # 每月至少1次 binds the township 党（工）委, not the district the draft is written for
    assert not any("每月至少1次" in f["reference_text"] for f in freq)


def test_every_finding_quotes_both_sides_and_labels():
    result = check(parsed(SEEDS["002"]), [parsed(SEEDS["000"])])
    ref = parsed(SEEDS["000"])[0]
    assert result["findings"]
    for f in result["findings"]:
        assert f["kind"] in KINDS
        assert f["reference_doc_id"] == ref.doc_id
        assert f["reference_text"] and f["reference_label"]
        assert f["reference_text"].strip() in ref.text or f["kind"] == "missing_duty"
        if f["kind"] == "missing_duty":
            assert f["draft_text"] is None and f["draft_clause_id"] is None
        elif f["draft_clause_id"]:
            assert f["draft_text"] and f["draft_label"]


def test_planted_daligang_draft_shows_exactly_three():
    draft = parsed(FIXTURES / "draft_daligang_planted.txt")
    result = check(draft, [parsed(SEEDS["001"])])
    assert kinds(result) == ["missing_duty", "missing_sanction", "weaker_frequency"]
    by = {f["kind"]: f for f in result["findings"]}
    assert "积极支持本单位" in by["missing_duty"]["reference_text"]
    assert "每月不少于一次" in by["weaker_frequency"]["reference_text"]
    assert "每季度不少于一次" in by["weaker_frequency"]["draft_text"]
    assert "事前问责" in by["missing_sanction"]["detail"]


@pytest.mark.parametrize("seed", ["000", "001", "002"])
def test_unchanged_document_against_itself_shows_nothing(seed):
    assert check(parsed(SEEDS[seed]), [parsed(SEEDS[seed])])["findings"] == []


def test_planted_000_each_deviation_and_nothing_on_kept_duties():
    draft = planted(
        "000",
        (
            ("或发生3起（含3起）以上一般", "或发生2起（含2起）以上一般"),
            ("区委每季度至少1次、", "区委每半年至少1次、"),
            ("设立政府安全生产专项资金并列入财政预算；", ""),
            ("可以从轻、减轻追究责任", "可以酌情处理"),
            ("参与检查安全生产每年不少于2次", "参与检查安全生产每年不少于4次"),
            # reworded, same duty: no finding
            (
                "依法组织事故调查处理，严格事故责任问责。",
                "依法依规组织开展生产安全事故的调查和处理工作，严肃追究事故责任。",
            ),
        ),
    )  # fmt: skip
    found = check(draft, [parsed(SEEDS["000"])])["findings"]
    got = {(f["kind"], f["reference_clause_id"]) for f in found}
    assert ("conflict", "chp_5__art_25__para_2") in got
    assert ("weaker_frequency", "chp_3__art_16") in got
    assert ("stronger_frequency", "chp_3__art_17") in got
    assert ("missing_duty", "chp_2__sec_1__art_5__item_10") in got
    assert ("missing_sanction", "chp_5__art_27") in got
    assert len(got) == 5, found
    conflict = next(f for f in found if f["kind"] == "conflict")
    assert "3起" in conflict["detail"] and "2起" in conflict["detail"]


def test_roles_the_draft_does_not_cover_are_not_missing():
    text = (
        "大栗港镇党委主要负责人安全生产职责\n"
        "一、镇党委主要负责人的安全生产工作职责：\n"
        "1.每年主持召开党委常委会议专题研究安全生产工作不少于4次。\n"
        "2.主要领导每月不少于一次安全生产带队检查。\n"
    )
    doc = ingest.parse_text(text, name="partial.txt")
    facts = ingest.extract_facts(doc)
    own = {d.role for d in facts.duties}
    found = check((doc, facts), [parsed(SEEDS["001"])])["findings"]
    duties = [f for f in found if f["kind"] != "missing_sanction"]
    # 党政领导干部 names every leader at once, so it binds this draft too
    assert duties and {f["role"] for f in duties} <= own | {"党政领导干部"}
    assert not any(f["role"] in ("政府主要负责人", "部门主要负责人") for f in found)
