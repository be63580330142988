"""Study pack content from real seeds: definitions from the corpus, answers from the clause."""

from __future__ import annotations

import pytest

import ingest
from app.study.content import glossary, key_clauses, quiz, study_content, terms
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def pairs() -> list:
    out = []
    for seed in ("000", "001", "002", "003", "004"):
        doc = ingest.parse_file(SEEDS[seed])
        out.append((doc, ingest.extract_facts(doc)))
    return out


def _doc(pairs, doc_id):
    return next(d for d, _ in pairs if d.doc_id == doc_id)


def test_terms_come_from_the_data_file():
    names = [t for t, _ in terms()]
    assert {"党政同责", "一岗双责", "三个必须", "一票否决"} <= set(names)


def test_definitions_are_corpus_sentences_that_explain(pairs):
    entries = {g["term"]: g for g in glossary(pairs)}
    assert {"党政同责", "一岗双责", "三个必须", "一票否决"} <= set(entries)
    for g in entries.values():
        doc = _doc(pairs, g["doc_id"])
        assert g["term"] in g["definition"]
        assert g["definition"] in doc.text  # quoted, not written
        assert g["definition"] in doc.clause(g["clause_id"]).text
        assert "《" not in g["definition"]  # a title only names the term
    # 一岗双责 explained by what it asks of the other members (分管范围/分管领域)
    assert "分管" in entries["一岗双责"]["definition"]


@pytest.mark.parametrize("role", ["党委主要负责人", "政府分管安全生产负责人", "党委"])
def test_every_answer_is_derivable_from_its_cited_clause(pairs, role):
    questions = quiz(pairs, role)
    assert questions
    for q in questions:
        clause = _doc(pairs, q["doc_id"]).clause(q["clause_id"]).text
        assert q["clause_text"] == clause
        assert q["answer"] in clause, q
        assert q["options"].count(q["answer"]) == 1 and len(set(q["options"])) == len(q["options"])
        others = [o for o in q["options"] if o != q["answer"]]
        assert not any(o in clause for o in others), q  # the source settles the question
        if q["kind"] == "who":
            assert "____" in q["question"] and q["answer"] not in q["question"]


def test_quiz_covers_how_often_who_and_sanctions(pairs):
    kinds = {q["kind"] for q in quiz(pairs, "党委主要负责人")}
    assert kinds == {"how_often", "who", "sanction"}


def test_how_often_question_matches_the_extracted_frequency(pairs):
    q = next(q for q in quiz(pairs, "党委主要负责人") if q["kind"] == "how_often")
    doc = _doc(pairs, q["doc_id"])
    facts = next(f for d, f in pairs if d is doc)
    assert any(
        f.clause_id == q["clause_id"] and f.text == q["answer"] and f.role == "党委主要负责人"
        for f in facts.frequencies
    )


def test_key_clauses_hold_the_roles_duties_frequencies_first(pairs):
    clauses = key_clauses(pairs, "政府分管安全生产负责人")
    assert clauses
    first = clauses[0]
    assert "每季度至少召开1次" in first["clause_text"]  # 000 第十一条（四）
    for c in clauses:
        facts = next(f for d, f in pairs if d.doc_id == c["doc_id"])
        assert any(
            d.clause_id == c["clause_id"] and d.role == "政府分管安全生产负责人"
            for d in facts.duties
        )


def test_study_content_shape(pairs):
    content = study_content(pairs, "党委主要负责人", "township")
    assert set(content) == {"role", "level", "clauses", "glossary", "quiz"}
    assert content["level"] == "township" and content["clauses"] and content["quiz"]
