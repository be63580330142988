"""Scoring of the search eval: clause labels, container clauses, article labels, frozen sets."""

from __future__ import annotations

from pathlib import Path

import ingest
from eval.search_sets import Judged, Label, Ranked, check_labels, load_questions, score

ROOT = Path(__file__).resolve().parents[2]


def _law():
    return ingest.parse_file(ROOT / "corpus" / "national_2014_work_safety_license_regulation.txt")


def test_a_clause_label_credits_that_clause_and_a_container_credits_its_parts() -> None:
    doc = _law()
    judged = Judged.of([doc])
    article = next(c for c in doc.clauses if (doc.doc_id, c.clause_id) in judged.containers)
    part = next(c for c in doc.clauses if c.parent_id == article.clause_id)
    hit = [Ranked(doc.doc_id, (part.clause_id,), part.text)]
    assert score(hit, [Label(2, doc=doc.doc_id, clause=article.clause_id)], judged)["ndcg"] == 1.0
    own = next(c for c in doc.clauses if (doc.doc_id, c.clause_id) not in judged.containers)
    child = next((c for c in doc.clauses if c.parent_id == own.clause_id), None)
    if child is not None:
        miss = [Ranked(doc.doc_id, (child.clause_id,), child.text)]
        assert score(miss, [Label(2, doc=doc.doc_id, clause=own.clause_id)], judged)["ndcg"] == 0.0


def test_ranks_and_grades_shape_the_metrics() -> None:
    doc = _law()
    judged = Judged.of([doc])
    units = [c for c in doc.clauses if (doc.doc_id, c.clause_id) not in judged.containers][:3]
    ranked = [Ranked(doc.doc_id, (c.clause_id,), c.text) for c in units]
    first = Label(2, doc=doc.doc_id, clause=units[0].clause_id)
    third = Label(2, doc=doc.doc_id, clause=units[2].clause_id)
    assert score(ranked, [first], judged) == {"ndcg": 1.0, "answered": 1.0, "mrr": 1.0}
    late = score(ranked, [third], judged)
    assert late["mrr"] == 1 / 3 and 0 < late["ndcg"] < 1
    assert score(ranked[:2], [third], judged)["answered"] == 0.0


def test_article_labels_credit_text_inside_the_article() -> None:
    docs = [
        ingest.parse_file(p)
        for p in sorted((ROOT / "eval/statutes/laws").glob("statute_0[1-3].txt"))
    ]
    judged = Judged.of(docs)
    (doc_id, label), text = next(iter(judged.articles.items()))
    inside = Ranked(doc_id, (), text[len(label) : len(label) + 20])
    other = Ranked(doc_id + "x", (), inside.text)
    lab = Label(2, doc=doc_id, article=label)
    assert score([inside], [lab], judged)["answered"] == 1.0
    assert score([other], [lab], judged)["answered"] == 0.0


def test_the_law_sets_name_only_parsed_clauses() -> None:
    docs = [ingest.parse_file(p) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    judged = Judged.of(docs)
    for name in ("law_queries_blind.jsonl", "law_queries_dev.jsonl"):
        questions = load_questions(name)  # the blind set also passes its checksum
        assert len(questions) >= 40
        check_labels(questions, docs, judged)
