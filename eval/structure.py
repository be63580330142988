"""Structure quality: seeds against the issue's targets, laws against independent counts.

Prints one line per check and a summary. The law counts come from line-start
regexes over the raw files (as in ``tests/ingest/test_laws.py``), never from
the parser itself; the seed targets are the figures written in issue 2.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import cn2an

from ingest import parse_file
from ingest.records import Document
from tests.conftest import SEEDS

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
_NUM = "[一二三四五六七八九十百零两〇]+"


def _count(doc: Document, kind: str, parent_label: str | None = None) -> int:
    if parent_label is None:
        return sum(1 for c in doc.clauses if c.kind == kind)
    (parent,) = [c for c in doc.clauses if c.label == parent_label]
    return sum(
        1 for c in doc.clauses if c.kind == kind and c.clause_id.startswith(parent.clause_id)
    )


def _top(doc: Document, kind: str) -> int:
    return sum(1 for c in doc.clauses if c.kind == kind and c.parent_id is None)


# seed -> [(what, target, how to measure)]
TARGETS: dict[str, list[tuple[str, object, Callable[[Document], object]]]] = {
    "000": [
        ("chapters", 6, lambda d: _count(d, "chapter")),
        ("节", 3, lambda d: sum(1 for c in d.clauses if c.label.endswith("节"))),
        ("articles", 33, lambda d: _count(d, "article")),
        ("items in 第五条", 13, lambda d: _count(d, "item", "第五条")),
        ("items in 第十条", 8, lambda d: _count(d, "item", "第十条")),
        ("items in 第二十四条", 7, lambda d: _count(d, "item", "第二十四条")),
        ("status/level", ("draft", "county"), lambda d: (d.status, d.level)),
    ],
    "001": [
        ("一、 sections", 3, lambda d: _top(d, "section")),
        ("table rows", 9, lambda d: _count(d, "table_row")),
        ("doc_number", "大发〔2019〕45号", lambda d: d.doc_number),
        ("issuer", "中共大栗港镇委员会", lambda d: d.issuer),
        ("date", "2019-07-01", lambda d: d.date),
        ("level", "township", lambda d: d.level),
    ],
    "002": [
        ("一、 sections", 7, lambda d: _top(d, "section")),
        ("（N） items", 33, lambda d: _count(d, "item")),
        ("table rows", 57, lambda d: _count(d, "table_row")),
        ("status/level", ("draft", "county"), lambda d: (d.status, d.level)),
    ],
    "003": [
        ("status/level", ("interpretation", "province"), lambda d: (d.status, d.level)),
        ("date", "2018-11-20", lambda d: d.date),
    ],
    "004": [
        ("top-level sections", 15, lambda d: _top(d, "section")),
        ("status/level", ("draft", "city"), lambda d: (d.status, d.level)),
    ],
}


def _heads(text: str, unit: str) -> list[int]:
    found = re.findall(rf"(?m)^[ \t\u3000]*第\s*({_NUM})\s*{unit}", text)
    return [int(cn2an.cn2an(n, "smart")) for n in found]


def _law_ok(path: Path) -> tuple[bool, str]:
    raw = path.read_text(encoding="utf-8")
    doc = parse_file(path)
    n = max(_heads(raw, "条"))
    arts = [c.number for c in doc.clauses if c.kind == "article"]
    chapters = sum(1 for c in doc.clauses if c.label.endswith("章"))
    sections = sum(1 for c in doc.clauses if c.label.endswith("节"))
    want = (list(range(1, n + 1)), len(_heads(raw, "章")), len(_heads(raw, "节")))
    ok = (arts, chapters, sections) == want
    return ok, f"{len(arts)}/{n} articles, {chapters} 章, {sections} 节"


def main() -> None:
    passed = total = 0
    for seed, checks in TARGETS.items():
        doc = parse_file(SEEDS[seed])
        for what, target, measure in checks:
            got = measure(doc)
            total += 1
            passed += got == target
            print(
                f"  {'ok ' if got == target else 'BAD'} seed {seed} {what}: {got} (target {target})"
            )
    laws = sorted(
        p
        for p in CORPUS.glob("*.txt")
        if p.name.startswith(("national_", "province_", "city_ningbo", "city_shenzhen"))
        and "interpretation" not in p.name
    )
    laws_ok = 0
    for path in laws:
        ok, detail = _law_ok(path)
        laws_ok += ok
        print(f"  {'ok ' if ok else 'BAD'} {path.stem}: {detail}")
    print(f"structure: seed targets {passed}/{total}, laws exact {laws_ok}/{len(laws)}")


if __name__ == "__main__":
    main()
