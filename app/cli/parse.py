"""``dutygraph parse FILE [--json]``: one document's clauses, metadata and facts.

Needs no store. With ``--json`` it prints the docs/cli.md parse JSON (UTF-8, not
ASCII-escaped) and nothing else on stdout; without, a short human summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import ingest
from ingest.serialize import HEAVY_KEYS

__all__ = ["run", "summary"]


def summary(d: dict) -> str:
    """A few lines a person can read: metadata, clause counts, the first headings."""
    kinds = Counter(c["kind"] for c in d["clauses"])
    lines = [
        f"{d['title']}  [{d['doc_id']}]",
        "  ".join(
            f"{k}: {d[k]}"
            for k in ("doc_number", "issuer", "date", "status", "level", "region")
            if d.get(k)
        ),
        "clauses: " + ", ".join(f"{n} {k}" for k, n in kinds.most_common()),
    ]
    if d["citations"]:
        lines.append(
            "cites: " + "; ".join(f"《{c['title']}》({c['relation']})" for c in d["citations"][:5])
        )
    tops = [c for c in d["clauses"] if c["parent_id"] is None and c["kind"] != "paragraph"]
    lines += [f"  {c['label']} {c['heading']}".rstrip() for c in tops[:12]]
    if len(tops) > 12:
        lines.append(f"  … {len(tops) - 12} more")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    doc = ingest.parse_file(args.file)
    facts = ingest.extract_facts(doc)
    d = {k: v for k, v in ingest.to_json(doc, facts).items() if k not in HEAVY_KEYS}
    if args.json:
        sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
    else:
        print(summary(d))
    return 0
