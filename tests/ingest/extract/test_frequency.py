"""Frequencies and deadlines: normal forms, inverted order, and traps that are no frequency."""

from __future__ import annotations

import pytest

from ingest.extract.frequency import find_deadlines, find_frequencies, to_int


def one(text: str):
    hits = [h for h in find_frequencies(text) if h.per_year is not None]
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize(
    ("text", "period", "count", "per_year"),
    [
        ("区委每季度至少1次召开会议", "P3M", 1, 4),
        ("每半年至少1次", "P6M", 1, 2),
        ("其他班子成员每月不少于两次", "P1M", 2, 24),
        ("每年不少于4次", "P1Y", 4, 4),
        ("区政府至少每季度研究部署1次安全生产工作", "P3M", 1, 4),  # inverted
        ("每年主持召开党委常委会议专题研究安全生产工作不少于4次", "P1Y", 4, 4),
        ("每月至少对本单位的安全隐患进行1次全面检查", "P1M", 1, 12),
        ("每个季度至少召开一次防范特大安全事故工作会议", "P3M", 1, 4),
        ("应当至少每2年组织1次演练", "P2Y", 1, 0.5),
        ("每三年进行一次安全评价", "P3Y", 1, 0.333),
        ("每周至少开展一次巡查", "P1W", 1, 52),
        ("每年向从业人员通报安全生产工作情况", "P1Y", 1, 1),  # no count: once a period
        ("每季度要有针对性的组织开展安全生产专项检查", "P3M", 1, 4),
        ("每月至少带队检查１次", "P1M", 1, 12),  # full-width digit
    ],
)
def test_frequency_normal_form(text, period, count, per_year):
    hit = one(text)
    assert (hit.period, hit.min_count) == (period, count)
    assert hit.per_year == pytest.approx(per_year, abs=1e-3)
    assert text[hit.start : hit.end] == hit.text


def test_two_actors_two_frequencies_in_one_sentence():
    text = "主要领导每月不少于一次安全生产带队检查，其他班子成员每月不少于两次。"
    assert [h.per_year for h in find_frequencies(text)] == [12, 24]


@pytest.mark.parametrize(
    "text",
    [
        "发生3起（含3起）以上一般安全生产责任事故",
        "要配备2名以上专职安全监管人员",
        "执法人员数量不低于在职执法人员的75%",
        "规定了各级党委主要负责人7项职责",
        "存在本《意见》第二十四条情形",
        "到2020年，全区安全生产保障能力全面提升",
        "国务院第172次常务会议通过",
        "一百八十日内三次或者一年内四次受到本法规定的行政处罚",
        "3个月内2次或者2次以上发现有重大事故隐患",
        "不得给予两次以上罚款的行政处罚",
        "在相关规定期限内，取消考核评优",
        "明确每个生产经营单位安全生产监管主体",
        "推行安全生产工作季度考核点评",
    ],
)
def test_traps_are_no_frequencies(text):
    assert [h for h in find_frequencies(text) if h.per_year is not None] == []
    assert all(h.period is None for h in find_frequencies(text))


def test_periodic_without_number():
    hits = find_frequencies("定期或者不定期深入基层组织开展安全生产督促检查")
    assert [(h.text, h.period, h.per_year) for h in hits] == [("定期或者不定期", None, None)]
    # 每年定期 is one yearly frequency, not two
    hits = find_frequencies("每年定期组织开展安全生产督导检查")
    assert [(h.period, h.per_year) for h in hits] == [("P1Y", 1)]


@pytest.mark.parametrize(
    ("text", "kind", "period", "month", "day", "year"),
    [
        (
            "镇安委成员单位主要负责人每年1月底前要向镇人民政府提交",
            "recurring",
            "P1Y",
            1,
            None,
            None,
        ),
        ("检查范围（每月25日以前完成）", "recurring", "P1M", None, 25, None),
        ("并于每年三月底前将本单位当年度安全生产费用", "recurring", "P1Y", 3, None, None),
        (
            "序号：2；主要任务：制定责任清单；牵头单位：区安监局；完成时限：2018年",
            "date",
            None,
            None,
            None,
            2018,
        ),
        ("完成时限：长期", "ongoing", None, None, None, None),
        ("2022年6月30日前完成整改", "date", None, 6, 30, 2022),
    ],
)
def test_deadlines(text, kind, period, month, day, year):
    (d,) = find_deadlines(text)
    assert (d.kind, d.period, d.month, d.day, d.year) == (kind, period, month, day, year)
    assert d.text in text


def test_year_targets_in_prose_are_no_deadlines():
    assert find_deadlines("到2020年，全区安全生产保障能力和安全监管能力全面提升") == []
    assert find_deadlines("每年1月底前") != []
    assert find_frequencies("每年1月底前要提交述职报告") == []


def test_numerals():
    assert [to_int(x) for x in ("两", "十五", "4", "２", "", None)] == [2, 15, 4, 2, None, None]
