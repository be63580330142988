"""Saved web pages -> the article's text, one block a line, tables as TAB rows.

Government sites wrap a document in navigation, breadcrumbs, login bars, share
buttons and a footer of ICP/备案 lines. Elements are dropped by tag, by chrome
words in their id/class, and by link density (menus are mostly links); what is
left is walked block by block and filtered by the same line table
(``ingest.read.chrome``) the normaliser applies to pages saved as text. The
publication date (发布时间) survives even when it sat in a dropped element.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ingest.domain.doc_types import DOC_TYPE_END
from ingest.errors import ErrorKind, UnreadableFile
from ingest.read.chrome import chrome_element, is_chrome_line, keeps, page_title_parts
from ingest.read.decode import decode_bytes

__all__ = ["html_to_text", "read_html"]

# Tags that never hold article text.
DROP_TAGS = (  # noqa: SIM905
    "head script style noscript template iframe object embed form button input select "
    "textarea nav header footer aside svg canvas map audio video"
).split()
# Tags whose start and end break the line.
BLOCK_TAGS = set(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article main blockquote pre "  # noqa: SIM905
    "center table caption address figure figcaption hr".split()
)
_WS = re.compile(r"[ \t\r\n\f]+")  # HTML whitespace (not NBSP, which the normaliser maps)


def _is_chrome_element(tag: Tag) -> bool:
    classes: object = tag.get("class") or []
    names = [str(c) for c in (classes if isinstance(classes, list) else [classes])]
    return chrome_element([*names, str(tag.get("id") or "")])


def _link_dense(tag: Tag) -> bool:
    """A block of three or more links whose text is mostly link text: a menu.

    Not a list of attachments (附件) or anything with a full stop: that is the article.
    """
    links = tag.find_all("a")
    if len(links) < 3:
        return False
    text = tag.get_text("", strip=True)
    if "附件" in text or "。" in text:
        return False
    link_text = sum(len(a.get_text("", strip=True)) for a in links)
    return link_text >= 0.6 * max(len(text), 1)


def _layout_row(tr: Tag) -> bool:
    """A row of a table used for page layout: it holds a table or many paragraphs."""
    for cell in tr.find_all(["td", "th"], recursive=False):
        blocks = cell.find_all(["p", "div", "br", "li"])
        if cell.find("table") is not None or len(blocks) > 3:
            return True
    return False


class _Lines:
    """Accumulates inline text into lines; blocks break lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def add(self, text: str) -> None:
        self.buf.append(text)

    def row(self, cells: list[str]) -> None:
        """A table row: cells joined by TAB on a line of its own (canonical table form)."""
        self.brk()
        if any(cells):
            self.lines.append("\t".join(cells))

    def brk(self) -> None:
        line = _WS.sub(" ", "".join(self.buf)).strip(" ")
        if line:
            self.lines.append(line)
        self.buf = []


MAX_DEPTH = 300  # real pages nest a few dozen levels
_BREAK = object()  # a marker on the walk stack: end of a block


def _walk(root: Tag, out: _Lines) -> None:
    """Visit the tree in document order with an explicit stack (no recursion limit)."""
    stack: list[object] = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if node is _BREAK:
            out.brk()
        elif isinstance(node, Comment):
            continue
        elif isinstance(node, NavigableString):
            out.add(str(node))
        elif isinstance(node, Tag):
            if node.name == "br":
                out.brk()
            elif node.name == "tr" and not _layout_row(node):
                cells = [
                    _WS.sub(" ", c.get_text(" ")).strip()
                    for c in node.find_all(["td", "th"], recursive=False)
                ]
                out.row(cells)
            elif node.name in BLOCK_TAGS:
                out.brk()
                stack.append(_BREAK)
                stack.extend(reversed(node.contents))
            else:
                stack.extend(reversed(node.contents))


def _depth(root: Tag) -> int:
    """How deep elements nest, found in one pass."""
    deepest, stack = 0, [(root, 0)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((c, d + 1) for c in node.contents if isinstance(c, Tag))
    return deepest


def html_to_text(markup: str, name: str = "<html>") -> str:
    """The article text of an HTML document, chrome removed, 发布时间 kept."""
    soup = BeautifulSoup(markup, "lxml")
    if _depth(soup) > MAX_DEPTH:  # chrome checks look at every ancestor: quadratic in depth
        raise UnreadableFile(
            name, f"HTML nested more than {MAX_DEPTH} levels deep", kind=ErrorKind.TOO_DEEP
        )
    kept = [
        _WS.sub(" ", s).strip()
        for s in soup.find_all(string=True)
        if keeps(_WS.sub(" ", s).strip())
    ]
    title = _page_title(soup)
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if not tag.decomposed and (
            _is_chrome_element(tag) or (tag.name in BLOCK_TAGS and _link_dense(tag))
        ):
            tag.decompose()
    out = _Lines()
    _walk(soup.body or soup, out)
    out.brk()
    lines = [ln for ln in out.lines if not is_chrome_line(ln)]
    missing = [k for k in kept[:1] if not any(k in ln for ln in lines)]
    head = "".join("".join(lines[:15]).split())
    if title and "".join(title.split()) not in head:
        missing.insert(0, title)  # the document title lived only in <title>
    return "\n".join(missing + lines)


def _page_title(soup: BeautifulSoup) -> str | None:
    """The document title from <title>, without the site name: 关于…的通知_某某区政府."""
    if soup.title is None:
        return None
    text = _WS.sub(" ", soup.title.get_text()).strip()
    parts = page_title_parts(text) or [text]
    titles = [p for p in parts if DOC_TYPE_END.search(p)]
    return max(titles, key=len) if titles else None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def read_html(path: Path, data: bytes) -> str:
    """Decode a saved page (its meta charset first) and extract the article."""
    declared = _META_CHARSET.search(data[:4096])
    text = decode_bytes(data, path, declared.group(1).decode("ascii") if declared else None)
    return html_to_text(text, str(path))
