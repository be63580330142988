"""Each kind of question, checked against its clause with the project's own grammars."""

from __future__ import annotations

import pytest

from app.study.pack import study_pack
from app.study.records import PaperOptions, QuizQuestion
from ingest.extract.frequency import find_frequencies

ROLES = [("政府分管安全生产负责人", "county"), ("党委主要负责人", "township"),
         ("政府主要负责人", "city"), ("党委班子其他成员", "county")]  # fmt: skip


@pytest.fixture(scope="module")
def quizzes(corpus_store) -> dict[str, list[QuizQuestion]]:
    out = {}
    for role, level in ROLES:
        for seed in (0, 1):
            pack = study_pack(corpus_store, role, level, options=PaperOptions(seed=seed))
            out[f"{role}/{level}/{seed}"] = list(pack.quiz)
    return out


def _all(quizzes):
    return [q for qs in quizzes.values() for q in qs]


def test_frequency_options_are_other_values_the_clause_does_not_state(quizzes):
    asked = [q for q in _all(quizzes) if q.kind == "how_often" and q.form == "single"]
    assert asked
    for q in asked:
        values = [find_frequencies(o) for o in q.options]
        assert all(len(v) == 1 and v[0].per_year for v in values), q.options
        per_year = [v[0].per_year for v in values]
        assert len(set(per_year)) == len(per_year)  # 每季度1次 and 每年4次 are one value
        stated = {m.per_year for m in find_frequencies(q.source.clause_text)}
        answer = find_frequencies(str(q.answer))[0].per_year
        assert answer in stated
        assert not (set(per_year) - {answer}) & stated


def test_grade_options_are_the_grades_the_list_defines(quizzes):
    asked = [q for q in _all(quizzes) if q.kind == "accident_grade"]
    assert asked
    for q in asked:
        assert q.evidence[0] in q.source.clause_text and "是指" in q.source.clause_text
        if q.form == "single":
            assert len(q.options) == 4 and all(o.endswith("事故") for o in q.options)


def test_true_false_is_settled_by_the_clause(quizzes):
    asked = [q for q in _all(quizzes) if q.form == "true_false"]
    assert {q.answer for q in asked} == {"正确", "错误"}
    for q in asked:
        if q.answer == "正确":
            assert all(e in q.question for e in q.evidence)
        else:
            rest = q.source.clause_text.replace(q.evidence[0], "|")  # 重大事故 in 特别重大事故
            assert q.false_value in q.question and q.false_value not in rest
            if q.kind == "how_often":  # stricter than the clause: a weaker minimum still holds
                stated = find_frequencies(q.evidence[0])[0].per_year
                assert find_frequencies(q.false_value)[0].per_year > stated


def test_a_blank_is_filled_with_the_clauses_words(quizzes):
    asked = [q for q in _all(quizzes) if q.form == "fill"]
    assert asked
    for q in asked:
        assert "______" in q.question and str(q.answer) in q.source.clause_text
        assert str(q.answer) in q.evidence[0]


def test_no_two_questions_of_a_paper_ask_the_same_thing(quizzes):
    for name, quiz in quizzes.items():
        asked = [(q.kind, q.evidence) for q in quiz]
        assert len(set(asked)) == len(asked), name
        assert len({q.question for q in quiz}) == len(quiz), name


def test_sanction_questions_ask_for_measures_not_conditions(quizzes):
    asked = [q for q in _all(quizzes) if q.kind == "sanction" and q.form != "fill"]
    assert asked
    for q in asked:
        assert not any(o.startswith(("不论", "无论")) for o in q.options)
