"""Facts about who does what: whose duty a sentence states, and which tasks a list gives.

Distractors are the other leader posts of the same document, named as that document
names them (各级党委主要负责人, 政府其他领导干部), and only those the document does not
give the same words to: if 党委主要负责人 also 负总责, 负总责 never asks "who". The
tasks of a list are its items' opening words; a distractor is the opening of an item
another post's list gives, for a task the role's list does not hold.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from app.study.facts import Fact, sentence_at
from app.study.rules import BASIS_ONLY, JOINT, SENTENCE
from app.study.scope import Scope
from ingest.domain.vocabulary import concepts
from ingest.extract.duties import classify
from ingest.parse.headings import label_end
from ingest.records import Document, Duty, Facts

__all__ = ["duty_facts", "who_facts"]

SUBJECT_AT = 6  # the role's name opens its sentence within this many characters (各级, 区)
PHRASE = (6, 30)  # characters of an item's opening words shown as an option
PREAMBLE = 10  # characters of an item's opening words that name no task and may be skipped
COMMON = "安全生产"  # shared by every task: no sign that two tasks are the same
LIST_HEAD = 100  # a name heading the post's list of duties outweighs any count of mentions


def _posts(scope: Scope) -> set[str]:
    """The leader posts of the role's kind (党委主要负责人, 政府班子其他成员…), not bodies."""
    return {c.label for c in concepts("role") if c.organ and c.position and c.label in scope.family}


def _surfaces(scope: Scope, doc: Document, facts: Facts) -> dict[str, str]:
    """Each other post of the role's kind -> how the document names it: as the heading of its
    list of duties (第十二条 各级政府其他领导干部…), else its most frequent name."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    posts = _posts(scope)
    parent = {c.clause_id: c.parent_id for c in doc.clauses}
    heads = {(parent.get(d.clause_id), d.role) for d in facts.duties}
    for r in facts.roles:
        if r.role in posts and r.role != scope.role and not r.inherited:
            counts[r.role][r.text] += 1 + LIST_HEAD * ((r.clause_id, r.role) in heads)
    return {role: c.most_common(1)[0][0] for role, c in counts.items() if len(c) and role}


def _shared(doc: Document, surface: str, rest: str) -> bool:
    """Whether the document gives another post the same words (surface and rest together)."""
    probe = rest.strip("，,、 ")[:24]
    return any(surface in s and probe in s for s in SENTENCE.findall(doc.text))


def who_facts(scope: Scope) -> list[Fact]:
    """Sentences that open with the role's own name and state its duty or responsibility."""
    out: list[Fact] = []
    for doc, facts in scope.pairs:
        others = _surfaces(scope, doc, facts)
        seen: set[str] = set()
        for r in facts.roles:
            if r.role != scope.role or r.inherited or not scope.applies(doc, r.level):
                continue
            located = sentence_at(doc, r.start, r.end)
            if located is None or located[0] in seen:
                continue
            sentence, at = located
            if not 0 <= r.start - at <= SUBJECT_AT or sentence.count(r.text) != 1:
                continue
            if JOINT.search(r.text):
                continue
            if not any(d.clause_id == r.clause_id and d.role == r.role for d in facts.duties):
                continue
            seen.add(sentence)
            rest = sentence[r.end - at :]
            source = scope.source(doc, r.clause_id, items=False)
            alternatives = tuple(
                s
                for s in others.values()
                if s not in source.clause_text and r.text not in s and not _shared(doc, s, rest)
            )
            if len(alternatives) < 3:
                continue
            out.append(
                Fact(
                    kind="who",
                    tier="own",
                    role=r.role,
                    subject="",
                    sentence=sentence,
                    values=(r.text,),
                    alternatives=alternatives[:3],
                    source=source,
                    key=("who", r.role, doc.doc_id, sentence[:20]),
                    forms=("single", "true_false"),
                )
            )
    return out


def _opening(doc: Document, d: Duty) -> str:
    """An item's opening task (up to a comma) as an option of a 多选题, or "": its first part,
    after a condition (发生安全生产事故时) or a short preamble naming no task (高度重视安全生产
    工作); a first part too long to be an option gives none (a later part is a fragment)."""
    clause = doc.clause(d.clause_id)
    text = clause.text[label_end(clause.text) :]
    head = SENTENCE.match(text)
    for part in (head.group() if head else text).split("，"):
        part = part.rstrip("。；;，")
        if part.endswith(("时", "后", "的")) or (len(part) <= PREAMBLE and not classify(part)):
            continue  # a condition or a preamble: the task follows
        fits = PHRASE[0] <= len(part) <= PHRASE[1] and not BASIS_ONLY.search(part)
        return part if fits else ""
    return ""


def _overlaps(phrase: str, texts: list[str]) -> bool:
    """Whether a distractor shares four characters of content with the role's own tasks."""
    content = [t.replace(COMMON, "") for t in texts]
    bare = phrase.replace(COMMON, "")
    return any(bare[i : i + 4] in t for i in range(len(bare) - 3) for t in content)


def _lists(facts: Facts, doc: Document, roles: set[str]) -> dict[tuple[str, str], list[Duty]]:
    """(role, parent clause) -> the role's inherited duties in that list, one per item."""
    parent = {c.clause_id: c.parent_id for c in doc.clauses}
    out: dict[tuple[str, str], list[Duty]] = defaultdict(list)
    for d in facts.duties:
        up = parent.get(d.clause_id)
        if d.role not in roles or not up or d.category == "其他":
            continue
        if all(x.clause_id != d.clause_id for x in out[(d.role, up)]):
            out[(d.role, up)].append(d)
    return out


def duty_facts(scope: Scope) -> list[Fact]:
    """For each list of the role's duties: which of these tasks are the role's."""
    out: list[Fact] = []
    for doc, facts in scope.pairs:
        lists = _lists(facts, doc, _posts(scope))
        for (role, parent_id), items in lists.items():
            if role != scope.role or len(items) < 2:
                continue
            source = scope.source(doc, parent_id)
            mine = {d.activity for d in items}
            own_texts = [source.clause_text]  # the whole list, items of category 其他 included
            values = tuple(dict.fromkeys(p for d in items if (p := _opening(doc, d))))[:3]
            alternatives = tuple(
                dict.fromkeys(
                    p
                    for (other, _), theirs in lists.items()
                    if other != role
                    for d in theirs
                    if d.activity not in mine
                    and (p := _opening(doc, d))
                    and p not in source.clause_text
                    and not _overlaps(p, own_texts)
                )
            )
            if len(values) < 2 or len(alternatives) < 2:
                continue
            names = [
                r.text
                for r in facts.roles
                if r.clause_id == parent_id and r.role == role and not r.inherited
            ]
            name = names[0] if names else role
            out.append(
                Fact(
                    kind="duty",
                    tier="own",
                    role=role,
                    subject="",
                    sentence=f"{name}的安全生产职责包括：{values[0]}",
                    values=values,
                    alternatives=alternatives[: 5 - len(values)],
                    source=source,
                    key=("duty", role, doc.doc_id, parent_id),
                    topics=(f"list:{doc.doc_id}:{parent_id}",),
                    forms=("multiple",),
                    prompt=f"下列属于{name}安全生产职责的有（　）。",
                )
            )
            out += [  # each task alone: 判断题 true with it, false with another post's task
                Fact(
                    kind="duty",
                    tier="own",
                    role=role,
                    subject="",
                    sentence=f"{name}的安全生产职责包括：{value}",
                    values=(value,),
                    alternatives=alternatives,
                    source=source,
                    key=("duty", role, doc.doc_id, value),
                    topics=(f"item:{doc.doc_id}:{parent_id}",),
                    forms=("true_false",),
                )
                for value in values
            ]
    return out
