"""``dutygraph duties | compare | export | sparql``: thin wrappers over ``graph.open_graph``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.output import print_json, write_atomic
from graph import open_graph
from graph.errors import UnreadableQuery
from ingest.domain.levels import level_name

__all__ = ["run_compare", "run_duties", "run_export", "run_sparql"]


def _per_year(value: float | None) -> str:
    return f"每年{value:g}次" if value is not None else ""


def run_duties(args: argparse.Namespace) -> int:
    """Every duty of a role, with clause, frequency, sanctions and document."""
    result = open_graph(args.store).duties(args.role, args.level, args.region)
    if getattr(args, "sheet", None) or getattr(args, "ics", None):
        from app.outputs.sheets import write_sheets  # issue 6: merged across binding levels

        merged = write_sheets(args.store, args.role, args.level, args.region, args.sheet, args.ics)
        print(f"dutygraph duties: {len(merged)} duties in the sheet/calendar", file=sys.stderr)
    if args.json:
        print_json(result.as_json())
        return 0
    if not result.duties:
        print(f"没有找到 {args.role} 的职责")
    for d in result.duties:
        where = f"{level_name(d.level)} {d.doc_title} {' › '.join(d.path)}"
        print(f"[{d.category}] {d.activity} {_per_year(d.per_year)}  ({where})")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    """The cross-level comparison of one role's duties."""
    keep_all = getattr(args, "all", False)
    result = open_graph(args.store).compare(args.role, args.docs or None, keep_all)
    if args.json:
        print_json(result.as_json())
        return 0
    for row in result.rows:
        cells = "；".join(
            f"{level_name(lv)}: "
            + "、".join(_per_year(c.per_year) or " › ".join(c.path) for c in cs)
            for lv, cs in row.cells.items()
        )
        print(f"[{row.category}] {row.activity} | {cells} | {row.finding or '一致'}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """The whole graph as Turtle, JSON-LD or N-Triples, to stdout or ``--out``."""
    text = open_graph(args.store).export(args.format)
    if not args.out:
        sys.stdout.write(text)
        return 0
    out = Path(args.out)
    write_atomic(out, text)
    print(f"exported {len(text)} characters to {out}", file=sys.stderr)
    return 0


def _query_text(arg: str) -> str:
    if not arg.startswith("@"):
        return arg
    path = Path(arg[1:])
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UnreadableQuery(f"{path}: cannot read the query file ({reason})") from None


def run_sparql(args: argparse.Namespace) -> int:
    """A read-only SPARQL query; ``--json`` prints SPARQL JSON results."""
    result = open_graph(args.store).sparql(_query_text(args.query))
    if args.json:
        print_json(result)
    elif "data" in result:
        sys.stdout.write(result["data"])
    elif "boolean" in result:
        print("true" if result["boolean"] else "false")
    else:
        names = result["head"]["vars"]
        print("\t".join(names))
        for b in result["results"]["bindings"]:
            print("\t".join(b[n]["value"] if n in b else "" for n in names))
    return 0
