"""``dutygraph audit``: every stored document against what it implements, weaker levels listed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.output import print_json, write_atomic
from app.errors import UsageError
from app.outputs.reports import SUFFIXES, render_audit
from app.review.audit import audit
from ingest.domain.levels import level_name

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """The audit's findings as JSON or lines; ``--report`` writes md, html or docx."""
    report = Path(args.report) if args.report else None
    if report and report.suffix.lower() not in SUFFIXES:
        raise UsageError(f"{report}: the report must end in .md, .html or .docx")
    result = audit(Path(args.store))
    if report:
        write_atomic(report, render_audit(result.findings, report.suffix, result.documents))
        print(f"wrote {len(result.findings)} findings to {report}", file=sys.stderr)
    if args.json:
        print_json(result.as_json())
        return 0
    print(
        f"审查 {result.documents} 份文件，{result.pairs} 对上下级文件，"
        f"发现 {len(result.findings)} 处"
    )
    for a in result.findings:
        f = a.finding
        print(f"《{a.draft_doc_title}》（{level_name(a.draft_level)}）[{f.kind.label}] {f.detail}")
    return 0
