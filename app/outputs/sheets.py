"""What a leader takes home: a printable duty sheet (.docx) and a reminder calendar (.ics).

Duties come as the dicts of ``graph.query.duties.duties``. For the command the
role's duties are merged across the documents that bind a level (the national
ones, and those of the region's own chain up to the province), and each duty
gets the deadlines of its clause from the stored facts, so the calendar can
hold dated events (每年1月底前, 每月25日以前) next to the periodic ones.
"""

from __future__ import annotations

import calendar
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar

from app import store_files as store
from app.outputs.reports import add_table, cjk_document, docx_bytes, landscape
from graph import open_graph
from graph.query.records import DutyRow
from ingest.domain import periods
from ingest.domain.levels import LEVELS, Level, level_name, rank
from ingest.domain.periods import count_per_period

__all__ = [
    "binding_duties",
    "duty_calendar_ics",
    "duty_sheet_docx",
    "frequency_words",
    "rrule",
    "write_sheets",
]

SHEET_HEADERS = ("职责", "频次与时限", "出处", "失职后果")
# ISO period -> (FREQ, INTERVAL) of one occurrence per period
PERIOD_RULES = {
    "P1Y": ("YEARLY", 1),
    "P6M": ("MONTHLY", 6),
    "P3M": ("MONTHLY", 3),
    "P1M": ("MONTHLY", 1),
    "P1W": ("WEEKLY", 1),
    "P1D": ("DAILY", 1),
}


def _count(d: DutyRow) -> float:
    return count_per_period(d.period, d.min_count, d.per_year)


def frequency_words(d: DutyRow) -> str:
    """每季度至少1次 and the like; empty when the duty gives no number."""
    return periods.frequency_words(d.period, d.min_count, d.per_year) if d.per_year else ""


def rrule(d: DutyRow) -> dict[str, str | int] | None:
    """The RRULE of a periodic duty; several times a period becomes a shorter interval."""
    period, count, per_year = d.period, _count(d), d.per_year
    if period in PERIOD_RULES and count == 1:
        freq, interval = PERIOD_RULES[period]
    elif per_year:
        months = 12 / per_year
        if months >= 1 and months.is_integer():
            freq, interval = ("YEARLY", 1) if months == 12 else ("MONTHLY", int(months))
        else:  # more than monthly: every N weeks, at least as often as asked
            freq, interval = "WEEKLY", max(1, int(52 // per_year))
    else:
        return None
    return {"FREQ": freq} | ({"INTERVAL": interval} if interval > 1 else {})


def _source(d: DutyRow) -> str:
    return f"《{d.doc_title}》{' › '.join(d.path) or d.label}"


def _sanctions(d: DutyRow) -> list[str]:
    return list(dict.fromkeys(c.type for c in d.consequences if c.type))


def duty_sheet_docx(duties: Sequence[DutyRow], role: str, level: str | None = None) -> bytes:
    """A printable sheet: per category a table of duty, frequency, source, sanctions."""
    where = f"（{level_name(level)}）" if level else ""
    document = cjk_document(f"{role}安全生产职责清单{where}")
    landscape(document)
    groups: dict[str, list[DutyRow]] = defaultdict(list)
    for d in duties:
        groups[d.category or "其他"].append(d)
    document.add_paragraph(
        f"共 {len(duties)} 项职责，分 {len(groups)} 类；来自"
        f"{'、'.join(dict.fromkeys(level_name(d.level) for d in duties))}文件。"
    )
    # categories with periodic duties first, then the larger ones; 其他 last
    for category in sorted(
        groups,
        key=lambda c: (c == "其他", -sum(bool(rrule(d)) for d in groups[c]), -len(groups[c])),
    ):
        items = groups[category]
        document.add_heading(f"{category}（{len(items)}项）", level=1)
        rows = []
        for d in items:
            deadlines = "；".join(x.text for x in d.deadlines)
            rows.append(
                (
                    d.duty_text or d.text,
                    "；".join(x for x in (frequency_words(d), deadlines) if x) or "—",
                    f"【{level_name(d.level)}】{_source(d)}",
                    "、".join(_sanctions(d)) or "—",
                )
            )
        add_table(document, SHEET_HEADERS, rows, (10.5, 3.5, 7.0, 4.5))
    return docx_bytes(document)


def _uid(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:20] + "@dutygraph"


def _event(
    summary: str, d: DutyRow, start: date, rule: dict[str, str | int] | None, uid: str
) -> icalendar.Event:
    ev = icalendar.Event()
    ev.add("uid", uid)
    ev.add("dtstamp", datetime.combine(start, datetime.min.time(), UTC))
    ev.add("dtstart", start)
    ev.add("dtend", start + timedelta(days=1))
    ev.add("summary", summary)
    notes = [d.duty_text or d.text, f"出处：{_source(d)}"]
    if _sanctions(d):
        notes.append(f"失职后果：{'、'.join(_sanctions(d))}")
    if _count(d) > 1:
        notes.append(f"频次要求：{frequency_words(d)}（日历按不少于此频次提醒）")
    ev.add("description", "\n".join(notes))
    if rule:
        ev.add("rrule", rule)
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(days=-1))
    ev.add_component(alarm)
    return ev


def _day_of(year: int, month: int, day: int | None) -> date:
    """That day of the month, or its last day when the text says 月底 (day None)."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day or last, last))


def _next(start: date, month: int | None, day: int | None) -> tuple[date, dict[str, str | int]]:
    """The first date on or after ``start`` for a deadline, and its yearly/monthly rule."""
    if month:
        rule: dict[str, str | int] = {"FREQ": "YEARLY", "BYMONTH": month, "BYMONTHDAY": day or -1}
        candidates = [(y, month) for y in (start.year, start.year + 1)]
    else:
        rule = {"FREQ": "MONTHLY", "BYMONTHDAY": day or -1}
        nxt = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
        candidates = [(start.year, start.month), nxt]
    when = next(w for y, m in candidates if (w := _day_of(y, m, day)) >= start)
    return when, rule


def duty_calendar_ics(duties: Sequence[DutyRow], role: str, start: date | None = None) -> bytes:
    """An .ics: a recurring event per periodic duty, a dated one per deadline."""
    start = start or date.today()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//dutygraph//安全生产职责提醒//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{role}安全生产职责提醒")
    seen: set[str] = set()
    for d in duties:
        rule = rrule(d)
        uid = _uid(d.doc_id, d.clause_id, d.activity, d.per_year)
        if rule and uid not in seen:
            seen.add(uid)
            summary = f"{d.activity or '安全生产职责'}（{frequency_words(d)}）"
            cal.add_component(_event(summary, d, start, rule, uid))
        for dl in d.deadlines:
            uid = _uid(d.doc_id, dl.text, dl.activity)  # one per table, not per row
            if uid in seen or dl.kind == "ongoing":
                continue
            seen.add(uid)
            summary = f"{dl.activity or d.activity}（{dl.text}）"
            if dl.kind == "recurring" and dl.period in ("P1Y", "P1M"):
                month = dl.month if dl.period == "P1Y" else None
                when, drule = _next(start, month, dl.day)
                cal.add_component(_event(summary, d, when, drule, uid))
            elif dl.year:
                when = date(dl.year, dl.month or 12, dl.day or 28)
                cal.add_component(_event(summary, d, when, None, uid))
    return cal.to_ical()


def binding_duties(
    store_dir: Path, role: str, level: Level | None = None, region: str | None = None
) -> list[DutyRow]:
    """The role's duties from every document binding that level and region, top level first."""
    manifest = store.require_store(store_dir)
    docs = manifest.get("documents", {})
    chain: set[str] | None = None
    if region:
        home = next((i for i, e in docs.items() if e.get("region") == region), None)
        chain = set(store.load_doc_json(store_dir, home).get("regions", [])) if home else {region}
    top = rank(level) if level else len(LEVELS)
    result = open_graph(store_dir).duties(role).duties
    return [
        d
        for d in result
        if rank(d.level) <= top and (chain is None or d.level == "national" or d.region in chain)
    ]


def write_sheets(
    store_dir: Path, role: str, level: Level | None, region: str | None,
    sheet: str | None, ics: str | None,
) -> list[DutyRow]:  # fmt: skip
    """``dutygraph duties --sheet/--ics``: write the files; returns the merged duties."""
    duties = binding_duties(Path(store_dir), role, level, region)
    if sheet:
        Path(sheet).write_bytes(duty_sheet_docx(duties, role, level))
    if ics:
        Path(ics).write_bytes(duty_calendar_ics(duties, role))
    return duties
