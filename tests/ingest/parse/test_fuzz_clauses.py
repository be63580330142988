"""Random heading soup never breaks the parser (only IngestError, ids unique), and a seed
flattened as a web copy flattens it gives back the seed's clause tree and title."""

from __future__ import annotations

import itertools
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import IngestError, parse_text
from ingest.parse.headings import SENTENCE_PUNCT, label_end
from ingest.parse.normalise import normalise
from ingest.read.files import read_text
from tests.conftest import SEEDS

CN = ["一", "二", "三", "十", "十一", "二十", "一百零三", "两"]
NUM = [str(n) for n in (1, 2, 3, 10, 2018)]
HEADINGS = st.one_of(
    st.sampled_from(CN).map(lambda n: f"第{n}章 总则"),
    st.sampled_from(CN).map(lambda n: f"第{n}节 职责"),
    st.sampled_from(CN).map(lambda n: f"第{n}编"),
    st.sampled_from(CN).map(lambda n: f"第{n}条 "),
    st.sampled_from(CN).map(lambda n: f"第{n}条之一 "),
    st.sampled_from(CN).map(lambda n: f"{n}、"),
    st.sampled_from(CN).map(lambda n: f"（{n}）"),
    st.sampled_from(NUM).map(lambda n: f"{n}."),
    st.sampled_from(NUM).map(lambda n: f"({n})"),
    st.sampled_from("①②③⑳"),
    st.sampled_from(["附件", "附件1", "附件：", "附件2：检查表", "目录", "（征求意见稿）"]),
    st.sampled_from(["大发〔2019〕45号", "2019年7月1日", "发布时间:2018-11-20", "各单位："]),
)
TEXT = st.one_of(
    st.sampled_from(
        ["安全生产工作。", "各级党委要每季度至少1次研究安全生产", "2018年", "《某某条例》"]
    ),
    st.text(alphabet="安全生产责任第条章节一二三、，。：；（）()1.\t 《》", max_size=12),
)
ROW = st.lists(st.sampled_from(["序号", "任务", "1", "郭环球", "区安监局", ""]), max_size=4).map(
    "\t".join
)
PIECE = st.one_of(HEADINGS, TEXT, ROW)
SOUP = st.lists(st.tuples(PIECE, st.sampled_from(["\n", "", "\n\n", " "])), max_size=40).map(
    lambda parts: "".join(p + sep for p, sep in parts)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SOUP)
def test_heading_soup_parses_or_raises_ingest_error(text):
    try:
        doc = parse_text(text)
    except IngestError:
        return
    ids = [c.clause_id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    known: set[str] = set()
    for c in doc.clauses:
        assert c.parent_id is None or c.parent_id in known
        assert 0 <= c.start <= c.end <= len(doc.text)
        known.add(c.clause_id)
    assert doc.status in {"draft", "final", "interpretation"}


# --- flattened copies of the seeds: a web copy that lost its line breaks -------------

FLAT_SEEDS = ("000", "001", "002", "004")
# What a lost line break leaves: runs of spaces, the paragraph's indent, NBSPs.
GAPS = st.sampled_from(["  ", "   ", "      ", "\u3000\u3000", "\xa0\xa0\xa0\xa0", " \u3000\u3000"])
_SENTENCE_END = ("。", "；", "：")


def _paragraphs(raw: str) -> list[str]:
    """A seed's non-blank lines, its tables as the TAB rows a browser copies."""
    lines = [ln.strip(" \u3000") for ln in raw.split("\n") if ln.strip()]
    cells = [i for i, ln in enumerate(lines) if ln.startswith("\t")]
    if not cells:
        return lines
    rows = [ln for ln in normalise(raw).text.split("\n") if "\t" in ln]
    return [*lines[: cells[0]], *rows, *lines[cells[-1] + 1 :]]


@cache
def _seed(seed: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    raw = read_text(SEEDS[seed])
    doc = parse_text(raw, SEEDS[seed].name)
    return tuple(_paragraphs(raw)), tuple(c.label for c in doc.clauses), doc.title


@st.composite
def flattened(draw: st.DrawFn) -> tuple[str, str]:
    """A seed with every line break lost: gaps between paragraphs, or nothing before a
    heading that follows the end of a sentence or a heading's title; table rows stay rows."""
    seed = draw(st.sampled_from(FLAT_SEEDS))
    paras = _seed(seed)[0]
    out = paras[0]
    for prev, para in itertools.pairwise(paras):
        if "\t" in prev or "\t" in para:
            out += "\n" + para
            continue
        title = label_end(prev) > 0 and len(prev) <= 20 and not SENTENCE_PUNCT.search(prev)
        boundary = prev.endswith(_SENTENCE_END) or title  # …。二、 / 一、总体要求（一）
        glue = label_end(para) > 0 and boundary and draw(st.booleans())
        out += ("" if glue else draw(GAPS)) + para
    return seed, out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flattened())
def test_flattened_seed_gives_the_tree_and_title_of_the_original(case: tuple[str, str]) -> None:
    seed, text = case
    _, labels, title = _seed(seed)
    doc = parse_text(text, SEEDS[seed].name)
    assert [c.label for c in doc.clauses] == list(labels)
    assert doc.title == title
