"""What a question asks for, as clause facets (``search.index.facets``).

"企业负责人迟报事故会被罚多少" asks for a fine and a penalty; "事故调查要在多少天内
完成" for a time limit; "重大危险源是什么意思" for a definition. The rules are the
question forms of ``search/data/intents.tsv`` (how people ask, not what they ask
about), so they carry from one law to the next.
"""

from __future__ import annotations

from search.index.facets import FACETS, rule_table

__all__ = ["asked_facets"]


def asked_facets(question: str) -> tuple[str, ...]:
    """The facets a clause needs to answer the question, in ``FACETS`` order."""
    found: set[str] = set()
    for facets, pattern in rule_table("intents.tsv"):
        if pattern.search(question):
            found.update(facets)
    return tuple(f for f in FACETS if f in found)
