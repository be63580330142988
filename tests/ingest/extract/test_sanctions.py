"""Sanctions: lists, misspellings, consequences, mitigation, law kinds, fines, and non-sanctions."""

from __future__ import annotations

import pytest

from ingest.extract.sanctions import find_sanctions


def types(text: str) -> set[str]:
    return {s.type for s in find_sanctions(text)}


def test_accountability_list_with_misspelling():
    text = (
        "对存在本《意见》第二十四条情形的责任人员，应当根据情况采取通报、诚勉、停职检查、调整职务、"
        "责令辞职、降职、免职或者处分等方式问责；涉嫌职务违法犯罪的，由监察机关依法调查处置。"
    )
    hits = find_sanctions(text)
    assert {h.type for h in hits} == {
        "通报",
        "诫勉",
        "停职检查",
        "调整职务",
        "责令辞职",
        "降职",
        "免职",
        "处分",
        "移交纪检监察机关",
    }
    admonition = next(h for h in hits if h.type == "诫勉")
    assert admonition.text == "诚勉" and text[admonition.start : admonition.end] == "诚勉"
    assert "第二十四条情形的责任人员" in admonition.trigger


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "在相关规定期限内，取消考核评优和评选各类先进资格，不得晋升职务、级别或者重用任职。",
            {"取消评优评先", "不得晋升重用"},
        ),
        (
            "严格执行安全生产“一票否决”制度，旗区、行业发生较大生产安全事故的，年度综合考核不得评为优秀等次。",
            {"一票否决", "考核不得评为优秀"},
        ),
        ("对发生较大及以上事故的镇、街办，年度考核按不合格评定。", {"考核不合格"}),
        ("可以从轻、减轻追究责任。", {"从轻减轻"}),
        ("不予追究有关党政领导干部的领导责任。", {"免责"}),
        (
            "各有关部门依法依规制定并公开安全生产权力和责任清单，尽职照单免责、失职照单追责。",
            {"免责"},
        ),
        ("不论是否已调离转岗、提拔或者退休，都应当严格追究其责任。", {"终身追责"}),
        ("实行约谈告诫、公开曝光，情节严重的依法依规追究相关人员责任。", {"约谈", "公开曝光"}),
        (
            "依法精准采取停产整顿、关闭取缔、上限处罚、追究法律责任等措施",
            {"停产停业整顿", "关闭取缔", "上限处罚"},
        ),
        ("情节严重的列入黑名单，实行联合惩戒。", {"黑名单", "联合惩戒"}),
        ("涉嫌犯罪的移交司法机关处理。", {"移送司法机关"}),
        ("进行通报批评并严肃问责。", {"通报"}),
        (
            "给予降级或者撤职的处分；构成犯罪的，依照刑法有关规定追究刑事责任",
            {"处分", "移送司法机关"},
        ),
        ("予以警告、记过或者记大过；情节严重的，予以开除。", {"处分"}),
    ],
)
def test_sanction_types(text, expected):
    assert types(text) == expected


def test_fines_keep_their_amount():
    text = "责令限期改正，处二万元以上五万元以下的罚款；逾期未改正的，处五万元以上十万元以下的罚款"
    fines = [h.text for h in find_sanctions(text) if h.type == "罚款"]
    assert fines == ["处二万元以上五万元以下的罚款", "处五万元以上十万元以下的罚款"]
    assert types("被责令改正且受到罚款处罚，拒不改正的") == set()


@pytest.mark.parametrize(
    "text",
    [
        "（六）挂牌督办期限内，未完成隐患整改，导致发生生产安全事故的；",
        "党政领导干部考核结果为不合格等级且负有直接领导责任的；",
        "建立健全信息共享、案情通报、案件移送工作制度",
        "严格执行事故信息通报机制，及时向同级安委会办公室通报事故信息。",
        "对被追究刑事责任的生产经营者",
        "非经法定程序，不受政务处分。",
        "按照有关规定给予记功或嘉奖。",
        "对连续在安监岗位工作多年，工作成效显著的要优先提拔重用。",
    ],
)
def test_non_sanctions(text):
    assert types(text) == set()


def test_trigger_is_the_condition_before_the_sanction():
    text = (
        "对发生较大及以上事故，或发生3起（含3起）以上一般安全生产责任事故的镇，"
        "年度考核按不合格评定。"
    )
    (hit,) = find_sanctions(text)
    assert hit.trigger == "发生较大及以上事故，或发生3起（含3起）以上一般安全生产责任事故的镇"
    text = (
        "生产经营单位的主要负责人未履行本法规定的安全生产管理职责的，"
        "责令限期改正，处二万元以上的罚款"
    )
    (hit,) = find_sanctions(text)
    assert hit.trigger == "生产经营单位的主要负责人未履行本法规定的安全生产管理职责的"
