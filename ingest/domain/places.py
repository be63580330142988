"""Places and administrative levels: the one home of "where a place lies and its level".

A place name's level comes from the gazetteer (``ingest.domain.gazetteer``: the
MCA table of China's divisions down to townships, so 北京市 is a province, not a
city) or else from its suffix (levels.tsv: 某某区 -> county, 某某镇 -> township).
When a document names no place, phrases such as 结合我市实际 or 各旗区 tell the
issuing level. The region chain (王益区, 铜川市, 陕西省) is the names in the title
followed by their parents in the gazetteer; a name several places bear (长安区)
takes the parents the other names agree with, else none.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import cast

from ingest.domain.gazetteer import Place, places_named, scan_names
from ingest.domain.levels import UNKNOWN, Level, rank

__all__ = [
    "document_place",
    "find_places",
    "hint_level",
    "is_municipality",
    "is_national",
    "leading_place",
    "leading_places",
    "level_of",
    "place_stem",
    "place_suffixes",
    "region_chain",
    "title_place",
]

_DATA = Path(__file__).resolve().parent / "data"
_PREFIX = re.compile(r"[《<〈]*(?:中共)?(?:关于)?")


def _rows(name: str) -> list[list[str]]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def _words(kind: str) -> tuple[tuple[str, str], ...]:
    """(word, level) pairs of one kind, longest word first."""
    pairs = [(r[1], r[2]) for r in _rows("levels.tsv") if r[0] == kind]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _known_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, scan_names())))


@cache
def _leading_pattern() -> re.Pattern[str]:
    suffixes = "|".join(re.escape(w) for w, _ in _words("suffix"))
    return re.compile(rf"[\u4e00-\u9fff]{{2,6}}?(?:{suffixes})")


def level_of(name: str) -> Level:
    """The level of a place name: from the gazetteer, else its suffix, else 'unknown'."""
    known = places_named(name)
    if known:
        return known[0].level  # a name never spans two levels in the MCA table
    for word, level in _words("suffix"):
        if name.endswith(word) and len(name) > len(word):
            return cast(Level, level)
    return UNKNOWN


def place_suffixes(lowest: Level = "township") -> tuple[str, ...]:
    """The words a place name of level ``lowest`` or above may end in, longest first: the
    divisions' suffixes (区, 街道) and the zones named like them (园区, 基地). Villages are
    left out by default: 村 also ends words that name no place (农村, 乡村)."""
    words = {w for w, lv in _words("suffix") if rank(cast(Level, lv)) <= rank(lowest)}
    words |= {w for w, _ in _words("zone")}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def place_stem(name: str) -> str:
    """A place name without its administrative suffix, as people say it (上海市 -> 上海,
    内蒙古自治区 -> 内蒙古); a one-character stem keeps its suffix (沙县)."""
    suffix = next((w for w, _ in _words("suffix") if name.endswith(w)), "")
    stem = name[: len(name) - len(suffix)]
    return stem if len(stem) >= 2 else name


def is_municipality(name: str | None) -> bool:
    """A 直辖市 (北京市, 上海市, 天津市, 重庆市): a 市 at province level; in its documents
    市 names the province-level government and 区 the county level."""
    return name is not None and name.endswith("市") and level_of(name) == "province"


def find_places(text: str) -> list[str]:
    """Known place names in order of appearance, each once."""
    seen: list[str] = []
    for m in _known_pattern().finditer(text):
        if m.group() not in seen:
            seen.append(m.group())
    return seen


def leading_places(title: str) -> list[str]:
    """The run of places a title or issuer starts with, highest first.

    湖南省安化县大栗港镇… -> [湖南省, 安化县, 大栗港镇]; known names first, else any
    2-6 characters ending in a place suffix (陕西省西安市雁塔区 needs no list).
    """
    m = _PREFIX.match(title)
    pos = m.end() if m else 0
    run: list[str] = []
    while pos < len(title):
        m = _known_pattern().match(title, pos)
        if not m:
            m = _leading_pattern().match(title, pos)
            if not m or any(w in m.group() for w, _ in _words("not_place")):
                break
        if run and rank(level_of(m.group())) <= rank(level_of(run[-1])):
            break  # a run of places goes down the levels (省 市 区 镇)
        run.append(m.group())
        pos = m.end()
    return run


def leading_place(title: str) -> str | None:
    """The most specific place a title starts with (王益区关于… -> 王益区), None if none."""
    run = leading_places(title)
    return run[-1] if run else None


def is_national(title_or_issuer: str) -> bool:
    """Whether a title or issuer belongs to the national level (中华人民共和国…, 国务院…)."""
    s = title_or_issuer.lstrip("《<〈")
    return any(s.startswith(w) for w, _ in _words("national"))


def hint_level(text: str) -> str | None:
    """The level most often implied by phrases like 我市/全区/各旗区, None if none occur."""
    counts: dict[str, int] = {}
    for word, level in _words("hint"):
        n = text.count(word)
        if n:
            counts[level] = counts.get(level, 0) + n
    return max(counts, key=lambda lv: counts[lv]) if counts else None


def _meant(name: str, others: list[str]) -> Place | None:
    """The place a name means beside the other names (长安区 with 西安市), None if unsure."""
    found = places_named(name)
    agree = [p for p in found if set(p.within) & set(others)] or found
    if len(agree) == 1 or len({p.within for p in agree}) == 1:
        return agree[0] if agree else None
    return None


def region_chain(names: list[str]) -> tuple[str, ...]:
    """Names followed by their parents in the gazetteer, lowest level first, each once."""
    chain: list[str] = []
    for name in names:
        place = _meant(name, [n for n in names if n != name])
        for step in place.chain if place else (name,):
            if step not in chain:
                chain.append(step)
    return tuple(sorted(chain, key=lambda n: -rank(level_of(n)) if level_of(n) != UNKNOWN else 1))


def document_place(
    title: str, issuer: str | None, front: str, body: str
) -> tuple[str, str | None, tuple[str, ...]]:
    """(level, region, region chain) of a document from its title, issuer and wording."""
    if is_national(title) or (issuer and is_national(issuer)) or "国务院令" in front:
        return "national", None, ()
    run = leading_places(title) or (leading_places(issuer) if issuer else [])
    if run:
        place = run[-1]
        others = [n for n in [*reversed(run), *find_places(title)] if n != place]
        return level_of(place), place, region_chain([place, *others])
    if title.endswith(("条例", "法")):
        return "national", None, ()
    hint = hint_level(body)
    if hint:
        above = [n for n in find_places(body[:3000]) if rank(level_of(n)) < rank(hint)]
        return hint, None, region_chain(above[:1])
    if title.endswith(("规定", "办法", "决定")):
        return "national", None, ()
    return "unknown", None, ()


# Document types whose bare title (no place before it) is a national law or regulation.
_NATIONAL_TYPES = ("规定", "条例", "法")


def title_place(title: str) -> tuple[Level, str | None]:
    """(level, region) of a cited or implemented title: its leading place, else national
    when it reads as a national text (中华人民共和国…, …条例), else unknown."""
    place = leading_place(title)
    if place:
        return level_of(place), place
    if is_national(title) or title.endswith(_NATIONAL_TYPES):
        return "national", None
    return UNKNOWN, None
