"""The clause tree while it is built: the open units, and where text goes.

``ingest.parse.clauses`` reads the lines and decides what each one opens; this
holds the tree it opens them in. A unit nests under the innermost open unit of
lower rank (fixed styles) or replaces an open unit of its own style (list
styles, which nest by appearance). Text belongs to the innermost open unit;
inside an article, text after a list starts a new 款, and an article with two
or more 款 gets ``para_N`` children.
"""

from __future__ import annotations

from ingest.parse.headings import RULES, Rule
from ingest.parse.nodes import Kids, Node

__all__ = ["LIST_RANK", "RANK", "Outline"]

RANK = {rule.name: i for i, rule in enumerate(RULES) if rule.fixed}
_PARA_RANK = RANK["条"] + 0.5  # 款 sit between an article and its items
LIST_RANK = 100  # list styles nest by appearance, below every fixed rank


class Outline:
    """The roots, the stack of open units, and the placement of text among them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.roots: list[Node] = []
        self.root_kids = Kids()
        self.stack: list[Node] = []

    # -- tree helpers -------------------------------------------------
    def _children(self, parent: Node | None) -> list[Node]:
        return parent.children if parent else self.roots

    def _kids(self, parent: Node | None) -> Kids:
        return parent.kids if parent else self.root_kids

    def _attach(self, node: Node, parent: Node | None) -> None:
        node.parent = parent
        self._children(parent).append(node)
        self._kids(parent).add(node)

    def _last_sibling(self, parent: Node | None, style: str) -> tuple[int, int | None] | None:
        return self._kids(parent).last.get(style)

    def _free(self, parent: Node | None, step: tuple[str, int, int | None]) -> bool:
        return step not in self._kids(parent).steps

    def _parent_for(self, rule: Rule) -> tuple[int, Node | None]:
        """How deep the stack stays and who the parent is if ``rule`` opens a unit."""
        if rule.fixed:
            rank = RANK[rule.name]
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
                    LIST_RANK, False)  # fmt: skip
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


def _label_text(text: str, node: Node) -> str:
    """The label as written at the start of a node's span (spaces included)."""
    m = next(r for r in RULES if r.name == node.style).pattern.match(text[node.start : node.end])
    return m["label"] if m else node.label


def _skip_ws(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos
