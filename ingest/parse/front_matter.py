"""Front matter: where the body starts and ends, title, 文号, issuer, date, status.

The lines before the first heading or sentence are front matter: a notice's
文号, issuer, 关于印发《…》的通知, 主送 and 落款, a law's promulgation lines,
a web page's chrome and 发布时间, status marks such as （征求意见稿）. The title is
the last run of title-like lines there (a title broken over lines is joined;
a notice's own title and issuer lines break the run, so the wrapped document's
title wins). Footer chrome at the end of a saved web page ends the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.domain.doc_types import DOC_TYPE_END
from ingest.parse.citations import DOC_NUMBER, ORDER_NUMBER
from ingest.parse.dates import DATE, DIGIT, PROMULGATION, law_date, parse_date
from ingest.parse.headings import ATTACHMENT, SENTENCE_PUNCT, match_heading
from ingest.parse.lines import TOC, Line
from ingest.parse.titles import own_title, page_title, squash, title_above_headings
from ingest.read.chrome import (
    META_TAIL,
    mentions_chrome,
    meta_field,
    starts_footer,
)

__all__ = ["FrontMatter", "read_front_matter", "status_of"]

_CJK = r"[\u4e00-\u9fff]"
_ISSUER_SUFFIX = re.compile(r"(委员会|人民政府|政府|办公室|办公厅|党委|党组|委|厅|局|部|中心)$")
_LAW_ISSUER = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{2,8}?)第[\u4e00-\u9fff]{1,4}届人民代表大会常务委员会"
)

# Front-matter line kinds, tried in order; the first whose pattern matches wins.
_FRONT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 大发〔2019〕45号 / 京政发[2018]3号 / 吉政办发(2018)12号 — the 文号
    ("doc_number", re.compile(DOC_NUMBER.pattern + r"\s*")),
    # （征求意见稿） (讨论稿) （草案） — a status mark on its own line
    ("status", re.compile(r"[（(]\s*(征求意见稿|讨论稿|草案|送审稿|修订稿|试行|代拟稿)\s*[）)]")),
    # 2007年3月28日 国务院第172次常务会议通过 / （2002年6月29日…通过） — promulgation
    ("promulgation", re.compile(rf"[（(]?\s*{DATE.pattern}.*{PROMULGATION.pattern}.*")),
    # 2019年7月1日 — a 落款 date alone on a line
    ("date", re.compile(rf"{DATE.pattern}\s*")),
    # 中华人民共和国主席令 / 第八十八号 / 国务院令第302号 — the order that promulgates a law
    (
        "order",
        re.compile(rf"(中华人民共和国)?(主席|国务院|{_CJK}{{1,12}}政府)?令|第{DIGIT}+号"),
    ),
    # 《…》已由…通过，现予公布，自…起施行。 — the promulgation statement of an order
    ("promulgation", re.compile(r"《.+》已(由|经|于).*(通过|修订|修正|批准).*")),
    # 主席 习近平 / 总理 李强 — the signature under an order
    ("signature", re.compile(r"(主席|总理|省长|市长|主任|书记)\s*[\u4e00-\u9fff]{2,4}")),
    # 关于印发《…》的通知 — the notice that wraps the document
    ("notice_title", re.compile(r"关于(印发|转发|下发).*的通知")),
    # 各党政领导、部门负责人： — the 主送 (not 现就有关事项通知如下：, which is body)
    ("addressee", re.compile(r"(?![^。]*(如下|以下|现就|为了|根据))[^。]{2,60}[：:]")),
    # 现将《…》印发给你们，请认真遵照执行。 / 《…》已经…同意，现印发给你们 — the notice's body
    ("notice_body", re.compile(r".*(印发|转发|下发)给你们.*")),
    # ） — a stray closing bracket of a promulgation block
    ("stray", re.compile(r"[）)]")),
)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the front and back matter say, and the body's span in the text."""

    title: str
    doc_number: str | None
    issuer: str | None
    date: str | None
    body_start: int
    body_end: int
    front: str  # the front matter's text (status marks and promulgation lines live here)


def status_of(title: str, front: str) -> str:
    """draft (征求意见稿/讨论稿/草案), interpretation (解读), else final."""
    if re.search(r"征求意见稿|讨论稿|草案|送审稿|代拟稿", title + front):
        return "draft"
    if "解读" in title:
        return "interpretation"
    return "final"


def _kind(line: Line) -> str:
    s = line.text
    # a heading opens the body, unless it is a chrome line (1. 网站首页); a sentence that
    # names a chrome word (第十一条为他人…提供技术支持或者帮助，…) is still a heading
    chrome = mentions_chrome(s) and not SENTENCE_PUNCT.search(s)
    if (match_heading(s) and not chrome) or TOC.fullmatch(s) or "\t" in line.raw:
        return "body"
    if ATTACHMENT.fullmatch(s):  # 附件1 above the title: the document is an attachment
        return "attachment_mark"
    head = META_TAIL.sub("", s)  # …安全生产法发布时间：2021-06-11 浏览次数：5632
    if head != s and DOC_TYPE_END.search(head) and not meta_field(head):
        return "title"  # own_title drops the tail
    if mentions_chrome(s):
        return "chrome"
    if page_title(s):
        return "page_title"
    if meta_field(s):  # 发布时间：… 信息来源：…, 索引号：…, 标题：… — a page's metadata
        return "web_meta"
    for kind, pattern in _FRONT_RULES:
        if pattern.fullmatch(s):
            return kind
    if len(s) <= 80 and not SENTENCE_PUNCT.search(s) and not s.endswith(("。", "：", ":")):
        issuer = len(s) <= 24 and _ISSUER_SUFFIX.search(s) and not s.startswith("关于")
        return "issuer" if issuer else "title"
    return "body"


def _law_issuer(lines: list[str]) -> str | None:
    for s in lines:
        if "国务院" in s and ("国务院令" in s or "常务会议" in s):
            return "国务院"
        if "全国人民代表大会" in s:
            return "全国人民代表大会常务委员会" if "常务委员会" in s else "全国人民代表大会"
        m = _LAW_ISSUER.search(DATE.sub(" ", s))
        if m:
            return f"{m['place']}人民代表大会常务委员会"
    return None


def _body_end(lines: list[Line], start_index: int, text_end: int) -> int:
    """Where a saved web page's footer begins (every line after it short and chrome-led)."""
    short_from = len(lines)  # every line from here on is short
    while short_from > start_index and len(lines[short_from - 1].text) <= 80:
        short_from -= 1
    for i in range(max(start_index, short_from), len(lines)):
        s = lines[i].text
        if starts_footer(s) and not match_heading(s):
            return lines[i - 1].end if i > start_index else lines[i].start
    return text_end


def _signature(body: list[Line], body_end: int) -> tuple[str | None, str | None]:
    """The 落款 at the end of the body proper (before any 附件): its date and issuer."""
    main = []
    for ln in body:
        if ln.end > body_end or ATTACHMENT.fullmatch(ln.text):
            break
        main.append(ln.text)
    for i in range(len(main) - 1, max(len(main) - 8, -1), -1):
        if DATE.fullmatch(main[i]) and (date := parse_date(main[i])):
            above = main[i - 1] if i else ""
            issuer = above if len(above) <= 24 and _ISSUER_SUFFIX.search(above) else None
            return date, issuer
    return None, None


def _title_end(lines: list[Line], kinds: list[str], n: int) -> int:
    """Short lines after a finished title (…实施意见 / 总体要求) start the body.

    A title broken over lines is joined until a line ends in a document type;
    when the front matter ends with more short lines after that, they are body.
    """
    if not n or kinds[n - 1] != "title":
        return n
    start = n - 1
    while start and kinds[start - 1] == "title":
        start -= 1
    for j in range(start, n - 1):
        if DOC_TYPE_END.search(lines[j].text):
            return j + 1
    return n


def read_front_matter(lines: list[Line], text_end: int, fallback_title: str) -> FrontMatter:
    """Split front matter from the body and read the metadata it holds."""
    kinds: list[str] = []
    for line in lines:
        kind = _kind(line)
        if kind == "body":
            break
        kinds.append(kind)
    n = len(kinds)
    if n == len(lines):  # nothing but short lines: keep the first as title, the rest is body
        n = min(1, len(lines))
    n = _title_end(lines, kinds, n)
    kinds = kinds[:n]
    front = lines[:n]
    runs: list[list[str]] = []
    prev = ""
    for line, kind in zip(front, kinds, strict=True):
        if kind == "title":
            if prev == "title":
                runs[-1].append(line.text)
            else:
                runs.append([line.text])
        prev = kind
    joined = ["".join(run) for run in runs]
    notice_rule = dict(_FRONT_RULES)["notice_title"]
    # the last run of title lines that is no 关于印发…的通知, one ending in a document type
    # first (a wrapped 2007年4月9日 国务院令第493号 / 公布 above the text is no title)
    own = [t for t in reversed(joined) if not notice_rule.fullmatch(t)]
    title = next((t for t in own if DOC_TYPE_END.search(own_title(squash(t)))), "")
    title = title or next(iter(own), "")
    pages = [
        t
        for ln, k in zip(front, kinds, strict=True)
        if k == "page_title" and (t := page_title(ln.text))
    ]
    if not title and pages:
        title = pages[0]
    fields = [
        f
        for ln, k in zip(front, kinds, strict=True)
        if k == "web_meta" and (f := meta_field(ln.text))
    ]
    if not title:
        title = next((value for label, value in fields if label == "标题"), "")
    notice = [ln.text for ln, k in zip(front, kinds, strict=True) if k == "notice_title"]
    notice += [t for t in joined if notice_rule.fullmatch(t)]  # one broken over two lines
    if not title and notice:
        m = re.search(r"《(.+)》", notice[0])
        title = m.group(1) if m else notice[0]
    if not title:
        title = title_above_headings(lines[n:])
    texts = [ln.text for ln in front]
    promulgation = [ln.text for ln, k in zip(front, kinds, strict=True) if k == "promulgation"]
    doc_number = next((m.group() for s in texts if (m := DOC_NUMBER.search(s))), None)
    if doc_number is None:
        doc_number = next((m["n"] for s in promulgation if (m := ORDER_NUMBER.search(s))), None)
    issuers = [ln.text for ln, k in zip(front, kinds, strict=True) if k == "issuer"]
    issuer = issuers[0] if issuers else _law_issuer(promulgation)
    dated = [ln.text for ln, k in zip(front, kinds, strict=True) if k in ("date", "web_meta")]
    date = law_date(promulgation) or next((d for s in dated if (d := parse_date(s))), None)
    body_start = lines[n].start if n < len(lines) else text_end
    body_end = _body_end(lines, n, text_end)
    if date is None or issuer is None:
        signed_date, signer = _signature(lines[n:], body_end)
        date, issuer = date or signed_date, issuer or signer
    return FrontMatter(
        title=own_title(squash(title)) or fallback_title,
        doc_number=squash(doc_number) if doc_number else None,
        issuer=issuer,
        date=date,
        body_start=body_start,
        body_end=max(body_end, body_start),
        front="\n".join(texts),
    )
