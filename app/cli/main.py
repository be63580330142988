"""The ``dutygraph`` command: argument parsing and error mapping only.

Each subcommand is a few lines in its own ``app/cli/*.py`` module over the
ingest, graph and search packages. Errors of the project's exception families
become one line on stderr and the exit code of ``docs/cli.md`` (1 unusable input,
2 usage or unreadable file), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from app.cli import audit, build, check, parse, serve, study
from app.cli import graph as graph_commands
from app.cli import search as search_command
from app.errors import AppError
from app.store_files import default_store
from graph.errors import GraphError
from ingest.domain.levels import KNOWN_LEVELS
from ingest.errors import IngestError
from search.errors import SearchError

__all__ = ["main"]

LEVEL_CHOICES = list(KNOWN_LEVELS)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dutygraph", description="安全生产责任制 knowledge graph")
    p.add_argument(
        "--store", default=None, help="store dir (default $DUTYGRAPH_HOME or ./.dutygraph)"
    )
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="ingest documents and build graph and indexes")
    b.add_argument("paths", nargs="*", help="files or folders (default: bundled corpus/)")
    b.add_argument("--store", default=argparse.SUPPRESS)
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument(
        "--ray",
        metavar="ADDRESS",
        help="parse and encode on this Ray cluster (auto: the running one; default $DUTYGRAPH_RAY)",
    )
    b.add_argument(
        "--graph-store",
        metavar="URL",
        help="write the graph to this SPARQL server (sparql+http://…), or 'local' "
        "(default: where the last build put it)",
    )

    pa = sub.add_parser("parse", help="parse one file into clauses and facts")
    pa.add_argument("file")
    pa.add_argument("--json", action="store_true")

    s = sub.add_parser("search", help="hybrid clause search")
    s.add_argument("query", nargs="?")
    s.add_argument("--queries-file")
    s.add_argument("-k", type=int, default=10)
    s.add_argument("--level", choices=LEVEL_CHOICES)
    s.add_argument("--region")
    s.add_argument("--doc")
    s.add_argument("--role")
    s.add_argument("--sanction")
    s.add_argument("--mode", choices=["hybrid", "bm25", "dense"], default="hybrid")
    s.add_argument("--json", action="store_true")
    s.add_argument("--store", default=argparse.SUPPRESS)

    d = sub.add_parser("duties", help="the duties of a role")
    d.add_argument("--role", required=True)
    d.add_argument("--level", choices=LEVEL_CHOICES)
    d.add_argument("--region")
    d.add_argument(
        "--place", help="a township, county, city or province: only the duties binding it there"
    )
    d.add_argument("--sheet", help="write a printable .docx duty sheet")
    d.add_argument("--ics", help="write an .ics calendar of periodic duties")
    d.add_argument("--json", action="store_true")
    d.add_argument("--store", default=argparse.SUPPRESS)

    c = sub.add_parser("compare", help="cross-level duty comparison for a role")
    c.add_argument("--role", required=True)
    c.add_argument("--docs", nargs="*")
    c.add_argument("--place", help="compare within the chain of documents binding this place")
    c.add_argument(
        "--all", action="store_true", help="also rows of category 其他 stated by one document"
    )
    c.add_argument("--json", action="store_true")
    c.add_argument("--store", default=argparse.SUPPRESS)

    ch = sub.add_parser("check", help="check a draft against reference documents")
    ch.add_argument("draft")
    ch.add_argument(
        "--against", nargs="+", help="reference doc_ids or files (default: resolved from the store)"
    )
    ch.add_argument("--report", help="write the findings to FILE.md, .html or .docx")
    ch.add_argument("--all", action="store_true", help="also what was judged not applicable")
    ch.add_argument("--json", action="store_true")
    ch.add_argument("--store", default=argparse.SUPPRESS)

    au = sub.add_parser("audit", help="hold every stored document against what it implements")
    au.add_argument("--report", help="write the findings to FILE.md, .html or .docx")
    au.add_argument("--json", action="store_true")
    au.add_argument("--store", default=argparse.SUPPRESS)

    st = sub.add_parser("study", help="a role's handbook and exam paper with its key")
    study.add_arguments(st, LEVEL_CHOICES)
    st.add_argument("--store", default=argparse.SUPPRESS)

    e = sub.add_parser("export", help="export the graph")
    e.add_argument("--format", choices=["ttl", "jsonld", "nt"], default="ttl")
    e.add_argument("--out")
    e.add_argument("--store", default=argparse.SUPPRESS)

    q = sub.add_parser("sparql", help="run a read-only SPARQL query")
    q.add_argument("query", help="the query text, or @FILE")
    q.add_argument("--json", action="store_true")
    q.add_argument("--store", default=argparse.SUPPRESS)

    a = sub.add_parser("app", help="start the Streamlit front end")
    a.add_argument("--port", type=int, default=8501)
    a.add_argument("--store", default=argparse.SUPPRESS)
    return p


# subcommand -> the function that runs it
HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": build.run,
    "parse": parse.run,
    "search": search_command.run,
    "duties": graph_commands.run_duties,
    "compare": graph_commands.run_compare,
    "export": graph_commands.run_export,
    "sparql": graph_commands.run_sparql,
    "check": check.run,
    "audit": audit.run,
    "study": study.run,
    "app": serve.run,
}
# the project's exception families; each carries its exit code
ERRORS = (IngestError, GraphError, SearchError, AppError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns the exit code (tests call this directly)."""
    args = _parser().parse_args(argv)
    args.store = default_store(args.store)
    try:
        return int(HANDLERS[args.command](args) or 0)
    except ERRORS as exc:
        print(f"dutygraph {args.command}: {exc}", file=sys.stderr)
        return int(getattr(exc, "exit_code", 1))
    except KeyboardInterrupt:
        print(f"dutygraph {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
