"""The normaliser's stated guarantees, on examples, on the corpus and on random text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.parse.normalise import normalise
from ingest.parse.script import to_simplified
from ingest.read.files import read_text
from tests.conftest import CORPUS


def norm(raw: str) -> str:
    return normalise(raw).text


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("第一条\r\n第二条\r第三条", "第一条\n第二条\n第三条"),  # line endings
        ("\ufeff安全\u200b生产\u00ad\x07", "安全生产"),  # BOM, zero-width, soft hyphen, control
        ("２０１９年ＡＢ１．", "2019年AB1."),  # full-width digits, letters, ．after a digit
        ("(一)严格执行", "（一）严格执行"),
        ("王益区实施意见\n(征求意见稿)", "王益区实施意见\n（征求意见稿）"),
        ("区委,政府;部门:负责", "区委，政府；部门：负责"),
        ("10:31 and a,b", "10:31 and a,b"),  # ASCII between ASCII stays
        ("第二章  职  责", "第二章职责"),
        ("熊\u3000\u3000丹", "熊丹"),
        ("   第一条 安全  \n\n\n\n  第二条", "第一条安全\n第二条"),
        ("每季度至少 1 次", "每季度至少 1 次"),  # a space beside a digit is kept
        ("a   b", "a b"),
    ],
)
def test_character_and_space_rules(raw: str, want: str) -> None:
    assert norm(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        # a heading broken across lines is joined
        (
            "第三节 区委、政府工作部门领导干部安全生产工作\n职责\n第十三条 领导干部职责：",
            "第三节区委、政府工作部门领导干部安全生产工作职责\n第十三条领导干部职责：",
        ),
        # a sentence that runs on is joined, also across a blank line
        (
            "各级党委要加强领导，组织\n开展检查。\n\n（一）加强",
            "各级党委要加强领导，组织开展检查。\n（一）加强",
        ),
        # a heading followed by its paragraph is not
        ("一、工作目标\n进一步明确和落实责任。", "一、工作目标\n进一步明确和落实责任。"),
        # title, addressee, signature and date lines stay apart
        (
            "中共大栗港镇委员会\n关于印发《实施意见》的通知\n各党政领导：\n中共大栗港镇委员会\n2019年7月1日",
            "中共大栗港镇委员会\n关于印发《实施意见》的通知\n各党政领导：\n中共大栗港镇委员会\n2019年7月1日",
        ),
        # a line that ends its sentence is not joined; nor one before a numbered unit
        ("落实责任。\n加强督查", "落实责任。\n加强督查"),
        ("主要职责包括，\n1.组织", "主要职责包括，\n1.组织"),
        # a 文号 line after running text stays apart, in any of its bracket forms
        ("现印发给你们，\n大政发〔2019〕45号", "现印发给你们，\n大政发〔2019〕45号"),
        ("现印发给你们，\n京政发 [2018] 3号", "现印发给你们，\n京政发 [2018] 3号"),
        # Latin words keep a space where the line broke
        ("see the rules, for\nexample", "see the rules, for example"),
    ],
)
def test_line_joins(raw: str, want: str) -> None:
    assert norm(raw) == want


def test_messy_tables_become_canonical_rows(seed_paths: dict[str, Path]) -> None:
    for seed, ncols, nrows, header in [
        ("001", 3, 9, ["带队领导", "牵头部门", "检查范围（每月25日以前完成）"]),
        ("002", 4, 57, ["序号", "主要任务", "牵头单位", "完成时限"]),
    ]:
        rows = [
            ln.split("\t") for ln in norm(read_text(seed_paths[seed])).split("\n") if "\t" in ln
        ]
        assert rows[0] == header
        assert len(rows) == nrows + 1
        assert {len(r) for r in rows} == {ncols}
        assert all(c == c.strip() and c for r in rows for c in r)
    rows = [ln for ln in norm(read_text(seed_paths["002"])).split("\n") if "\t" in ln]
    assert [r.split("\t")[0] for r in rows[1:]] == [str(n) for n in range(1, 58)]


def test_tab_indented_prose_is_not_a_table() -> None:
    raw = "\t中共某某委员会\n\t关于印发实施意见的通知\n\n\t各单位：\n\n\t现将意见印发给你们。\n"
    assert norm(raw) == "中共某某委员会\n关于印发实施意见的通知\n各单位：\n现将意见印发给你们。"


def test_canonical_rows_and_tab_indents() -> None:
    assert norm("序号 \t 任务\n1\t 检查") == "序号\t任务\n1\t检查"
    assert (
        norm("\t第一条 为了加强管理。\n\t第二条 本办法适用。")
        == "第一条为了加强管理。\n第二条本办法适用。"
    )


# Characters each mapped back to the raw one it came from, beyond identity.
ALLOWED = {("\n", "\r"), (" ", "\n"), (" ", "\u3000"), (" ", "\xa0"), (".", "．")}


def mapping_holds(raw: str) -> None:
    n = normalise(raw)
    assert len(n.offsets) == len(n.text)
    assert all(a < b for a, b in zip(n.offsets, n.offsets[1:], strict=False))
    assert all(0 <= o < len(raw) for o in n.offsets)
    for ch, o in zip(n.text, n.offsets, strict=True):
        src = raw[o]
        if ch != src and (ch, src) not in ALLOWED and to_simplified(src) != ch:
            width = ord(src) - ord(ch)
            assert (
                width == 0xFEE0
                or src in "()（）,:;?!"
                or src in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
                or src.isspace()
            ), (ch, src)
    assert normalise(n.text).text == n.text


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_corpus_offsets_point_back_and_normalising_is_idempotent(path: Path) -> None:
    raw = read_text(path)
    mapping_holds(raw)
    n = normalise(raw)
    # each line's original words are raw[offsets[first]:offsets[last] + 1]
    start = 0
    for line in n.text.split("\n")[:40]:
        end = start + len(line)
        original = raw[n.offsets[start] : n.offsets[end - 1] + 1]
        if "\t" not in line:  # a table row needs the rows around it to be seen as one
            assert normalise(original).text == line
        start = end + 1


CHARS = "第一二三十条章节款、，。；：:;,.()（）“”《》 \t\n\r\u3000\ufeff\u200b"
CHARS += "１２ａＡ．12abc安全生产职责附件"
PIECES = [
    "\r\n",
    "\n\n",
    "\t\n",
    "第二章",
    "（一）",
    "1.",
    "一、",
    "当前位置：首页",
    "发布时间：",
    "吉ICP备1号",
]
ALPHABET = st.sampled_from([*CHARS, *PIECES])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_random_text_keeps_the_guarantees(raw: str) -> None:
    mapping_holds(raw)
    text = normalise(raw).text
    assert "\r" not in text and "\n\n" not in text and not text.startswith("\n")
    assert "  " not in text and "\u3000" not in text and "\ufeff" not in text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_unicode_keeps_the_guarantees(raw: str) -> None:
    mapping_holds(raw)
