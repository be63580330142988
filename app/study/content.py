"""A trainer's study pack for a role: key clauses, a glossary and a quiz with its key.

Everything is taken from the documents and their extracted facts, never
written here: glossary definitions are corpus sentences that explain a term
(terms in ``data/study_terms.tsv``), and every quiz answer is words of the
clause the answer key cites (a frequency, a role's name, a sanction), so a
learner can check it against the source.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from ingest.domain.levels import rank
from ingest.records import Clause, Document, Facts

__all__ = ["TERMS_PATH", "glossary", "key_clauses", "quiz", "study_content", "terms"]

TERMS_PATH = Path(__file__).parent / "data" / "study_terms.tsv"
Pair = tuple[Document, Facts]

_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")
# Words that show a sentence explains rather than names a term.
_EXPLAINS = re.compile(
    r"是指|即|就是|指的是|意味着|明确|要求|负领导责任|第一责任人|对分管|同为|是本"
)
# Sentences that only name the term: titles, notices, bare list headings.
_NAMES_ONLY = re.compile(r"《|》|实施意见$|通知$|^[一二三四五六七八九十]+是")
# A trigger worth asking about: a case (…的) or an event, not a cut-off fragment.
_TRIGGER = re.compile(r"^.{6,}(?:的|事故|情形|行为)$")
FREQUENCY_CHOICES = {
    "每年至少1次": "1",
    "每半年至少1次": "2",
    "每季度至少1次": "4",
    "每月至少1次": "12",
}


@cache
def terms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(term, other spellings) from the data file, in file order."""
    rows = []
    for line in TERMS_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            term, _, also = line.partition("\t")
            rows.append((term.strip(), tuple(a for a in also.strip().split(",") if a)))
    return tuple(rows)


def _where(doc: Document, clause_id: str) -> dict:
    c = doc.clause(clause_id)
    return {
        "doc_id": doc.doc_id,
        "doc_title": doc.title,
        "level": doc.level,
        "clause_id": clause_id,
        "label": " ".join(c.path) or c.label,
        "clause_text": c.text,
    }


def _clause_at(doc: Document, pos: int) -> Clause | None:
    inside = [c for c in doc.clauses if c.start <= pos < c.end]
    return min(inside, key=lambda c: c.end - c.start) if inside else None


def _definition_score(term: str, also: Sequence[str], sentence: str) -> float:
    score = 3.0 if re.search(re.escape(term) + r"[”\"]?(?:是指|即|就是|是)", sentence) else 0.0
    score += 2.0 if _EXPLAINS.search(sentence) else 0.0
    score += 1.0 if any(a in sentence for a in also) else 0.0
    score -= 3.0 if _NAMES_ONLY.search(sentence.strip()) else 0.0
    score -= 2.0 if len(sentence) < 25 else 0.0
    return score - len(sentence) / 100


def glossary(pairs: Iterable[Pair]) -> list[dict]:
    """Each term with the corpus sentence that best explains it, and where it stands."""
    docs = [doc for doc, _ in pairs]
    out: list[dict] = []
    used: set[str] = set()
    for term, also in terms():
        best: tuple[float, str, Document, int] | None = None
        for doc in docs:
            for m in _SENTENCE.finditer(doc.text):
                s = m.group().strip()
                if term in s:
                    score = _definition_score(term, also, s) - 1.5 * (s in used)
                    if best is None or score > best[0]:
                        best = (score, s, doc, m.start())
        if best is None:
            continue
        used.add(best[1])  # a list of terms in one sentence explains each a little less
        clause = _clause_at(best[2], best[3])
        where = _where(best[2], clause.clause_id) if clause else {"doc_id": best[2].doc_id}
        out.append({"term": term, "definition": best[1]} | where)
    return out


def key_clauses(pairs: Iterable[Pair], role: str, limit: int = 15) -> list[dict]:
    """The role's clauses that say how often or what follows, then the rest, top level first."""
    scored = []
    for doc, facts in pairs:
        freq = {f.clause_id for f in facts.frequencies if f.role == role and f.per_year}
        sanc = {s.clause_id for s in facts.sanctions}
        seen: set[str] = set()
        for d in facts.duties:
            if d.role != role or d.clause_id in seen or d.category == "其他":
                continue
            seen.add(d.clause_id)
            weight = 2 * (d.clause_id in freq) + (d.clause_id in sanc)
            scored.append((-weight, rank(doc.level), doc.doc_id, d.start, d, doc))
    scored.sort(key=lambda t: t[:4])
    return [_where(doc, d.clause_id) | {"category": d.category} for *_, d, doc in scored[:limit]]


def _subject(surface: str, text: str) -> bool:
    """The name opens the duty once (its actor, not 上级党委 in passing) and is a name,
    not a designation such as 第一责任人, so blanking it asks "who"."""
    at = text.find(surface)
    ok = len(surface) >= 2 and "责任人" not in surface
    return ok and 0 <= at <= 6 and text.count(surface) == 1


def _choices(q: dict, pool: dict[str, str]) -> list[str]:
    """The answer and three others that mean something else (another canonical value) and
    that the cited clause does not say, in an order fixed by the question (no randomness)."""
    answer, key, source = q["answer"], q["question"], q["clause_text"]
    others = sorted(
        p
        for p, value in pool.items()
        if value != q["value"] and p not in source and answer not in p
    )
    picked = sorted(others, key=lambda p: hashlib.sha1(f"{key}|{p}".encode()).hexdigest())[:3]
    return sorted([answer, *picked], key=lambda p: hashlib.sha1(f"{key}#{p}".encode()).hexdigest())


def _questions(doc: Document, facts: Facts, role: str) -> Iterable[tuple[str, dict]]:
    """(kind, question) for one document; each answer is words of the cited clause."""
    texts = {c.clause_id: c.text for c in doc.clauses}
    for f in facts.frequencies:
        clause = texts.get(f.clause_id, "")
        if f.role == role and f.per_year and f.text in clause:
            q = f"{role}“{f.activity}”的频次要求是什么？"
            fact = {"question": q, "answer": f.text, "value": f"{f.per_year:g}"}
            yield "how_often", fact | _where(doc, f.clause_id)
    surfaces = {(r.clause_id, r.role): r.text for r in facts.roles if not r.inherited}
    for d in facts.duties:
        said = surfaces.get((d.clause_id, d.role))
        cited = d.clause_id in texts
        if cited and d.role == role and d.category != "其他" and said and _subject(said, d.text):
            quote = d.text.replace(said, "____", 1).strip()
            q = f"“{quote}”——这项职责由谁承担？"
            fact = {"question": q, "answer": said, "value": d.role}
            yield "who", fact | _where(doc, d.clause_id)
    duty_clauses = {d.clause_id for d in facts.duties if d.role == role}
    for s in facts.sanctions:
        clause = texts.get(s.clause_id, "")
        mine = s.role == role or s.clause_id in duty_clauses or s.role == "党政领导干部"
        trigger = s.trigger.strip("，、；： ")
        if mine and _TRIGGER.search(trigger) and s.text in clause:
            case = trigger if trigger.endswith("的") else f"{trigger}的情形"
            q = f"对“{case}”，应当如何处理？"
            fact = {"question": q, "answer": s.text, "value": s.type}
            yield "sanction", fact | _where(doc, s.clause_id)


def quiz(pairs: Sequence[Pair], role: str, limit: int = 12) -> list[dict]:
    """Questions of three kinds taken in turn (how often, who, which sanction), with options."""
    by_kind: dict[str, list[dict]] = {"how_often": [], "who": [], "sanction": []}
    pools: dict[str, dict[str, str]] = {k: {} for k in by_kind}  # option -> what it means
    pools["how_often"].update(FREQUENCY_CHOICES)
    for doc, facts in pairs:
        for kind, q in _questions(doc, facts, role):
            if all(q["question"] != o["question"] for o in by_kind[kind]):
                by_kind[kind].append(q | {"kind": kind})
        pools["who"].update((r.text, r.role) for r in facts.roles if 2 <= len(r.text) <= 12)
        pools["sanction"].update((s.text, s.type) for s in facts.sanctions if len(s.text) <= 16)
        pools["how_often"].update(
            (f.text, f"{f.per_year:g}")
            for f in facts.frequencies
            if f.per_year and len(f.text) <= 12
        )
    out: list[dict] = []
    while len(out) < limit and any(by_kind.values()):
        for kind, items in by_kind.items():
            if items and len(out) < limit:
                q = items.pop(0)
                q["options"] = _choices(q, pools[kind])
                out.append(q)
    return out


def study_content(pairs: Sequence[Pair], role: str, level: str | None = None) -> dict:
    """``{"role", "level", "clauses", "glossary", "quiz"}`` over the given documents."""
    mine = [(d, f) for d, f in pairs if any(x.role == role for x in f.duties)]
    return {
        "role": role,
        "level": level,
        "clauses": key_clauses(mine, role),
        "glossary": glossary(pairs),
        "quiz": quiz(mine, role),
    }
