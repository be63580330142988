"""Exact references in a question: 第N条, 第N条第M款, 第N项 or （四）, after a law's name or 文号.

"王益区实施意见第十一条第四项" names a clause, not a topic: it should come back first,
whatever BM25 and the vectors think. A reference is read with the rules below; the
words before it name the document (its short name, any run of its title's
characters in order, or its 文号). When a named document holds the clause, its units
are pinned to the top; when no document is named, units holding a clause of that
number are only favoured (many laws have a 第五条).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.domain.numerals import to_int
from ingest.parse.citations import DOC_NUMBER
from search.index.units import Unit

__all__ = ["ClauseRef", "RefIndex", "find_ref"]

_NUM = r"[0-9零〇一二三四五六七八九十百千两]+"
# A reference: 第十一条, then optionally 第二款, then 第四项 or （四）.
_REF = re.compile(
    rf"第(?P<art>{_NUM})条"  # the article
    rf"(?:之(?P<sub>{_NUM}))?"  # an inserted article: 第五条之一
    rf"(?:第(?P<para>{_NUM})款)?"  # a paragraph (款)
    rf"(?:第(?P<item>{_NUM})项|[（(](?P<item2>{_NUM})[）)])?"  # an item, written 第四项 or （四）
)
# Path labels of units, as `parse` writes them.
_ARTICLE_LABEL = re.compile(rf"^第({_NUM})条")
_PARA_LABEL = re.compile(r"^第(\d+)[款段]$")
_ITEM_LABEL = re.compile(rf"^[（(]?({_NUM})[）)．.、]?$")
# Words around a document name that are not part of it.
_NAME_NOISE = re.compile(r"[《》<>〈〉“”\"'\s]|^(?:请问|根据|按照|依照|查询|看看)|的$")
# Endings that say what kind of document a name is (法, 条例, 规定, 意见, ...): kept strict.
_KIND_CHARS = 2
# Share of a name's characters that must appear, in order, in a title.
_MIN_MATCH = 0.75


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """A clause reference read from a question."""

    name: str  # the words naming the document ("" when none)
    article: int
    para: int | None
    item: int | None


def find_ref(question: str) -> ClauseRef | None:
    """The first clause reference in a question, with the name before it."""
    text = unicodedata.normalize("NFKC", question)
    m = _REF.search(text)
    if not m or to_int(m["art"]) is None:
        return None
    name = _NAME_NOISE.sub("", text[: m.start()]).strip()
    item = m["item"] or m["item2"]
    return ClauseRef(
        name=name,
        article=to_int(m["art"]) or 0,
        para=to_int(m["para"]) if m["para"] else None,
        item=to_int(item) if item else None,
    )


def _in_order(name: str, title: str) -> float:
    """Share of the name's characters found in the title in the same order."""
    pos, found = 0, 0
    for ch in name:
        k = title.find(ch, pos)
        if k >= 0:
            found, pos = found + 1, k + 1
    return found / len(name) if name else 0.0


def _names_doc(name: str, title: str, doc_number: str) -> bool:
    if not name:
        return False
    m = DOC_NUMBER.search(name)
    if m and doc_number:
        return _compact(m.group()) == _compact(doc_number)
    title = unicodedata.normalize("NFKC", title)
    return name[-_KIND_CHARS:] in title and _in_order(name, title) >= _MIN_MATCH


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _numbers(path: Sequence[str]) -> tuple[int | None, int | None, int | None]:
    """(article, paragraph, item) numbers of a unit's path labels."""
    art = para = item = None
    for label in path:
        if (m := _ARTICLE_LABEL.match(label)) and art is None:
            art = to_int(m.group(1))
        elif (m := _PARA_LABEL.match(label)) and art is not None:
            para = int(m.group(1))
        elif (m := _ITEM_LABEL.match(label)) and art is not None:
            item = to_int(m.group(1))
    return art, para, item


class RefIndex:
    """Units by the article, paragraph and item numbers of their paths."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = units
        self._numbers = [_numbers(u.path) for u in units]

    def _matches(self, i: int, ref: ClauseRef) -> bool:
        art, para, item = self._numbers[i]
        if art != ref.article:
            return False
        if ref.para is not None and para != ref.para:
            return False
        return ref.item is None or item == ref.item

    def resolve(self, ref: ClauseRef) -> tuple[list[int], bool]:
        """(unit indices holding the clause, in document order; whether a document was named).

        Only documents the name fits are searched when one is named and holds the clause."""
        hits = [i for i in range(len(self.units)) if self._matches(i, ref)]
        named = [
            i
            for i in hits
            if _names_doc(ref.name, self.units[i].doc_title, self.units[i].doc_number)
        ]
        return (named, True) if named else (hits, False)
