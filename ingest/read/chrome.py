"""Site chrome: the lines of a saved web page or a printed PDF that are not the document.

One table serves both the HTML reader and the normaliser, so a page saved as
text (seed 003) and the same page read as HTML lose the same lines. A rule
matches a whole line after whitespace is stripped; rules are tried in order.
"""

from __future__ import annotations

import re

__all__ = ["BREADCRUMB", "CHROME_LINES", "HEADER_SCAN_LINES", "KEEP_LINES", "is_chrome_line"]

_S = r"[\s\u3000]*"  # any run of ASCII or ideographic spaces
_COLON = r"[:：]"

# Lines that are site furniture, never document text.
CHROME_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # breadcrumb trail: 当前位置/您的位置/所在位置 + 首页 >> …
        r"^(当前位置|您的位置|您当前的位置|所在位置|当前所在位置)" + _S + _COLON + r"?.*$",
        # breadcrumb without the label: 首页 > 政务 > 政策解读
        r"^首页" + _S + r"(>|>>|＞|》|/|→).*$",
        # login bar: 一网搜 登录| 注册, 登录 | 注册, 用户登录
        r"^.{0,12}登录" + _S + r"[|｜丨/]" + _S + r"注册.*$",
        r"^(用户登录|用户注册|无障碍浏览|无障碍|长者模式|繁體|繁体|English|简体)("
        + _S
        + r"[|｜丨/]?"
        + _S
        + r"(无障碍浏览|无障碍|长者模式|繁體|繁体|English|简体|用户登录|用户注册))*$",
        # site search box
        r"^(站内搜索|全站搜索|搜索|请输入关键字|请输入关键词)" + _S + r".{0,10}$",
        # ICP licence and public-security filing lines
        r"^.*ICP[备证].*$",
        r"^.*公网安备.*$",
        # editor, sponsor, organiser, address, telephone, site code, site map
        r"^(责任编辑|编辑|审核|校对|主办单位|主办|承办单位|承办|协办单位|运维单位|技术支持)"
        + _S
        + _COLON
        + r".*$",
        r"^地址" + _S + _COLON + r".*$",
        r"^.*联系电话" + _S + _COLON + r".*$",
        r"^.*网站标识码.*$",
        r"^网站地图.*$",
        r"^.*(版权所有|Copyright|©).*$",
        # share buttons and page tools
        r"^(分享到|分享)" + _S + _COLON + r"?.*$",
        r"^(扫一扫|微信扫一扫).*$",
        r"^(【?(打印|打印本页|关闭|关闭窗口|收藏|返回顶部|字号|字体)】?"
        + _S
        + r"[|｜丨]?"
        + _S
        + r")+$",
        r"^(字号|字体)" + _S + _COLON + r"?" + _S + r"[【\[]?[大中小].*$",
        # previous/next article links and hit counters
        r"^(上一篇|下一篇)" + _S + _COLON + r"?.*$",
        r"^(浏览次数|阅读次数|访问量|点击数|浏览量)" + _S + _COLON + r".*$",
        # page numbers printed by a PDF: "- 1 -", "— 12 —", "第 3 页 共 9 页"
        r"^[-—－–]" + _S + r"\d{1,4}" + _S + r"[-—－–]$",
        r"^第"
        + _S
        + r"\d{1,4}"
        + _S
        + r"页("
        + _S
        + r"[,，/]?"
        + _S
        + r"共"
        + _S
        + r"\d{1,4}"
        + _S
        + r"页)?$",
    )
)

# A breadcrumb line near the top: every line above it is the site header.
BREADCRUMB = CHROME_LINES[0]
HEADER_SCAN_LINES = 8

# Lines kept even when they sit inside a chrome block: metadata needs them.
KEEP_LINES: tuple[re.Pattern[str], ...] = (
    # publication date of a web page
    re.compile(r"^.*(发布时间|发布日期|发文日期|成文日期)" + _S + _COLON + r".*$"),
)


# All rules as one pattern: one regex call per line however many rules there are.
_ANY_CHROME = re.compile("|".join(f"(?:{p.pattern})" for p in CHROME_LINES))
_ANY_KEEP = re.compile("|".join(f"(?:{p.pattern})" for p in KEEP_LINES))


def is_chrome_line(line: str) -> bool:
    """Whether a stripped line is site furniture (and not a line metadata needs)."""
    s = line.strip()
    return bool(s) and _ANY_CHROME.match(s) is not None and _ANY_KEEP.match(s) is None
