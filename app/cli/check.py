"""``dutygraph check``: a draft held against the documents above it, as findings and a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.output import print_json, write_atomic
from app.errors import UsageError
from app.outputs.reports import KIND_ZH, render_report
from app.review.check import check
from app.review.references import load_references, parse_draft

__all__ = ["run"]

REPORT_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".docx")


def run(args: argparse.Namespace) -> int:
    """Findings of the draft against the references; ``--report`` writes md, html or docx."""
    report = Path(args.report) if args.report else None
    if report and report.suffix.lower() not in REPORT_SUFFIXES:
        raise UsageError(f"{report}: the report must end in .md, .html or .docx")
    draft = parse_draft(Path(args.draft))
    result = check(draft, load_references(args.against, Path(args.store)))
    if report:
        write_atomic(report, render_report(result, report.suffix, draft[0].title or report.stem))
        print(f"wrote {len(result['findings'])} findings to {report}", file=sys.stderr)
    if args.json:
        print_json(result)
        return 0
    if not result["findings"]:
        print("未发现差异")
    for f in result["findings"]:
        where = f"{f['reference_doc_id']} {f['reference_label']}"
        print(f"[{KIND_ZH[f['kind']]}] {f['role'] or ''} ({where}) {f['detail']}")
    return 0
