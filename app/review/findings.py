"""What a draft check and an audit answer: typed findings, one home for their kinds.

:class:`Kind` is the one list of finding kinds, in the order a drafter reads them
(what contradicts the rules and weaker frequencies or deadlines first, then
weakened sanctions, then missing duties, then stricter frequencies, which may be
kept), each with its one Chinese label and its severity. The CLI, the JSON, the
reports and the 草案检查 page all import it. A :class:`Finding` names the draft
clause and every reference clause that asks for the same thing (``sources``, one
per document, nearest level first), by path and text; its JSON is ``as_json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ingest.domain.levels import Level, level_name
from ingest.ids import path_text

__all__ = [
    "AuditFinding",
    "CheckResult",
    "Finding",
    "Kind",
    "NotApplicable",
    "ReferenceUse",
    "Source",
    "where",
]

Json = dict[str, object]
_TITLE_LIMIT = 30  # characters of a title cited inside a sentence


class Kind(StrEnum):
    """The kinds of finding (docs/cli.md ``check``), most serious first."""

    CONFLICT = "conflict"
    WEAKER_FREQUENCY = "weaker_frequency"
    MISSING_SANCTION = "missing_sanction"
    MISSING_DUTY = "missing_duty"
    STRONGER_FREQUENCY = "stronger_frequency"

    @property
    def label(self) -> str:
        """The one Chinese name of the kind, on every page and in every report."""
        return _LABELS[self]

    @property
    def severity(self) -> int:
        """1 must change, 2 should change, 3 should add, 4 may keep."""
        return _SEVERITY[self]

    @property
    def severity_label(self) -> str:
        return _SEVERITY_LABELS[self.severity]


_LABELS = {
    Kind.CONFLICT: "规定不一致",
    Kind.WEAKER_FREQUENCY: "频次或时限低于参照文件",
    Kind.MISSING_SANCTION: "追责措施缺少或减少",
    Kind.MISSING_DUTY: "缺少职责",
    Kind.STRONGER_FREQUENCY: "频次或时限高于参照文件",
}
_SEVERITY = {
    Kind.CONFLICT: 1,
    Kind.WEAKER_FREQUENCY: 1,
    Kind.MISSING_SANCTION: 2,
    Kind.MISSING_DUTY: 3,
    Kind.STRONGER_FREQUENCY: 4,
}
_SEVERITY_LABELS = {1: "须修改", 2: "应修改", 3: "应补充", 4: "可保留"}


def where(path: tuple[str, ...]) -> str:
    """A clause's place as people cite it: 第二章 › 第十条 › （四）; 正文 for the preamble."""
    return path_text(path)


@dataclass(frozen=True, slots=True)
class Source:
    """A reference clause: its document (with level) and its place and words."""

    doc_id: str
    doc_title: str
    level: Level | str
    clause_id: str
    path: tuple[str, ...]
    text: str

    @property
    def citation(self) -> str:
        """《title》（县级）第二章 › 第十条 › （四）, a long title shortened."""
        title = self.doc_title
        if len(title) > _TITLE_LIMIT:
            title = title[: _TITLE_LIMIT - 1] + "…"
        return f"《{title}》（{level_name(self.level)}）{where(self.path)}"

    def as_json(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "level": self.level,
            "clause_id": self.clause_id,
            "path": list(self.path),
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """Where a draft departs from its references, on one draft clause (or none: missing)."""

    kind: Kind
    role: str | None
    draft_clause_id: str | None
    draft_path: tuple[str, ...]
    draft_text: str | None
    sources: tuple[Source, ...]  # the first is the nearest reference; the rest repeat it
    detail: str  # what differs, in words
    advice: str  # what to change, in one sentence
    aspect: str = ""  # frequency, deadline, trigger, participants, forms, duty
    missing: tuple[str, ...] = ()  # the forms, participants or words the draft dropped

    @property
    def reference(self) -> Source:
        return self.sources[0]

    def as_json(self) -> Json:
        ref = self.reference
        return {
            "kind": self.kind.value,
            "kind_label": self.kind.label,
            "severity": self.kind.severity,
            "aspect": self.aspect,
            "role": self.role,
            "draft_clause_id": self.draft_clause_id,
            "draft_path": list(self.draft_path),
            "draft_label": where(self.draft_path) if self.draft_clause_id else None,
            "draft_text": self.draft_text,
            "reference_doc_id": ref.doc_id,
            "reference_doc_title": ref.doc_title,
            "reference_level": ref.level,
            "reference_clause_id": ref.clause_id,
            "reference_path": list(ref.path),
            "reference_label": where(ref.path),
            "reference_text": ref.text,
            "detail": self.detail,
            "advice": self.advice,
            "missing": list(self.missing),
            "sources": [s.as_json() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class NotApplicable:
    """A reference requirement the draft is not held to, and why (shown with ``--all``)."""

    role: str | None
    source: Source
    reason: str

    def as_json(self) -> Json:
        return {
            "role": self.role,
            "reference_doc_id": self.source.doc_id,
            "reference_clause_id": self.source.clause_id,
            "reference_path": list(self.source.path),
            "reference_text": self.source.text,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class ReferenceUse:
    """A document the draft was held against, and why it was chosen."""

    doc_id: str
    title: str
    level: Level | str
    why: str
    basis: str = "given"  # graph.query.binding's basis, or "given" (named by the user)

    def as_json(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "level": self.level,
            "level_name": level_name(self.level),
            "why": self.why,
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The answer of ``check``: findings in reading order, the references used, and the
    requirements judged not applicable (in the JSON only when asked for)."""

    findings: tuple[Finding, ...]
    references: tuple[ReferenceUse, ...] = ()
    not_applicable: tuple[NotApplicable, ...] = field(default=())

    def as_json(self, with_not_applicable: bool = False) -> Json:
        out: Json = {
            "findings": [f.as_json() for f in self.findings],
            "references": [r.as_json() for r in self.references],
        }
        if with_not_applicable:
            out["not_applicable"] = [n.as_json() for n in self.not_applicable]
        return out


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """A finding of the store-wide audit: a stored document weaker than one it implements."""

    draft_doc_id: str
    draft_doc_title: str
    draft_level: Level | str
    finding: Finding

    def as_json(self) -> Json:
        return {
            "draft_doc_id": self.draft_doc_id,
            "draft_doc_title": self.draft_doc_title,
            "draft_level": self.draft_level,
            **self.finding.as_json(),
        }
