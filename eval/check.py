"""Draft check quality: planted deviations found, kept duties silent, precision.

``python -m eval check`` (or ``make eval``). Two sets:

1. ``check_drafts/labels.toml``: whole drafts of several levels and shapes (a township
   实施方案, a township 责任清单 with a table, a county 实施意见 against a city rule, a
   county 实施办法 in 章/条 form against a provincial regulation that is not in the
   corpus, seed 001 edited and as it is), each with its planted deviations, the duties it
   keeps (often in other words) and its other real gaps, labelled by reading the
   documents. Drafts marked ``held_out`` were written with their labels before the check
   was tuned and never looked at while tuning; they are reported apart.
2. ``check_plants.tsv``: one edit of a seed at a time, checked against the seed.

Each is scored three ways: the check as shipped (lexical alignment with the e5 model
as tie-breaker), the same without the model, and a plain baseline (no applicability:
every reference requirement counts, no model). Printed per draft: planted found
(kind, reference clause, and tied to the draft clause) k/N, findings, findings on
kept duties, precision = findings matching a planted or labelled gap / all findings.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tests.conftest import SEEDS

__all__ = ["main", "score_draft"]

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
LABELS = HERE / "check_drafts" / "labels.toml"
PLANTS = HERE / "check_plants.tsv"
MAX_SHORT_FINDINGS = 30  # a short township draft against a county document
MIN_PRECISION = 0.8
_LABEL = re.compile(r"^[（(][一二三四五六七八九十0-9]+[)）]|^[0-9]+[.．、]")


@dataclass
class Score:
    """One draft checked one way."""

    planted: int = 0
    found: int = 0
    findings: int = 0
    actionable: int = 0
    on_kept: int = 0
    missed: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.actionable / self.findings if self.findings else 1.0

    def add(self, other: Score) -> None:
        self.planted += other.planted
        self.found += other.found
        self.findings += other.findings
        self.actionable += other.actionable
        self.on_kept += other.on_kept


@cache
def _parsed(path: Path):
    import ingest

    doc = ingest.parse_file(path)
    return doc, ingest.extract_facts(doc)


def _draft(entry: dict[str, Any]):
    import ingest

    if "file" in entry:
        return _parsed((LABELS.parent / entry["file"]).resolve())
    text = SEEDS[entry["seed"]].read_text(encoding="utf-8")
    for old, new in entry.get("edits", []):
        if text.count(old) != 1:
            raise SystemExit(f"{LABELS.name}: {old!r} occurs {text.count(old)} times")
        text = text.replace(old, new)
    doc = ingest.parse_text(text, name=f"seed{entry['seed']}_edited.txt")
    return doc, ingest.extract_facts(doc)


def _cites(f, words: str) -> bool:
    return any(words in s.text for s in f.sources)


def score_draft(entry: dict[str, Any], findings) -> Score:
    """Planted found and tied, findings on kept duties, actionable findings."""
    planted = entry.get("planted", [])
    labels = [*planted, *entry.get("actionable", [])]
    found, missed = 0, []
    for p in planted:
        hit = any(
            f.kind.value == p["kind"]
            and _cites(f, p["ref"])
            and ("draft" not in p or (f.draft_text is not None and p["draft"] in f.draft_text))
            for f in findings
        )
        found += hit
        if not hit:
            missed.append(f"{p['kind']}: {p['ref'][:20]}")
    kept = entry.get("kept", [])
    on_kept = sum(any(_cites(f, k) for k in kept) for f in findings)
    actionable = sum(
        any(f.kind.value == lab["kind"] and _cites(f, lab["ref"]) for lab in labels)
        and not any(_cites(f, k) for k in kept)
        for f in findings
    )
    return Score(len(planted), found, len(findings), actionable, on_kept, tuple(missed))


def _ways():
    """(name, check arguments) of the three ways a draft is checked."""
    from search.model.encoder import load_encoder

    encoder = load_encoder()
    ways = [("as shipped", {"encoder": encoder}), ("no model", {"encoder": None})]
    if encoder is None:
        ways = ways[1:]
    return [*ways, ("baseline", {"encoder": None, "applicability": False})]


def _drafts(ways) -> None:
    from app.review.check import check

    entries = tomllib.loads(LABELS.read_text(encoding="utf-8"))["draft"]
    print(f"{'draft':<58}{'way':<12}{'planted':>8}{'findings':>9}{'on kept':>8}{'precision':>10}")
    totals: dict[tuple[str, str], Score] = defaultdict(Score)
    for entry in entries:
        draft = _draft(entry)
        refs = [_parsed((ROOT / r).resolve()) for r in entry["references"]]
        for name, kwargs in ways:
            result = check(draft, refs, **kwargs)
            s = score_draft(entry, result.findings)
            totals[(entry["set"], name)].add(s)
            flag = ""
            if entry.get("short_township") and (
                s.findings > MAX_SHORT_FINDINGS or s.precision < MIN_PRECISION
            ):
                flag = "  <- over the bar"
            print(
                f"{entry['name'][:56]:<58}{name:<12}{s.found:>4}/{s.planted:<3}{s.findings:>9}"
                f"{s.on_kept:>8}{s.precision:>10.2f}{flag}"
            )
            if s.missed and name == ways[0][0]:
                print(f"{'':<58}missed: {'; '.join(s.missed)}")
    print()
    for (which, name), s in sorted(totals.items()):
        print(
            f"{which:<9}{name:<12} planted found {s.found}/{s.planted}, {s.findings} findings, "
            f"{s.on_kept} on kept duties, precision {s.precision:.2f}"
        )


def _clause_of(doc, old: str) -> str | None:
    """The smallest clause holding the edited words (found by a piece without its label)."""
    anchor = _LABEL.sub("", old)
    inside = [c for c in doc.clauses if anchor in c.text] or [
        c for c in doc.clauses if anchor[:10] in c.text
    ]
    return min(inside, key=lambda c: len(c.text)).clause_id if inside else None


def _plants(ways) -> None:
    """One edit at a time: the finding of the edited kind must cite the edited clause."""
    import ingest
    from app.review.check import check

    rows = [
        line.split("\t")
        for line in PLANTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for name, kwargs in ways:
        found = planted = extras = silent = rewordings = 0
        for seed, old, new, kind in rows:
            path = SEEDS[seed]
            ref = _parsed(path)
            clause = _clause_of(ref[0], old)
            doc = ingest.parse_text(path.read_text(encoding="utf-8").replace(old, new), "p.txt")
            findings = check((doc, ingest.extract_facts(doc)), [ref], **kwargs).findings
            hits = [
                f for f in findings
                if f.kind.value == kind and any(s.clause_id == clause for s in f.sources)
            ]  # fmt: skip
            if kind == "none":
                rewordings += 1
                silent += not findings
            else:
                planted += 1
                found += bool(hits)
            extras += len(findings) - len(hits[:1])
        print(
            f"seed edits ({name}): found {found}/{planted}, rewordings silent "
            f"{silent}/{rewordings}, other findings {extras}, "
            f"precision {found / max(found + extras, 1):.2f}"
        )


def main() -> None:
    ways = _ways()
    _drafts(ways)
    print()
    _plants(ways)


if __name__ == "__main__":
    main()
