"""Levels come from the vocabulary: order, names and words, with no copy elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from rdflib import URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

import ingest.domain.places as places
from ingest.domain.levels import KNOWN_LEVELS, LEVELS, UNKNOWN, Level, level_name, level_words, rank
from ingest.domain.places import is_municipality, level_of
from ingest.domain.vocabulary import DGV, concepts, vocab_graph


def test_order_is_the_vocabulary_collection_and_the_type_agrees():
    g = vocab_graph()
    members = list(Collection(g, g.value(DGV.levelOrder, SKOS.memberList)))
    notation = {URIRef(c.iri): c.notation for c in concepts("level")}
    assert list(KNOWN_LEVELS) == [notation[URIRef(str(m))] for m in members]
    assert (*KNOWN_LEVELS, UNKNOWN) == LEVELS
    assert set(get_args(Level)) == set(LEVELS)
    assert [rank(lv) for lv in LEVELS] == list(range(len(LEVELS)))


def test_names_are_the_display_labels_of_the_places_prefLabels():
    for c in concepts("level"):
        place_word = next(str(o) for o in vocab_graph().objects(URIRef(c.iri), SKOS.prefLabel)
                          if getattr(o, "language", None) == "zh")  # fmt: skip
        assert level_name(c.notation) == f"{place_word}级"


def test_every_alt_label_names_its_level_and_longer_words_come_first():
    words = dict(level_words())
    for c in concepts("level"):
        for alt in c.alt_labels:
            assert words[alt] == c.notation
    lengths = [len(w) for w, _ in level_words()]
    assert lengths == sorted(lengths, reverse=True)


def test_municipalities_are_province_level_places():
    """A 直辖市 is a 市 the places list puts at province level, never a city."""
    for name in ("北京市", "上海市", "天津市", "重庆市"):
        assert level_of(name) == "province" and is_municipality(name)
    assert level_of("铜川市") == "city" and not is_municipality("铜川市")
    assert not is_municipality("陕西省")


def test_a_place_stem_drops_the_longest_suffix_of_the_table():
    table = Path(places.__file__).parent / "data" / "levels.tsv"
    rows = [ln.split("\t") for ln in table.read_text(encoding="utf-8").splitlines()]
    suffixes = [r[1] for r in rows if r[0] == "suffix"]
    assert suffixes
    for suffix in suffixes:  # 某某自治区 -> 某某, never 某某自治
        assert places.place_stem(f"桃花{suffix}") == "桃花"
    assert places.place_stem("沙县") == "沙县"  # a one-character stem keeps its suffix
    assert places.place_stem("桃花") == "桃花"


def test_place_suffixes_are_the_table_rows_down_to_the_level_asked():
    table = Path(places.__file__).parent / "data" / "levels.tsv"
    rows = [ln.split("\t") for ln in table.read_text(encoding="utf-8").splitlines()]
    zones = {r[1] for r in rows if r[0] == "zone"}
    by_level = {r[1]: r[2] for r in rows if r[0] == "suffix"}
    assert zones and "village" in by_level.values()
    got = places.place_suffixes()
    assert set(got) == zones | {w for w, lv in by_level.items() if rank(lv) <= rank("township")}
    assert set(places.place_suffixes("village")) == zones | set(by_level)
    assert [len(w) for w in got] == sorted((len(w) for w in got), reverse=True)
