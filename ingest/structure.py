"""The tree builder: normalised lines -> a flat, ordered tuple of Clauses.

Each line is a heading (``ingest.headings.RULES``), a table row, an attachment
marker or text. A heading opens a unit only when its number fits: the next
number among its siblings, 1 for a style new under its parent, or the next of
a numbering that runs on across parents (seed 002's （一）…（三十三）). Text
belongs to the innermost open unit; inside an article, text after a list
starts a new 款, and an article with two or more 款 gets ``para_N`` children.
Every body line ends up in exactly one clause's span, so joining the spans
gives back the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import tables
from ingest.headings import (
    ATTACHMENT,
    ATTACHMENT_TITLED,
    RULES,
    SENTENCE_PUNCT,
    Rule,
    match_heading,
)
from ingest.ids import child_id
from ingest.numerals import circled_to_int, to_int
from ingest.records import Clause

__all__ = ["Line", "build_clauses", "split_lines"]

_RANK = {rule.name: i for i, rule in enumerate(RULES) if rule.fixed}
_ART_RANK = _RANK["条"]
_TITLE_MAX = 40  # a heading phrase or table title is short
_CONT_MAX = 12  # the tail of a heading broken over two lines is shorter still
_SKIP_MAX = 3  # at most this many numbers may be missing where a typo skipped some
_LOOKAHEAD = 400  # lines searched for the number that confirms a skip
_WS = re.compile(r"\s+")
_PHRASE = re.compile(r"([^。，；：,;:]{1,30})。(?=\S)")
_TOC = re.compile(r"目\s*录")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line: its stripped text and where that text sits in the document."""

    start: int
    end: int
    text: str
    raw: str  # with leading whitespace (tables start with TAB in raw text)
    blank_before: bool


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank lines of ``text[start:end]`` with absolute offsets."""
    end = len(text) if end is None else end
    out: list[Line] = []
    pos, blank = start, False
    for raw in text[start:end].split("\n"):
        stripped = raw.strip(" \t\r\u3000\xa0\ufeff")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \t\r\u3000\xa0\ufeff"))
            s = pos + lead
            out.append(Line(s, s + len(stripped), stripped, raw, blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return out


@dataclass(eq=False)
class _Node:
    style: str  # heading style name, or "att", "para", "row"
    prefix: str
    kind: str
    number: int | None
    sub: int | None
    label: str
    heading: str
    start: int
    end: int
    rank: float  # fixed rank (编章节条 attachments 款), or 100 for list styles
    fixed: bool
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    text: str | None = None  # set for rows, whose text is rendered with column names
    paras: int = 0  # articles: how many 款 seen
    split: bool = False  # articles whose 款 became para children
    written: bool = True  # False for a 附件 with no number of its own
    kids: _Kids = field(default_factory=lambda: _Kids())

    def step(self) -> tuple[str, int, int | None]:
        return (self.prefix, self.number or 0, self.sub)


@dataclass
class _Kids:
    """Bookkeeping of a node's children, so long flat lists stay linear."""

    steps: set[tuple[str, int, int | None]] = field(default_factory=set)
    last: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # style -> number
    count: dict[str, int] = field(default_factory=dict)  # style -> how many


@dataclass
class _Table:
    container: _Node | None
    header: list[str] | None = None
    rows: int = 0
    open_row: _Node | None = None
    cells: list[str] = field(default_factory=list)
    last_raw_single: bool = False


class _Builder:
    """One pass over the lines; ``clauses()`` flattens the tree in document order."""

    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.roots: list[_Node] = []
        self.root_kids = _Kids()
        self.stack: list[_Node] = []
        self.last: dict[tuple[int, str], tuple[int, int | None]] = {}  # (scope, style) -> number
        self.table: _Table | None = None
        self.attachments = 0
        self.plain = _toc_lines(lines)
        self.i = 0  # index of the line being read

    # -- tree helpers -------------------------------------------------
    def _children(self, parent: _Node | None) -> list[_Node]:
        return parent.children if parent else self.roots

    def _kids(self, parent: _Node | None) -> _Kids:
        return parent.kids if parent else self.root_kids

    def _attach(self, node: _Node, parent: _Node | None) -> None:
        node.parent = parent
        self._children(parent).append(node)
        kids = self._kids(parent)
        kids.steps.add(node.step())
        kids.last[node.style] = (node.number or 0, node.sub)
        kids.count[node.style] = kids.count.get(node.style, 0) + 1

    def _scope(self) -> int:
        root = self.stack[0] if self.stack else None
        return id(root) if root is not None and root.style == "att" else 0

    def _last_sibling(self, parent: _Node | None, style: str) -> tuple[int, int | None] | None:
        return self._kids(parent).last.get(style)

    def _free(self, parent: _Node | None, step: tuple[str, int, int | None]) -> bool:
        return step not in self._kids(parent).steps

    # -- headings -----------------------------------------------------
    def _parent_for(self, rule: Rule) -> tuple[int, _Node | None]:
        """How deep the stack stays and who the parent is if ``rule`` opens a unit."""
        if rule.fixed:
            rank = _RANK[rule.name]
            depth = len(self.stack)
            while depth and not (self.stack[depth - 1].fixed and self.stack[depth - 1].rank < rank):
                depth -= 1
        else:
            depth = len(self.stack)
            for i, node in enumerate(self.stack):
                if node.style == rule.name:
                    depth = i
                    break
        return depth, (self.stack[depth - 1] if depth else None)

    def _try_heading(self, line: Line) -> bool:
        for rule, m in match_heading(line.text):
            raw_num = m["num"]
            num = circled_to_int(raw_num) if rule.name == "①" else to_int(raw_num)
            sub = to_int(m["sub"]) if m.groupdict().get("sub") else None
            rest = m["rest"].strip()
            if num is None or (m.groupdict().get("sub") and sub is None):
                continue
            if rule.title_only and (SENTENCE_PUNCT.search(rest) or len(rest) > 30):
                continue
            depth, parent = self._parent_for(rule)
            if not self._fits(rule, num, sub, parent, line, m):
                continue
            if not self._free(parent, (rule.prefix, num, sub)):
                continue
            del self.stack[depth:]
            self._close_table()
            heading = _heading(rule, rest)
            node = _Node(
                rule.name, rule.prefix, rule.kind, num, sub, _WS.sub("", m["label"]), heading,
                line.start, line.end, _RANK.get(rule.name, 100), rule.fixed,
            )  # fmt: skip
            if rule.name == "条":
                node.paras = 1 if rest else 0
            self._attach(node, parent)
            self.stack.append(node)
            self.last[(self._scope(), rule.name)] = (num, sub)
            return True
        return False

    def _fits(
        self,
        rule: Rule,
        num: int,
        sub: int | None,
        parent: _Node | None,
        line: Line,
        m: re.Match[str],
    ) -> bool:
        """Numbers progress: next sibling, 1 for a new list, or the next of a running count."""
        sibling = self._last_sibling(parent, rule.name)
        running = self.last.get((self._scope(), rule.name))
        if sub is not None:
            prev = running or sibling
            return prev is not None and prev[0] == num and (prev[1] or 0) + 1 == sub
        candidates = {p[0] + 1 for p in (sibling, running) if p is not None}
        if rule.name == "条" and running is None:
            gap = m.end("label") < len(line.text) and line.text[m.end("label")].isspace()
            candidates |= {1} if not gap else {num}
        elif rule.name != "条" and sibling is None:
            candidates.add(1)
        if num in candidates:
            return True
        # a number skipped by a typo (第十条, 第十二条): accept when the next one confirms it
        last = max((p[0] for p in (sibling, running) if p is not None), default=0)
        excerpt = rule.name == "条" and running is None  # 第五条 opens an excerpt of a law
        near = last < num <= last + _SKIP_MAX or excerpt
        return near and self._next_number(rule) == num + 1

    def _next_number(self, rule: Rule) -> int | None:
        """The number of the next line (not far ahead) that opens a unit of ``rule``'s style."""
        for line in self.lines[self.i + 1 : self.i + 1 + _LOOKAHEAD]:
            m = rule.pattern.fullmatch(line.text)
            if m:
                return circled_to_int(m["num"]) if rule.name == "①" else to_int(m["num"])
        return None

    # -- attachments --------------------------------------------------
    def _open_attachment(self, line: Line, label: str, raw_num: str | None, heading: str) -> None:
        self._close_table()
        self.stack.clear()
        num = to_int(raw_num) if raw_num else None
        if num is None or ("att", num, None) in self.root_kids.steps:
            num = self.attachments + 1
            while ("att", num, None) in self.root_kids.steps:
                num += 1
        self.attachments = max(self.attachments, num)
        node = _Node(
            "att", "att", "attachment", num, None, label, heading, line.start, line.end, -1, True
        )
        node.written = raw_num is not None
        self._attach(node, None)
        self.stack.append(node)

    def _bare_attachment(self, top: _Node | None) -> bool:
        return top is not None and top.style == "att" and not top.heading and not top.children

    # -- tables -------------------------------------------------------
    def _row(self, line: Line) -> None:
        cells = tables.split_cells(line.raw)
        raw_single = line.raw.startswith("\t") and len(cells) == 1
        t = self.table
        if t is None:
            t = self.table = _Table(self.stack[-1] if self.stack else None)
        if raw_single and t.open_row is not None and t.last_raw_single and not line.blank_before:
            t.cells.extend(cells)
            t.open_row.end = line.end
        else:
            self._finish_row()
            t.open_row = _Node(
                "row", "row", "table_row", None, None, "", "", line.start, line.end, 100, False
            )
            t.cells = list(cells)
        t.last_raw_single = raw_single

    def _finish_row(self) -> None:
        t = self.table
        if t is None or t.open_row is None:
            return
        row, t.open_row = t.open_row, None
        if t.header is None and t.rows == 0 and tables.is_header(t.cells):
            t.header = list(t.cells)
            self._add_text(row.start, row.end, allow_extend=True)
            return
        t.rows += 1
        row.number = self._kids(t.container).count.get("row", 0) + 1
        row.label = f"第{row.number}行"
        row.text = tables.row_text(t.cells, t.header)
        self._attach(row, t.container)

    def _close_table(self) -> None:
        self._finish_row()
        self.table = None

    def _continues_cell(self, i: int) -> bool:
        t = self.table
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        line = self.lines[i]
        return (
            t is not None
            and t.open_row is not None
            and len(line.text) <= _CONT_MAX
            and nxt is not None
            and tables.is_table_line(nxt.raw)
        )

    # -- text ---------------------------------------------------------
    def _add_text(self, start: int, end: int, allow_extend: bool = True) -> None:
        top = self.stack[-1] if self.stack else None
        art = self._open_article()
        if art is not None:
            self._article_paragraph(art, start, end)
        elif top is not None and not top.children and allow_extend:
            top.end = end
        else:
            self._free_paragraph(top, start, end)

    def _open_article(self) -> _Node | None:
        for node in reversed(self.stack):
            if node.style == "条":
                return node
        return None

    def _free_paragraph(self, parent: _Node | None, start: int, end: int) -> None:
        n = self._kids(parent).count.get("para", 0) + 1
        label = f"第{n}段"
        self._attach(
            _Node("para", "para", "paragraph", n, None, label, "", start, end, 100, False), parent
        )

    def _article_paragraph(self, art: _Node, start: int, end: int) -> None:
        """Text inside an article: the first 款 extends it, later ones become para_N."""
        del self.stack[self.stack.index(art) + 1 :]
        if not art.split and art.paras == 0 and not art.children:
            art.end, art.paras = end, 1
            return
        if not art.split:
            art.split = True
            label_end = art.start + len(_label_text(self.text, art))
            body_start = _skip_ws(self.text, label_end, art.end)
            if body_start < art.end:
                p1 = _Node(
                    "para",
                    "para",
                    "paragraph",
                    1,
                    None,
                    "第1款",
                    "",
                    body_start,
                    art.end,
                    _ART_RANK + 0.5,
                    True,
                )
                p1.children, art.children = art.children, []
                p1.kids, art.kids = art.kids, _Kids()
                for c in p1.children:
                    c.parent = p1
                self._attach(p1, art)
                art.end = label_end
        n = art.kids.count.get("para", 0) + 1
        node = _Node(
            "para", "para", "paragraph", n, None, f"第{n}款", "", start, end, _ART_RANK + 0.5, True
        )
        self._attach(node, art)
        self.stack.append(node)
        art.paras = n

    # -- main loop ----------------------------------------------------
    def run(self) -> list[_Node]:
        lines, i = self.lines, 0
        self.i = 0
        while i < len(lines):
            line = lines[i]
            self.i = i
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            next_is_row = nxt is not None and tables.is_table_line(nxt.raw)
            top = self.stack[-1] if self.stack else None
            if i in self.plain:
                self._close_table()
                self._add_text(line.start, line.end)
            elif tables.is_table_line(line.raw):
                self._row(line)
            elif m := ATTACHMENT.fullmatch(line.text):
                self._open_attachment(line, _WS.sub("", m["label"]), m["num"], "")
            elif (m := ATTACHMENT_TITLED.fullmatch(line.text)) and next_is_row:
                self._open_attachment(line, _WS.sub("", m["label"]), m["num"], m["rest"].strip())
            elif self._try_heading(line):
                i = self._heading_tail(i)
            elif self.table is not None and self._continues_cell(i):
                self.table.cells[-1] += line.text
                self.table.open_row.end = line.end  # type: ignore[union-attr]
                self.table.last_raw_single = True
            elif next_is_row and _title_like(line.text):
                self._close_table()
                if self._bare_attachment(top):
                    top.heading, top.end = line.text, line.end  # type: ignore[union-attr]
                else:
                    self._open_attachment(line, line.text, None, line.text)
            else:
                self._close_table()
                if self._bare_attachment(top) and _title_like(line.text):
                    top.heading, top.end = line.text, line.end  # type: ignore[union-attr]
                else:
                    self._add_text(line.start, line.end)
            i += 1
        self._close_table()
        return self.roots

    def _heading_tail(self, i: int) -> int:
        """Join a 章/节 title broken over two lines (…安全生产工作 / 职责)."""
        node = self.stack[-1]
        rule = next(r for r in RULES if r.name == node.style)
        if not rule.title_only or i + 2 >= len(self.lines):
            return i
        tail, after = self.lines[i + 1], self.lines[i + 2]
        if (
            len(tail.text) <= _CONT_MAX
            and not SENTENCE_PUNCT.search(tail.text)
            and not match_heading(tail.text)
            and not tables.is_table_line(tail.raw)
            and match_heading(after.text)
        ):
            node.heading += _WS.sub("", tail.text)
            node.end = tail.end
            return i + 1
        return i


def _label_text(text: str, node: _Node) -> str:
    """The label as written at the start of a node's span (spaces included)."""
    m = next(r for r in RULES if r.name == node.style).pattern.match(text[node.start : node.end])
    return m["label"] if m else node.label


def _skip_ws(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _heading(rule: Rule, rest: str) -> str:
    """A 章/节 title; for 一、/（一） the whole line if it is a title, else a short lead phrase."""
    if rule.title_only:
        return _WS.sub("", rest)
    if not rest:
        return ""
    whole = not SENTENCE_PUNCT.search(rest) and "。" not in rest and len(rest) <= _TITLE_MAX
    if whole and rule.name != "条":
        return rest.rstrip("：:")
    m = _PHRASE.match(rest)
    return m.group(1) if m else ""


def _title_like(s: str) -> bool:
    return len(s) <= _TITLE_MAX and not SENTENCE_PUNCT.search(s) and not s.endswith(("：", ":"))


def _toc_lines(lines: list[Line]) -> set[int]:
    """Indexes of a 目录 block's lines (headings repeated before the real ones)."""
    for i, line in enumerate(lines):
        if _TOC.fullmatch(line.text):
            first = next(
                (j for j in range(i + 1, len(lines)) if match_heading(lines[j].text)), None
            )
            if first is None:
                return set()
            key = _WS.sub("", lines[first].text)
            for k in range(first + 1, len(lines)):
                if _WS.sub("", lines[k].text) == key:
                    return set(range(i, k))
            return set()
    return set()


def _flatten(text: str, roots: list[_Node]) -> list[Clause]:
    out: list[Clause] = []

    def walk(node: _Node, parent_id: str | None, path: tuple[str, ...]) -> None:
        cid = child_id(parent_id, node.prefix, node.number or 0, node.sub)
        own = node.text if node.text is not None else _own_text(text, node.start, node.end)
        p = (*path, node.label)
        # paragraphs, rows and a bare 附件 carry no numeral of their own (their id still counts)
        written = node.style not in ("para", "row") and node.written
        out.append(
            Clause(
                cid,
                parent_id,
                node.kind,
                node.number if written else None,
                node.label,
                node.heading,
                own,
                p,
                node.start,
                node.end,
            )
        )
        for c in node.children:
            walk(c, cid, p)

    for r in roots:
        walk(r, None, ())
    return out


def _own_text(text: str, start: int, end: int) -> str:
    return "\n".join(s for s in (ln.strip() for ln in text[start:end].split("\n")) if s)


def build_clauses(text: str, start: int = 0, end: int | None = None) -> tuple[Clause, ...]:
    """The clauses of ``text[start:end]`` in document order (parents before children)."""
    builder = _Builder(text, split_lines(text, start, end))
    return tuple(_flatten(text, builder.run()))
