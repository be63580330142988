"""Sanction rules of a document as comparable units, for the draft check.

A sanction rule is a sentence holding sanctions: the case it applies in (its trigger,
with the thresholds it names: 一年内, 较大, 3起) and the set of sanction types. Every
other sentence stating a case (…的) is kept too, so a reference's rule can be tied to a
draft that states the case without its sanctions.
"""

from __future__ import annotations

import re

from app.review.applicability import Addressee, sanction_addressee
from app.review.units import Unit, clause_paths, mask, sentence_span
from ingest.records import Document, Facts

__all__ = ["rule_sentences", "sanction_units", "thresholds"]

_CASE = 8  # a trigger this long is the case itself; shorter, the sentence stands for it
# A sanction rule says when it applies: 对…的, …情形, 发生…事故, 考核不合格
_CONDITION = re.compile(r"的|情形|发生|不合格|不力|未")

# Thresholds in a trigger: 3起, 10人, 100万元; the accident grade; the time it counts
# over (一年内, 3个月内, 连续两年).
_THRESHOLD = re.compile(
    r"(?:[0-9]+|[一二两三四五六七八九十]+)\s*(?:起|人|名|万元|亿元)|特别重大|重大|较大|一般"
    r"|(?:[0-9]+|[一二两三四五六七八九十半]+)\s*(?:年|个月|日|天)内|连续(?:[0-9]+|[一二两三四五])\s*年"
)


def thresholds(trigger: str) -> list[str]:
    """The thresholds a sanction's case names, in order (一年内, 较大, 3起, 一般)."""
    return list(dict.fromkeys(_THRESHOLD.findall(trigger)))


def sanction_units(doc: Document, facts: Facts) -> list[Unit]:
    """One unit per sentence holding sanctions: its trigger and the set of types."""
    paths = clause_paths(doc)
    groups: dict[tuple[str, int, int], list] = {}
    for s in facts.sanctions:
        a, b = sentence_span(doc.text, s.start, s.end)
        groups.setdefault((s.clause_id, a, b), []).append(s)
    out = []
    for (clause_id, a, b), items in groups.items():
        sentence = doc.text[a:b].strip()
        trigger = max((s.trigger for s in items), key=len)
        if not _CONDITION.search(sentence):
            continue  # how forms combine (组织处理和处分可以同时使用), or a system's name
        words = trigger if len(trigger) >= _CASE else sentence
        role = next((s.role for s in items if s.role), None)
        types = tuple(dict.fromkeys(s.type for s in items))
        start = min(s.start for s in items)
        addr = sanction_addressee(doc, facts, clause_id, role, a, b)
        out.append(
            Unit(
                doc, "sanction", clause_id, role, "", "", mask(words), sentence, start, addr,
                paths.get(clause_id, ()), said=words, types=types,
                case=trigger if len(trigger) >= _CASE else "",
            )
        )  # fmt: skip
    return out


def rule_sentences(doc: Document) -> list[Unit]:
    """Every sentence of the document that states a case (…的), as a unit a reference's
    sanction rule can be tied to when the draft states the case without its sanctions."""
    out = []
    for c in doc.clauses:
        for m in re.finditer(r"[^。；;！？\n]+[。；;！？]?", c.text):
            sentence = m.group().strip()
            if "的" in sentence and len(sentence) >= 8:
                start = c.start + m.start()
                out.append(
                    Unit(
                        doc, "sentence", c.clause_id, None, "", "", mask(sentence), sentence,
                        start, Addressee(None, "unknown", "general"), c.path, said=sentence,
                    )
                )  # fmt: skip
    return out
