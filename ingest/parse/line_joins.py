"""When a line break is a wrap inside a sentence or heading, not a paragraph end.

Paragraphs are lines, but PDFs, hard-wrapped text and careless typing break
sentences and headings across lines. The rules here are deliberately
conservative: a title, a signature, a date or any line that starts a numbered
unit stays on its own line.
"""

from __future__ import annotations

import re

from ingest.parse.citations import DOC_NUMBER
from ingest.parse.headings import label_end, match_heading

__all__ = ["joins_next", "starts_unit"]

# Besides a clause heading (``ingest.parse.headings``), a line starting like this begins
# a unit of its own and is never glued on.
_OWN_LINE: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"^[一二三四五六七八九十]是",  # 一是…二是… enumerations
        r"^第[一二三四五六七八九十]+[，,、]",  # 第一，… enumerations
        r"^(附件|附表|附录|附：)",  # attachments
        r"^[（(][^（）()]{1,15}[）)]$",  # a wholly parenthesised line: （征求意见稿）
        r"^\d{4}年\d{1,2}月\d{1,2}日$",  # a date line
        r"^[〇零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$",
        r"^" + DOC_NUMBER.pattern + r"$",  # a document number line: 大政发〔2019〕45号
        r"^.*\t",  # a table row
    )
)

# A line ending like this ends its sentence or paragraph.
_CLOSED_END = re.compile(r"[。；：！？…;:!?][”’」』]?$")
# Sentence punctuation inside a line marks it as running text, not a title or signature.
_RUNNING_TEXT = re.compile(r"[，。；,;]")
# Headings whose last words may spill onto the next line (…安全生产工作 / 职责).
# Heading styles whose title may spill onto the next line (…安全生产工作 / 职责).
_SPILLING = frozenset({"编", "部分", "章", "节", "一、", "（一）"})
# Punctuation that ends a heading's title: after it nothing spills.
_TITLE_STOP = re.compile(r"[，。；：]")
# The spilt tail of a heading: a few words, no punctuation.
_HEADING_TAIL = re.compile(r"^[^\s，。；：、（）()《》“”\t]{1,8}$")


def starts_unit(line: str) -> bool:
    """Whether a (stripped) line opens a unit of its own: a heading, a date, a table row…"""
    return label_end(line) > 0 or any(p.match(line) for p in _OWN_LINE)


def _open_title(line: str) -> bool:
    """A heading line whose title may go on in the next line (no punctuation yet)."""
    return any(
        rule.name in _SPILLING and not _TITLE_STOP.search(m["rest"])
        for rule, m in match_heading(line)
    )


def joins_next(line: str, nxt: str) -> bool:
    """Whether ``nxt`` continues ``line`` (both stripped, non-empty) and they form one line."""
    if "\t" in line or starts_unit(nxt):
        return False
    if _open_title(line):
        return bool(_HEADING_TAIL.match(nxt))
    return not _CLOSED_END.search(line) and bool(_RUNNING_TEXT.search(line))
