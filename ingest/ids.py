"""Identifiers with a grammar, minted here and nowhere else.

A clause id is a path of steps joined by ``__``; a step is ``prefix_number``
with an optional ``-k`` for 之k articles (第五条之一 -> ``art_5-1``)::

    chp_2__sec_1__art_10__item_4        第二章第一节第十条（四）
    sec_2__item_3__sub_1                二、（三）1.
    att_1__row_9                        附件1, table row 9

The same id is the RDF IRI suffix, the search index key and the app's deep
link, so ``parse_clause_id(format_clause_id(steps)) == steps`` always holds.
A document id is a lowercase ASCII slug (the corpus file's stem).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PREFIX_KIND",
    "Step",
    "child_id",
    "format_clause_id",
    "make_doc_id",
    "parse_clause_id",
    "path_text",
]

# prefix -> clause kind (docs/cli.md kinds); the order is the usual nesting depth.
PREFIX_KIND: dict[str, str] = {
    "bk": "chapter",  # 编
    "sbk": "chapter",  # 分编
    "chp": "chapter",  # 章
    "sec": "section",  # 节, and the policy style 一、
    "art": "article",  # 条
    "para": "paragraph",  # 款, unnumbered paragraphs and preamble
    "item": "item",  # 项 （一）
    "sub": "subitem",  # 目 1.
    "pt": "subitem",  # （1）
    "ind": "subitem",  # ①
    "att": "attachment",  # 附件
    "row": "table_row",  # a table row
}

_STEP = re.compile(r"(?P<prefix>[a-z]+)_(?P<number>[0-9]+)(?:-(?P<sub>[0-9]+))?")
_DOC_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True, slots=True, order=True)
class Step:
    """One step of a clause path: ``art_5-1`` is Step("art", 5, 1)."""

    prefix: str
    number: int
    sub: int | None = None

    def __str__(self) -> str:
        tail = f"-{self.sub}" if self.sub is not None else ""
        return f"{self.prefix}_{self.number}{tail}"


def format_clause_id(steps: tuple[Step, ...] | list[Step]) -> str:
    """Join steps into a clause id; raises ValueError on an unknown prefix or no steps."""
    if not steps:
        raise ValueError("a clause id needs at least one step")
    for s in steps:
        if s.prefix not in PREFIX_KIND or s.number < 0 or (s.sub is not None and s.sub < 1):
            raise ValueError(f"bad clause id step: {s!r}")
    return "__".join(str(s) for s in steps)


def parse_clause_id(clause_id: str) -> tuple[Step, ...]:
    """Split a clause id into steps; raises ValueError when it does not follow the grammar."""
    steps = []
    for part in clause_id.split("__"):
        m = _STEP.fullmatch(part)
        if not m or m["prefix"] not in PREFIX_KIND:
            raise ValueError(f"not a clause id: {clause_id!r}")
        sub = int(m["sub"]) if m["sub"] else None
        if sub == 0 or (m["sub"] or "").startswith("0") or m["number"] != str(int(m["number"])):
            raise ValueError(f"not a clause id: {clause_id!r}")
        steps.append(Step(m["prefix"], int(m["number"]), sub))
    return tuple(steps)


def child_id(parent_id: str | None, prefix: str, number: int, sub: int | None = None) -> str:
    """The id of a child clause under ``parent_id`` (None for a top-level clause)."""
    own = format_clause_id([Step(prefix, number, sub)])
    return own if parent_id is None else f"{parent_id}__{own}"


def make_doc_id(path: str | Path, content: bytes | str = b"") -> str:
    """A stable document id from a file name: its ASCII slug, else a content hash.

    ``county_wangyi_2018_leader_responsibility_draft.txt`` keeps its stem; a
    name with no ASCII letters (``意见.docx``) becomes ``doc_<sha1[:10]>``.
    """
    stem = unicodedata.normalize("NFKC", Path(path).stem).lower()
    slug = re.sub(r"[^a-z0-9_-]+", "_", stem).strip("_-")
    slug = re.sub(r"_{2,}", "_", slug)
    if _DOC_ID.fullmatch(slug or "") and re.search(r"[a-z]", slug):
        return slug
    data = content.encode("utf-8") if isinstance(content, str) else content
    digest = hashlib.sha1(data or str(path).encode("utf-8")).hexdigest()[:10]
    return f"doc_{digest}"


def path_text(path: Sequence[str], empty: str = "正文") -> str:
    """A clause's place as people cite it, 第二章 › 第十条 › （四）: the human twin of its id.

    ``empty`` is what a clause without a numbered path shows (the parser gives every clause
    one, 第1段 for an unnumbered paragraph; never the raw id, which no reader cites)."""
    return " › ".join(p for p in path if p) or empty
