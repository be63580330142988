"""``dutygraph study``: a role's handbook and exam paper (with its key) as a file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli.output import print_json, write_atomic
from app.errors import UsageError
from app.outputs.studypack import PARTS, SUFFIXES, render_study
from app.study.pack import study_pack
from app.study.records import DEFAULT_COUNT, FORMS, PaperOptions

__all__ = ["add_arguments", "run"]


def add_arguments(p: argparse.ArgumentParser, levels: Sequence[str]) -> None:
    """The options of ``study`` (the contract's, then those shaping the paper)."""
    p.add_argument("--role", required=True)
    p.add_argument("--level", choices=levels)
    p.add_argument("--place", help="a place (大栗港镇): its level when --level is not given")
    p.add_argument("--out", required=True, help="FILE.docx, FILE.md or FILE.html")
    p.add_argument("--json", action="store_true")
    p.add_argument("--count", type=int, default=DEFAULT_COUNT, help="questions (default 24)")
    p.add_argument(
        "--forms", default=",".join(FORMS), help=f"comma-separated, of {','.join(FORMS)}"
    )
    p.add_argument("--difficulty", choices=["mixed", "easy", "hard"], default="mixed")
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same paper")
    p.add_argument(
        "--part", choices=[*PARTS, "all"], default="all", help="print one part only (default all)"
    )


def _options(args: argparse.Namespace) -> PaperOptions:
    forms = tuple(f.strip() for f in args.forms.split(",") if f.strip())
    unknown = [f for f in forms if f not in FORMS]
    if unknown or not forms:
        raise UsageError(f"--forms: {','.join(unknown) or 'none'} (use {','.join(FORMS)})")
    if args.count < 1:
        raise UsageError(f"--count must be at least 1, not {args.count}")
    return PaperOptions(args.count, forms, args.difficulty, args.seed)  # type: ignore[arg-type]


def run(args: argparse.Namespace) -> int:
    """The pack to ``--out`` (.docx, .md or .html); ``--json`` prints its content."""
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        raise UsageError(f"{out}: the study pack must end in .docx, .md or .html")
    pack = study_pack(args.store, args.role, args.level, args.place, _options(args))
    parts = PARTS if args.part == "all" else (args.part,)
    write_atomic(out, render_study(pack, out.suffix, parts))
    kinds = len({q.kind for q in pack.quiz})
    print(
        f"wrote {len(pack.handbook)} duties, {len(pack.glossary)} terms, {len(pack.quiz)} "
        f"questions of {kinds} kinds to {out}",
        file=sys.stderr,
    )
    if args.json:
        print_json(pack.as_json())
    return 0
