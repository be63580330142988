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

from app.study.facts import OMITTED, Fact
from app.study.records import FORMS, Form, PaperOptions, QuizQuestion
from ingest.domain.levels import rank
from ingest.domain.similarity import ALIGN_THRESHOLD, similarity

__all__ = ["BLANK", "CHOICE", "FALSE", "TRUE", "make_paper", "question"]

BLANK = "______"
CHOICE = "（　）"
TRUE, FALSE = "正确", "错误"
TIER_ORDER = ("own", "leaders", "organ", "general")
# Kinds a paper holds only a few of, however many facts there are.
KIND_CAP = {"accident_grade": 3, "principle": 2, "duty": 3, "who": 3}
SHARE = 0.35  # no other kind takes more than this share of the paper
LEAK_WORDS = 3  # an answer this long seen in another stem gives it away (处分 alone does not)


def _cite(fact: Fact) -> str:
    s = fact.source
    return f"根据《{s.doc_title}》{''.join(s.path)}，"


def _stop(text: str) -> str:
    return text if text.endswith(("。", "；", "？", "：", OMITTED)) else text + "。"


def _lead(fact: Fact) -> str:
    return _cite(fact) + (f"{fact.subject}的职责：" if fact.subject else "")


def question(
    fact: Fact,
    form: Form,
    rng: random.Random,
    truth: bool = True,
    avoid: frozenset[str] = frozenset(),
) -> QuizQuestion:
    """The fact asked in one form; ``truth`` says whether a 判断题 keeps the clause's words,
    ``avoid`` the answers of the paper's other questions (a false statement never uses one:
    一般事故 put in 特别重大事故's place is given away by the question on 一般事故)."""
    value = fact.values[0]
    options: tuple[str, ...] = ()
    answer: str | tuple[str, ...] = value
    false_value = ""
    if form == "single":
        text = fact.shown.replace(value, CHOICE, 1)
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
        if truth or not fact.falsehoods:
            text, answer = fact.shown, TRUE
        else:
            fresh = [v for v in fact.falsehoods if v not in avoid]
            if fresh:
                false_value = rng.choice(fresh)
                text, answer = fact.shown.replace(value, false_value, 1), FALSE
            else:  # every wrong value is another question's answer: state the clause instead
                text, answer = fact.shown, TRUE
    else:  # fill
        text = fact.shown.replace(value, value.replace(fact.fill, BLANK, 1), 1)
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


def _shows(a: Fact, b: Fact) -> bool:
    """Whether b's stem shows a's answer (重大事故 inside b's own 特别重大事故 does not)."""
    shown = b.shown
    for v in b.values:
        shown = shown.replace(v, "|")
    return any(len(v) >= LEAK_WORDS and v in shown for v in a.values)


def _same_thing(a: Fact, b: Fact) -> bool:
    """Whether two facts would make one question twice, or one give the other away: a stem
    that shows the other's answer, the same list of tasks asked twice as a 多选题 or once as
    a 多选题 and once item by item, or the same measure for a case worded alike (取消评优
    for 被追究领导责任的, copied across levels)."""
    if a.sentence == b.sentence and (_shows(a, b) or _shows(b, a)):
        return True  # one stem would show the other's answer
    shared = set(a.topics) & set(b.topics)
    if any(t.startswith("list:") for t in shared):
        return True
    lists = {t.split(":", 1)[1] for t in a.topics + b.topics if t.startswith("list:")}
    items = {t.split(":", 1)[1] for t in a.topics + b.topics if t.startswith("item:")}
    if lists & items:
        return True  # a 判断题 on one task of a list gives away an option of its 多选题
    return bool(shared) and similarity(a.sentence, b.sentence) >= ALIGN_THRESHOLD


def _choose(facts: list[Fact], options: PaperOptions, rng: random.Random) -> list[Fact]:
    """Kinds in turn (each kind's facts shuffled, the role's own first, hard ones first when
    asked), no kind beyond its cap, no fact that would ask what a chosen one asks."""
    by_kind: dict[str, list[Fact]] = defaultdict(list)
    for f in sorted(facts, key=lambda f: (f.kind, f.key)):
        by_kind[f.kind].append(f)
    for items in by_kind.values():
        rng.shuffle(items)
        items.sort(key=lambda f: (options.difficulty == "hard" and not f.hard, f.tier != "own"))
    share = max(2, math.ceil(options.count * SHARE))
    caps = {k: min(KIND_CAP.get(k, share), share) for k in by_kind}
    kinds = sorted(by_kind, key=lambda k: (-len(by_kind[k]), k))
    chosen: list[Fact] = []
    taken: Counter[str] = Counter()
    while len(chosen) < options.count and any(by_kind[k] and taken[k] < caps[k] for k in kinds):
        for k in kinds:
            while by_kind[k] and taken[k] < caps[k] and len(chosen) < options.count:
                fact = by_kind[k].pop(0)
                if not any(_same_thing(fact, c) for c in chosen):
                    chosen.append(fact)
                    taken[k] += 1
                    break
    return chosen


def make_paper(facts: Sequence[Fact], options: PaperOptions) -> list[QuizQuestion]:
    """Up to ``options.count`` questions in the forms asked, printed form by form."""
    rng = random.Random(options.seed)
    pool = [f for f in _best(facts) if set(f.forms) & set(options.forms)]
    if options.difficulty == "easy":
        pool = [f for f in pool if not f.hard]
    used: Counter[str] = Counter()
    first_true = rng.randint(0, 1)  # 判断题 alternate true and false, starting as the seed says
    made: list[QuizQuestion] = []
    chosen = _choose(pool, options, rng)
    answers = frozenset(v for f in chosen for v in f.values)
    stated: set[str] = set()
    for fact in chosen:
        allowed = [f for f in options.forms if f in fact.forms]
        form = min(allowed, key=lambda f: (used[f], options.forms.index(f)))
        truth = (used[form] + first_true) % 2 == 0
        used[form] += 1
        q = question(fact, form, rng, truth=truth, avoid=answers - set(fact.values) | stated)
        stated |= {q.false_value} - {""}  # nor twice the same wrong value
        made.append(q)
    return sorted(made, key=lambda q: FORMS.index(q.form))
