"""The build orchestrator: incremental, failure-tolerant, atomic (fake front doors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ingest
from app import build as build_mod
from app import store_files as store
from app.build import build
from app.cli.main import main
from app.errors import StageFailed
from tests.app.fake_pipeline import install


def _corpus(root: Path) -> Path:
    root.mkdir()
    (root / "wangyi.txt").write_text(
        "王益区意见\n区委每季度至少召开1次常委会\n区长带队检查\n", "utf-8"
    )
    (root / "daligang.txt").write_text("大栗港镇通知\n镇党委每月研究安全生产\n", "utf-8")
    (root / "notes.md").write_text("not a policy file type", "utf-8")
    return root


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch):
    return install(monkeypatch)


def test_first_build_ingests_everything_and_runs_every_stage(tmp_path, fake):
    corpus, st = _corpus(tmp_path / "c"), tmp_path / "store"
    report = build([corpus], st)
    assert sorted(report.new) == ["daligang", "wangyi"] and report.clauses == 3
    assert sorted(fake.parsed) == ["daligang.txt", "wangyi.txt"]  # .md is not an input
    assert sorted(fake.graph_calls[0][0]) == ["daligang", "wangyi"]
    assert sorted(fake.index_calls[0]) == ["daligang", "wangyi"]
    manifest = store.require_store(st)
    assert manifest["documents"]["wangyi"]["clauses"] == 2
    assert store.load_doc_json(st, "daligang")["title"] == "大栗港镇通知"


def test_second_build_on_unchanged_corpus_does_no_work(tmp_path, fake):
    corpus, st = _corpus(tmp_path / "c"), tmp_path / "store"
    build([corpus], st)
    before = (st / store.MANIFEST).read_bytes()
    fake.parsed.clear()
    report = build([corpus], st)
    assert fake.parsed == [] and len(fake.graph_calls) == 1 and len(fake.index_calls) == 1
    assert not report.did_work and sorted(report.unchanged) == ["daligang", "wangyi"]
    assert report.stages == {"graph": "unchanged", "search": "unchanged"}
    assert (st / store.MANIFEST).read_bytes() == before


def test_changed_file_is_reingested_alone_and_removed_file_removed(tmp_path, fake):
    corpus, st = _corpus(tmp_path / "c"), tmp_path / "store"
    build([corpus], st)
    fake.parsed.clear()
    (corpus / "wangyi.txt").write_text("王益区意见\n区委每月至少召开1次常委会\n", "utf-8")
    (corpus / "daligang.txt").unlink()
    report = build([corpus], st)
    assert fake.parsed == ["wangyi.txt"]
    assert report.changed == ["wangyi"] and report.removed == ["daligang"]
    assert fake.graph_calls[-1] == (["wangyi"], ["daligang"])
    assert fake.index_calls[-1] == ["wangyi"]  # search gets all current documents
    assert not store.doc_path(st, "daligang").exists()
    assert "每月" in store.load_doc_json(st, "wangyi")["clauses"][0]["text"]


def test_failing_file_is_reported_skipped_and_not_retried(tmp_path, fake, capsys):
    corpus, st = _corpus(tmp_path / "c"), tmp_path / "store"
    (corpus / "broken.txt").write_text("BROKEN\n", "utf-8")
    assert main(["build", str(corpus), "--store", str(st), "--quiet"]) == 0
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if "broken.txt" in ln]
    assert len(lines) == 1 and "no numbered clauses found" in lines[0]
    assert "2 documents" in err and "1 failed" in err
    fake.parsed.clear()
    report = build([corpus], st)
    assert fake.parsed == [] and list(report.failed.values()) == ["no numbered clauses found"]


def test_exit_1_when_nothing_builds_and_2_for_a_missing_path(tmp_path, fake, capsys):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_text("BROKEN", "utf-8")
    assert main(["build", str(bad), "--store", str(tmp_path / "s"), "--quiet"]) == 1
    assert "none of the 1 files could be built" in capsys.readouterr().err
    assert main(["build", str(tmp_path / "nope"), "--store", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err.strip()
    assert "nope" in err and "no such file" in err and "Traceback" not in err
    assert store.read_manifest(tmp_path / "s") is None


@pytest.mark.parametrize("stage", ["graph", "search"])
def test_crash_mid_build_keeps_last_manifest_and_next_build_recovers(tmp_path, fake, stage):
    corpus, st = _corpus(tmp_path / "c"), tmp_path / "store"
    build([corpus], st)
    before = (st / store.MANIFEST).read_bytes()
    (corpus / "daligang.txt").write_text("大栗港镇通知\n镇党委每周研究安全生产\n", "utf-8")
    fake.crash_in = stage
    with pytest.raises((KeyboardInterrupt, StageFailed)):
        build([corpus], st)
    assert (st / store.MANIFEST).read_bytes() == before
    fake.crash_in = None
    report = build([corpus], st)
    assert report.changed == ["daligang"] and fake.index_calls[-1]
    assert (
        json.loads((st / store.MANIFEST).read_text("utf-8"))["stages"]["search"]["status"] == "ok"
    )


def test_failing_stage_fails_the_build_in_one_line_and_is_retried_in_full(
    tmp_path, fake, monkeypatch, capsys
):
    from app import stages

    corpus, st = _corpus(tmp_path / "c"), tmp_path / "store"

    def broken(*_: object) -> None:
        raise ImportError("cannot import name 'x' from 'graph.rdf'")

    monkeypatch.setattr(stages, "update_graph", broken)
    assert main(["build", str(corpus), "--store", str(st), "--quiet"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "dutygraph build: graph stage failed: ImportError: cannot import name 'x' from 'graph.rdf'"
    ]
    assert not (st / store.MANIFEST).exists()  # nothing claims to be built
    monkeypatch.setattr(stages, "update_graph", fake.update_graph)
    report = build([corpus], st)
    assert report.stages == {"graph": "built", "search": "built"}
    assert sorted(fake.graph_calls[-1][0]) == ["daligang", "wangyi"]


def test_changed_parser_code_reingests_everything(tmp_path, fake, monkeypatch):
    corpus, st = _corpus(tmp_path / "c"), tmp_path / "store"
    build([corpus], st)
    fake.parsed.clear()
    real = build_mod.code_fingerprint
    monkeypatch.setattr(build_mod, "code_fingerprint", lambda p: real(p) + ("x" * (p == "ingest")))
    report = build([corpus], st)
    assert sorted(fake.parsed) == ["daligang.txt", "wangyi.txt"]
    assert sorted(report.changed) == ["daligang", "wangyi"]


def test_uploads_join_the_build_and_bad_uploads_are_refused(tmp_path, fake):
    corpus, st = _corpus(tmp_path / "c"), tmp_path / "store"
    build([corpus], st)
    store.save_upload(st, "../../etc/新镇.txt", "新镇实施意见\n镇长每周检查\n".encode())
    assert (st / "uploads" / "新镇.txt").exists()
    report = build([corpus], st)
    assert len(report.new) == 1 and report.new[0].startswith("doc_")
    for name, data, why in [
        ("a.exe", b"x", "不支持的文件类型"),
        ("a.txt", b"", "空的"),
        ("a.pdf", b"x" * (store.MAX_UPLOAD_BYTES + 1), "上限"),
    ]:
        with pytest.raises(store.UploadRejected, match=why):
            store.save_upload(st, name, data)


def test_store_missing_names_the_build_command(tmp_path):
    with pytest.raises(store.StoreMissing, match="dutygraph build"):
        store.require_store(tmp_path / "empty")


@pytest.mark.skipif(
    not all(hasattr(ingest, n) for n in ("parse_file", "to_json", "from_json")),
    reason="the real ingest front door (parse_file/to_json/from_json) has not landed yet",
)
def test_real_end_to_end_build_on_small_corpus_files(tmp_path, seed_paths, monkeypatch):
    import search

    def no_index(store_dir, docs, progress=True):  # the real model stays out of a fast test
        (store_dir / "search").mkdir(exist_ok=True)
        return {"units": sum(len(d.clauses) for d, _ in docs)}

    monkeypatch.setattr(search, "update_index", no_index)
    # the code stays put between the two builds even while the tree is being edited
    monkeypatch.setattr(build_mod, "code_fingerprint", lambda package: "fixed")
    files = [seed_paths["001"], seed_paths["003"]]
    report = build(files, tmp_path / "s")
    assert not report.failed and report.documents == 2 and report.clauses > 10
    doc, _ = store.load_doc(tmp_path / "s", report.new[0])
    assert doc.clauses and doc.doc_id in report.new
    assert not build(files, tmp_path / "s").did_work


def test_an_unreadable_file_is_a_failure_not_the_end(tmp_path, fake, monkeypatch):
    corpus, st = _corpus(tmp_path / "c"), tmp_path / "store"
    real = build_mod._sha256

    def sha(path: Path) -> str:
        if path.name == "daligang.txt":
            raise build_mod.UnreadableFile(path, "Permission denied")
        return real(path)

    monkeypatch.setattr(build_mod, "_sha256", sha)
    report = build([corpus], st)
    assert report.new == ["wangyi"]
    assert [r for s, r in report.failed.items() if s.endswith("daligang.txt")] == [
        "Permission denied"
    ]


def test_build_refuses_a_remote_store_with_a_usage_error(tmp_path, fake, capsys):
    assert main(["build", "--store", "sparql+http://127.0.0.1:9/ds"]) == 2
    assert "local store directory" in capsys.readouterr().err
