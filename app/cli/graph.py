"""``dutygraph duties | compare | export | sparql``: thin wrappers over ``graph.open_graph``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.output import print_json, write_atomic
from app.outputs.sheets import consequence_words, write_sheets
from graph import open_graph
from graph.errors import UnreadableQuery
from ingest.domain.levels import level_name

__all__ = ["run_compare", "run_duties", "run_export", "run_sparql"]


def _per_year(value: float | None) -> str:
    return f"每年{value:g}次" if value is not None else ""


def run_duties(args: argparse.Namespace) -> int:
    """Every duty of a role (with ``--place``: every duty binding that post there), with
    clause, frequency, consequences and source."""
    result = open_graph(args.store).duties(
        args.role, args.level, args.region, getattr(args, "place", None)
    )
    if getattr(args, "sheet", None) or getattr(args, "ics", None):
        write_sheets(result, args.sheet, args.ics)
        print(
            f"dutygraph duties: {len(result.duties)} duties in the sheet/calendar", file=sys.stderr
        )
    if args.json:
        print_json(result.as_json())
        return 0
    if result.place:
        print(f"{args.role} · {result.place.describe()}")
    elif result.note:
        print(result.note)
    if not result.duties:
        print(f"没有找到 {args.role} 的职责")
    for d in result.duties:
        where = f"{level_name(d.doc_level)} {d.citation}"
        print(f"[{d.category}] {d.duty_text} {d.frequency}  ({where})")
        said = consequence_words(d.consequences)
        if said:
            more = f"（另有 {len(said) - 1} 处条款，见 --json）" if len(said) > 1 else ""
            print(f"    失职后果：{said[0]}{more}")
        if d.conflict:
            print(f"    {d.conflict}")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    """The cross-level comparison of one role's duties (``--place``: within its chain)."""
    keep_all = getattr(args, "all", False)
    place = getattr(args, "place", None)
    result = open_graph(args.store).compare(args.role, args.docs or None, keep_all, place)
    if args.json:
        print_json(result.as_json())
        return 0
    print(result.note)
    for row in result.rows:
        cells = "；".join(
            f"{result.columns.get(lv, level_name(lv))}: "
            + "、".join(_per_year(c.per_year) or "".join(c.path) for c in cs)
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
