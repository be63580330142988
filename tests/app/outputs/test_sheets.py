"""Duty sheet (.docx) and calendar (.ics): recurrence rules, deadlines, grouping."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import docx
import icalendar
import pytest

import ingest
from app.outputs.sheets import duty_calendar_ics, duty_sheet_docx, frequency_words, rrule
from graph.query.records import Consequence, DutyDeadline, DutyRow
from tests.conftest import SEEDS


def duty(**kw: object) -> DutyRow:
    base = DutyRow(
        doc_id="d",
        doc_title="某镇实施意见",
        level="township",
        region="某镇",
        clause_id="art_1",
        label="第一条",
        path=("第一条",),
        text="镇党委每季度至少召开1次会议研究安全生产工作。",
        duty_text="镇党委每季度至少召开1次会议研究安全生产工作。",
        activity="召开常委会研究安全生产",
        category="会议研究",
    )
    return replace(base, **kw)


def sanction(kind: str) -> Consequence:
    return Consequence("d", "art_9", f"给予{kind}", kind, "")


@pytest.mark.parametrize(
    ("period", "count", "per_year", "rule"),
    [
        ("P3M", 1, 4, {"FREQ": "MONTHLY", "INTERVAL": 3}),  # 每季度至少1次
        ("P1Y", 1, 1, {"FREQ": "YEARLY"}),  # 每年
        ("P6M", 1, 2, {"FREQ": "MONTHLY", "INTERVAL": 6}),  # 每半年
        ("P1M", 1, 12, {"FREQ": "MONTHLY"}),  # 每月
        ("P1W", 1, 52, {"FREQ": "WEEKLY"}),  # 每周
        ("P1Y", 4, 4, {"FREQ": "MONTHLY", "INTERVAL": 3}),  # 每年不少于4次
        ("P1Y", None, 2, {"FREQ": "MONTHLY", "INTERVAL": 6}),  # 每年至少2次, count unknown
        ("P1M", 2, 24, {"FREQ": "WEEKLY", "INTERVAL": 2}),  # 每月不少于两次
        (None, None, None, None),  # 定期: no number, no event
    ],
)
def test_rrule_from_frequency(period, count, per_year, rule):
    assert rrule(duty(period=period, min_count=count, per_year=per_year)) == rule


def test_frequency_words():
    assert frequency_words(duty(period="P3M", min_count=1, per_year=4)) == "每季度至少1次"
    assert frequency_words(duty(period="P1Y", per_year=4)) == "每年至少4次"
    assert frequency_words(duty()) == ""


def parse_ics(data: bytes) -> list:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_calendar_recurring_and_dated_events():
    deadlines = (
        DutyDeadline("每年1月底前", "recurring", "P1Y", month=1, activity="安全生产述职"),
        DutyDeadline("每月25日以前", "recurring", "P1M", day=25, activity="带队检查安全生产"),
        DutyDeadline("长期", "ongoing"),
    )
    duties = [
        duty(period="P3M", min_count=1, per_year=4, consequences=(sanction("约谈"),)),
        duty(clause_id="art_2", activity="安全生产述职", deadlines=deadlines),
        duty(
            clause_id="art_3", activity="带队检查安全生产", period="P1M", min_count=2, per_year=24
        ),
    ]
    events = parse_ics(duty_calendar_ics(duties, "党委", start=date(2026, 3, 10)))
    by = {str(e["summary"]): e for e in events}
    assert len(events) == 4  # quarterly meeting, twice-monthly check, Jan 31, the 25th; 长期 none
    quarterly = by["召开常委会研究安全生产（每季度至少1次）"]
    assert quarterly["rrule"]["FREQ"] == ["MONTHLY"] and quarterly["rrule"]["INTERVAL"] == [3]
    assert "约谈" in str(quarterly["description"])
    yearly = by["安全生产述职（每年1月底前）"]
    assert yearly["rrule"]["FREQ"] == ["YEARLY"] and yearly["rrule"]["BYMONTH"] == [1]
    assert yearly["dtstart"].dt == date(2027, 1, 31)  # the next 31 January after 10 March
    monthly = by["带队检查安全生产（每月25日以前）"]
    assert monthly["rrule"]["BYMONTHDAY"] == [25] and monthly["dtstart"].dt == date(2026, 3, 25)
    twice = by["带队检查安全生产（每月至少2次）"]
    assert twice["rrule"]["FREQ"] == ["WEEKLY"] and twice["rrule"]["INTERVAL"] == [2]
    assert "每月至少2次" in str(twice["description"])
    assert all(e.walk("VALARM") for e in events)  # a reminder the day before
    assert len({str(e["uid"]) for e in events}) == 4


def test_calendar_from_real_facts_of_seed_001():
    """Frequencies and deadlines extracted from seed 001 become events."""
    doc = ingest.parse_file(SEEDS["001"])
    facts = ingest.extract_facts(doc)
    deadlines: dict[str, list[DutyDeadline]] = {}
    for x in facts.deadlines:
        deadlines.setdefault(x.clause_id, []).append(
            DutyDeadline(x.text, x.kind, x.period, x.month, x.day, x.year, x.activity)
        )
    duties = [
        duty(doc_id=doc.doc_id, clause_id=d.clause_id, activity=d.activity, per_year=d.per_year,
             period=d.period, deadlines=tuple(deadlines.get(d.clause_id, ())))
        for d in facts.duties
    ]  # fmt: skip
    events = parse_ics(duty_calendar_ics(duties, "党政领导干部", start=date(2026, 1, 5)))
    rules = {(str(e["summary"]), tuple(e["rrule"]["FREQ"])) for e in events}
    assert any("每月25日以前" in s and f == ("MONTHLY",) for s, f in rules)
    assert any("每年1月底前" in s and f == ("YEARLY",) for s, f in rules)
    assert any("每年至少4次" in s for s, _ in rules)  # 每年…不少于4次


def test_sheet_groups_by_category_with_frequency_source_and_sanctions(tmp_path):
    duties = [
        duty(period="P3M", min_count=1, per_year=4, consequences=(sanction("约谈"),) * 2),
        duty(clause_id="art_2", category="带队检查", activity="带队检查安全生产", level="national"),
        duty(clause_id="art_3", category="其他", duty_text="其他职责"),
    ]
    path = tmp_path / "sheet.docx"
    path.write_bytes(duty_sheet_docx(duties, "党委", "township"))
    document = docx.Document(path)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "会议研究（1项）",
        "带队检查（1项）",
        "其他（1项）",
    ]  # periodic first, 其他 last
    first = document.tables[0].rows[1].cells
    assert "每季度" in first[0].text and first[1].text == "每季度至少1次"
    assert "某镇实施意见" in first[2].text and "第一条" in first[2].text
    assert first[3].text == "约谈"  # listed once
    assert "国家级" in document.tables[1].rows[1].cells[2].text
