"""Web copies: noisy copies of corpus documents against their clean text.

The set is ``tests/fixtures/webcopies/`` (made by its ``make_webcopies.py``):
copies flattened to one line (runs of spaces, indents, or glued), in
traditional script with pinyin glosses, with page headers, breadcrumbs,
来源/URL lines, share bars, mirrored-site banners, a glued 文号 and （全文）.
Each is scored against the parse of its clean corpus file:

- label ratio: ``difflib`` ratio of the two clause-label sequences (document order);
- unit ratio: the same without the 第N款 labels (an article's paragraphs: where a copy
  glued them with nothing between, no rule can tell a paragraph from a sentence);
- text similarity: for every clean clause, the ``difflib`` ratio of its text and the
  text of the copy's clause aligned with it by label (0 when none is), averaged;
- titles: the copy's title equals the document's own title;
- leftovers: clauses of the copy that keep a URL, a 来源 line or a traditional-only
  character (one OpenCC's t2s changes on its own) that the clean text does not have.

Tuned copies were looked at while writing the web-copy rules; held-out copies
(the ``g*`` files, made before round 3's rules) are only ever scored. Each round's
held-out set became tuned in the next (h* after round 1, f* after round 2). Beside
the current figures: the plain baseline and rounds 1 and 2, on these same files.
Clause-text similarity is difflib's ratio (characters agreeing in order), not
``ingest.domain.similarity`` (bigram overlap, made to align short duty phrases).
Run ``python -m eval webcopies``.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ingest import parse_file, parse_text
from ingest.parse.script import traditional_chars  # the parser's own test
from ingest.records import Document

__all__ = ["Score", "main", "score_copy"]

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "fixtures" / "webcopies"
CORPUS = ROOT / "corpus"
_URL = re.compile(r"https?://|www\.")
_PARAGRAPH = re.compile(r"第\d+款")  # the label of a paragraph inside an article
_SOURCE_LINE = re.compile(r"(?m)^[（(]?\s*(来源|來源|信息来源|文章来源)\s*[:：]")

# split -> (label ratio, text similarity, titles right, copies, leftovers, unit ratio) of
# older parsers on these same files (the parsers are gone, so the figures stay): the plain
# baseline (main at 54651b1, before any web-copy rule), round 1 (main at 9374502, the first
# web-copy rules) and round 2 (6953c15: flattening rules written on the h* copies, scored
# on the f* copies, then held out; the figures in docs/readers.md).
Figures = tuple[float, float, int, int, int, float]
BASELINE: dict[str, Figures] = {
    "tuned": (0.462, 0.390, 0, 20, 80, 0.461),
    "held_out": (0.670, 0.570, 4, 8, 28, 0.712),
}
ROUND_1: dict[str, Figures] = {
    "tuned": (0.822, 0.790, 13, 20, 0, 0.868),
    "held_out": (0.939, 0.896, 4, 8, 0, 0.973),
}
ROUND_2: dict[str, Figures] = {
    "tuned": (0.925, 0.860, 13, 20, 0, 0.996),
    "held_out": (0.939, 0.896, 5, 8, 0, 0.973),
}


@dataclass(frozen=True)
class Score:
    """How close one copy's parse comes to its clean document's."""

    label_ratio: float
    unit_ratio: float  # the label ratio without 第N款 (paragraph breaks glued text cannot keep)
    text_similarity: float
    title_right: bool
    leftovers: int  # clauses keeping a URL, a 来源 line or a traditional-only character


def _ratio(a: list[str] | str, b: list[str] | str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def score_copy(clean: Document, copy: Document, title: str) -> Score:
    """Compare a copy's clause tree, texts and title with the clean document's."""
    want = [c.label for c in clean.clauses]
    got = [c.label for c in copy.clauses]
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    sims = [0.0] * len(want)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            a, b = clean.clauses[block.a + k], copy.clauses[block.b + k]
            sims[block.a + k] = _ratio(a.text, b.text)
    # a traditional-only character counts when the clean text lacks it (seed 000 has 査)
    own = {ch for c in clean.clauses for ch in c.text if traditional_chars(ch)}
    leftovers = sum(
        1
        for c in copy.clauses
        if _URL.search(c.text)
        or _SOURCE_LINE.search(c.text)
        or any(traditional_chars(ch) and ch not in own for ch in c.text)
    )
    units = [[lb for lb in labels if not _PARAGRAPH.fullmatch(lb)] for labels in (want, got)]
    return Score(
        label_ratio=matcher.ratio(),
        unit_ratio=_ratio(*units),
        text_similarity=sum(sims) / max(len(sims), 1),
        title_right=copy.title == title,
        leftovers=leftovers,
    )


def main() -> None:
    manifest = json.loads((SET / "webcopies.json").read_text(encoding="utf-8"))
    by_split: dict[str, list[Score]] = {"tuned": [], "held_out": []}
    for entry in manifest:
        clean = parse_file(CORPUS / f"{entry['source']}.txt")
        raw = (SET / entry["file"]).read_text(encoding="utf-8")
        copy = parse_text(raw, entry["file"])
        s = score_copy(clean, copy, entry["title"])
        by_split[entry["split"]].append(s)
        print(
            f"  {entry['split']:8s} {entry['file']:44s} labels {s.label_ratio:.3f}  "
            f"units {s.unit_ratio:.3f}  "
            f"text {s.text_similarity:.3f}  title {'ok ' if s.title_right else 'BAD'}  "
            f"leftovers {s.leftovers}" + ("" if s.title_right else f"  ({copy.title})")
        )
    print(
        f"{'web copies':20s} {'label ratio':>12s} {'text sim':>9s} {'titles':>7s}  leftovers  units"
    )
    for split, scores in by_split.items():
        n = len(scores)
        lr = sum(s.label_ratio for s in scores) / n
        ts = sum(s.text_similarity for s in scores) / n
        right = sum(s.title_right for s in scores)
        left = sum(s.leftovers for s in scores)
        units = sum(s.unit_ratio for s in scores) / n
        print(f"{split:20s} {lr:12.3f} {ts:9.3f} {right:>4d}/{n:<2d}  {left:<9d}  {units:.3f}")
        for name, table in (
            ("  baseline", BASELINE),
            ("  round 1", ROUND_1),
            ("  round 2", ROUND_2),
        ):
            b = table[split]
            row = f"{b[0]:12.3f} {b[1]:9.3f} {b[2]:>4d}/{b[3]:<2d}  {b[4]:<9d}  {b[5]:.3f}"
            print(f"{name + ' ' + split:20s} {row}")


if __name__ == "__main__":
    main()
