"""The handbook and the key terms on the bundled corpus: every line quoted from its clause,
frequencies as the clause states them, sanctions that fall on leaders, terms that fit the role."""

from __future__ import annotations

import pytest

from app.study.ask_sanctions import leader_measures
from app.study.glossary import MAX_DEFINITION
from app.study.pack import study_pack
from app.study.wording import short_form
from ingest.domain.vocabulary import canonical_role, categories, concepts, surface_forms

ROLES = [("政府分管安全生产负责人", "county"), ("党委主要负责人", "township")]


@pytest.fixture(scope="module")
def packs(corpus_store):
    return {r: study_pack(corpus_store, r, lv) for r, lv in ROLES}


@pytest.mark.parametrize(("role", "level"), ROLES)
def test_every_duty_is_the_clauses_words_with_its_frequency(packs, role, level):
    entries = packs[role].handbook
    assert entries and {e.category for e in entries} <= set(categories())
    for e in entries:
        assert e.duty_text in e.source.clause_text
        if e.frequency:
            stated = {p.per_year for p in short_form(e.source.clause_text)}
            assert short_form(e.frequency)[0].per_year in stated
        for n in e.sanctions:
            assert n.sentence in n.source.clause_text
            assert set(n.types) <= leader_measures()


@pytest.mark.parametrize(("role", "level"), ROLES)
def test_the_roles_own_duties_come_from_several_levels(packs, role, level):
    own = [e for e in packs[role].handbook if e.tier == "own"]
    assert own and all(e.role == role for e in own)
    levels = {e.source.level for e in packs[role].handbook}
    assert len(levels) >= 2


def test_a_quarterly_meeting_keeps_its_frequency(packs):
    role = "政府分管安全生产负责人"
    periodic = [e for e in packs[role].handbook if e.tier == "own" and e.frequency]
    assert periodic
    for e in periodic:
        clause_forms = [p.short for p in short_form(e.source.clause_text)]
        assert e.frequency in clause_forms


@pytest.mark.parametrize(("role", "level"), ROLES)
def test_terms_are_short_quotes_that_fit_the_role(packs, role, level):
    enterprise = {c.label for c in concepts("role") if c.organ == "企业" or c.label == "企业"}
    enterprise_words = [w for w, r in surface_forms("role").items() if r in enterprise]
    enterprise_words += [w for w, o in surface_forms("organ").items() if o == "企业"]
    glossary = packs[role].glossary
    assert glossary and glossary[0].term == role and glossary[0].origin == "vocabulary"
    for g in glossary:
        assert canonical_role(g.term) not in enterprise
        if g.origin == "clause":
            assert g.source is not None and g.definition in g.source.clause_text
            assert len(g.definition) <= MAX_DEFINITION + 20
        if g.term == "安全生产第一责任人":  # never an enterprise rule's 主要负责人 for a leader
            assert not any(w in g.definition for w in enterprise_words)
