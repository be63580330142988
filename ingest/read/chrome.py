"""Site chrome: what a saved web page or a printed PDF wraps around the document.

The one home of chrome: the words live in ``data/chrome.tsv`` (by group), the
rules built from them live here, and the HTML reader, the normaliser and the
front-matter reader ask this module, so a page saved as text (seed 003), the
same page read as HTML and a copy pasted from a browser lose the same lines.
A line rule matches a whole line after whitespace is stripped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

__all__ = [
    "BREADCRUMB",
    "CHROME_LINES",
    "HEADER_SCAN_LINES",
    "KEEP_LINES",
    "META_TAIL",
    "chrome_element",
    "is_chrome_line",
    "keeps",
    "mentions_chrome",
    "meta_field",
    "page_title_parts",
    "starts_footer",
]

_DATA = Path(__file__).resolve().parent / "data" / "chrome.tsv"
_S = r"[\s\u3000]*"  # any run of ASCII or ideographic spaces
_COLON = r"[:：]"
_BAR = r"[|｜丨]"
_CRUMB = r"[^。，；《》<>〈〉›»→]{1,24}?"  # one crumb: a few words, no title brackets
_SHORT = 80  # a chrome line is short; a longer one is text that mentions a chrome word


@cache
def _groups() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            group, word = line.split("\t")
            groups[group].append(word)
    return {g: tuple(ws) for g, ws in groups.items()}


def words(group: str) -> tuple[str, ...]:
    """The words of one group of ``data/chrome.tsv``."""
    return _groups()[group]


def _alt(group: str) -> str:
    """One group as a regex alternation, longest word first (当前位置 before 当前)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words(group), key=len, reverse=True)) + ")"


_URL = r"(?:https?://|www\.)[!-~]+"

# Lines that are site furniture, never document text.
CHROME_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # breadcrumb trail: 当前位置/您的位置 + 首页 >> …, 位置：首页 - …  (first: see BREADCRUMB)
        rf"^(?:{_alt('breadcrumb_label')}{_S}{_COLON}?"
        rf"|{_alt('crumb_short_label')}{_S}{_COLON}{_S}{_alt('crumb_home')}).*$",
        # breadcrumb without its label: 首页 > 政务 > 政策解读, 宁波市人大常委会 > 法规文件
        rf"^{_CRUMB}(?:{_S}{_alt('crumb_sep')}{_S}{_CRUMB})+{_S}$",
        rf"^首页{_S}[》/].*$",
        # navigation bar: three or more short items between bars (首页 | 政务公开 | 互动交流)
        rf"^[^。，；|｜丨]{{1,10}}(?:{_S}{_BAR}{_S}[^。，；|｜丨]{{1,10}}){{2,}}$",
        # login bar: 一网搜 登录| 注册, 登录 | 注册
        rf"^.{{0,12}}登录{_S}[|｜丨/]{_S}注册.*$",
        # switches: 用户登录, 无障碍浏览 | 长者模式, 繁体 | 简体
        rf"^{_alt('switch')}(?:{_S}[|｜丨/]?{_S}{_alt('switch')})*$",
        # site search box
        rf"^{_alt('search')}{_S}.{{0,10}}$",
        # footer: ICP licence, public-security filing, site code, telephone, copyright
        rf"^.*{_alt('footer_mark')}.*$",
        # footer and editor labels: 责任编辑：, 主办单位：, 地址：
        rf"^{_alt('footer_label')}{_S}{_COLON}.*$",
        r"^网站地图.*$",
        # share bar and the scan-on-your-phone line
        rf"^{_alt('share')}{_S}{_COLON}?.*$",
        rf"^{_alt('scan')}.*$",
        # page tools alone or in a row: 【打印本页】 【关闭窗口】, 打印 | 关闭, 【纠错】 责任编辑：…
        rf"^(?:[【\[]?{_alt('tool')}[】\]]?{_S}{_BAR}?{_S})+(?:{_alt('footer_label')}{_COLON}.*)?$",
        # the text-size switch: 字号：大 中 小, 【字体：大 中 小】
        rf"^[【\[]?{_alt('font_size')}{_S}{_COLON}?{_S}[【\[]?[大中小].*$",
        # previous/next article links, hit counters, related links
        rf"^{_alt('neighbour')}{_S}{_COLON}?.*$",
        rf"^{_alt('counter')}{_S}{_COLON}.*$",
        rf"^{_alt('related')}{_S}{_COLON}?.{{0,60}}$",
        # where the page took it from: 来源：新华社, （来源：中国政府网）
        rf"^[（(【\[]?{_alt('source')}{_S}{_COLON}.{{0,40}}$",
        # a URL alone, or after a short label: 原文链接：https://…
        rf"^(?:[^。；\s]{{0,12}}{_alt('url_label')}{_S}{_COLON}?{_S})?{_URL}{_S}$",
        # a site's name and address as its header: 中国人大网 www.npc.gov.cn
        rf"^[^。，；\s]{{1,20}}{_S}{_URL}{_S}$",
        # a WeChat article's furniture: 点击上方蓝字 关注我们, 阅读原文, 某某 2024-01-26 发表于北京
        rf"^.{{0,30}}{_alt('wechat')}.{{0,12}}$",
        # a mirrored site's banner: 本页为镜像页面，原文地址：http://…
        rf"^.{{0,30}}{_alt('mirror')}.{{0,90}}$",
        # page numbers printed by a PDF: "- 1 -", "— 12 —", "第 3 页 共 9 页"
        rf"^[-—－–]{_S}\d{{1,4}}{_S}[-—－–]$",
        rf"^第{_S}\d{{1,4}}{_S}页(?:{_S}[,，/]?{_S}共{_S}\d{{1,4}}{_S}页)?$",
    )
)

# A breadcrumb line near the top: every line above it is the site header.
BREADCRUMB = CHROME_LINES[0]
HEADER_SCAN_LINES = 8

# Lines kept even when they sit inside a chrome block: metadata needs them.
KEEP_LINES: tuple[re.Pattern[str], ...] = (
    # publication date of a web page
    re.compile(rf"^.*{_alt('keep')}{_S}{_COLON}.*$"),
)

# A page's date or hit-count field run on after the title on its line:
# 中华人民共和国安全生产法发布时间：2021-06-11 浏览次数：5632 (the line's title part stays).
META_TAIL = re.compile(rf"(?<=\S){_S}[【\[]?(?:{_alt('keep')}|{_alt('counter')}){_S}{_COLON}.*$")

# A field of the page's metadata box or source bar: 索引号：…, 标题：…, 【发布时间：…】.
META_LINE = re.compile(
    rf"^[【\[（(]?(?P<label>{_alt('meta_label')}){_S}{_COLON}{_S}(?P<value>.*?)[】\]）)]?$"
)

# All rules as one pattern: one regex call per line however many rules there are.
_ANY_CHROME = re.compile("|".join(f"(?:{p.pattern})" for p in CHROME_LINES))
_ANY_KEEP = re.compile("|".join(f"(?:{p.pattern})" for p in KEEP_LINES))
_MARKERS = re.compile(_alt("marker"))
_ELEMENT = re.compile(rf"^{_alt('element')}$", re.I)
_ARTICLE = re.compile(rf"^{_alt('article_element')}$", re.I)
_WORD_SPLIT = re.compile(r"[\s_\-]+")
# Page-title parts: 关于…的通知_政策文件_某某区人民政府, 条例 - 首都之窗, 意见 | 某某网
_TITLE_SPLIT = re.compile(r"\s*[_|｜]\s*|\s+[-–—]+\s+")
_SITE = re.compile(_alt("site_word"))


def keeps(line: str) -> bool:
    """Whether a stripped line is metadata kept even among chrome (发布时间：…)."""
    return _ANY_KEEP.match(line) is not None


def is_chrome_line(line: str) -> bool:
    """Whether a line is site furniture (and not a line metadata needs)."""
    s = line.strip()
    return bool(s) and _ANY_CHROME.match(s) is not None and not keeps(s)


def meta_field(line: str) -> tuple[str, str] | None:
    """(label, value) of a metadata-box line (标题：关于…的通知 -> 标题, 关于…的通知)."""
    m = META_LINE.match(line.strip())
    return (m["label"], m["value"].strip()) if m else None


def mentions_chrome(line: str) -> bool:
    """A short line holding a chrome marker (网站首页, 责任编辑, ICP备): never a title."""
    return len(line) <= _SHORT and _MARKERS.search(line) is not None


def starts_footer(line: str) -> bool:
    """A line a page footer starts with: led by a chrome marker, or a footer mark anywhere."""
    return len(line) <= _SHORT and (_MARKERS.match(line) is not None or is_chrome_line(line))


def chrome_element(names: list[str]) -> bool:
    """Whether an element's id/class names say site furniture (share-box), not the article."""
    for name in names:
        ws = [w for w in _WORD_SPLIT.split(name) if w]
        if any(_ELEMENT.match(w) for w in ws) and not any(_ARTICLE.match(w) for w in ws):
            return True
    return False


def page_title_parts(title: str) -> list[str] | None:
    """The parts of a page title that may name the document, the site's parts dropped.

    None when ``title`` is no page title: it has no 关于…的通知_政策文件_某区政府
    underscore, and no `` | `` or `` - `` part naming a site.
    """
    parts = [p.strip() for p in _TITLE_SPLIT.split(title.strip())]
    kept = [p for p in parts if p and not _SITE.search(p)]
    if len(parts) < 2 or ("_" not in title and len(kept) == len(parts)):
        return None
    return kept
