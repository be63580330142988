"""A search result, as the searcher returns it and the CLI prints it (docs/cli.md ``search``)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Hit"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: a clause with its score and matched words."""

    doc_id: str
    doc_title: str
    clause_id: str
    path: tuple[str, ...]
    text: str
    score: float
    level: str = "unknown"
    highlights: tuple[tuple[int, int], ...] = ()  # spans into ``text``

    def as_json(self) -> dict[str, object]:
        """The result as the CLI contract fixes it, plus ``level`` and ``highlights``."""
        return {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "clause_id": self.clause_id,
            "path": list(self.path),
            "text": self.text,
            "score": self.score,
            "level": self.level,
            "highlights": [list(span) for span in self.highlights],
        }
