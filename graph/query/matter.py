"""Whether two documents regulate the same matter, read from their titles alone.

A draft is held against the documents of the levels above its region *on the same
matter*: 王益区落实《…地方党政领导干部安全生产责任制规定细则》的意见 and 吉林省党政领导干部
安全生产责任制实施细则 share one, 推进安全生产领域改革发展的意见 another. The matter is
what is left of the innermost title once places, the frame of a notice or an implementing
act, and the document type are gone.
"""

from __future__ import annotations

import re

from ingest.domain.places import find_places, leading_places
from ingest.domain.similarity import similarity

__all__ = ["MATTER_LENGTH_RATIO", "MATTER_THRESHOLD", "matter", "same_matter"]

# Two titles are about the same matter when their cores are this alike (shared bigrams)…
MATTER_THRESHOLD = 0.5
# …and the shorter core is at least this share of the longer: 安全生产 alone is inside
# every title of the domain and says nothing about 党政领导干部安全生产责任制.
MATTER_LENGTH_RATIO = 0.4

# What a title says beyond its matter, removed in this order (places are removed first).
_MATTER_NOISE: tuple[re.Pattern[str], ...] = (
    # brackets, quotes and spaces around nested titles
    re.compile(r"[《》<>〈〉＜＞“”\"'‘’\s]"),
    # a parenthesised status or version: （征求意见稿）, （试行）
    re.compile(r"[（(][^）)]{0,8}[）)]"),
    # the frame of a notice or an implementing act before the matter: 关于印发, 贯彻落实
    re.compile(r"^(?:中共|关于|印发|进一步|贯彻落实|贯彻|落实|实施)+"),
    # the document type after the matter: 的实施意见, 细则, 规定, 责任清单's 清单, 条例, 法
    re.compile(
        r"(?:的)?(?:实施细则|实施意见|实施办法|实施方案|工作方案|细则|意见|规定|办法|方案"
        r"|条例|决定|通知|清单|制度|法)$"
    ),
)


def matter(title: str) -> str:
    """What a title regulates, without places, frames and document types:
    王益区落实《铜川市贯彻落实<陕西省实施地方党政领导干部安全生产责任制规定细则>的意见》实施意见
    -> 地方党政领导干部安全生产责任制 (the innermost title of a nested chain)."""
    inner = re.findall(r"[《<〈＜]([^《》<>〈〉＜＞]+)[》>〉＞]", title)
    core = inner[-1] if inner else title
    for place in sorted({*leading_places(core), *find_places(core)}, key=len, reverse=True):
        core = core.replace(place, "")
    for _ in range(3):  # frames and types nest: 关于印发…的实施意见的通知
        for pattern in _MATTER_NOISE:
            core = pattern.sub("", core)
    return core


def same_matter(a: str, b: str) -> bool:
    """Whether two titles regulate the same matter (their cores are alike and comparable)."""
    x, y = matter(a), matter(b)
    if not x or not y:
        return False
    ratio = min(len(x), len(y)) / max(len(x), len(y))
    return ratio >= MATTER_LENGTH_RATIO and similarity(x, y) >= MATTER_THRESHOLD
