"""``dutygraph search`` through app.cli.main.main: JSON fields, batch order, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from search import update_index

FIELDS = {"doc_id", "doc_title", "clause_id", "path", "text", "score"}


@pytest.fixture()
def store(tmp_path: Path, docs) -> Path:
    update_index(tmp_path / "store", docs, progress=False, encoder=None)
    return tmp_path / "store"


def test_single_query_json(store: Path, capsys) -> None:
    assert main(["--store", str(store), "search", "安委会全体会议", "-k", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "安委会全体会议" and len(out["results"]) == 2
    for r in out["results"]:
        assert set(r) >= FIELDS and isinstance(r["path"], list)
        assert "安全生产委员会" in r["text"]
    assert out["results"][0]["score"] >= out["results"][1]["score"]


def test_batch_mode_keeps_input_order(store: Path, tmp_path: Path, capsys) -> None:
    questions = ["瞒报事故怎么处理", "镇党委书记每年开几次常委会", "", "安全生产专项资金"]
    qfile = tmp_path / "q.txt"
    qfile.write_text("\n".join(questions), encoding="utf-8")
    args = ["--store", str(store), "search", "--queries-file", str(qfile), "-k", "3", "--json"]
    assert main(args) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["query"] for r in rows] == [q for q in questions if q]
    assert all(1 <= len(r["results"]) <= 3 for r in rows)
    assert "专项资金" in rows[2]["results"][0]["text"]


def test_filters_from_the_command_line(store: Path, capsys) -> None:
    args = ["--store", str(store), "search", "安全生产", "--level", "township", "-k", "20"]
    assert main([*args, "--json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert results and {r["doc_id"] for r in results} == {"town"}


def test_readable_output_marks_matches(store: Path, capsys) -> None:
    assert main(["--store", str(store), "search", "瞒报事故", "-k", "1"]) == 0
    out = capsys.readouterr().out
    assert "【瞒报事故】" in out or "【瞒报】" in out


def test_missing_index_names_the_build_command(tmp_path: Path, capsys) -> None:
    assert main(["--store", str(tmp_path / "empty"), "search", "安委会", "--json"]) == 2
    err = capsys.readouterr().err
    assert "dutygraph build" in err and "Traceback" not in err


def test_unreadable_queries_file_is_a_usage_error(store: Path, tmp_path: Path, capsys) -> None:
    args = ["--store", str(store), "search", "--queries-file", str(tmp_path / "nope.txt")]
    assert main(args) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_a_question_with_no_good_match_says_so(store: Path, capsys) -> None:
    assert main(["--store", str(store), "search", "asdfgh qwerty", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"] == []
    assert main(["--store", str(store), "search", "asdfgh qwerty"]) == 0
    assert "没有找到相关条款" in capsys.readouterr().out


def test_readable_output_keeps_an_article_label_apart(store: Path, capsys, docs) -> None:
    article = next(
        c
        for d, _ in docs
        for c in d.clauses
        if c.label.endswith("条") and len(c.text) > len(c.label)
    )
    question = article.text[len(article.label) : len(article.label) + 8]
    assert main(["--store", str(store), "search", question, "-k", "3"]) == 0
    out = capsys.readouterr().out
    assert f"{article.label} " in out or f"{article.label}】 " in out
