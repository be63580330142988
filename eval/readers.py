"""Reader quality: format agreement, chrome left behind, table shape, line joins.

- agreement: for every fixture that claims ``same_text`` in
  ``tests/fixtures/fixtures.json``, the share of lines of its source cut's
  normalised text that it reproduces (1.000 = identical);
- chrome: lines of the saved web page (seed 003) and the HTML fixtures that
  still match a site-chrome word after normalising (target 0);
- tables: rows x columns of the seed tables (seed 001: 10 x 3, seed 002: 58 x 4,
  header included);
- joins: how many line breaks of each corpus file the normaliser glued, so a
  change in the join rules shows up as a change in these counts;
- the readers table: for each format of seeds 001 and 000 (typed, Office,
  web, PDF, OFD and scans), the clause tree's agreement with the text version
  (``tree_agreement``: label-sequence ratio and mean clause-text similarity,
  both difflib ratios), character accuracy against the text version
  (``char_accuracy``) and pages per second for paged formats. The scans' OCR
  was tuned on seed 001; seed 000's black-and-white scan was never tuned on.

``tree_agreement`` and ``char_accuracy`` are the one definition the tests use
too. Run ``python -m eval readers`` or ``python -m eval.readers``.
"""

from __future__ import annotations

import difflib
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from ingest import parse_file
from ingest.errors import IngestError
from ingest.parse.normalise import normalise
from ingest.read.files import read_text
from ingest.records import Document

__all__ = ["Agreement", "char_accuracy", "main", "tree_agreement"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "corpus"
CHROME_WORDS = (
    "当前位置",
    "ICP备",
    "公网安备",
    "分享到",
    "网站地图",
    "登录",
    "主办单位",
    "责任编辑",
)


@dataclass(frozen=True, slots=True)
class Agreement:
    """How far a document's clause tree agrees with its reference's (1.0 = the same)."""

    labels: float  # difflib ratio of the two label sequences
    texts: float  # mean over reference clauses of the text ratio with its pair (0 unpaired)


def tree_agreement(reference: Document, got: Document) -> Agreement:
    """Clauses are paired in order along the matching blocks of the label sequences."""
    ref_labels = [c.label for c in reference.clauses]
    got_labels = [c.label for c in got.clauses]
    matcher = difflib.SequenceMatcher(a=ref_labels, b=got_labels, autojunk=False)
    blocks = matcher.get_matching_blocks()
    pairs = {b.a + k: b.b + k for b in blocks for k in range(b.size)}
    sims = [
        difflib.SequenceMatcher(a=c.text, b=got.clauses[pairs[i]].text, autojunk=False).ratio()
        if i in pairs
        else 0.0
        for i, c in enumerate(reference.clauses)
    ]
    return Agreement(matcher.ratio(), sum(sims) / len(sims) if sims else 0.0)


_SPACE = re.compile(r"\s+")


def char_accuracy(reference: str, got: str) -> float:
    """1 - character edits / reference length, whitespace ignored; edits from difflib's opcodes.

    A replaced run costs the longer of its two sides, an insertion or deletion
    its length, so this is an upper bound on the edit distance (exact when the
    texts are close), computed in linear-ish time on whole documents.
    """
    a, b = _SPACE.sub("", reference), _SPACE.sub("", got)
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    edits = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in ops if op != "equal")
    return max(0.0, 1 - edits / len(a)) if a else 0.0


def _lines(path: Path, drop: tuple[str, ...] = ()) -> list[str]:
    return [ln for ln in normalise(read_text(path)).text.split("\n") if not ln.startswith(drop)]


def _joins(raw: str) -> int:
    """Line breaks of ``raw`` that the normaliser removed between two kept characters."""
    n = normalise(raw)
    return sum(
        1
        for i in range(1, len(n.text))
        if "\t" not in n.text[i - 1 : i + 1]
        and "\n" not in n.text[i - 1 : i + 1]
        and "\n" in raw[n.offsets[i - 1] + 1 : n.offsets[i]]
        and "\t" not in raw[n.offsets[i - 1] : n.offsets[i] + 1]
    )


TABLE_SOURCES = ("seed001", "seed000")  # seed 001 whole; seed 000's first two chapters


def readers_table(manifest: list[dict]) -> None:
    """One row per fixture format of the table sources: agreement with the text version."""
    from eval.ocr_engines import scan_result  # it imports this module

    print("readers table (reference: the source cut's .utf8.txt):")
    head = ("labels", "texts", "chars", "seconds", "pages/s")
    print(f"  {'file':34s} " + " ".join(f"{h:>8s}" for h in head))
    for source in TABLE_SOURCES:
        ref_path = FIXTURES / f"{source}.utf8.txt"
        ref = parse_file(ref_path)
        ref_text = normalise(read_text(ref_path)).text
        for e in manifest:
            whole = e["same_text"] or e["format"] == "pdf-scan"  # not a cut-down or bad file
            if e["source"] != source or not whole or not (FIXTURES / e["file"]).exists():
                continue
            t0 = time.perf_counter()
            rate = "-"
            try:
                if e["format"] == "pdf-scan":
                    doc, _, seconds, pages = scan_result(e["file"], "rapidocr")
                    rate = f"{pages / seconds:.3f}"
                else:
                    doc, seconds = parse_file(FIXTURES / e["file"]), 0.0
                    seconds = time.perf_counter() - t0
            except IngestError as exc:  # e.g. LibreOffice missing: say so, keep the rest
                print(f"  {e['file']:34s} not read: {exc.reason}")
                continue
            agree = tree_agreement(ref, doc)
            acc = char_accuracy(ref_text, doc.text)
            print(
                f"  {e['file']:34s} {agree.labels:8.3f} {agree.texts:8.3f} {acc:8.3f}"
                f" {seconds:8.2f} {rate:>8s}"
            )


def main() -> None:
    manifest = json.loads((FIXTURES / "fixtures.json").read_text(encoding="utf-8"))
    scores = []
    for e in (e for e in manifest if e["same_text"]):
        want = _lines(FIXTURES / f"{e['source']}.utf8.txt")
        got = _lines(FIXTURES / e["file"], tuple(e.get("extra_lines", [])))
        same = sum(b.size for b in difflib.SequenceMatcher(a=want, b=got).get_matching_blocks())
        scores.append(same / len(want))
        print(f"  agreement {same / len(want):.3f}  {e['file']}")
    print(f"format agreement: mean {sum(scores) / len(scores):.3f} over {len(scores)} fixtures")
    pages = [CORPUS / "province_jilin_2018_leader_responsibility_interpretation.txt"]
    pages += [FIXTURES / e["file"] for e in manifest if e["format"] == "html"]
    left = [(p.name, ln) for p in pages for ln in _lines(p) if any(w in ln for w in CHROME_WORDS)]
    print(f"chrome lines left in {len(pages)} web pages: {len(left)}")
    for name, ln in left:
        print(f"    {name}: {ln}")
    for seed in (
        "township_daligang_2019_dual_responsibility_notice",
        "county_wangyi_2018_work_safety_reform_draft",
    ):
        rows = [ln.split("\t") for ln in _lines(CORPUS / f"{seed}.txt") if "\t" in ln]
        widths = sorted({len(r) for r in rows})
        print(f"table {seed}: {len(rows)} rows x {widths} columns")
    readers_table(manifest)
    joins = {p.stem: _joins(read_text(p)) for p in sorted(CORPUS.glob("*.txt"))}
    print(f"line joins: {sum(joins.values())} in {len(joins)} corpus files")
    for stem, n in joins.items():
        if n:
            print(f"    {n:3d}  {stem}")


if __name__ == "__main__":
    main()
