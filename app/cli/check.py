"""``dutygraph check``: a draft held against the documents above it, as findings and a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.output import print_json, write_atomic
from app.errors import UsageError
from app.outputs.reports import SUFFIXES, render_report
from app.review.check import check
from app.review.findings import where
from app.review.references import given_references, parse_draft, resolved_references
from ingest.domain.levels import level_name
from search.model.encoder import load_encoder

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Findings of the draft against ``--against`` or the references the store resolves;
    ``--report`` writes md, html or docx; ``--all`` adds what was judged not applicable."""
    report = Path(args.report) if args.report else None
    if report and report.suffix.lower() not in SUFFIXES:
        raise UsageError(f"{report}: the report must end in .md, .html or .docx")
    draft = parse_draft(Path(args.draft))
    store = Path(args.store)
    refs = (
        given_references(args.against, store)
        if args.against
        else resolved_references(draft[0], store)
    )
    result = check(draft, refs, encoder=load_encoder())
    if report:
        write_atomic(report, render_report(result, report.suffix, draft[0].title or report.stem))
        print(f"wrote {len(result.findings)} findings to {report}", file=sys.stderr)
    if args.json:
        print_json(result.as_json(with_not_applicable=args.all))
        return 0
    for r in result.references:
        print(f"参照：《{r.title}》（{level_name(r.level)}）— {r.why}")
    if not result.findings:
        print("未发现差异")
    for f in result.findings:
        print(f"[{f.kind.label}] {f.role or ''}（{f.reference.citation}）{f.detail}")
        print(f"    建议：{f.advice}")
    if args.all:
        for n in result.not_applicable:
            print(f"[不适用] {n.role or ''}（{where(n.source.path)}）{n.reason}")
    return 0
