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
from ingest.domain.numerals import to_int
from ingest.parse.citations import DOC_NUMBER, unwrap_title
from ingest.parse.headings import ATTACHMENT, SENTENCE_PUNCT, match_heading
from ingest.parse.lines import TOC, Line
from ingest.read.chrome import (
    META_TAIL,
    mentions_chrome,
    meta_field,
    page_title_parts,
    starts_footer,
)

__all__ = ["FrontMatter", "own_title", "parse_date", "read_front_matter", "status_of"]

_D = r"[0-9〇零一二三四五六七八九十]"
_CJK = r"[\u4e00-\u9fff]"
_DATE = re.compile(rf"(?P<y>{_D}{{4}})\s*年\s*(?P<m>{_D}{{1,2}})\s*月\s*(?P<d>{_D}{{1,3}})\s*日")
_ISO_DATE = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_ORDER_NUMBER = re.compile(r"(?:中华人民共和国)?(?P<n>(?:国务院|主席)令第\s*\d+\s*号)")
_LEAD_LINES = 12  # how far under the front matter a repost's own title line may sit
_ISSUER_SUFFIX = re.compile(r"(委员会|人民政府|政府|办公室|办公厅|党委|党组|委|厅|局|部|中心)$")
_PROMULGATION = re.compile(r"(通过|公布|施行|修订|修正|批准|发布)")
_LAW_ISSUER = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{2,8}?)第[\u4e00-\u9fff]{1,4}届人民代表大会常务委员会"
)

# What a web page writes around a document's own title, removed in this order.
_TITLE_NOISE: tuple[re.Pattern[str], ...] = (
    # a 文号 or order number glued before it: 陕办发〔2018〕35号《…》, 国务院令第302号《…》
    re.compile(rf"^(?:{DOC_NUMBER.pattern}|{_ORDER_NUMBER.pattern})\s*(?=\S)"),
    # （全文） and status marks after it (the status is still read from the front matter),
    # also before the page repeats the title: …细则》（全文）《…》
    re.compile(
        r"(?:[（(]\s*(?:全文|征求意见稿|讨论稿|草案|送审稿|修订稿|代拟稿)\s*[）)])+(?=《|$)"
    ),
    # a promulgation line glued after it: …应急条例2018年12月5日国务院第33次常务会议通过…
    re.compile(rf"(?<=\S)(?<!关于)[（(]?{_DATE.pattern}.*{_PROMULGATION.pattern}.*$"),
    # the page's date or hit count run on after it: …安全生产法发布时间：2021-06-11 浏览次数：…
    META_TAIL,
    # a site's tag before it: 【转载】…, [转帖]…, 【原创】…
    re.compile(r"^[【\[][^】\]]{1,4}[】\]]\s*(?=\S)"),
    # the order or 文号 in brackets after it: …处分条例（国务院令第495号）
    re.compile(rf"\s*[（(]\s*(?:{DOC_NUMBER.pattern}|{_ORDER_NUMBER.pattern})\s*[）)]$"),
)

# Front-matter line kinds, tried in order; the first whose pattern matches wins.
_FRONT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 大发〔2019〕45号 / 京政发[2018]3号 / 吉政办发(2018)12号 — the 文号
    ("doc_number", re.compile(DOC_NUMBER.pattern + r"\s*")),
    # （征求意见稿） (讨论稿) （草案） — a status mark on its own line
    ("status", re.compile(r"[（(]\s*(征求意见稿|讨论稿|草案|送审稿|修订稿|试行|代拟稿)\s*[）)]")),
    # 2007年3月28日 国务院第172次常务会议通过 / （2002年6月29日…通过） — promulgation
    ("promulgation", re.compile(rf"[（(]?\s*{_DATE.pattern}.*{_PROMULGATION.pattern}.*")),
    # 2019年7月1日 — a 落款 date alone on a line
    ("date", re.compile(rf"{_DATE.pattern}\s*")),
    # 中华人民共和国主席令 / 第八十八号 / 国务院令第302号 — the order that promulgates a law
    ("order", re.compile(rf"(中华人民共和国)?(主席|国务院|{_CJK}{{1,12}}政府)?令|第{_D}+号")),
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


def parse_date(s: str) -> str | None:
    """The first date in ``s`` as YYYY-MM-DD (2019年7月1日, 二〇一九年七月一日, 2018-11-20)."""
    m = _DATE.search(s) or _ISO_DATE.search(s)
    if not m:
        return None
    y, mo, d = (to_int(m[k]) for k in ("y", "m", "d"))
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


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
    if _page_title(s):
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


def _page_title(s: str) -> str | None:
    """The document's part of a page title (…实施意见_征求意见_某区人民政府), if ``s`` is one."""
    parts = page_title_parts(s)
    return next((p for p in parts or () if DOC_TYPE_END.search(p)), None)


def own_title(s: str) -> str:
    """A title without what a web page writes around it: a glued 文号, （全文）, a 《》 wrapper."""
    for pattern in _TITLE_NOISE:
        s = pattern.sub("", s)
    return unwrap_title(s)


def _law_issuer(lines: list[str]) -> str | None:
    for s in lines:
        if "国务院" in s and ("国务院令" in s or "常务会议" in s):
            return "国务院"
        if "全国人民代表大会" in s:
            return "全国人民代表大会常务委员会" if "常务委员会" in s else "全国人民代表大会"
        m = _LAW_ISSUER.search(_DATE.sub(" ", s))
        if m:
            return f"{m['place']}人民代表大会常务委员会"
    return None


def _law_date(lines: list[str]) -> str | None:
    """The latest 通过/修正/修订/批准 date, else the latest 公布/发布/施行 date."""
    for words in (r"通过|修正|修订|批准", r"公布|发布|施行"):
        dates = [d for s in lines if re.search(words, s) and (d := parse_date(s))]
        if dates:
            return max(dates)
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
        if _DATE.fullmatch(main[i]) and (date := parse_date(main[i])):
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
    title = next((t for t in own if DOC_TYPE_END.search(own_title(_squash(t)))), "")
    title = title or next(iter(own), "")
    pages = [
        t
        for ln, k in zip(front, kinds, strict=True)
        if k == "page_title" and (t := _page_title(ln.text))
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
        title = _title_above_headings(lines[n:])
    texts = [ln.text for ln in front]
    promulgation = [ln.text for ln, k in zip(front, kinds, strict=True) if k == "promulgation"]
    doc_number = next((m.group() for s in texts if (m := DOC_NUMBER.search(s))), None)
    if doc_number is None:
        doc_number = next((m["n"] for s in promulgation if (m := _ORDER_NUMBER.search(s))), None)
    issuers = [ln.text for ln, k in zip(front, kinds, strict=True) if k == "issuer"]
    issuer = issuers[0] if issuers else _law_issuer(promulgation)
    dated = [ln.text for ln, k in zip(front, kinds, strict=True) if k in ("date", "web_meta")]
    date = _law_date(promulgation) or next((d for s in dated if (d := parse_date(s))), None)
    body_start = lines[n].start if n < len(lines) else text_end
    body_end = _body_end(lines, n, text_end)
    if date is None or issuer is None:
        signed_date, signer = _signature(lines[n:], body_end)
        date, issuer = date or signed_date, issuer or signer
    return FrontMatter(
        title=own_title(_squash(title)) or fallback_title,
        doc_number=_squash(doc_number) if doc_number else None,
        issuer=issuer,
        date=date,
        body_start=body_start,
        body_end=max(body_end, body_start),
        front="\n".join(texts),
    )


def _title_above_headings(lines: list[Line]) -> str:
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


def _squash(s: str) -> str:
    """Drop whitespace between CJK characters (titles broken or spaced by typesetting)."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", s.strip())
