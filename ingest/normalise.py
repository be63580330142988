"""Placeholder normaliser (identity); replaced by the normaliser work."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Normalised", "normalise"]


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text and, for each of its characters, the index in the raw text."""

    text: str
    offsets: tuple[int, ...]


def normalise(raw: str) -> Normalised:
    """Identity normalisation."""
    return Normalised(raw, tuple(range(len(raw))))
