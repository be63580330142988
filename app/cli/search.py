"""``dutygraph search``: one question or a file of them, over the store's indexes.

JSON per docs/cli.md: a single query prints ``{"query", "results"}``; ``--queries-file``
prints one such object per line, in input order. Each result is
``{"doc_id", "doc_title", "clause_id", "path", "text", "score"}`` plus ``level`` and
``highlights`` (character spans of matched words in ``text``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ingest.ids import path_text
from search import load_searcher
from search.errors import BadQuery
from search.hits import Hit
from search.rank.excerpt import shown_text

__all__ = ["run"]


def _marked(hit: Hit) -> str:
    """The shown part of the hit text (label kept apart) with matched words in 【】."""
    shown = shown_text(hit.text, hit.path[-1] if hit.path else "", hit.highlights)
    out, last = [], 0
    for start, end in shown.highlights:
        out += [shown.text[last:start], "【", shown.text[start:end], "】"]
        last = end
    out.append(shown.text[last:])
    return "".join(out) + ("…" if shown.cut_after else "")


def _queries(args: argparse.Namespace) -> list[str]:
    if args.queries_file:
        try:
            text = Path(args.queries_file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadQuery(f"{args.queries_file}: cannot read queries file ({exc})") from exc
        return [line.strip() for line in text.splitlines() if line.strip()]
    if not args.query or not args.query.strip():
        raise BadQuery("give a QUERY or --queries-file FILE")
    return [args.query.strip()]


def run(args: argparse.Namespace) -> int:
    """Search and print; JSON with --json, else a readable list."""
    if args.k < 1:
        raise BadQuery(f"-k must be at least 1, not {args.k}")
    queries = _queries(args)
    searcher = load_searcher(Path(args.store))
    filters = {
        "level": args.level,
        "region": args.region,
        "doc": args.doc,
        "role": args.role,
        "sanction": args.sanction,
    }
    for query in queries:
        hits = searcher.search(query, k=args.k, mode=args.mode, **filters)
        if args.json:
            row = {"query": query, "results": [h.as_json() for h in hits]}
            print(json.dumps(row, ensure_ascii=False), flush=True)
            continue
        print(f"? {query}")
        if not hits:
            print("  没有找到相关条款")
        for rank, hit in enumerate(hits, start=1):
            where = path_text(hit.path)
            print(f"{rank:>3}. {hit.score:.3f}  {hit.doc_title} › {where}  [{hit.doc_id}]")
            print(f"     {_marked(hit)}")
        sys.stdout.flush()
    return 0
