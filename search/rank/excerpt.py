"""How a result's text is shown: the label kept apart, a long text cut to its best part.

``parse`` gives a clause's text with its label glued on (第二十一条生产经营单位…), and a
highlight that runs over both reads as one word (【第二十一条生产】经营单位). The label
is shown followed by a space. A long multi-paragraph section is shown as the window of
consecutive sentences holding most of the question's words; the rest is folded (the
page puts it behind 展开全文, the CLI marks the cut with …).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["LONG_CHARS", "Shown", "highlight", "shown_text"]

# A text longer than this is shown as its best window of sentences.
LONG_CHARS = 240
# A window holds whole sentences up to about this many characters.
WINDOW_CHARS = 160
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?\n]*")
_SEPARATED = re.compile(r"[\s，。；：、,.:;]")


@dataclass(frozen=True, slots=True)
class Shown:
    """A result's text as displayed: the window, its highlights, and what is folded."""

    text: str  # the label (space-separated) and the shown window
    highlights: tuple[tuple[int, int], ...]  # spans into ``text``
    full: str  # the whole text, label separated
    full_highlights: tuple[tuple[int, int], ...]  # spans into ``full``
    cut_before: bool  # text was folded before the window
    cut_after: bool  # and after it


def _separate(text: str, label: str, spans: Sequence[tuple[int, int]]):
    """The text with a space after its leading label, and the spans moved with it."""
    if not label or not text.startswith(label) or len(text) == len(label):
        return text, [tuple(s) for s in spans]
    if not label[-1].isalnum():  # （一） and 3. end in their own separator
        return text, [tuple(s) for s in spans]
    if _SEPARATED.match(text[len(label)]):
        return text, [tuple(s) for s in spans]
    cut = len(label)
    moved = []
    for s, e in spans:
        if s < cut < e:  # a highlight over label and word: split it at the gap
            moved += [(s, cut), (cut + 1, e + 1)]
        else:
            moved.append((s + (s >= cut), e + (e > cut)))
    return f"{text[:cut]} {text[cut:]}", moved


def _best_window(text: str, start: int, spans: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """[a, b) of the sentence window after ``start`` covering most highlighted characters."""
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text, start)]
    best, best_cover = (start, min(len(text), start + WINDOW_CHARS)), -1
    for i, (a, _) in enumerate(sentences):
        b = a
        for _, e in sentences[i:]:
            if e - a > WINDOW_CHARS and b > a:
                break
            b = e
        cover = sum(max(0, min(e, b) - max(s, a)) for s, e in spans)
        if cover > best_cover:
            best, best_cover = (a, b), cover
    return best


def shown_text(text: str, label: str, spans: Sequence[tuple[int, int]]) -> Shown:
    """What to display of a result's text (see the module docstring)."""
    full, moved = _separate(text, label, spans)
    head = len(label) + 1 if full != text else 0
    if len(full) <= LONG_CHARS:
        return Shown(full, tuple(moved), full, tuple(moved), False, False)
    a, b = _best_window(full, head, moved)
    if a == head and b >= len(full):
        return Shown(full, tuple(moved), full, tuple(moved), False, False)
    prefix = full[:head]
    inside = [
        (max(s, a) - a + len(prefix), min(e, b) - a + len(prefix))
        for s, e in moved
        if s < b and e > a
    ]
    window = full[a:b].rstrip("\n")
    return Shown(prefix + window, tuple(inside), full, tuple(moved), a > head, b < len(full))


def highlight(text: str, terms: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` where the query's words occur, merged, in order."""
    spans: list[tuple[int, int]] = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        if len(term) < 2:
            continue
        spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(term), text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return tuple(merged)
