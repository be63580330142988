"""Whether a question's answer is provable from its cited clause (automatic checks).

Run on the JSON of ``dutygraph study --json`` (by the tests and ``make eval``), so
they check what a trainer receives: the answer's words stand in the cited clause,
the right option is among the options, no option repeats, no wrong option is a
value the clause also states, and a 判断题 is true or false by the clause's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["TRUE_FALSE", "problems"]

TRUE_FALSE = ("正确", "错误")


def _without(clause: str, words: list[str]) -> str:
    """The clause without the answer's words: 重大事故 inside the answer 特别重大事故 is not
    stated on its own."""
    for w in words:
        clause = clause.replace(w, "|")
    return clause


def problems(q: Mapping[str, Any]) -> list[str]:
    """What is wrong with one question of the JSON (an empty list when it is provable)."""
    clause, options, form = q["clause_text"], list(q["options"]), q["form"]
    answers = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
    out = [f"evidence not in the clause: {e}" for e in q["evidence"] if e not in clause]
    if len(set(options)) != len(options):
        out.append("duplicate options")
    if form in ("single", "multiple"):
        if len(options) < 4:
            out.append("fewer than four options")
        out += [f"answer not among the options: {a}" for a in answers if a not in options]
        out += [f"answer not in the clause: {a}" for a in answers if a not in clause]
        rest = _without(clause, answers)
        out += [
            f"wrong option stated by the clause: {o}"
            for o in options
            if o not in answers and o in rest
        ]
        if form == "single" and len(answers) != 1:
            out.append("a single choice with several answers")
    elif form == "true_false":
        if options != list(TRUE_FALSE) or answers[0] not in TRUE_FALSE:
            out.append("a true/false question without 正确/错误")
        elif answers[0] == "正确" and not all(e in q["question"] for e in q["evidence"]):
            out.append("a true statement without the clause's words")
        elif answers[0] == "错误" and (
            not q["false_value"]
            or q["false_value"] in _without(clause, q["evidence"])
            or q["false_value"] not in q["question"]
        ):
            out.append("a false statement whose replaced value the clause states")
    elif form == "fill" and ("____" not in q["question"] or answers[0] not in clause):
        out.append("a blank whose answer is not the clause's words")
    return out
