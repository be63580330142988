"""to_json -> JSON text -> from_json gives back the same Document and Facts."""

from __future__ import annotations

import json

import pytest

from ingest import extract_facts, from_json, parse_file, parse_text, to_json
from ingest.records import Facts, Frequency


@pytest.mark.parametrize("seed", ["000", "001", "003"])
def test_round_trip_through_json_text(seed_paths, seed):
    doc = parse_file(seed_paths[seed])
    facts = extract_facts(doc)
    d = json.loads(json.dumps(to_json(doc, facts), ensure_ascii=False))
    doc2, facts2 = from_json(d)
    assert doc2 == doc  # every field, the offset map included
    for kind in ("roles", "duties", "frequencies", "deadlines", "sanctions"):
        assert sorted(map(repr, getattr(facts2, kind))) == sorted(map(repr, getattr(facts, kind)))
    assert to_json(doc2, facts2) == d


def test_facts_land_on_their_clause_and_lists_are_empty_without_facts():
    doc = parse_text("某某区实施意见\n一、区委每季度至少召开1次常委会会议研究安全生产工作。\n")
    bare = to_json(doc)
    assert all(c[k] == [] for c in bare["clauses"] for k in ("roles", "duties", "sanctions"))
    (sec,) = [c for c in doc.clauses if c.kind == "section"]
    freq = Frequency(
        sec.clause_id, "每季度至少召开1次", "P3M", 1, 4.0, "召开常委会会议", "党委", 2, 9
    )
    d = to_json(doc, Facts(doc.doc_id, frequencies=(freq,)))
    (clause,) = [c for c in d["clauses"] if c["clause_id"] == sec.clause_id]
    assert clause["frequencies"] == [
        {
            "text": "每季度至少召开1次",
            "period": "P3M",
            "min_count": 1,
            "per_year": 4.0,
            "activity": "召开常委会会议",
            "role": "党委",
            "start": 2,
            "end": 9,
        }
    ]
    assert from_json(d)[1].frequencies == (freq,)


def test_offsets_lead_back_to_the_original_words():
    raw = "某某区实施意见\n第一章  总  则\n第一条  为了加强（一）管理，制定本意见。\n"
    doc = parse_text(raw)
    art = doc.clause("chp_1__art_1")
    assert doc.original_span(art.start, art.end) == "第一条  为了加强（一）管理，制定本意见。"
    doc2, _ = from_json(to_json(doc))
    assert doc2.original_span(art.start, art.end) == doc.original_span(art.start, art.end)
