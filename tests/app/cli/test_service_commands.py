"""``dutygraph check | study | duties --sheet --ics`` end to end on a small real store."""

from __future__ import annotations

import json
import shutil

import docx
import icalendar
import pytest
from streamlit.testing.v1 import AppTest

import search.model.encoder
from app.build import build
from app.cli.main import main
from tests.conftest import FIXTURES, ROOT, SEEDS

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
        mp.setattr(search.model.encoder, "load_encoder", lambda: encoder)
        build([corpus], root / "store")
    return root / "store"


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
    rows = docx.Document(report).tables[0].rows
    assert len(rows) == 1 + len(findings)


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


@pytest.mark.parametrize("suffix", [".docx", ".md"])
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
        else out.read_text(encoding="utf-8")
    )
    for part in ("关键条款", "重要术语", "测验题", "答案", "党政同责"):
        assert part in text
    assert content["quiz"][0]["question"] in text


def test_duties_sheet_and_calendar_merge_binding_levels(svc_store, capsys, tmp_path):
    sheet, ics = tmp_path / "sheet.docx", tmp_path / "cal.ics"
    code, out, err = run(
        capsys, "--store", str(svc_store), "duties", "--role", "党委", "--level", "township",
        "--sheet", str(sheet), "--ics", str(ics), "--json",
    )  # fmt: skip
    assert code == 0 and "not available" not in err
    own = json.loads(out)["duties"]  # the JSON stays the graph's: this level only
    assert own and {d["level"] for d in own} == {"township"}
    cells = [r.cells[2].text for t in docx.Document(sheet).tables for r in t.rows[1:]]
    assert any("乡镇级" in c for c in cells) and any("县级" in c for c in cells)  # merged
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert events and all("rrule" in e for e in events)
    assert any(e["rrule"]["FREQ"] == ["MONTHLY"] and e["rrule"].get("INTERVAL") == [3]
               for e in events)  # fmt: skip  # 000 第十六条 区委每季度至少1次


def test_back_ends_the_pages_call(svc_store, tmp_path):
    from app.outputs.reports import render_report
    from app.outputs.studypack import study_pack
    from app.review.check import check
    from app.review.references import load_references, parse_draft

    draft = parse_draft(FIXTURES / "draft_daligang_planted.txt")
    result = check(draft, load_references([str(SEEDS["001"])], svc_store))
    assert len(result["findings"]) == 3 and render_report(result, ".docx")[:2] == b"PK"
    assert "<table>" in render_report(result, ".html")
    pack = study_pack(role="党委主要负责人", level="township", store=svc_store)
    assert pack["docx"][:2] == b"PK" and "测验题" in pack["markdown"]


def test_pages_use_the_services(svc_store, monkeypatch):
    """The study page shows the pack and offers it; the duties page offers both downloads."""
    monkeypatch.setenv("DUTYGRAPH_HOME", str(svc_store))
    at = AppTest.from_file(str(ROOT / "app" / "web" / "streamlit_app.py"), default_timeout=60)
    at.switch_page("pages/study.py")
    at.query_params.update({"role": "党委主要负责人"})
    at.run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "测验题" in shown and "重要术语" in shown
    at = AppTest.from_file(str(ROOT / "app" / "web" / "streamlit_app.py"), default_timeout=60)
    at.switch_page("pages/duties.py")
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
