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

import bisect
import re

from ingest import tables
from ingest.headings import (
    ATTACHMENT,
    ATTACHMENT_TITLED,
    RULES,
    SENTENCE_PUNCT,
    Rule,
    heading_text,
    match_heading,
    title_like,
)
from ingest.lines import Line, split_lines, toc_lines
from ingest.numerals import circled_to_int, to_int
from ingest.records import Clause
from ingest.tree import Kids, Node, flatten

__all__ = ["build_clauses"]

_RANK = {rule.name: i for i, rule in enumerate(RULES) if rule.fixed}
_PARA_RANK = _RANK["条"] + 0.5  # 款 sit between an article and its items
_LIST_RANK = 100  # list styles nest by appearance, below every fixed rank
_CONT_MAX = 12  # the tail of a heading broken over two lines is shorter still
_SKIP_MAX = 3  # at most this many numbers may be missing where a typo skipped some
_LOOKAHEAD = 400  # lines searched for the number that confirms a skip
_WS = re.compile(r"\s+")


class _Builder:
    """One pass over the lines; ``run()`` returns the root nodes of the tree."""

    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.roots: list[Node] = []
        self.root_kids = Kids()
        self.stack: list[Node] = []
        self.last: dict[tuple[int, str], tuple[int, int | None]] = {}  # (scope, style) -> number
        self.table: tuple[Node | None, tables.RowBuffer] | None = None  # (container, rows)
        self.attachments = 0
        self.plain = toc_lines(lines)
        self.i = 0  # index of the line being read
        self.heads = [match_heading(ln.text) for ln in lines]  # each line's heading matches
        self.where: dict[str, list[int]] = {r.name: [] for r in RULES}  # style -> line indexes
        for i, found in enumerate(self.heads):
            for rule, _ in found:
                self.where[rule.name].append(i)

    # -- tree helpers -------------------------------------------------
    def _children(self, parent: Node | None) -> list[Node]:
        return parent.children if parent else self.roots

    def _kids(self, parent: Node | None) -> Kids:
        return parent.kids if parent else self.root_kids

    def _attach(self, node: Node, parent: Node | None) -> None:
        node.parent = parent
        self._children(parent).append(node)
        self._kids(parent).add(node)

    def _scope(self) -> int:
        root = self.stack[0] if self.stack else None
        return id(root) if root is not None and root.style == "att" else 0

    def _last_sibling(self, parent: Node | None, style: str) -> tuple[int, int | None] | None:
        return self._kids(parent).last.get(style)

    def _free(self, parent: Node | None, step: tuple[str, int, int | None]) -> bool:
        return step not in self._kids(parent).steps

    # -- headings -----------------------------------------------------
    def _parent_for(self, rule: Rule) -> tuple[int, Node | None]:
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
        for rule, m in self.heads[self.i]:
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
            heading = heading_text(rule, rest)
            node = Node(
                rule.name, rule.prefix, rule.kind, num, sub, _WS.sub("", m["label"]), heading,
                line.start, line.end, _RANK.get(rule.name, _LIST_RANK), rule.fixed,
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
        parent: Node | None,
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
        where = self.where[rule.name]
        k = bisect.bisect_right(where, self.i)
        if k == len(where) or where[k] > self.i + _LOOKAHEAD:
            return None
        m = next(m for r, m in self.heads[where[k]] if r.name == rule.name)
        return circled_to_int(m["num"]) if rule.name == "①" else to_int(m["num"])

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
        node = Node(
            "att", "att", "attachment", num, None, label, heading, line.start, line.end, -1, True
        )
        node.written = raw_num is not None
        self._attach(node, None)
        self.stack.append(node)

    def _bare_attachment(self, top: Node | None) -> bool:
        return top is not None and top.style == "att" and not top.heading and not top.children

    # -- tables -------------------------------------------------------
    def _row(self, line: Line) -> None:
        if self.table is None:
            self.table = (self.stack[-1] if self.stack else None, tables.RowBuffer())
        done = self.table[1].add(line.raw, line.start, line.end, line.blank_before)
        if done:
            self._emit_row(done)

    def _emit_row(self, row: tables.Row) -> None:
        container, buffer = self.table  # type: ignore[misc]
        if buffer.is_header_row(row):  # column names: text of the clause the table is in
            self._add_text(row.start, row.end)
            return
        n = self._kids(container).count.get("row", 0) + 1
        node = Node("row", "row", "table_row", n, None, f"第{n}行", "", row.start, row.end,
                    _LIST_RANK, False)  # fmt: skip
        node.text = tables.row_text(row.cells, buffer.header)
        self._attach(node, container)

    def _close_table(self) -> None:
        if self.table is not None:
            done = self.table[1].close()
            if done:
                self._emit_row(done)
            self.table = None

    def _continues_cell(self, i: int) -> bool:
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return (
            self.table is not None
            and self.table[1].open is not None
            and len(self.lines[i].text) <= _CONT_MAX
            and nxt is not None
            and tables.is_table_line(nxt.raw)
        )

    # -- text ---------------------------------------------------------
    def _add_text(self, start: int, end: int) -> None:
        top = self.stack[-1] if self.stack else None
        art = self._open_article()
        if art is not None:
            self._article_paragraph(art, start, end)
        elif top is not None and not top.children:
            top.end = end
        else:
            self._free_paragraph(top, start, end)

    def _open_article(self) -> Node | None:
        for node in reversed(self.stack):
            if node.style == "条":
                return node
        return None

    def _free_paragraph(self, parent: Node | None, start: int, end: int) -> None:
        n = self._kids(parent).count.get("para", 0) + 1
        node = Node("para", "para", "paragraph", n, None, f"第{n}段", "", start, end,
                    _LIST_RANK, False)  # fmt: skip
        self._attach(node, parent)

    def _article_paragraph(self, art: Node, start: int, end: int) -> None:
        """Text inside an article: the first 款 extends it, later ones become para_N."""
        del self.stack[self.stack.index(art) + 1 :]
        if not art.split and art.paras == 0 and not art.children:
            art.end, art.paras = end, 1
            return
        if not art.split:  # the article's own first 款 moves into para_1, with its items
            art.split = True
            label_end = art.start + len(_label_text(self.text, art))
            body_start = _skip_ws(self.text, label_end, art.end)
            if body_start < art.end:
                p1 = Node("para", "para", "paragraph", 1, None, "第1款", "", body_start, art.end,
                          _PARA_RANK, True)  # fmt: skip
                p1.children, art.children = art.children, []
                p1.kids, art.kids = art.kids, Kids()
                for c in p1.children:
                    c.parent = p1
                self._attach(p1, art)
                art.end = label_end
        n = art.kids.count.get("para", 0) + 1
        node = Node("para", "para", "paragraph", n, None, f"第{n}款", "", start, end,
                    _PARA_RANK, True)  # fmt: skip
        self._attach(node, art)
        self.stack.append(node)
        art.paras = n

    # -- main loop ----------------------------------------------------
    def run(self) -> list[Node]:
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
                self.table[1].continue_cell(line.text, line.end)
            elif next_is_row and title_like(line.text):
                self._close_table()
                if self._bare_attachment(top):
                    top.heading, top.end = line.text, line.end  # type: ignore[union-attr]
                else:
                    self._open_attachment(line, "附表", None, line.text)  # a titled table
            else:
                self._close_table()
                if self._bare_attachment(top) and title_like(line.text):
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


def _label_text(text: str, node: Node) -> str:
    """The label as written at the start of a node's span (spaces included)."""
    m = next(r for r in RULES if r.name == node.style).pattern.match(text[node.start : node.end])
    return m["label"] if m else node.label


def _skip_ws(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def build_clauses(text: str, start: int = 0, end: int | None = None) -> tuple[Clause, ...]:
    """The clauses of ``text[start:end]`` in document order (parents before children)."""
    builder = _Builder(text, split_lines(text, start, end))
    return tuple(flatten(text, builder.run()))
