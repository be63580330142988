"""The user services as the Streamlit pages call them (``app.web.backends`` finds them here).

Thin: each function is the command's library call with the page's arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.cli.main import store_dir
from app.outputs import sheets
from app.outputs.studypack import study_pack

__all__ = ["check_draft", "duty_calendar_ics", "duty_sheet_docx", "study_pack"]


def _dated(duties: Sequence[dict]) -> list[dict]:
    """The page's duties (graph rows) with their clauses' deadlines from the app's store."""
    if all("deadlines" in d for d in duties):
        return list(duties)
    return sheets.attach_deadlines(duties, Path(store_dir(None)))


def duty_sheet_docx(duties: Sequence[dict], role: str, level: str | None = None) -> bytes:
    """The printable duty sheet of the duties the page shows."""
    return sheets.duty_sheet_docx(_dated(duties), role, level)


def duty_calendar_ics(duties: Sequence[dict], role: str) -> bytes:
    """The reminder calendar, deadlines included, of the duties the page shows."""
    return sheets.duty_calendar_ics(_dated(duties), role)


def check_draft(path: Path, refs: Sequence[str], store_dir: str | Path) -> dict:
    """Findings of an uploaded draft against stored documents (or files), plus the reports."""
    import ingest
    from app.cli.review import load_references
    from app.outputs.reports import report_docx, report_html, report_markdown
    from app.review.check import check

    draft = ingest.parse_file(Path(path))
    result = check(
        (draft, ingest.extract_facts(draft)), load_references(list(refs), Path(store_dir))
    )
    name = draft.title or Path(path).name
    return result | {
        "markdown": report_markdown(result, name),
        "html": report_html(result, name),
        "docx": report_docx(result, name),
    }
