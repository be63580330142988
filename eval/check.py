"""Draft check quality on planted deviations (``eval/check_plants.tsv``).

``python -m eval check`` (or ``make eval``). Each row edits one seed into a draft
(a frequency lowered or raised, a duty or a sanction dropped, a threshold changed,
or a rewording that keeps the duty); the draft is checked against the unchanged
seed. Printed: per plant whether its finding came (kind at the edited clause) and
how many other findings came with it; then recall, silence on rewordings, and
precision, one plant at a time and with all of a seed's plants in one draft.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from tests.conftest import SEEDS

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
PLANTS = Path(__file__).with_name("check_plants.tsv")
_LABEL = re.compile(r"^[（(][一二三四五六七八九十0-9]+[)）]|^[0-9]+[.．、]")


def _plants() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in PLANTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            seed, old, new, kind = line.split("\t")
            rows.append((seed, old, new, kind))
    return rows


def _clause_of(doc, old: str) -> str | None:
    """The smallest clause holding the edited words (found by a piece without its label)."""
    anchor = _LABEL.sub("", old)
    inside = [c for c in doc.clauses if anchor in c.text] or [
        c for c in doc.clauses if anchor[:10] in c.text
    ]
    return min(inside, key=lambda c: len(c.text)).clause_id if inside else None


def _draft(seed_text: str, edits: list[tuple[str, str]]):
    import ingest

    text = seed_text
    for old, new in edits:
        if text.count(old) != 1:
            raise SystemExit(f"{PLANTS.name}: {old!r} occurs {text.count(old)} times")
        text = text.replace(old, new)
    doc = ingest.parse_text(text, name="planted.txt")
    return doc, ingest.extract_facts(doc)


def _score(findings: list[dict], expected: list[tuple[str, str | None]]) -> tuple[int, int]:
    """(planted deviations found, findings no plant explains)."""
    hit = {e for e in expected if any((f["kind"], f["reference_clause_id"]) == e for f in findings)}
    extra = [f for f in findings if (f["kind"], f["reference_clause_id"]) not in set(expected)]
    return len(hit), len(extra)


def main() -> None:
    import ingest
    from app.review.check import check

    plants = _plants()
    by_seed: dict[str, list] = defaultdict(list)
    for p in plants:
        by_seed[p[0]].append(p)
    found = planted = extras = silent = rewordings = 0
    print(f"{'seed':<5}{'kind':<20}{'clause':<34}{'found':<7}extra  edit")
    for seed, rows in by_seed.items():
        path = SEEDS[seed]
        text = path.read_text(encoding="utf-8")
        ref = ingest.parse_file(path)
        pair = (ref, ingest.extract_facts(ref))
        expected_all = []
        for _, old, new, kind in rows:
            clause = _clause_of(ref, old)
            expected = [(kind, clause)] if kind != "none" else []
            expected_all += expected
            findings = check(_draft(text, [(old, new)]), [pair])["findings"]
            hit, extra = _score(findings, expected)
            found, planted, extras = found + hit, planted + len(expected), extras + extra
            if kind == "none":
                rewordings += 1
                silent += not findings
            mark = ("yes" if hit else "NO") if expected else ("-" if not findings else "NOISY")
            print(f"{seed:<5}{kind:<20}{clause or '?':<34}{mark:<7}{extra:<7}{old[:16]}")
        together = check(_draft(text, [(o, n) for _, o, n, _ in rows]), [pair])["findings"]
        expected_all = list(dict.fromkeys(expected_all))  # two edits may hit one clause
        hit, extra = _score(together, expected_all)
        print(f"{seed:<5}all {len(rows)} edits in one draft: {hit}/{len(expected_all)} found, "
              f"{extra} other findings")  # fmt: skip
    print(f"recall (one plant a draft): {found}/{planted} = {found / max(planted, 1):.2f}")
    print(f"rewordings with no finding: {silent}/{rewordings}")
    print(f"precision: {found}/{found + extras} = {found / max(found + extras, 1):.2f}")


if __name__ == "__main__":
    main()
