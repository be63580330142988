"""The exam paper: facts turned into 单选题, 多选题, 判断题 and 填空题, with the key.

A question is the cited clause's sentence with the answer left out (or, for a
判断题, kept or replaced by a distractor), introduced by its citation, so its
words are the document's. Two facts that ask the same thing (one key) give one
question, taken from the document nearest the chosen level. Kinds are taken in
turn so the paper covers how often, by when, who and what follows; no kind
fills more than its share. Forms are spread evenly over the forms asked for.
The seed orders equally good facts, options and true/false statements, so the
same options give the same paper.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Sequence

from app.study.facts import Fact
from app.study.records import FORMS, Form, PaperOptions, QuizQuestion
from ingest.domain.levels import rank

__all__ = ["BLANK", "CHOICE", "FALSE", "TRUE", "make_paper", "question"]

BLANK = "______"
CHOICE = "（　）"
TRUE, FALSE = "正确", "错误"
TIER_ORDER = ("own", "leaders", "organ", "general")
# Kinds a paper holds only a few of, however many facts there are.
KIND_CAP = {"accident_grade": 3, "principle": 2, "duty": 3, "who": 3}
SHARE = 0.35  # no other kind takes more than this share of the paper


def _cite(fact: Fact) -> str:
    s = fact.source
    return f"根据《{s.doc_title}》{''.join(s.path)}，"


def _stop(text: str) -> str:
    return text if text.endswith(("。", "；", "？", "：")) else text + "。"


def _lead(fact: Fact) -> str:
    return _cite(fact) + (f"{fact.subject}的职责：" if fact.subject else "")


def question(fact: Fact, form: Form, rng: random.Random, truth: bool = True) -> QuizQuestion:
    """The fact asked in one form; ``truth`` says whether a 判断题 keeps the clause's words."""
    value = fact.values[0]
    options: tuple[str, ...] = ()
    answer: str | tuple[str, ...] = value
    false_value = ""
    if form == "single":
        text = fact.sentence.replace(value, CHOICE, 1)
        options = tuple(
            rng.sample([value, *fact.alternatives[:3]], k=1 + len(fact.alternatives[:3]))
        )
    elif form == "multiple":
        text = fact.prompt or fact.sentence
        pool = [*fact.values, *fact.alternatives[: max(0, 5 - len(fact.values))]]
        options = tuple(rng.sample(pool, k=len(pool)))
        answer = tuple(o for o in options if o in fact.values)
    elif form == "true_false":
        options = (TRUE, FALSE)
        if truth:
            text, answer = fact.sentence, TRUE
        else:
            false_value = rng.choice(fact.alternatives)
            text, answer = fact.sentence.replace(value, false_value, 1), FALSE
    else:  # fill
        text = fact.sentence.replace(value, value.replace(fact.fill, BLANK, 1), 1)
        answer = fact.fill
    return QuizQuestion(
        form=form,
        kind=fact.kind,
        difficulty="hard" if fact.hard else "easy",
        question=_lead(fact) + _stop(text),
        options=options,
        answer=answer,
        evidence=fact.values,
        source=fact.source,
        quote=fact.quote,
        false_value=false_value,
    )


def _best(facts: Sequence[Fact]) -> list[Fact]:
    """One fact per key: the role's own before its body's, the nearest level first."""
    chosen: dict[tuple[str, ...], Fact] = {}
    for f in facts:
        order = (TIER_ORDER.index(f.tier), -rank(f.source.level))
        old = chosen.get(f.key)
        if old is None or order < (TIER_ORDER.index(old.tier), -rank(old.source.level)):
            chosen[f.key] = f
    return list(chosen.values())


def _order(facts: list[Fact], options: PaperOptions, rng: random.Random) -> list[Fact]:
    """Kinds in turn (each kind's facts shuffled, the role's own first, hard ones first when
    asked), capped so no kind fills the paper."""
    by_kind: dict[str, list[Fact]] = defaultdict(list)
    for f in sorted(facts, key=lambda f: (f.kind, f.key)):
        by_kind[f.kind].append(f)
    for items in by_kind.values():
        rng.shuffle(items)
        items.sort(key=lambda f: (options.difficulty == "hard" and not f.hard, f.tier != "own"))
    share = max(2, math.ceil(options.count * SHARE))
    caps = {k: min(KIND_CAP.get(k, share), share) for k in by_kind}
    kinds = sorted(by_kind, key=lambda k: (-len(by_kind[k]), k))
    out: list[Fact] = []
    taken: Counter[str] = Counter()
    while any(by_kind[k] and taken[k] < caps[k] for k in kinds):
        for k in kinds:
            if by_kind[k] and taken[k] < caps[k]:
                out.append(by_kind[k].pop(0))
                taken[k] += 1
    return out


def make_paper(facts: Sequence[Fact], options: PaperOptions) -> list[QuizQuestion]:
    """Up to ``options.count`` questions in the forms asked, printed form by form."""
    rng = random.Random(options.seed)
    pool = [f for f in _best(facts) if set(f.forms) & set(options.forms)]
    if options.difficulty == "easy":
        pool = [f for f in pool if not f.hard]
    used: Counter[str] = Counter()
    first_true = rng.randint(0, 1)  # 判断题 alternate true and false, starting as the seed says
    made: list[QuizQuestion] = []
    for fact in _order(pool, options, rng)[: options.count]:
        allowed = [f for f in options.forms if f in fact.forms]
        form = min(allowed, key=lambda f: (used[f], options.forms.index(f)))
        truth = (used[form] + first_true) % 2 == 0
        used[form] += 1
        made.append(question(fact, form, rng, truth=truth))
    return sorted(made, key=lambda q: FORMS.index(q.form))
