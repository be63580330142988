"""The issue's acceptance, on the JSON of ``dutygraph study --json`` over the bundled corpus:
for the county deputy and the township Party secretary, at least 20 questions of at least
three kinds citing documents of at least two levels, every answer provable from its clause,
the right option among the options and no option twice."""

from __future__ import annotations

import re

import pytest

from app.study.checks import problems
from app.study.records import FORMS, KINDS
from ingest.domain.levels import KNOWN_LEVELS

ROLES = [("政府分管安全生产负责人", "county"), ("党委主要负责人", "township")]
CONTRACT = {"form", "kind", "question", "options", "answer", "doc_id", "level", "clause_id",
            "path", "clause_text"}  # fmt: skip
RAW_ID = re.compile(r"\b(?:chp|sec|art|item|sub|para|att|row)_\d+")


@pytest.mark.parametrize(("role", "level"), ROLES)
def test_the_paper_meets_the_issue(study_json, role, level):
    pack = study_json(role, level)
    quiz = pack["quiz"]
    assert {"role", "level", "clauses", "glossary", "quiz"} <= set(pack)
    assert pack["role"] == role and pack["level"] == level
    assert len(quiz) >= 20
    assert len({q["kind"] for q in quiz}) >= 3
    assert len({q["level"] for q in quiz}) >= 2
    for q in quiz:
        assert set(q) >= CONTRACT and q["form"] in FORMS and q["kind"] in KINDS
        assert problems(q) == [], (q["question"], problems(q))
        if q["form"] in ("single", "multiple"):
            answers = q["answer"] if q["form"] == "multiple" else [q["answer"]]
            assert all(a in q["options"] for a in answers)
            assert len(set(q["options"])) == len(q["options"])
    assert len({q["question"] for q in quiz}) == len(quiz)


@pytest.mark.parametrize(("role", "level"), ROLES)
def test_documents_come_from_the_level_and_above(study_json, role, level):
    pack = study_json(role, level)
    top = KNOWN_LEVELS.index(level)
    cited = {q["level"] for q in pack["quiz"]} | {c["level"] for c in pack["clauses"]}
    assert all(KNOWN_LEVELS.index(lv) <= top for lv in cited)
    assert all(KNOWN_LEVELS.index(d["level"]) <= top for d in pack["documents"])


@pytest.mark.parametrize(("role", "level"), ROLES)
def test_readable_text_names_clauses_by_path_never_by_id(study_json, role, level):
    pack = study_json(role, level)
    texts = [q["question"] for q in pack["quiz"]] + [q["path"] for q in pack["quiz"]]
    texts += [c["path"] for c in pack["clauses"]] + [g["definition"] for g in pack["glossary"]]
    assert not [t for t in texts if RAW_ID.search(t)]
    # a full path (第二章 › 第十一条) or a one-step one that is a heading label (五、, 第五条)
    for q in pack["quiz"]:
        assert (q["path"] and "›" in q["path"]) or q["path"].endswith(("、", "条", "）", "."))


def test_the_paper_differs_by_level_because_the_chain_does(study_json):
    everything = study_json("政府分管安全生产负责人")
    county = study_json("政府分管安全生产负责人", "county")
    assert {q["question"] for q in everything["quiz"]} != {q["question"] for q in county["quiz"]}
    assert len(everything["documents"]) > len(county["documents"])


def test_a_seed_gives_the_same_paper_and_another_seed_another(study_json):
    role, level = ROLES[0]
    first = study_json(role, level, "--seed", "7")
    again = study_json(role, level, "--seed", "7", "--part", "paper")  # another run, same seed
    other = study_json(role, level, "--seed", "8")
    assert first["quiz"] == again["quiz"]
    assert first["quiz"] != other["quiz"]


def test_count_forms_and_difficulty_shape_the_paper(study_json):
    role, level = ROLES[1]
    pack = study_json(role, level, "--count", "8", "--forms", "single,fill")
    assert len(pack["quiz"]) == 8
    assert {q["form"] for q in pack["quiz"]} == {"single", "fill"}
    easy = study_json(role, level, "--difficulty", "easy")
    assert easy["quiz"] and all(q["difficulty"] == "easy" for q in easy["quiz"])
    hard = study_json(role, level, "--difficulty", "hard")
    hard_ones = [q for q in hard["quiz"] if q["difficulty"] == "hard"]
    assert hard_ones  # the township says 每月, the city 每季度: a fact that differs by level
    assert len(hard_ones) >= sum(q["difficulty"] == "hard" for q in study_json(role, level)["quiz"])
