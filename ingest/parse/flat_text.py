"""Flattened text: where a web copy lost its line breaks, find the paragraphs again.

Text copied from a web page often arrives with its whole body on one line,
its paragraphs kept apart only by runs of spaces (the indents they had) or
glued together (…工作。二、工作措施（一）…). Headings inside such a line start
new clauses, found with the one heading grammar (``ingest.parse.headings``):

- ``space_breaks`` (the normaliser turns them into line breaks): a run of two or
  more spaces becomes a break where a heading follows it; on a line that is
  plainly flattened (long, parted by several runs) every run is a break, except
  inside a letter-spaced word (第二章  职  责) or right after a label (第一条  为了…);
- ``glued_cuts`` (the line splitter cuts there, inserting nothing): inside a line,
  a heading whose number continues its style's count (二、 after 一、, （一） as the
  first item after a heading) starts a new line when it sits at a sentence boundary
  (。；：！？ before it) or right after a short heading title (一、总体要求（一）…,
  第一章总则第一条…; an article has no title).
  A 第十二条 cited mid-sentence (依照本条例第十二条) is at neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.domain.numerals import CIRCLED, CN_DIGITS, circled_to_int, to_int
from ingest.parse.headings import RULES, label_end

__all__ = ["glued_cuts", "space_breaks"]

# the normaliser's space characters (it maps them to " " only after the breaks are found)
_SPACE = " \u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
# a run of spaces between two non-space characters (the text's own indents and gaps)
_RUN = re.compile(rf"(?<=[^\s])[{_SPACE}]{{2,}}(?=[^\s])")
# one space (an &nbsp; between <p>s) after a sentence's end or a word, before a heading
_ONE = re.compile(rf"(?<=[^\s{_SPACE}])[{_SPACE}](?=[^\s{_SPACE}])")
_CJK = re.compile(r"[\u3400-\u9fff]")
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")  # （１） seen before it is (1)
FLAT_LINE = 150  # a flattened line is at least this long...
FLAT_RUNS = 3  # ...and parted by at least this many runs of spaces
_LABEL_MAX = 12  # the longest label: 第一百二十三条之一
TITLE_GAP = 25  # a heading title this short may be followed at once by the next heading
_BOUNDARY = "。；：！？;:!?”’」』）)"  # what may end the text before a glued heading
# A cheap first look for where a heading may start (第, 一、, （, 1., ①); whether one does
# is then asked of the heading grammar itself.
_START = re.compile(rf"第|[{CN_DIGITS}]+[、．]|[（(]|\d{{1,3}}[.、．)）]|[{CIRCLED}]")
_AT_BOUNDARY = re.compile(rf"(?<=[{re.escape(_BOUNDARY)} ])(?:{_START.pattern})")


def _heads_at(text: str, pos: int) -> bool:
    probe = text[pos : pos + 24].translate(_FULL_DIGITS)
    return label_end(probe) > 0


def _letter_spaced(line: str, s: int, e: int) -> bool:
    """Whether the run ``line[s:e]`` sits inside a letter-spaced word (职  责, 总  则)."""
    before = line[:s].rstrip(_SPACE)
    after = line[e:]
    lone_before = (
        len(before) >= 1 and _CJK.match(before[-1]) and (len(before) == 1 or before[-2] in _SPACE)
    )
    nxt = after[1:2]
    lone_after = bool(_CJK.match(after[:1])) and (nxt == "" or nxt in _SPACE)
    return bool(lone_before or lone_after)


def _ends_in_label(line: str, start: int, s: int) -> bool:
    """Whether ``line[start:s]`` ends with a bare heading label (…责任。第五条, 第一节)."""
    return any(label_end(line[q:s]) == s - q for q in range(max(start, s - _LABEL_MAX), s))


def _lone_space_breaks(line: str, s: int, e: int) -> bool:
    """Whether one space before a heading parts paragraphs (施行 第一章, 负责。 二、).

    Not after a bare label (第一章 总则), and before an article only at a sentence's end:
    依照本条例 第十二条 is a citation with a stray space.
    """
    if not _heads_at(line, e) or _ends_in_label(line, 0, s):
        return False
    found = _match(line, e)
    return found is None or found[0] != "条" or line[s - 1] in _BOUNDARY


def space_breaks(text: str) -> dict[int, str]:
    """Position -> "\\n" for the first space of every run of spaces that parts paragraphs."""
    out: dict[int, str] = {}
    pos = 0
    for line in text.split("\n"):
        runs = list(_RUN.finditer(line))
        flat = len(line) >= FLAT_LINE and len(runs) >= FLAT_RUNS
        start = 0  # where the current paragraph starts
        for m in runs:
            s, e = m.span()
            bare = _ends_in_label(line, start, s)  # 第一条  为了… : the gap after a label
            if _heads_at(line, e) or (flat and not bare and not _letter_spaced(line, s, e)):
                out[pos + s] = "\n"
                start = e
        for m in _ONE.finditer(line):  # a lone space before a heading parts paragraphs too
            if _lone_space_breaks(line, m.start(), m.end()):
                out[pos + m.start()] = "\n"
        pos += len(line) + 1
    return out


def _number(rule_name: str, raw: str) -> int | None:
    return circled_to_int(raw) if rule_name == "①" else to_int(raw)


class _Count:
    """The last number of each heading style, and the style of the last heading."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.style = ""

    def fits(self, style: str, num: int) -> bool:
        if style in self.last and num == self.last[style] + 1:
            return True
        return num == 1 and self.style != style

    def see(self, style: str, num: int) -> None:
        self.last[style] = num
        self.style = style


def _match(text: str, pos: int) -> tuple[str, int] | None:
    """The style and number of a heading starting at ``pos``, if one does."""
    window = text[pos : pos + _LABEL_MAX + 8]  # the label and a look past it, not the whole line
    for rule in RULES:
        m = rule.pattern.match(window)
        if m and m.group("label") and not m.groupdict().get("sub"):
            num = _number(rule.name, m["num"])
            if num is not None:
                return rule.name, num
    return None


def _candidates(line: str, last_head: int, near: bool) -> list[int]:
    """Where a glued heading may start: after a boundary, or close after the last heading."""
    found = [m.start() for m in _AT_BOUNDARY.finditer(line, 1)]
    if near:
        found += [m.start() for m in _START.finditer(line, last_head + 1, last_head + TITLE_GAP)]
    return sorted(set(found))


def _confirmed(line: str, p: int, found: tuple[str, int], count: _Count) -> bool:
    """Whether a heading at a boundary that breaks the count starts a run of its own.

    One missed heading (第一章 glued to the front matter, a list's first item in a
    quotation) must not lose every heading after it: a heading at a sentence boundary
    numbered past its style's count starts a new count when the next heading of its
    style at a boundary on the line is numbered one more (…。第五条…。第六条…).
    """
    style, num = found
    if num <= count.last.get(style, 0):
        return False
    for m in _AT_BOUNDARY.finditer(line, p + 1):
        nxt = _match(line, m.start())
        if nxt is not None and nxt[0] == style:
            return nxt[1] == num + 1
    return False


def glued_cuts(lines: Sequence[str]) -> list[list[int]]:
    """For each line, the offsets inside it where a glued heading starts a new line."""
    count = _Count()
    out: list[list[int]] = []
    for line in lines:
        cuts: list[int] = []
        head = _match(line, 0)
        if head:
            count.see(*head)
        last_head = 0 if head else -TITLE_GAP - 1
        todo = _candidates(line, max(last_head, 0), head is not None)
        while todo:
            p = todo.pop(0)
            found = _match(line, p)
            if found is None:
                continue
            at_boundary = line[p - 1] in _BOUNDARY or line[p - 1] == " "
            if not count.fits(*found) and not (at_boundary and _confirmed(line, p, found, count)):
                continue
            after_title = (
                count.style != "条"  # an article runs on in sentences: it has no title
                and p - last_head <= TITLE_GAP
                and not re.search(r"[。；，！？]", line[last_head:p])
            )
            if at_boundary or after_title:
                cuts.append(p)
                count.see(*found)
                last_head = p
                near = [m.start() for m in _START.finditer(line, p + 1, p + TITLE_GAP)]
                todo = sorted(set(todo) | set(near))
        out.append(cuts)
    return out
