"""The draft check on real seeds and planted drafts: deviations found on their clauses,
kept duties silent, requirements of other levels not applicable (with their reason)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

import ingest
from app.review.check import Reference, check
from app.review.findings import Kind
from app.review.references import parse_draft_text
from search.model.encoder import HashingEncoder
from tests.conftest import FIXTURES, ROOT, SEEDS

DRAFTS = ROOT / "eval" / "check_drafts"
TOWNSHIP_PLAN = DRAFTS / "township_huangbao_plan.txt"
RAW_ID = re.compile(r"\b(?:chp|sec|art|item|sub|para|row|att)_\d+")


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


def clause_holding(doc, words: str) -> str:
    return min((c for c in doc.clauses if words in c.text), key=lambda c: len(c.text)).clause_id


@cache
def township_result():
    return check(parsed(TOWNSHIP_PLAN), [parsed(SEEDS["000"])])


def test_seed_002_against_000_frequency_and_consequence():
    findings = check(parsed(SEEDS["002"]), [parsed(SEEDS["000"])]).findings
    freq = [f for f in findings if f.kind == Kind.WEAKER_FREQUENCY and f.role == "党委"]
    assert any(
        "每季度至少1次" in f.reference.text and "每年至少2次" in (f.draft_text or "") for f in freq
    ), freq
    # 每月至少1次 binds the township 党（工）委, not the district the draft is written for
    assert not any("每月至少1次" in f.reference.text for f in freq)
    rule = [f for f in findings if f.kind == Kind.MISSING_SANCTION and "3起" in f.reference.text]
    assert rule and "不合格" in (rule[0].draft_text or "")
    assert "取消评优评先" in rule[0].missing and "不得晋升重用" in rule[0].missing


def test_findings_cite_clauses_by_path_never_by_id():
    for result in (township_result(), check(parsed(SEEDS["002"]), [parsed(SEEDS["000"])])):
        assert result.findings
        for f in result.findings:
            ref_doc = parsed(SEEDS["000"])[0]
            assert f.reference.path == ref_doc.clause(f.reference.clause_id).path
            assert f.reference.text.strip()
            for words in (f.detail, f.advice):
                assert not RAW_ID.search(words), words
            if f.kind == Kind.MISSING_DUTY:
                assert f.draft_text is None and f.draft_clause_id is None
            elif f.kind != Kind.MISSING_SANCTION:
                assert f.draft_path and f.draft_text
            if f.draft_text:
                assert f.draft_path and f.draft_text.strip() in " ".join(f.draft_text.split())


def test_findings_come_most_serious_first():
    order = list(Kind)
    kinds = [order.index(f.kind) for f in township_result().findings]
    assert kinds == sorted(kinds)
    assert Kind.CONFLICT.severity <= Kind.MISSING_SANCTION.severity < Kind.MISSING_DUTY.severity


def test_a_township_draft_is_not_held_to_what_the_county_asks_of_itself():
    result = township_result()
    ref = parsed(SEEDS["000"])[0]
    county_only = {c.clause_id for c in ref.clauses if c.text.startswith("区委")}
    county_only |= {clause_holding(ref, "区委和区政府应当加强对全区安全生产工作的组织领导")}
    cited = {s.clause_id for f in result.findings for s in f.sources}
    assert not cited & county_only
    skipped = {n.source.clause_id: n.reason for n in result.not_applicable}
    art5 = clause_holding(ref, "区委和区政府应当加强对全区安全生产工作的组织领导")
    items = [c.clause_id for c in ref.clauses if c.parent_id == art5]
    assert items and all(i in skipped for i in items)
    assert all("县级" in skipped[i] and "乡镇级" in skipped[i] for i in items)


def test_partial_matches_name_what_the_draft_dropped():
    result = township_result()
    draft, ref = parsed(TOWNSHIP_PLAN), parsed(SEEDS["000"])
    forms = next(f for f in result.findings if f.kind == Kind.MISSING_SANCTION and f.draft_text)
    said = next(s for s in draft[1].sanctions if s.clause_id == forms.draft_clause_id)
    ref_types = {s.type for s in ref[1].sanctions if s.clause_id == forms.reference.clause_id}
    draft_types = {s.type for s in draft[1].sanctions if s.clause_id == forms.draft_clause_id}
    assert said and set(forms.missing) == ref_types - draft_types - {"移交纪检监察机关"}
    assert "缺少：" in forms.detail and forms.missing[0] in forms.advice
    trigger = next(f for f in result.findings if f.kind == Kind.CONFLICT)
    assert "2起" in (trigger.draft_text or "") and "3起" in trigger.reference.text
    assert "2起" in trigger.detail and "3起" in trigger.detail


def test_a_duty_in_other_words_is_not_missing():
    """主要领导每月…带队检查 states 党政领导干部参与检查安全生产每年不少于2次."""
    result = check(parsed(SEEDS["001"]), [parsed(SEEDS["000"])])
    assert not any(
        "参与检查安全生产每年不少于2次" in s.text for f in result.findings for s in f.sources
    )
    # a clause's count is read for its actor: 班子成员会议每年不少于4次 is no bare 定期
    assert not any("未规定次数" in f.detail for f in result.findings)


def test_planted_daligang_draft_shows_exactly_three():
    findings = check(
        parsed(FIXTURES / "draft_daligang_planted.txt"), [parsed(SEEDS["001"])]
    ).findings
    by = {f.kind: f for f in findings}
    assert sorted(by) == sorted([Kind.MISSING_DUTY, Kind.MISSING_SANCTION, Kind.WEAKER_FREQUENCY])
    assert len(findings) == 3
    assert "积极支持本单位" in by[Kind.MISSING_DUTY].reference.text
    assert "每季度不少于一次" in (by[Kind.WEAKER_FREQUENCY].draft_text or "")
    assert "事前问责" in by[Kind.MISSING_SANCTION].detail


@pytest.mark.parametrize("seed", ["000", "001", "002"])
def test_unchanged_document_against_itself_shows_nothing(seed):
    assert check(parsed(SEEDS[seed]), [parsed(SEEDS[seed])]).findings == ()


def test_planted_000_each_deviation_and_nothing_on_kept_duties():
    draft = planted(
        "000",
        (
            ("或发生3起（含3起）以上一般", "或发生2起（含2起）以上一般"),
            ("区委每季度至少1次、", "区委每半年至少1次、"),
            ("设立政府安全生产专项资金并列入财政预算；", ""),
            ("可以从轻、减轻追究责任", "可以酌情处理"),
            ("参与检查安全生产每年不少于2次", "参与检查安全生产每年不少于4次"),
            (
                "依法组织事故调查处理，严格事故责任问责。",
                "依法依规组织开展生产安全事故的调查和处理工作，严肃追究事故责任。",
            ),
        ),
    )
    ref = parsed(SEEDS["000"])
    found = check(draft, [ref]).findings
    got = {(f.kind, s.clause_id) for f in found for s in f.sources}
    where = {
        w: clause_holding(ref[0], w)
        for w in ("3起（含3起）", "区委每季度至少1次", "每年不少于2次", "可以从轻")
    }
    assert (Kind.CONFLICT, where["3起（含3起）"]) in got
    assert (Kind.WEAKER_FREQUENCY, where["区委每季度至少1次"]) in got
    assert (Kind.STRONGER_FREQUENCY, where["每年不少于2次"]) in got
    assert (Kind.MISSING_SANCTION, where["可以从轻"]) in got
    missing = [f for f in found if f.kind == Kind.MISSING_DUTY]
    assert len(missing) == 1 and "设立政府安全生产专项资金" in missing[0].reference.text
    assert len(found) == 5, found


def test_a_requirement_repeated_at_two_levels_is_one_finding_with_both_sources():
    rule = "各级政府主要负责人每季度至少主持召开1次安全生产委员会全体会议。"
    city = parse_draft_text(f"甲市安全生产责任制意见\n一、{rule}\n", "city.txt")
    province = parse_draft_text(f"乙省安全生产责任制规定\n第一条 {rule}\n", "province.txt")
    draft = parse_draft_text(
        "丙县安全生产责任制实施意见\n一、县长每半年至少主持召开1次县安全生产委员会全体会议。\n",
        "county.txt",
    )
    result = check(draft, [Reference(*city), Reference(*province)])
    weaker = [f for f in result.findings if f.kind == Kind.WEAKER_FREQUENCY]
    assert len(weaker) == 1
    assert [s.doc_id for s in weaker[0].sources] == [city[0].doc_id, province[0].doc_id]


def test_pasted_text_and_the_file_give_the_same_findings():
    text = TOWNSHIP_PLAN.read_text(encoding="utf-8")
    pasted = check(parse_draft_text(text, TOWNSHIP_PLAN.name), [parsed(SEEDS["000"])])
    assert [f.as_json() for f in pasted.findings] == [
        f.as_json() for f in township_result().findings
    ]


def test_the_encoder_breaks_ties_without_losing_a_planted_deviation():
    """With a (fake) encoder the planted township draft keeps every deviation it has without."""
    with_model = check(parsed(TOWNSHIP_PLAN), [parsed(SEEDS["000"])], encoder=HashingEncoder())
    plain = {(f.kind, f.reference.clause_id) for f in township_result().findings}
    assert plain - {(f.kind, f.reference.clause_id) for f in with_model.findings} <= {
        (f.kind, f.reference.clause_id)
        for f in township_result().findings
        if f.kind == Kind.MISSING_DUTY
    }
    assert {f.kind for f in with_model.findings} >= {
        Kind.CONFLICT,
        Kind.WEAKER_FREQUENCY,
        Kind.MISSING_SANCTION,
    }


def test_fewer_meeting_participants_is_one_finding_naming_them():
    ref = parse_draft_text(
        "甲县安全生产责任制实施意见\n第一条 乡镇长每季度至少主持召开1次安全生产工作会议，"
        "乡镇党委书记、分管安全生产的副镇长和安委会办公室负责人参加。\n",
        "ref.txt",
    )
    draft = parse_draft_text(
        "乙镇安全生产责任制实施方案\n一、镇长每季度至少主持召开1次安全生产工作会议，"
        "分管安全生产的副镇长参加。\n",
        "draft.txt",
    )
    comma = ref[0].text.index("，")  # the participants are named after the meeting
    named = {r.role for r in ref[1].roles if r.start > comma} - {r.role for r in draft[1].roles}
    (finding,) = check(draft, [ref]).findings
    assert finding.kind == Kind.CONFLICT and finding.aspect == "participants"
    assert set(finding.missing) == named and "缺少：" in finding.detail
    assert "参加" in (finding.draft_text or "") or "会议" in (finding.draft_text or "")
