"""The shown match strength: one 0-1 scale, ordered, and nothing for noise."""

from __future__ import annotations

from pathlib import Path

from search import load_searcher, update_index
from search.model.encoder import HashingEncoder
from search.rank.scale import capped, meaning_match, strength, word_match


def test_scale_parts_stay_within_zero_and_one() -> None:
    assert meaning_match(0.0, 0.5, 0.9) == 0.0 and meaning_match(0.99, 0.5, 0.9) == 1.0
    assert word_match("安全生产委员会", {"安全": 1.0, "会议": 1.0}) == 0.5
    assert strength(None, None) == 0.0 and abs(strength(0.4, 0.8) - 0.6) < 1e-9
    assert capped([0.5, 0.7, 0.2, 0.3]) == [0.5, 0.5, 0.2, 0.2]


def test_shown_scores_are_ordered_and_noise_finds_nothing(tmp_path: Path, docs) -> None:
    update_index(tmp_path, docs, progress=False, encoder=HashingEncoder(dim=128))
    s = load_searcher(tmp_path, encoder=HashingEncoder(dim=128))
    hits = s.search("党委常委会议每年研究安全生产工作几次", k=5)
    scores = [h.score for h in hits]
    assert hits and all(0.0 <= x <= 1.0 for x in scores) and scores == sorted(scores, reverse=True)
    assert s.search("asdfgh qwerty", k=5) == []
