"""Role mentions: compound roles, coordination, positions met alone, subjects and levels."""

from __future__ import annotations

import pytest

from ingest.extract.actors import Actor, resolve
from ingest.extract.roles import find_mentions, level_of


def roles(text: str, subjects_only: bool = False) -> list[str | None]:
    return [m.role for m in find_mentions(text) if m.subject or not subjects_only]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "第十条  各级政府主要负责人担任本级安全生产委员会主任，履行下列安全生产责任：",
            ["政府主要负责人"],
        ),
        ("（一）镇党委主要负责人的安全生产工作职责：", ["党委主要负责人"]),
        ("第九条  各级党（工）委常委会其他成员，按照担任的职务和职责分工", ["党委班子其他成员"]),
        (
            "第十一条  各级政府分管安全生产的领导干部，对本地区安全生产工作负综合领导责任。",
            ["政府分管安全生产负责人"],
        ),
        (
            "第十二条  各级政府领导班子其他成员对分管行业（领域）的安全生产负直接领导责任",
            ["政府班子其他成员"],
        ),
        (
            "第十四条  政府负有安全生产监管职责部门的领导干部安全生产职责主要包括：",
            ["负有安全监管职责的部门"],
        ),
        (
            "第十五条  政府相关行业（领域）主管部门的领导干部安全生产职责主要包括：",
            ["行业主管部门"],
        ),
        ("第五条  区委和区政府应当加强对全区安全生产工作的组织领导", ["党委", "政府"]),
        (
            "（二）乡镇、部门主要负责人对本行政区域安全生产工作全面负责",
            ["政府主要负责人", "部门主要负责人"],
        ),
        ("党政主要负责人同为本地区安全生产第一责任人", ["党委主要负责人", "政府主要负责人"]),
        ("区安监局承担区安全生产委员会日常工作", ["应急管理部门"]),
        ("常务副区长负责安全生产工作", ["政府分管安全生产负责人"]),
        (
            "第九十四条 生产经营单位的主要负责人未履行本法规定的安全生产管理职责的",
            ["企业主要负责人"],
        ),
        ("危险化学品等重点行业领域企业都要建立专门的应急救援队伍", ["企业"]),
    ],
)
def test_subjects(text, expected):
    assert roles(text, subjects_only=True) == expected


def test_a_zone_name_before_a_role_keeps_it_a_subject():
    """The place words come from ingest.domain.places (levels.tsv), villages left out."""
    for place, subject in (
        ("桃花工业园区", True),
        ("桃花基地", True),
        ("桃花村", False),
        ("桃花", False),
    ):
        mentions = find_mentions(f"{place}党委安全生产职责主要包括：")
        assert [(m.role, m.subject) for m in mentions] == [("党委", subject)], place


def test_objects_are_not_subjects():
    mentions = find_mentions("（二）指导督促纪检监察机关按照生产安全事故调查处理相关规定")
    assert [(m.role, m.subject) for m in mentions] == [("纪检监察机关", False)]
    mentions = find_mentions("（三）严格落实各级党委、政府领导责任。")
    assert not any(m.subject for m in mentions)


def test_owner_words_are_not_roles():
    assert roles("区委督查室和区政府督办室负责制定安全生产督办制度") == []


def test_positions_alone_take_the_organ_in_force():
    text = "主要领导每月不少于一次安全生产带队检查，其他班子成员每月不少于两次。"
    raw = find_mentions(text)
    assert [m.role for m in raw] == [None, None]
    lead = (Actor("党委主要负责人", "township", "镇党委主要负责人", 0, 8),)
    assert [m.role for m in resolve(raw, lead)] == ["党委主要负责人", "党委班子其他成员"]
    dept = (Actor("负有安全监管职责的部门", "county", "", 0, 0),)
    assert [m.role for m in resolve(find_mentions("分管安全生产工作负责人对本部门"), dept)] == [
        "部门分管安全生产负责人"
    ]
    assert resolve(find_mentions("主要负责人对本部门负责"), ()) == []  # no organ known: no role


def test_a_new_subject_switches_the_organ():
    text = "党委主要负责同志是安全生产第一责任人，其他常委会成员要按照职责分工协调纪检监察机关"
    got = [(m.role, m.subject) for m in resolve(find_mentions(text), ())]
    assert got[0] == ("党委主要负责人", True)
    assert ("党委班子其他成员", True) in got


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("区委", "county"),
        ("镇（街道）和工业园区管委会党（工）委", "township"),
        ("市安委会", "city"),
        ("旗区党委", "county"),
        ("各级党委", "province"),  # the document's level
        ("本地区政府", "province"),
        ("国务院", "national"),
        ("自治区党委", "province"),
    ],
)
def test_levels(text, level):
    assert level_of(text, "province") == level
