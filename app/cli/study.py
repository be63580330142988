"""``dutygraph study``: a role's study pack (key clauses, glossary, quiz) as a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.output import print_json, write_atomic
from app.errors import UsageError
from app.outputs.studypack import study_pack

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """The role's study pack to ``--out`` (.docx or .md); ``--json`` prints its content."""
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".md", ".markdown"):
        raise UsageError(f"{out}: the study pack must end in .docx or .md")
    pack = study_pack(args.role, args.level, args.store)
    write_atomic(out, pack["docx"] if suffix == ".docx" else pack["markdown"])
    content = pack["content"]
    print(
        f"wrote {len(content['clauses'])} clauses, {len(content['glossary'])} terms, "
        f"{len(content['quiz'])} questions to {out}",
        file=sys.stderr,
    )
    if args.json:
        print_json(content)
    return 0
