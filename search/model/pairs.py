"""Question-clause pairs made from the documents themselves, to train the e5 adapter.

No pair comes from an evaluation set: questions are written from what extraction
found in each clause, in the plain forms people ask (search/data/intents.tsv):
- a sanction with its trigger -> "{trigger}会受到什么处罚" / "{trigger}要罚多少钱";
- a frequency with its activity -> "{role}多久{activity}一次";
- a definition (X是指) -> "X是什么意思";
- a duty with its role -> "{role}要做什么" paired with the clause that gives it.
The clause side is the unit's embedded passage (headings and lead-in, then text).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from ingest.records import Document, Facts
from search.index.units import build_units

__all__ = ["make_pairs"]

# "本法所称重大危险源，是指…", "危险物品，是指…": the defined term before 是指.
_DEFINED = re.compile(r"(?:所称)?([\u4e00-\u9fff“”]{2,16})[，,]?是指")
# Trailing words of a trigger that a question would not repeat.
_TRIGGER_TAIL = re.compile(r"[的，,。；\s]+$")
# Duty questions kept per document (they are many and alike).
_DUTIES_PER_DOC = 40


def make_pairs(docs: Sequence[tuple[Document, Facts]], seed: int = 18) -> list[tuple[str, str]]:
    """(question, passage) pairs, deduplicated, in a seeded order."""
    rng = random.Random(seed)
    passage = {(u.doc_id, u.clause_id): u.passage for u in build_units(docs)}
    pairs: list[tuple[str, str]] = []

    def add(doc_id: str, clause_id: str, question: str) -> None:
        p = passage.get((doc_id, clause_id))
        if p and 4 <= len(question) <= 60:
            pairs.append((question, p))

    for doc, facts in docs:
        for s in facts.sanctions:
            trigger = _TRIGGER_TAIL.sub("", s.trigger)
            if len(trigger) >= 6:
                ask = "要罚多少钱" if s.type == "罚款" else "会受到什么处罚"
                add(doc.doc_id, s.clause_id, f"{trigger}{ask}")
        for f in facts.frequencies:
            if f.per_year is not None and f.activity:
                add(doc.doc_id, f.clause_id, f"{f.role or ''}多久{f.activity}一次")
        for c in doc.clauses:
            for term in _DEFINED.findall(c.text):
                add(doc.doc_id, c.clause_id, f"{term.strip('“”')}是什么意思")
        duties = [d for d in facts.duties if d.role and len(d.activity) >= 4]
        for d in rng.sample(duties, min(_DUTIES_PER_DOC, len(duties))):
            add(doc.doc_id, d.clause_id, f"{d.role}要{d.activity}吗")
    unique = list(dict.fromkeys(pairs))
    rng.shuffle(unique)
    return unique
