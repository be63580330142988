"""The heading table: one ordered tuple of line patterns, one comment per rule.

A line is matched after its leading whitespace is dropped; a pattern must
match at the start of the line, so a 第二十四条 cited mid-sentence never opens
an article. The table order is the nesting order: 编 > 章 > 节 > 条 have fixed
ranks; the list styles after them (一、 （一） 1. （1） ①) nest by first
appearance, so a document that puts 1. above （一） still gets a sane tree.
Whether a match really opens a unit (numbers progress, a 章 line is a title
and not a sentence) is decided by the tree builder in ``ingest.parse.clauses``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.domain.numerals import CIRCLED, CN_DIGITS

__all__ = [
    "ATTACHMENT",
    "ATTACHMENT_TITLED",
    "RULES",
    "SENTENCE_PUNCT",
    "Rule",
    "heading_text",
    "label_end",
    "match_heading",
    "title_like",
]

_CN = rf"[{CN_DIGITS}]+"
_NUM = rf"(?:{_CN}|[0-9]+)"


class Rule(NamedTuple):
    """One heading style: id prefix, clause kind, pattern and how it nests."""

    name: str  # unique style name (two styles may share an id prefix)
    prefix: str  # ingest.ids prefix
    kind: str  # docs/cli.md clause kind
    pattern: re.Pattern[str]  # groups: label, num, optional sub, rest
    fixed: bool  # True: rank from table order; False: list style nested by appearance
    title_only: bool  # True: the rest of the line is a short title, never a sentence


def _p(regex: str) -> re.Pattern[str]:
    return re.compile(regex, re.X)


RULES: tuple[Rule, ...] = (
    # 第一编 总则 — a book of a code; a title line, never a sentence
    Rule(
        "编", "bk", "chapter", _p(rf"(?P<label>第\s*(?P<num>{_NUM})\s*编)(?P<rest>.*)"), True, True
    ),
    # 第一分编 通则 — a part of a book of a code (民法典 第二编 物权 > 第一分编 通则)
    Rule(
        "分编",
        "sbk",
        "chapter",
        _p(rf"(?P<label>第\s*(?P<num>{_NUM})\s*分编)(?P<rest>.*)"),
        True,
        True,
    ),
    # 第一部分 总体要求 — a part of a policy document, above chapters
    Rule(
        "部分",
        "chp",
        "chapter",
        _p(rf"(?P<label>第\s*(?P<num>{_NUM})\s*部分)(?P<rest>.*)"),
        True,
        True,
    ),
    # 第二章 职责 — a chapter; spaces inside (第二章  职  责) are allowed
    Rule(
        "章", "chp", "chapter", _p(rf"(?P<label>第\s*(?P<num>{_NUM})\s*章)(?P<rest>.*)"), True, True
    ),
    # 第一节 各级党委… — a section inside a chapter
    Rule(
        "节", "sec", "section", _p(rf"(?P<label>第\s*(?P<num>{_NUM})\s*节)(?P<rest>.*)"), True, True
    ),
    # 第十一条 / 第五条之一 — an article, its text follows on the same line
    Rule(
        "条",
        "art",
        "article",
        _p(rf"(?P<label>第\s*(?P<num>{_NUM})\s*条(?:\s*之\s*(?P<sub>{_CN}))?)(?P<rest>.*)"),
        True,
        False,
    ),
    # 一、工作目标 — a policy-style section (also 一．); not 一、二级 (a range of grades)
    Rule(
        "一、",
        "sec",
        "section",
        _p(rf"(?P<label>(?P<num>{_CN})\s*[、．])(?!{_CN}[、级类等档])(?P<rest>.*)"),
        False,
        False,
    ),
    # （一） or (一) — an item (项)
    Rule(
        "（一）",
        "item",
        "item",
        _p(rf"(?P<label>[（(]\s*(?P<num>{_CN})\s*[）)])(?P<rest>.*)"),
        False,
        False,
    ),
    # 1. 1、 1． — a sub-item (目); not 1.5 or 1、2号楼, not a year (2018年 has no separator)
    Rule(
        "1.",
        "sub",
        "subitem",
        _p(r"(?P<label>(?P<num>[0-9]{1,3})\s*[.、．](?![0-9]))(?P<rest>.*)"),
        False,
        False,
    ),
    # 1） or 1) — a point written with a half bracket
    Rule(
        "1）",
        "pt",
        "subitem",
        _p(r"(?P<label>(?P<num>[0-9]{1,3})\s*[）)])(?P<rest>.*)"),
        False,
        False,
    ),
    # （1） or (1) — a point under a sub-item
    Rule(
        "（1）",
        "pt",
        "subitem",
        _p(r"(?P<label>[（(]\s*(?P<num>[0-9]{1,3})\s*[）)])(?P<rest>.*)"),
        False,
        False,
    ),
    # ① … ⑳ ㉑ … ❶ ➀ — an indent under a point (every circled digit Unicode has)
    Rule(
        "①",
        "ind",
        "subitem",
        _p(rf"(?P<label>(?P<num>[{CIRCLED}]))(?P<rest>.*)"),
        False,
        False,
    ),
)

# 附件 / 附件1 / 附件一： / 附表2 / 附录 alone on a line — starts an attachment.
ATTACHMENT = _p(rf"(?P<label>附\s*[件表录]\s*(?P<num>[0-9]{{1,2}}|{_CN})?)\s*[：:]?\s*")
# 附件1：大栗港镇…安排表 — an attachment only when a table follows, else a list line.
ATTACHMENT_TITLED = _p(
    rf"(?P<label>附\s*[件表录]\s*(?P<num>[0-9]{{1,2}}|{_CN})?)\s*[：:]\s*(?P<rest>\S.*)"
)

# Punctuation that marks a sentence (a title line has none of it).
SENTENCE_PUNCT = re.compile(r"[。；，！？;!?]")
_TITLE_MAX = 40  # a heading phrase or a table title is short
_PHRASE = re.compile(r"([^。，；：,;:]{1,30})。(?=\S)")  # 指导思想。以… -> 指导思想
_WS = re.compile(r"\s+")
_BRACKETED = re.compile(r"[【\[]([^】\]]{1,20})[】\]]")


def match_heading(line: str) -> list[tuple[Rule, re.Match[str]]]:
    """Every rule whose pattern matches the start of ``line`` (already left-stripped)."""
    found = []
    for rule in RULES:
        m = rule.pattern.fullmatch(line)
        if m:
            found.append((rule, m))
    return found


def label_end(text: str) -> int:
    """Where the clause label a text starts with ends, spaces after it included; 0 if none.

    Duty phrases and role mentions skip the label (第十条, （一）, 1., ①) this way,
    with the same grammar that opens clauses.
    """
    stripped = text.lstrip()
    lead = len(text) - len(stripped)
    for rule in RULES:
        m = rule.pattern.match(stripped)
        if m and m.group("label"):
            end = lead + m.end("label")
            return end + len(text[end:]) - len(text[end:].lstrip())
    return 0


def heading_text(rule: Rule, rest: str) -> str:
    """A 章/节 title; for 一、/（一） the whole line if it is a title, else a short lead phrase."""
    if rule.title_only:
        return _WS.sub("", rest)
    if not rest:
        return ""
    bracketed = _BRACKETED.match(rest)
    if bracketed:  # 第一条【立法目的】为了…
        return bracketed.group(1)
    whole = not SENTENCE_PUNCT.search(rest) and "。" not in rest and len(rest) <= _TITLE_MAX
    if whole and rule.name != "条":
        return rest.rstrip("：:")
    m = _PHRASE.match(rest)
    return m.group(1) if m else ""


def title_like(s: str) -> bool:
    """A short line with no sentence punctuation, not introducing a list (no final ：)."""
    return len(s) <= _TITLE_MAX and not SENTENCE_PUNCT.search(s) and not s.endswith(("：", ":"))
