"""`dutygraph parse FILE --json`: the docs/cli.md shape, exit codes and one-line errors."""

from __future__ import annotations

import json

import pytest

from app.cli.main import main

DOC_KEYS = {
    "doc_id": str,
    "title": str,
    "doc_number": (str, type(None)),
    "issuer": (str, type(None)),
    "date": (str, type(None)),
    "status": str,
    "level": str,
    "region": (str, type(None)),
    "citations": list,
    "clauses": list,
}
CLAUSE_KEYS = {
    "clause_id": str,
    "parent_id": (str, type(None)),
    "kind": str,
    "number": (int, type(None)),
    "label": str,
    "heading": str,
    "text": str,
    "path": list,
    "roles": list,
    "frequencies": list,
    "deadlines": list,
    "sanctions": list,
    "duties": list,
}
KINDS = {"chapter", "section", "article", "paragraph", "item", "subitem", "table_row", "attachment"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["parse", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_json_has_the_cli_shape(capsys, seed_paths):
    code, out, err = run(capsys, str(seed_paths["001"]), "--json")
    assert code == 0 and err == ""
    assert "\\u" not in out and "大栗港镇" in out  # UTF-8, not ASCII-escaped
    d = json.loads(out)
    for key, typ in DOC_KEYS.items():
        assert isinstance(d[key], typ), key
    assert d["status"] in {"draft", "final", "interpretation"}
    assert d["level"] in {"national", "province", "city", "county", "township", "unknown"}
    assert d["date"] == "2019-07-01"
    for cit in d["citations"]:
        assert {"title", "doc_number", "relation"} <= set(cit)
        assert cit["relation"] in {"implements", "cites"}
    assert d["clauses"]
    for c in d["clauses"]:
        for key, typ in CLAUSE_KEYS.items():
            assert isinstance(c[key], typ), (key, c["clause_id"])
        assert c["kind"] in KINDS and c["path"][-1] == c["label"]
    assert "text" not in d and "offset_runs" not in d  # the store's extras stay out


def test_parse_json_of_a_law(capsys, corpus_dir):
    code, out, _ = run(capsys, str(corpus_dir / "national_2021_work_safety_law.txt"), "--json")
    d = json.loads(out)
    assert code == 0 and d["level"] == "national"
    arts = [c for c in d["clauses"] if c["kind"] == "article"]
    assert arts[0]["label"] == "第一条" and arts[-1]["number"] == len(arts)


def test_parse_without_json_prints_a_summary(capsys, seed_paths):
    code, out, _ = run(capsys, str(seed_paths["000"]))
    assert code == 0 and "王益区" in out and "33 article" in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


def test_missing_file_exits_2_with_one_line(capsys, tmp_path):
    code, out, err = run(capsys, str(tmp_path / "nope.txt"), "--json")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "nope.txt" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\n", b"abc def ghi\n", "\x00\x01\x02\x03安".encode() * 50],
    ids=["empty", "blank", "no-chinese", "binary-junk"],
)
def test_unusable_input_exits_with_one_line(capsys, tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, str(path), "--json")
    assert code in (1, 2) and out == ""
    assert err.count("\n") == 1 and "bad.txt" in err and "Traceback" not in err
    if content.strip() == b"":
        assert code == 1


def test_plain_text_without_numbering_is_paragraphs(capsys, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(
        "关于安全生产的几点说明\n各单位要高度重视安全生产工作。\n要经常检查，及时消除隐患。\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, str(path), "--json")
    d = json.loads(out)
    assert code == 0 and d["title"] == "关于安全生产的几点说明"
    assert [c["kind"] for c in d["clauses"]] == ["paragraph", "paragraph"]


def test_text_with_no_structure_and_no_policy_wording_is_unusable(capsys, tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("今天天气很好，我们去公园散步吧。\n晚上回家吃饭。\n", encoding="utf-8")
    code, out, err = run(capsys, str(path), "--json")
    assert code == 1 and out == ""
    assert "prose.txt" in err and "no recognisable structure" in err and err.count("\n") == 1
