"""``dutygraph check | audit | study | duties --sheet --ics`` end to end on a small real store."""

from __future__ import annotations

import html
import json
import shutil

import docx
import icalendar
import pytest
from streamlit.testing.v1 import AppTest

import search.index.update
import search.model.encoder
from app.build import build
from app.cli.main import main
from tests.conftest import FIXTURES, ROOT, SEEDS

DRAFTS = ROOT / "eval" / "check_drafts"

SEED_000 = "county_wangyi_2018_leader_responsibility_draft"


@pytest.fixture(scope="module")
def svc_store(tmp_path_factory):
    """Seeds 000, 001 and 002, built with the hashing encoder (no model needed)."""
    root = tmp_path_factory.mktemp("services")
    corpus = root / "corpus"
    corpus.mkdir()
    for seed in ("000", "001", "002"):
        shutil.copy(SEEDS[seed], corpus / SEEDS[seed].name)
    encoder = search.model.encoder.HashingEncoder()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search.index.update, "load_encoder", lambda: encoder)
        build([corpus], root / "store")
    return root / "store"


@pytest.fixture(autouse=True)
def words_only(monkeypatch):
    """The check aligns by words alone here: the real model is for `make eval` and slow tests."""
    import app.cli.check

    monkeypatch.setattr(app.cli.check, "load_encoder", lambda: None)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_against_a_doc_id_in_the_store(svc_store, capsys, tmp_path):
    report = tmp_path / "report.docx"
    code, out, _ = run(
        capsys, "--store", str(svc_store), "check", str(SEEDS["002"]),
        "--against", SEED_000, "--json", "--report", str(report),
    )  # fmt: skip
    assert code == 0
    findings = json.loads(out)["findings"]
    fields = {"kind", "role", "draft_clause_id", "draft_text", "reference_doc_id",
              "reference_clause_id", "reference_text", "detail"}  # fmt: skip
    assert all(fields <= set(f) for f in findings)
    assert any(f["kind"] == "weaker_frequency" and f["role"] == "党委" for f in findings)
    assert all(f["draft_text"] is None for f in findings if f["kind"] == "missing_duty")
    assert json.loads(out)["references"][0]["doc_id"] == SEED_000
    rows = [r for t in docx.Document(report).tables for r in t.rows[1:]]
    assert len(rows) == len(findings)


def test_check_without_against_finds_what_the_title_implements(svc_store, capsys):
    """A township draft whose title names 王益区's 实施意见: the store resolves it, and the
    findings are those of naming it with --against."""
    draft = str(DRAFTS / "township_huangbao_plan.txt")
    code, out, _ = run(capsys, "--store", str(svc_store), "check", draft, "--json")
    assert code == 0
    resolved = json.loads(out)
    refs = resolved["references"]
    assert [r["doc_id"] for r in refs] == [SEED_000]
    assert {"doc_id", "title", "level", "why"} <= set(refs[0]) and "落实" in refs[0]["why"]
    code, out, _ = run(
        capsys, "--store", str(svc_store), "check", draft, "--against", SEED_000, "--json"
    )
    assert json.loads(out)["findings"] == resolved["findings"] and resolved["findings"]
    code, out, _ = run(capsys, "--store", str(svc_store), "check", draft)
    assert code == 0 and "参照：《王益区落实" in out and "建议：" in out


def test_check_all_keeps_what_was_not_applicable_with_its_reason(svc_store, capsys):
    draft = str(DRAFTS / "township_huangbao_plan.txt")
    code, out, _ = run(
        capsys, "--store", str(svc_store), "check", draft, "--against", SEED_000, "--json", "--all"
    )
    assert code == 0
    skipped = json.loads(out)["not_applicable"]
    assert skipped and all(n["reason"] and n["reference_path"] for n in skipped)
    assert any("区委和区政府" in n["reference_text"] or "县级" in n["reason"] for n in skipped)


def test_check_without_against_and_nothing_to_resolve_says_so(svc_store, capsys, tmp_path):
    lone = tmp_path / "lone.txt"
    lone.write_text("某镇森林防火工作方案\n一、镇政府每月至少组织1次森林防火检查。\n", "utf-8")
    code, out, err = run(capsys, "--store", str(svc_store), "check", str(lone))
    assert code == 2 and "--against" in err and out == ""


def test_check_with_files_needs_no_store(capsys, tmp_path):
    code, out, _ = run(
        capsys, "--store", str(tmp_path / "none"), "check",
        str(FIXTURES / "draft_daligang_planted.txt"), "--against", str(SEEDS["001"]), "--json",
    )  # fmt: skip
    assert code == 0
    kinds = sorted(f["kind"] for f in json.loads(out)["findings"])
    assert kinds == ["missing_duty", "missing_sanction", "weaker_frequency"]
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_check_report_formats(capsys, tmp_path, suffix):
    report = tmp_path / f"r{suffix}"
    code, out, _ = run(
        capsys, "check", str(FIXTURES / "draft_daligang_planted.txt"),
        "--against", str(SEEDS["001"]), "--report", str(report),
    )  # fmt: skip
    assert code == 0 and "缺少职责" in out
    assert "积极支持本单位" in report.read_text(encoding="utf-8")


def test_audit_holds_a_county_document_to_the_city_rule_it_implements(capsys, tmp_path):
    """000's title implements 铜川市's 意见: 党政领导干部 inspect 每年不少于2次 where the city asks
    每年不少于4次, and a sanction needs 3起 where the city says 2起."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS["000"], corpus / SEEDS["000"].name)
    shutil.copy(DRAFTS / "ref_city_tongchuan.txt", corpus / "ref_city_tongchuan.txt")
    encoder = search.model.encoder.HashingEncoder()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search.index.update, "load_encoder", lambda: encoder)
        build([corpus], tmp_path / "store")
    report = tmp_path / "audit.md"
    code, out, _ = run(
        capsys, "--store", str(tmp_path / "store"), "audit", "--json", "--report", str(report)
    )
    assert code == 0
    result = json.loads(out)
    assert result["documents"] == 2 and result["pairs"] == 1
    found = result["findings"]
    assert {f["draft_doc_id"] for f in found} == {SEED_000}
    assert {f["reference_doc_id"] for f in found} == {"ref_city_tongchuan"}
    weaker = [f for f in found if f["kind"] == "weaker_frequency"]
    assert any(
        "不少于2次" in f["draft_text"] and "不少于4次" in f["reference_text"] for f in weaker
    )
    assert any(f["kind"] == "conflict" and "3起" in f["draft_text"] for f in found)
    assert all(f["kind"] != "missing_duty" for f in found)
    text = report.read_text(encoding="utf-8")
    assert "全库审查报告" in text and "王益区落实" in text


def test_check_errors_are_one_line_with_exit_codes(svc_store, capsys, tmp_path):
    code, out, err = run(
        capsys, "--store", str(svc_store), "check", str(SEEDS["002"]), "--against", "no_such_doc"
    )
    assert code == 2 and "no_such_doc" in err and "Traceback" not in err and out == ""
    code, _, err = run(
        capsys, "--store", str(tmp_path / "none"), "check", str(SEEDS["002"]), "--against", "x"
    )
    assert code == 2 and "dutygraph build" in err
    code, _, err = run(
        capsys, "check", str(tmp_path / "missing.txt"), "--against", str(SEEDS["001"])
    )
    assert code == 2 and "missing.txt" in err
    code, _, err = run(capsys, "check", str(FIXTURES / "empty.txt"), "--against", str(SEEDS["001"]))
    assert code == 1 and "empty.txt" in err and "Traceback" not in err
    code, _, err = run(
        capsys, "check", str(SEEDS["002"]), "--against", str(SEEDS["001"]), "--report", "r.pdf"
    )
    assert code == 2 and "r.pdf" in err


@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_study_writes_the_pack(svc_store, capsys, tmp_path, suffix):
    out = tmp_path / f"pack{suffix}"
    code, stdout, _ = run(
        capsys, "--store", str(svc_store), "study", "--role", "党委主要负责人", "--out", str(out),
        "--json",
    )  # fmt: skip
    assert code == 0
    content = json.loads(stdout)
    assert content["quiz"] and content["glossary"] and content["clauses"]
    text = (
        "\n".join(p.text for p in docx.Document(out).paragraphs)
        if suffix == ".docx"
        else html.unescape(out.read_text(encoding="utf-8"))
    )
    for part in ("学习手册", "重要术语", "知识测试卷", "答案与出处", "党政同责"):
        assert part in text
    assert content["quiz"][0]["question"][:30] in text


def test_duties_sheet_and_calendar_hold_the_answer_for_a_place(svc_store, capsys, tmp_path):
    """The .docx and .ics are the JSON answer: every duty binding the post at 黄堡镇 (the
    王益区 documents' township duties and those for 各级), cited by clause path."""
    sheet, ics = tmp_path / "sheet.docx", tmp_path / "cal.ics"
    code, out, err = run(
        capsys, "--store", str(svc_store), "duties", "--role", "党委", "--place", "黄堡镇",
        "--sheet", str(sheet), "--ics", str(ics), "--json",
    )  # fmt: skip
    assert code == 0 and "not available" not in err
    answer = json.loads(out)
    assert answer["place"]["within"][:1] == ["王益区"]
    duties = answer["duties"]
    assert duties and {d["region"] for d in duties} == {"王益区"}  # not 大栗港镇's notice
    rows = [r for t in docx.Document(sheet).tables for r in t.rows[1:]]
    assert len(rows) == len(duties)
    sources = [r.cells[2].text for r in rows]
    assert all("王益区" in c for c in sources)
    assert {"".join(d["path"]) for d in duties} <= {p for c in sources for p in [c.split("》")[-1]]}
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    monthly = [d for d in duties if d["period"] == "P1M"]  # 000 第十六条 镇党委每月至少1次
    assert monthly and any(e["rrule"]["FREQ"] == ["MONTHLY"] for e in events)


def test_back_ends_the_pages_call(svc_store, tmp_path):
    from app.outputs.reports import render_report
    from app.outputs.studypack import render_study
    from app.review.check import check
    from app.review.references import given_references, parse_draft
    from app.study.pack import study_pack

    draft = parse_draft(FIXTURES / "draft_daligang_planted.txt")
    result = check(draft, given_references([str(SEEDS["001"])], svc_store))
    assert len(result.findings) == 3 and render_report(result, ".docx")[:2] == b"PK"
    assert "<table>" in str(render_report(result, ".html"))
    pack = study_pack(svc_store, "党委主要负责人", "township")
    assert render_study(pack, ".docx")[:2] == b"PK" and "单选题" in render_study(pack, ".md")


def test_pages_use_the_services(svc_store, monkeypatch):
    """The study page shows the pack and offers it; the duties page offers both downloads."""
    monkeypatch.setenv("DUTYGRAPH_HOME", str(svc_store))
    at = AppTest.from_file(str(ROOT / "app" / "web" / "streamlit_app.py"), default_timeout=60)
    at.switch_page("views/study.py")
    at.query_params.update({"role": "党委主要负责人"})
    at.run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "知识测试卷" in shown and "重要术语" in shown and "答案与出处" in shown
    at = AppTest.from_file(str(ROOT / "app" / "web" / "streamlit_app.py"), default_timeout=60)
    at.switch_page("views/duties.py")
    at.query_params.update({"role": "党委", "level": "township"})
    at.run()
    assert not at.exception
    assert not any("尚在建设中" in c.value for c in at.caption)


def test_calendar_gets_deadlines_from_the_graph(svc_store, monkeypatch):
    from app.outputs.sheets import duty_calendar_ics
    from graph import open_graph

    duties = open_graph(svc_store).duties("党政领导干部", "township").duties
    events = icalendar.Calendar.from_ical(duty_calendar_ics(duties, "党政领导干部")).walk("VEVENT")
    assert any("每月25日以前" in str(e["summary"]) for e in events)
