"""A document's own title, as web pages, reposts and notices surround it.

A page glues a 文号 or an order number before the title, （全文）, its 发布时间 or hit count
after it, a site tag such as 【转载】 before it; a title broken over lines or spaced out by
typesetting is squashed back; a repost puts the document's own title under its headline
and lead.
"""

from __future__ import annotations

import re

from ingest.domain.doc_types import DOC_TYPE_END
from ingest.parse.citations import DOC_NUMBER, ORDER_NUMBER, unwrap_title
from ingest.parse.dates import DATE, PROMULGATION
from ingest.parse.headings import SENTENCE_PUNCT, match_heading
from ingest.parse.lines import Line
from ingest.read.chrome import META_TAIL, page_title_parts

__all__ = ["own_title", "page_title", "squash", "title_above_headings"]

_LEAD_LINES = 12  # how far under the front matter a repost's own title line may sit

# What a web page writes around a document's own title, removed in this order.
_TITLE_NOISE: tuple[re.Pattern[str], ...] = (
    # a 文号 or order number glued before it: 陕办发〔2018〕35号《…》, 国务院令第302号《…》
    re.compile(rf"^(?:{DOC_NUMBER.pattern}|{ORDER_NUMBER.pattern})\s*(?=\S)"),
    # （全文） and status marks after it (the status is still read from the front matter),
    # also before the page repeats the title: …细则》（全文）《…》
    re.compile(
        r"(?:[（(]\s*(?:全文|征求意见稿|讨论稿|草案|送审稿|修订稿|代拟稿)\s*[）)])+(?=《|$)"
    ),
    # a promulgation line glued after it: …应急条例2018年12月5日国务院第33次常务会议通过…
    re.compile(rf"(?<=\S)(?<!关于)[（(]?{DATE.pattern}.*{PROMULGATION.pattern}.*$"),
    # the page's date or hit count run on after it: …安全生产法发布时间：2021-06-11 浏览次数：…
    META_TAIL,
    # a site's tag before it: 【转载】…, [转帖]…, 【原创】…
    re.compile(r"^[【\[][^】\]]{1,4}[】\]]\s*(?=\S)"),
    # the order or 文号 in brackets after it: …处分条例（国务院令第495号）
    re.compile(rf"\s*[（(]\s*(?:{DOC_NUMBER.pattern}|{ORDER_NUMBER.pattern})\s*[）)]$"),
)


def page_title(s: str) -> str | None:
    """The document's part of a page title (…实施意见_征求意见_某区人民政府), if ``s`` is one."""
    parts = page_title_parts(s)
    return next((p for p in parts or () if DOC_TYPE_END.search(p)), None)


def own_title(s: str) -> str:
    """A title without what a web page writes around it: a glued 文号, （全文）, a 《》 wrapper."""
    for pattern in _TITLE_NOISE:
        s = pattern.sub("", s)
    return unwrap_title(s)


def title_above_headings(lines: list[Line]) -> str:
    """A title line between a repost's lead and the first heading (WeChat: headline,
    lead paragraph, then the document under its own title), when the front had none."""
    found = ""
    for line in lines[:_LEAD_LINES]:
        s = line.text
        if match_heading(s):
            break
        if len(s) <= 40 and DOC_TYPE_END.search(s) and not SENTENCE_PUNCT.search(s):
            found = s
    return found


def squash(s: str) -> str:
    """Drop whitespace between CJK characters (titles broken or spaced by typesetting)."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", s.strip())
