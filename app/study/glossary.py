"""Key terms with short definitions: from definition clauses, the corpus's own explanations
of the key terms, and the vocabulary.

Nothing is defined here. A definition is either a definition clause (较大事故，是指…,
本法所称公职人员，是指…), or the shortest sentence that holds one of the phrases that
mark a key term's explanation (``data/study_terms.tsv``: 党政同责 is explained by
"党政主要负责人同为…"), or what the vocabulary says of a role or a sanction type (its
other names, its kinds). A term fits the role: its sentence comes from a clause about
leaders of the role's kind, and a definition clause is kept only when the term names no
other kind of actor (an enterprise rule never defines a term for a government leader)
and the binding documents use it about the role's kind.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from app.study.records import GlossaryTerm, Source
from app.study.rules import DEFINITION, SENTENCE
from app.study.scope import Scope
from ingest.domain.vocabulary import canonical_role, concepts, organ_role, surface_forms
from ingest.parse.headings import label_end

__all__ = ["MAX_DEFINITION", "TERMS_PATH", "glossary", "terms"]

TERMS_PATH = Path(__file__).parent / "data" / "study_terms.tsv"
MAX_DEFINITION = 90  # characters: a definition, not a paragraph


@cache
def terms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(term, phrases that mark a sentence explaining it) from the data file, in file order."""
    rows = []
    for line in TERMS_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            term, _, also = line.partition("\t")
            rows.append((term.strip(), tuple(a for a in also.strip().split(",") if a)))
    return tuple(rows)


def _actor_of(term: str) -> str | None:
    """The role a term names (生产经营单位主要负责人 -> 企业主要负责人, 生产经营单位 -> 企业)."""
    organ = surface_forms("organ").get(term)
    return canonical_role(term) or (organ_role(organ) if organ else None)


def _sentences(scope: Scope) -> list[tuple[str, Source]]:
    """Every sentence of a clause about the role's kind of leader, with its source."""
    out: list[tuple[str, Source]] = []
    for doc, facts in scope.pairs:
        about = {r.clause_id for r in facts.roles if r.role in scope.family}
        for c in doc.clauses:
            if c.clause_id in about:
                text = c.text[label_end(c.text) :]
                for m in SENTENCE.finditer(text):
                    s = m.group().strip()
                    if s and "《" not in s:
                        out.append((s, scope.source(doc, c.clause_id)))
    return out


def _key_terms(sentences: list[tuple[str, Source]]) -> list[GlossaryTerm]:
    out = []
    for term, cues in terms():
        found = [(s, src) for s, src in sentences if any(cue in s for cue in cues)]
        found = [(s, src) for s, src in found if len(s) <= MAX_DEFINITION]
        if found:  # the term itself in the sentence first, then the shortest
            s, src = min(found, key=lambda f: (term not in f[0], len(f[0])))
            out.append(GlossaryTerm(term, s, "clause", src))
    return out


def _definitions(scope: Scope, sentences: list[tuple[str, Source]]) -> list[GlossaryTerm]:
    out: dict[str, GlossaryTerm] = {}
    for doc, _ in scope.pairs:
        for c in doc.clauses:
            text = c.text[label_end(c.text) :].strip()
            m = DEFINITION.match(text)
            if not m or m["term"] in out or len(m.group()) > MAX_DEFINITION + 20:
                continue
            actor = _actor_of(m["term"])
            used = any(m["term"] in s and s not in text for s, _ in sentences)
            if (actor is None and used) or (actor is not None and actor in scope.family):
                out[m["term"]] = GlossaryTerm(
                    m["term"], m.group(), "clause", scope.source(doc, c.clause_id)
                )
    return list(out.values())


def _vocabulary(scope: Scope, sanction_types: set[str]) -> list[GlossaryTerm]:
    out = []
    role = next(c for c in concepts("role") if c.label == scope.role)
    if role.alt_labels:
        also = "、".join(role.alt_labels[:8])
        kind = f"；属于{role.broader}" if role.broader else ""
        out.append(GlossaryTerm(role.label, f"文件中也称{also}等{kind}。", "vocabulary"))
    for c in concepts("sanction"):
        kinds = [k.label for k in concepts("sanction") if k.broader == c.label]
        if c.label in sanction_types and kinds:
            out.append(GlossaryTerm(c.label, f"包括{'、'.join(kinds)}。", "vocabulary"))
    return out


def glossary(scope: Scope, sanction_types: set[str]) -> list[GlossaryTerm]:
    """The role's name and kinds of sanction from the vocabulary, the key terms as the
    binding documents explain them, and the terms those documents define."""
    sentences = _sentences(scope)
    return [
        *_vocabulary(scope, sanction_types),
        *_key_terms(sentences),
        *_definitions(scope, sentences),
    ]
