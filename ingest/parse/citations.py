"""Citations: 《…》 titles and 〔year〕 numbers, with the chain a title nests.

A district's title often nests the chain it implements:
王益区落实《铜川市贯彻落实<陕西省实施地方党政领导干部安全生产责任制规定细则>的意见》实施意见
names the city's 意见, which implements the province's 细则, which implements
the national 规定. ``title_chain`` unwraps that chain; ``find_citations``
adds every 《…》 and 文号 of the body, marking it ``implements`` when the
sentence says 贯彻/落实/实施/根据/依据/按照 before it (or 精神/要求 after it).
"""

from __future__ import annotations

import re

from ingest.domain.places import leading_place, title_place
from ingest.records import Citation

__all__ = ["DOC_NUMBER", "ORDER_NUMBER", "find_citations", "title_chain", "unwrap_title"]

# A 文号: issuer abbreviation, year in brackets, serial number — 大发〔2019〕45号,
# 京政发[2018]3号, 吉政办发(2018)12号; spaces allowed, as typesetting leaves them.
# The one pattern for the front matter (ingest.parse.front_matter) and for citations in the body.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
# the number of the order that promulgates a law: 国务院令第302号, 中华人民共和国主席令第八十八号
ORDER_NUMBER = re.compile(r"(?:中华人民共和国)?(?P<n>(?:国务院|主席)令第\s*\d+\s*号)")
_OPEN, _CLOSE = "《<〈＜", "》>〉＞"
_BRACKET = re.compile("[《<〈＜》>〉＞]")
_KEY_NOISE = re.compile(r"[、，,·\s]")
_GENERIC = {
    "意见",
    "细则",
    "实施细则",
    "规定",
    "办法",
    "条例",
    "实施意见",
    "实施办法",
    "方案",
    "通知",
    "决定",
}
_IMPLEMENT_BEFORE = re.compile(r"贯彻|落实|实施|根据|依据|按照|遵照")
_IMPLEMENT_AFTER = re.compile(r"^[^。；，]{0,12}?(精神|要求|部署)")
_SENTENCE_START = re.compile(r"[。；！？\n]")
# 陕西省实施地方党政领导干部安全生产责任制规定细则: a place, a verb, the implemented
# document (ending in a document type), then the implementing document's type.
_UNBRACKETED = re.compile(
    r"(?:关于)?(?:贯彻落实|贯彻|落实|实施)"
    r"(?P<inner>.{4,60}?(?:规定|条例|办法|意见|决定|法))的?"
    r"(?:实施细则|细则|实施意见|实施办法|意见|办法)"
)
# A title is mostly Chinese words: <script>, </b> or <a href=…> in a page are markup.
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MIN_CJK = 2
_MIN_WORK = 4  # 《细则》, 《意见》 alone name nothing that can be resolved


def _brackets(text: str) -> list[tuple[int, int]]:
    """Spans (inner start, inner end) of outermost bracketed titles, nesting allowed."""
    spans, depth, start = [], 0, 0
    for m in _BRACKET.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _OPEN:
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    return spans


def _title_like(title: str) -> bool:
    """Whether bracketed text reads as a title: two CJK characters or more, a third of it CJK."""
    cjk = len(_CJK.findall(title))
    return cjk >= _MIN_CJK and 3 * cjk >= len(title.strip())


def _names_a_work(title: str) -> bool:
    """A bracketed title that can be resolved: title-like, not a bare type (《意见》)."""
    return len(title) >= _MIN_WORK and _title_like(title) and title not in _GENERIC


def _clean(title: str) -> str:
    """Inner <…>/〈…〉 become 《…》, as the title is usually written in full."""
    return title.translate(str.maketrans("<〈＜>〉＞", "《《《》》》")).strip()


def unwrap_title(title: str) -> str:
    """A title written inside 《…》 (as a page or a list quotes it), without that wrapper.

    The titles it nests one level down are written with 《》 again, as the title
    stands alone: 《陕西省实施〈地方党政领导干部安全生产责任制规定〉细则》 ->
    陕西省实施《地方党政领导干部安全生产责任制规定》细则. A title that only starts
    with a quoted one (《…》解读) is returned as it is.
    """
    spans = _brackets(title)
    rest = title[spans[0][1] + 1 :].strip() if spans else ""
    if not spans or spans[0][0] != 1 or (rest and not rest.startswith("《")):
        return title  # a repeat of the title after it (《X》《X》) is dropped with the wrapper
    out, depth = [], 0
    for ch in title[1 : spans[0][1]]:
        if ch in _OPEN:
            depth += 1
            out.append("《" if depth == 1 else ch)
        elif ch in _CLOSE and depth:
            out.append("》" if depth == 1 else ch)
            depth -= 1
        else:
            out.append(ch)
    return "".join(out)


def title_chain(title: str) -> list[str]:
    """The documents a title implements, outermost first (may be empty)."""
    spans = _brackets(title)
    if spans:
        s, e = spans[0]
        inner = title[s:e]
        if not _names_a_work(inner):
            return []
        return [_clean(inner), *title_chain(inner)]
    place = leading_place(title)
    rest = title[len(place) :] if place and title.startswith(place) else None
    m = _UNBRACKETED.fullmatch(rest) if rest else None
    if m:
        return [m["inner"], *title_chain(m["inner"])]
    return []


def _key(title: str) -> str:
    """Titles that differ only in 、 or spaces are the same document."""
    return _KEY_NOISE.sub("", title)


def _make(title: str, number: str | None, relation: str, start: int, end: int) -> Citation:
    level, region = title_place(title) if title else ("unknown", None)
    return Citation(title or (number or ""), number, relation, level, region, start, end)


def find_citations(title: str, body: str, offset: int = 0) -> tuple[Citation, ...]:
    """The title's own chain (implements) then every citation of the body, each title once."""
    out: dict[str, Citation] = {}
    own = _clean(title)
    for t in title_chain(title):
        out.setdefault(_key(t), _make(t, None, "implements", -1, -1))
    numbered: set[str] = set()
    for s, e in _brackets(body):
        t = _clean(body[s:e])
        if not _names_a_work(t) or t == own or body[s - 2 : s - 1] == "本":
            continue
        before = body[max(0, s - 41) : s - 1]
        cut = max((m.end() for m in _SENTENCE_START.finditer(before)), default=0)
        implements = _IMPLEMENT_BEFORE.search(before[cut:]) or _IMPLEMENT_AFTER.search(
            body[e + 1 :]
        )
        number_m = DOC_NUMBER.match(body[e + 1 : e + 20].lstrip("（( "))
        number = number_m.group() if number_m else None
        if number:
            numbered.add(number)
        relation = "implements" if implements else "cites"
        key = _key(t)
        prev = out.get(key)
        if prev is None or (relation == "implements" and prev.relation == "cites"):
            out[key] = _make(
                t, number or (prev.doc_number if prev else None), relation, offset + s, offset + e
            )
            for inner in title_chain(t):
                out.setdefault(_key(inner), _make(inner, None, relation, offset + s, offset + e))
    for m in DOC_NUMBER.finditer(body):
        if m.group() not in numbered and m.group() not in out:
            out[m.group()] = _make("", m.group(), "cites", offset + m.start(), offset + m.end())
    return tuple(out.values())
