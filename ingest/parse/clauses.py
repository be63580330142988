"""The tree builder: normalised lines -> a flat, ordered tuple of Clauses.

Each line is a heading (``ingest.parse.headings.RULES``), a table row, an attachment
marker or text. A heading opens a unit only when its number fits: the next
number among its siblings, 1 for a style new under its parent, or the next of
a numbering that runs on across parents (seed 002's （一）…（三十三）). Where
a unit nests and where text goes (款 of an article) is ``ingest.parse.open_units``.
Every body line ends up in exactly one clause's span, so joining the spans
gives back the body.
"""

from __future__ import annotations

import bisect
import re

from ingest.domain.numerals import CN_DIGITS, to_int
from ingest.parse import table_rows
from ingest.parse.headings import (
    ATTACHMENT,
    ATTACHMENT_TITLED,
    RULES,
    SENTENCE_PUNCT,
    Rule,
    heading_text,
    match_heading,
    title_like,
)
from ingest.parse.lines import Line, split_lines, toc_lines
from ingest.parse.nodes import Node, flatten
from ingest.parse.open_units import LIST_RANK, RANK, Outline
from ingest.records import Clause

__all__ = ["build_clauses"]

_CONT_MAX = 12  # the tail of a heading broken over two lines is shorter still
_SKIP_MAX = 3  # at most this many numbers may be missing where a typo skipped some
_LOOKAHEAD = 400  # lines searched for the number that confirms a skip
_WS = re.compile(r"\s+")
# What follows 第N条 when the line cites an article instead of opening one: 第五条规定的,
# 第五条所列, 第五条的, 第五条、第六条, 第五条第二款, 第五条至第九条, 第五条（一）项 ...
_CITED_AFTER = re.compile(
    rf"(?:规定|所[列称述指]|的|之[外内前后]|[、，,；;（(]|[和与及或至到]第|第[{CN_DIGITS}0-9]+[款项目])"
)


class _Builder(Outline):
    """One pass over the lines; ``run()`` returns the root nodes of the tree."""

    def __init__(self, text: str, lines: list[Line]) -> None:
        super().__init__(text)
        self.lines = lines
        self.last: dict[tuple[int, str], tuple[int, int | None]] = {}  # (scope, style) -> number
        self.table: tuple[Node | None, table_rows.RowBuffer] | None = None  # (container, rows)
        self.attachments = 0
        self.toc = toc_lines(lines)  # a 目录 block: kept in the text, never a clause
        self.i = 0  # index of the line being read
        self.heads = [match_heading(ln.text) for ln in lines]  # each line's heading matches
        self.where: dict[str, list[int]] = {r.name: [] for r in RULES}  # style -> line indexes
        for i, found in enumerate(self.heads):
            for rule, _ in found:
                self.where[rule.name].append(i)

    def _scope(self) -> int:
        root = self.stack[0] if self.stack else None
        return id(root) if root is not None and root.style == "att" else 0

    # -- headings -----------------------------------------------------
    def _try_heading(self, line: Line) -> bool:
        for rule, m in self.heads[self.i]:
            raw_num = m["num"]
            num = to_int(raw_num)
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
                line.start, line.end, RANK.get(rule.name, LIST_RANK), rule.fixed,
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
        last = max((p[0] for p in (sibling, running) if p is not None), default=0)
        if sub is not None:  # 第五条之一 follows 第五条, or opens an article of an excerpt
            prev = running or sibling
            if prev is not None and prev[0] == num and (prev[1] or 0) + 1 == sub:
                return True
            return rule.name == "条" and num > last and self._excerpt_article(rule, num, m)
        candidates = {p[0] + 1 for p in (sibling, running) if p is not None}
        if rule.name == "条" and running is None:
            gap = m.end("label") < len(line.text) and line.text[m.end("label")].isspace()
            candidates |= {1} if not gap else {num}
        elif rule.name != "条" and sibling is None:
            candidates.add(1)
        if num in candidates:
            return True
        if rule.name == "条" and num > last:
            return self._excerpt_article(rule, num, m)
        # a number skipped by a typo (第十条, 第十二条): accept when the next one confirms it
        return last < num <= last + _SKIP_MAX and self._next_number(rule) == num + 1

    def _excerpt_article(self, rule: Rule, num: int, m: re.Match[str]) -> bool:
        """An article of an excerpt (第十七条, 第二十五条, 第四十九条 ... of a law, the gaps
        being articles left out): the numbers only ever rise from here to the next article,
        and the line does not cite an article (第二十条规定的…) where a wrapped line begins."""
        if _CITED_AFTER.match(m["rest"].lstrip()):
            return False
        after = self._next_number(rule)
        return after is None or after > num

    def _next_number(self, rule: Rule) -> int | None:
        """The number of the next line (not far ahead) that opens a unit of ``rule``'s style."""
        where = self.where[rule.name]
        k = bisect.bisect_right(where, self.i)
        if k == len(where) or where[k] > self.i + _LOOKAHEAD:
            return None
        m = next(m for r, m in self.heads[where[k]] if r.name == rule.name)
        return to_int(m["num"])

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
            self.table = (self.stack[-1] if self.stack else None, table_rows.RowBuffer())
        done = self.table[1].add(line.raw, line.start, line.end, line.blank_before)
        if done:
            self._emit_row(done)

    def _emit_row(self, row: table_rows.Row) -> None:
        container, buffer = self.table  # type: ignore[misc]
        if buffer.is_header_row(row):  # column names: text of the clause the table is in
            self._add_text(row.start, row.end)
            return
        n = self._kids(container).count.get("row", 0) + 1
        node = Node("row", "row", "table_row", n, None, f"第{n}行", "", row.start, row.end,
                    LIST_RANK, False)  # fmt: skip
        node.text = table_rows.row_text(row.cells, buffer.header)
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
            and table_rows.is_table_line(nxt.raw)
        )

    # -- main loop ----------------------------------------------------
    def run(self) -> list[Node]:
        lines, i = self.lines, 0
        self.i = 0
        while i < len(lines):
            line = lines[i]
            self.i = i
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            next_is_row = nxt is not None and table_rows.is_table_line(nxt.raw)
            top = self.stack[-1] if self.stack else None
            if i in self.toc:
                self._close_table()
            elif table_rows.is_table_line(line.raw):
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
            and not table_rows.is_table_line(tail.raw)
            and match_heading(after.text)
        ):
            node.heading += _WS.sub("", tail.text)
            node.end = tail.end
            return i + 1
        return i


def build_clauses(text: str, start: int = 0, end: int | None = None) -> tuple[Clause, ...]:
    """The clauses of ``text[start:end]`` in document order (parents before children)."""
    builder = _Builder(text, split_lines(text, start, end))
    return tuple(flatten(text, builder.run()))
