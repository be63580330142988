"""Extraction quality on a hand-labelled table: role accuracy, frequency and sanction P/R/F1.

Each line of the table is ``{"doc", "anchor", "slot", "value"}``: the clause is
the smallest clause of ``corpus/<doc>.txt`` whose text holds ``anchor``.

- role: correct when ``value`` is among the roles of the duties at the anchor
  (the duties whose span overlaps it, else all duties of the clause; a clause
  without duties, such as a bare lead-in, offers the roles it names);
- per_year: the frequencies at the anchor (else those of the clause) with a
  number; a labelled number is a hit when one of them equals it, a labelled
  null (a trap such as 3起以上) is a hit when no numbered frequency overlaps
  the anchor; F1 over the numbers (per_year exact);
- sanction: the set of sanction types of the clause against the labelled set,
  micro precision and recall over (item, type) pairs.

Run ``python -m eval.extraction [TABLE.jsonl] [-v]`` (default: eval/extraction.jsonl;
-v lists the misses).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

from ingest.records import Clause, Document, Facts

__all__ = ["TABLE", "evaluate", "main"]

ROOT = Path(__file__).resolve().parent.parent
TABLE = Path(__file__).with_name("extraction.jsonl")
TARGETS = {"frequency F1": 0.95, "sanction P": 0.90, "sanction R": 0.90, "role accuracy": 0.90}


def _parser() -> Callable[[Path], Document]:
    import ingest

    return ingest.parse_file


def _doc_path(doc_id: str) -> Path | None:
    """The corpus file of a doc id (its stem, a file name, or a seed number such as 000)."""
    corpus = ROOT / "corpus"
    for path in (corpus / doc_id, corpus / f"{doc_id}.txt", *sorted(corpus.glob(f"{doc_id}.*"))):
        if path.is_file():
            return path
    try:
        from tests.conftest import SEEDS
    except ImportError:
        return None
    return SEEDS.get(doc_id)


@cache
def _parsed(doc_id: str) -> tuple[Document, Facts] | None:
    from ingest.extract.facts import extract_facts as extract

    path = _doc_path(doc_id)
    if path is None:
        return None
    doc = _parser()(path)
    return doc, extract(doc)


def _variants(anchor: str) -> list[str]:
    """The anchor as written, as the normaliser renders it (, -> ，), and without spaces."""
    from ingest.parse.normalise import normalise

    forms = [anchor, normalise(anchor).text.strip(), "".join(anchor.split())]
    return [f for f in dict.fromkeys(forms) if f]


def _locate(doc: Document, anchor: str) -> tuple[Clause, int, int] | None:
    """The smallest clause whose text holds the anchor, and the anchor's absolute span."""
    for form in _variants(anchor):
        holders = [c for c in doc.clauses if form in c.text]
        if holders:
            break
    else:
        return None
    clause = min(holders, key=lambda c: len(c.text))
    at = doc.text.find(form, clause.start)
    if at < 0 or at > clause.end:
        at = clause.start + clause.text.index(form)
    return clause, at, at + len(form)


def _at(items: list, start: int, end: int, strict: bool = False) -> list:
    """The items overlapping the anchor; else, unless ``strict``, all items of the clause."""
    near = [x for x in items if x.start < end and start < x.end]
    return near if near or strict else items


def evaluate(rows: list[dict], errors: list[str] | None = None) -> dict[str, float]:
    """Scores of the extractor on labelled rows (see the module docstring).

    ``errors``, when given, receives one line per item the extractor got wrong.
    """
    errors = [] if errors is None else errors
    role_ok = role_n = 0
    f_tp = f_fp = f_fn = 0
    s_tp = s_fp = s_fn = 0
    missing = []
    for row in rows:
        parsed = _parsed(row["doc"])
        found = _locate(parsed[0], row["anchor"]) if parsed else None
        if parsed is None or found is None:
            missing.append(f"{row['doc']}: {row['anchor']}")
            continue
        facts = parsed[1]
        clause, start, end = found
        cid = clause.clause_id
        if row["slot"] == "role":
            duties = [d for d in facts.duties if d.clause_id == cid]
            role_n += 1
            got = {d.role for d in _at(duties, start, end)}
            if not got:  # a bare lead-in (第八条 …主要负责人履行下列责任：): the roles it names
                roles = [r for r in facts.roles if r.clause_id == cid]
                got = {r.role for r in _at(roles, start, end)}
            role_ok += row["value"] in got
            if row["value"] not in got:
                errors.append(f"role {cid} {row['anchor'][:20]}: want {row['value']} got {got}")
        elif row["slot"] == "per_year":
            freqs = [f for f in facts.frequencies if f.clause_id == cid]
            gold = row["value"]
            near = _at(freqs, start, end, strict=gold is None)
            values = {f.per_year for f in near if f.per_year is not None}
            if (gold is None) != (not values) or (gold is not None and gold not in values):
                errors.append(f"per_year {cid} {row['anchor'][:20]}: want {gold} got {values}")
            if gold is None:
                f_fp += bool(values)
            elif any(abs(v - gold) < 1e-3 for v in values):
                f_tp += 1
            else:
                f_fn += 1
                f_fp += bool(values)
        elif row["slot"] == "sanction":
            pred = {s.type for s in facts.sanctions if s.clause_id == cid}
            gold = set(row["value"])
            if pred != gold:
                errors.append(
                    f"sanction {cid} {row['anchor'][:16]}: extra {pred - gold} missed {gold - pred}"
                )
            s_tp += len(pred & gold)
            s_fp += len(pred - gold)
            s_fn += len(gold - pred)
    if missing:
        print(f"{len(missing)} anchors not found:", *missing, sep="\n  ", file=sys.stderr)

    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    fp_, fr_ = ratio(f_tp, f_tp + f_fp), ratio(f_tp, f_tp + f_fn)
    return {
        "role accuracy": ratio(role_ok, role_n),
        "frequency P": fp_,
        "frequency R": fr_,
        "frequency F1": 2 * fp_ * fr_ / (fp_ + fr_) if fp_ + fr_ else 0.0,
        "sanction P": ratio(s_tp, s_tp + s_fp),
        "sanction R": ratio(s_tp, s_tp + s_fn),
        "items": float(len(rows)),
        "anchors missing": float(len(missing)),
    }


def main(argv: list[str] | None = None) -> None:
    """Print the scores per slot against their targets."""
    args = list(argv or [])
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    table = Path(args[0]) if args else TABLE
    rows = [
        json.loads(line) for line in table.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    errors: list[str] = []
    scores = evaluate(rows, errors)
    if verbose:
        print(*errors, sep="\n")
    print(f"extraction eval on {table.name} ({int(scores['items'])} items)")
    for name, value in scores.items():
        if name in ("items", "anchors missing"):
            continue
        target = TARGETS.get(name)
        mark = "" if target is None else (" ok" if value >= target else f" BELOW {target:.2f}")
        print(f"  {name:<15} {value:.3f}{mark}")
    if scores["anchors missing"]:
        print(f"  anchors missing {int(scores['anchors missing'])}")


if __name__ == "__main__":
    main(sys.argv[1:])
