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
from ingest.domain.levels import LEVELS, level_name, rank

__all__ = [
    "attach_deadlines",
    "binding_duties",
    "duty_calendar_ics",
    "duty_sheet_docx",
    "frequency_words",
    "rrule",
    "write_sheets",
]

PERIOD_WORDS = {"P1Y": "每年", "P6M": "每半年", "P3M": "每季度", "P1M": "每月", "P1W": "每周"}
SHEET_HEADERS = ("职责", "频次与时限", "出处", "失职后果")
DEADLINE_FIELDS = ("clause_id", "text", "kind", "period", "month", "day", "year", "activity")
PERIOD_MONTHS = {"P1Y": 12, "P6M": 6, "P3M": 3, "P1M": 1, "P1W": 12 / 52}
# ISO period -> (FREQ, INTERVAL) of one occurrence per period
PERIOD_RULES = {
    "P1Y": ("YEARLY", 1),
    "P6M": ("MONTHLY", 6),
    "P3M": ("MONTHLY", 3),
    "P1M": ("MONTHLY", 1),
    "P1W": ("WEEKLY", 1),
    "P1D": ("DAILY", 1),
}


def _count(d: dict) -> float:
    """Times per period: the stated count, else derived from the yearly count."""
    if d.get("min_count"):
        return d["min_count"]
    if d.get("per_year") and d.get("period") in PERIOD_MONTHS:
        return max(1, round(d["per_year"] * PERIOD_MONTHS[d["period"]] / 12, 2))
    return 1


def frequency_words(d: dict) -> str:
    """每季度至少1次 from period and count; 每年N次 when only the yearly count is known."""
    if d.get("period") in PERIOD_WORDS:
        return f"{PERIOD_WORDS[d['period']]}至少{_count(d):g}次"
    return f"每年{d['per_year']:g}次" if d.get("per_year") else ""


def rrule(d: dict) -> dict | None:
    """The RRULE of a periodic duty; several times a period becomes a shorter interval."""
    period, count, per_year = d.get("period"), _count(d), d.get("per_year")
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


def _source(d: dict) -> str:
    return (
        f"《{d.get('doc_title') or d.get('doc_id', '')}》{d.get('label') or d.get('clause_id', '')}"
    )


def _sanctions(d: dict) -> list[str]:
    return list(dict.fromkeys(s.get("type", "") for s in d.get("sanctions", []) if s.get("type")))


def duty_sheet_docx(duties: Sequence[dict], role: str, level: str | None = None) -> bytes:
    """A printable sheet: per category a table of duty, frequency, source, sanctions."""
    where = f"（{level_name(level)}）" if level else ""
    document = cjk_document(f"{role}安全生产职责清单{where}")
    landscape(document)
    groups: dict[str, list[dict]] = defaultdict(list)
    for d in duties:
        groups[d.get("category") or "其他"].append(d)
    document.add_paragraph(
        f"共 {len(duties)} 项职责，分 {len(groups)} 类；来自"
        f"{'、'.join(dict.fromkeys(level_name(d['level']) for d in duties))}文件。"
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
            deadlines = "；".join(x["text"] for x in d.get("deadlines", []))
            rows.append(
                (
                    d.get("duty_text") or d.get("text", ""),
                    "；".join(x for x in (frequency_words(d), deadlines) if x) or "—",
                    f"【{level_name(d.get('level'))}】{_source(d)}",
                    "、".join(_sanctions(d)) or "—",
                )
            )
        add_table(document, SHEET_HEADERS, rows, (10.5, 3.5, 7.0, 4.5))
    return docx_bytes(document)


def _uid(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:20] + "@dutygraph"


def _event(summary: str, d: dict, start: date, rule: dict | None, uid: str) -> icalendar.Event:
    ev = icalendar.Event()
    ev.add("uid", uid)
    ev.add("dtstamp", datetime.combine(start, datetime.min.time(), UTC))
    ev.add("dtstart", start)
    ev.add("dtend", start + timedelta(days=1))
    ev.add("summary", summary)
    notes = [d.get("duty_text") or d.get("text", ""), f"出处：{_source(d)}"]
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


def _next(start: date, month: int | None, day: int | None) -> tuple[date, dict]:
    """The first date on or after ``start`` for a deadline, and its yearly/monthly rule."""
    if month:
        rule = {"FREQ": "YEARLY", "BYMONTH": month, "BYMONTHDAY": day or -1}
        candidates = [(y, month) for y in (start.year, start.year + 1)]
    else:
        rule = {"FREQ": "MONTHLY", "BYMONTHDAY": day or -1}
        nxt = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
        candidates = [(start.year, start.month), nxt]
    when = next(w for y, m in candidates if (w := _day_of(y, m, day)) >= start)
    return when, rule


def duty_calendar_ics(duties: Sequence[dict], role: str, start: date | None = None) -> bytes:
    """An .ics: a recurring event per periodic duty, a dated one per deadline."""
    start = start or date.today()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//dutygraph//安全生产职责提醒//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{role}安全生产职责提醒")
    seen: set[str] = set()
    for d in duties:
        rule = rrule(d)
        uid = _uid(d.get("doc_id"), d.get("clause_id"), d.get("activity"), d.get("per_year"))
        if rule and uid not in seen:
            seen.add(uid)
            summary = f"{d.get('activity') or '安全生产职责'}（{frequency_words(d)}）"
            cal.add_component(_event(summary, d, start, rule, uid))
        for dl in d.get("deadlines", []):
            uid = _uid(
                d.get("doc_id"), dl["text"], dl.get("activity")
            )  # one per table, not per row
            if uid in seen or dl.get("kind") == "ongoing":
                continue
            seen.add(uid)
            summary = f"{dl.get('activity') or d.get('activity', '')}（{dl['text']}）"
            if dl.get("kind") == "recurring" and dl.get("period") in ("P1Y", "P1M"):
                month = dl.get("month") if dl["period"] == "P1Y" else None
                when, drule = _next(start, month, dl.get("day"))
                cal.add_component(_event(summary, d, when, drule, uid))
            elif dl.get("year"):
                when = date(dl["year"], dl.get("month") or 12, dl.get("day") or 28)
                cal.add_component(_event(summary, d, when, None, uid))
    return cal.to_ical()


def attach_deadlines(duties: Sequence[dict], store_dir: Path) -> list[dict]:
    """Each duty with the deadlines stated in its clause, read from the stored parse JSON
    (its clauses' ``deadlines``; no need to rebuild the documents)."""
    by_doc: dict[str, dict[str, list[dict]]] = {}
    out = []
    for d in duties:
        if d["doc_id"] not in by_doc:
            try:
                clauses = store.load_doc_json(store_dir, d["doc_id"]).get("clauses", [])
            except store.StoreMissing:
                clauses = []
            by_doc[d["doc_id"]] = {
                c["clause_id"]: [
                    {k: x.get(k) for k in DEADLINE_FIELDS[1:]} | {"clause_id": c["clause_id"]}
                    for x in c.get("deadlines", [])
                ]
                for c in clauses
                if c.get("deadlines")
            }
        out.append(d | {"deadlines": by_doc[d["doc_id"]].get(d["clause_id"], [])})
    return out


def binding_duties(
    store_dir: Path, role: str, level: str | None = None, region: str | None = None
) -> list[dict]:
    """The role's duties from every document binding that level and region, top level first."""
    manifest = store.require_store(store_dir)
    docs = manifest.get("documents", {})
    chain: set[str] | None = None
    if region:
        home = next((i for i, e in docs.items() if e.get("region") == region), None)
        chain = set(store.load_doc_json(store_dir, home).get("regions", [])) if home else {region}
    top = rank(level) if level else len(LEVELS)
    result = open_graph(store_dir).duties(role)["duties"]
    keep = [
        d
        for d in result
        if rank(d["level"]) <= top
        and (chain is None or d["level"] == "national" or d.get("region") in chain)
    ]
    return attach_deadlines(keep, store_dir)


def write_sheets(
    store_dir: Path, role: str, level: str | None, region: str | None,
    sheet: str | None, ics: str | None,
) -> list[dict]:  # fmt: skip
    """``dutygraph duties --sheet/--ics``: write the files; returns the merged duties."""
    duties = binding_duties(Path(store_dir), role, level, region)
    if sheet:
        Path(sheet).write_bytes(duty_sheet_docx(duties, role, level))
    if ics:
        Path(ics).write_bytes(duty_calendar_ics(duties, role))
    return duties
