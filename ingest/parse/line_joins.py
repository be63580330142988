"""When a line break is a wrap inside a sentence or heading, not a paragraph end.

Paragraphs are lines, but PDFs, hard-wrapped text and careless typing break
sentences and headings across lines. The rules here are deliberately
conservative: a title, a signature, a date or any line that starts a numbered
unit stays on its own line.
"""

from __future__ import annotations

import re

from ingest.parse.citations import DOC_NUMBER

__all__ = ["joins_next"]

_NUM = r"[一二三四五六七八九十百千零〇两\d]+"

# A line starting like this begins a unit of its own and is never glued on.
UNIT_START: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"^第" + _NUM + r"(?:[编章节条款项目]|部分)",  # 第二章 / 第十条 / 第一节 / 第二部分
        r"^[一二三四五六七八九十百]+[、.．]",  # 一、 policy section
        r"^[（(]" + _NUM + r"[）)]",  # （一） item, （1） sub-item
        r"^\d{1,3}[.、．](?!\d)",  # 1. / 1、 numbered point, not 1.5
        r"^[\u2460-\u2473\u2776-\u277f]",  # ① circled numbers
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
_HEADING = re.compile(
    r"^(第" + _NUM + r"[编章节]|[一二三四五六七八九十百]+、|[（(]" + _NUM + r"[）)])[^，。；：]*$"
)
# The spilt tail of a heading: a few words, no punctuation.
_HEADING_TAIL = re.compile(r"^[^\s，。；：、（）()《》“”\t]{1,8}$")


def joins_next(line: str, nxt: str) -> bool:
    """Whether ``nxt`` continues ``line`` (both stripped, non-empty) and they form one line."""
    if "\t" in line or any(p.match(nxt) for p in UNIT_START):
        return False
    if _HEADING.match(line):
        return bool(_HEADING_TAIL.match(nxt))
    return not _CLOSED_END.search(line) and bool(_RUNNING_TEXT.search(line))
