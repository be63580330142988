"""How a result's text is shown: label apart, long text cut to its best sentences."""

from __future__ import annotations

from search.rank.excerpt import LONG_CHARS, shown_text


def test_label_is_kept_apart_and_a_highlight_over_both_is_split() -> None:
    text = "第二十一条生产经营单位的主要负责人对本单位安全生产工作负有下列职责："
    spans = [(0, 7)]  # 第二十一条生产 as one highlight
    shown = shown_text(text, "第二十一条", spans)
    assert shown.text == "第二十一条 " + text[5:]
    assert [shown.text[s:e] for s, e in shown.highlights] == ["第二十一条", "生产"]
    assert not shown.cut_before and not shown.cut_after


def test_text_already_separated_is_left_alone() -> None:
    text = "（一）建立健全安全生产责任制；"
    assert shown_text(text, "（一）", [(3, 7)]).text == text


def test_a_long_text_shows_the_sentences_holding_the_question_words() -> None:
    filler = "各级政府应当加强领导，落实责任，做好各项工作。" * 8
    target = "安全生产委员会每季度至少召开一次全体会议。"
    text = filler + target + filler
    assert len(text) > LONG_CHARS
    start = text.index("全体会议")
    shown = shown_text(text, "", [(start, start + 4)])
    assert "全体会议" in shown.text and len(shown.text) < len(text)
    assert shown.cut_before and shown.cut_after and shown.full == text
    assert [shown.text[s:e] for s, e in shown.highlights] == ["全体会议"]
