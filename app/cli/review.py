"""``dutygraph check`` and ``dutygraph study``: the drafter's and the trainer's commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["load_references", "run_check", "run_study"]


def _usage(message: str) -> Exception:
    from graph.errors import GraphError

    err = GraphError(message)
    err.exit_code = 2
    return err


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def load_references(refs: list[str], store_dir: Path) -> list[tuple]:
    """Each DOC as (Document, Facts): a readable file is parsed, anything else is a doc_id."""
    import ingest
    from app import store_files as store

    out = []
    for ref in refs:
        path = Path(ref)
        if path.is_file():
            doc = ingest.parse_file(path)
            out.append((doc, ingest.extract_facts(doc)))
            continue
        store.require_store(store_dir)
        if not store.doc_path(store_dir, ref).exists():
            raise _usage(f"{ref}: neither a readable file nor a document id in {store_dir}")
        out.append(store.load_doc(store_dir, ref))
    return out


def run_check(args: argparse.Namespace) -> int:
    """Findings of the draft against the references; ``--report`` writes md, html or docx."""
    import ingest
    from app.outputs.reports import KIND_ZH, write_report
    from app.review.check import check

    report = Path(args.report) if args.report else None
    if report and report.suffix.lower() not in (".md", ".markdown", ".html", ".htm", ".docx"):
        raise _usage(f"{report}: the report must end in .md, .html or .docx")
    draft = ingest.parse_file(Path(args.draft))
    result = check(
        (draft, ingest.extract_facts(draft)), load_references(args.against, Path(args.store))
    )
    if report:
        try:
            write_report(result, report, draft.title or Path(args.draft).name)
        except OSError as exc:
            raise _usage(f"{report}: cannot write the report ({exc.strerror or exc})") from None
        print(f"wrote {len(result['findings'])} findings to {report}", file=sys.stderr)
    if args.json:
        _print_json(result)
        return 0
    if not result["findings"]:
        print("未发现差异")
    for f in result["findings"]:
        where = f"{f['reference_doc_id']} {f['reference_label']}"
        print(f"[{KIND_ZH[f['kind']]}] {f['role'] or ''} ({where}) {f['detail']}")
    return 0


def run_study(args: argparse.Namespace) -> int:
    """The role's study pack to ``--out`` (.docx or .md); ``--json`` prints its content."""
    from app.outputs.studypack import study_pack

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".md", ".markdown"):
        raise _usage(f"{out}: the study pack must end in .docx or .md")
    pack = study_pack(args.role, args.level, args.store)
    try:
        if suffix == ".docx":
            out.write_bytes(pack["docx"])
        else:
            out.write_text(pack["markdown"], encoding="utf-8")
    except OSError as exc:
        raise _usage(f"{out}: cannot write the study pack ({exc.strerror or exc})") from None
    content = pack["content"]
    print(
        f"wrote {len(content['clauses'])} clauses, {len(content['glossary'])} terms, "
        f"{len(content['quiz'])} questions to {out}",
        file=sys.stderr,
    )
    if args.json:
        _print_json(content)
    return 0
