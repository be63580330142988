"""BM25's two token fields: jieba words and character pairs (search.tokens)."""

from __future__ import annotations

from pathlib import Path

from search.index.bm25 import BM25Index
from search.tokens import char_bigrams, stopwords, tokenize


def test_pairs_cover_every_adjacent_pair_of_a_run_without_stop_characters() -> None:
    text = "生产经营单位的主要负责人未履行安全生产管理职责"
    stop = {w for w in stopwords() if len(w) == 1}
    pairs = char_bigrams(text)
    expected = [
        text[i : i + 2]
        for i in range(len(text) - 1)
        if text[i] not in stop and text[i + 1] not in stop
    ]
    assert pairs == expected
    assert "的" in stop and not any("的" in p for p in pairs)


def test_pairs_do_not_cross_punctuation_or_script() -> None:
    pairs = char_bigrams("瞒报，谎报ABC事故")
    assert "报，" not in pairs and "报谎" not in pairs and "报a" not in pairs
    assert {"瞒报", "谎报", "ab", "bc", "事故"} <= set(pairs)


def test_pairs_favour_the_clause_where_the_question_words_stand_together(tmp_path: Path) -> None:
    question = "企业安全生产主体责任"
    together = "生产经营单位落实安全生产主体责任"
    scattered = "企业负责人对生产经营单位的安全负责，承担主体的责任，组织生产"
    words = dict.fromkeys(tokenize(question), 1.0)
    grams = dict.fromkeys(char_bigrams(question), 1.0)
    index = BM25Index.build([together, scattered, "安全生产委员会每季度召开一次全体会议"])
    by_words, by_grams = index.scores(words), index.scores(grams, "grams")
    assert by_grams.argmax() == 0
    assert by_grams[0] / by_grams[1] > by_words[0] / by_words[1]

    index.save(tmp_path)
    again = BM25Index.load(tmp_path)
    assert again.fields == ("words", "grams")
    assert (again.scores(grams, "grams") == by_grams).all()


def test_an_index_saved_before_the_pair_field_scores_words_only(tmp_path: Path) -> None:
    BM25Index.build(["安全生产委员会全体会议", "带队检查"]).save(tmp_path)
    for path in sorted((tmp_path / "grams").iterdir()):
        path.unlink()
    (tmp_path / "grams").rmdir()
    old = BM25Index.load(tmp_path)
    assert old.fields == ("words",)
    assert not old.scores({"安全": 1.0}, "grams").any() and old.scores({"安全": 1.0}).any()
