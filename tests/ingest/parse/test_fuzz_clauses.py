"""Random heading soup never breaks the parser: only IngestError, and ids stay unique."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import IngestError, parse_text

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
