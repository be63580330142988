"""The SKOS vocabulary: canonical names (docs/domain.md), surface forms, stable IRIs."""

from __future__ import annotations

import re

import pytest

from ingest.domain import vocabulary as v
from ingest.domain.segmenter import cut_with_pos, tokenize

# The canonical names fixed by the domain spec.
DOMAIN_ROLES = [
    "党委",
    "党委主要负责人",
    "党委班子其他成员",
    "政府",
    "政府主要负责人",
    "政府分管安全生产负责人",
    "政府班子其他成员",
    "党政领导干部",
    "安全生产委员会",
    "安委会办公室",
    "部门主要负责人",
    "部门分管安全生产负责人",
    "部门其他负责人",
    "负有安全监管职责的部门",
    "行业主管部门",
    "应急管理部门",
    "纪检监察机关",
    "组织部门",
    "宣传部门",
    "政法部门",
    "机构编制部门",
    "人大",
    "政协",
    "企业",
    "企业主要负责人",
]
DOMAIN_SANCTIONS = [
    "通报",
    "诫勉",
    "停职检查",
    "调整职务",
    "责令辞职",
    "降职",
    "免职",
    "处分",
    "组织处理",
    "一票否决",
    "取消评优评先",
    "不得晋升重用",
    "考核不得评为优秀",
    "考核不合格",
    "约谈",
    "从重追究",
    "从轻减轻",
    "免责",
    "终身追责",
    "事前问责",
    "移送司法机关",
    "移交纪检监察机关",
    "职业禁入",
    "行业禁入",
    "终身禁入",
    "黑名单",
    "联合惩戒",
    "公开曝光",
    "挂牌督办",
    "停产停业整顿",
    "关闭取缔",
    "上限处罚",
    "查封扣押",
]
DOMAIN_CATEGORIES = [
    "会议研究",
    "带队检查",
    "听取汇报与述职",
    "责任清单与考核",
    "资金与保障",
    "规划与部署",
    "学习与宣传培训",
    "机构与队伍建设",
    "隐患排查与风险管控",
    "应急救援与事故调查",
    "执法与打非治违",
    "其他",
]


def test_roles_are_exactly_the_domain_names():
    assert sorted(v.role_names()) == sorted(DOMAIN_ROLES)


def test_sanction_types_cover_the_domain_list():
    assert set(DOMAIN_SANCTIONS) <= set(v.sanction_types())
    assert set(v.sanction_types()) - set(DOMAIN_SANCTIONS) == {"罚款"}


def test_categories_are_the_domain_list_with_other_last():
    assert sorted(v.categories()) == sorted(DOMAIN_CATEGORIES)
    assert v.categories()[-1] == "其他"


@pytest.mark.parametrize(
    ("surface", "role"),
    [
        ("书记", "党委主要负责人"),
        ("常务副区长", "政府分管安全生产负责人"),
        ("镇长", "政府主要负责人"),
        ("安监站", "应急管理部门"),
        ("安委会", "安全生产委员会"),
        ("安全生产委员会办公室", "安委会办公室"),
    ],
)
def test_surface_forms_map_to_canonical_roles(surface, role):
    assert v.canonical_role(surface) == role


def test_compound_roles_and_organs():
    assert v.compound_role("党委", "主要负责人") == "党委主要负责人"
    assert v.compound_role("部门", "分管安全生产负责人") == "部门分管安全生产负责人"
    assert v.compound_role("部门", "不存在") is None
    assert v.organ_role("党委") == "党委"
    assert v.organ_role("部门") is None
    assert v.surface_forms("organ")["党（工）委"] == "党委"
    assert v.surface_forms("organ")["区委"] == "党委"


def test_sanction_surface_forms():
    assert v.sanction_type("诚勉") == "诫勉"  # the sources' misspelling
    for kind in ("警告", "记过", "记大过", "降级", "撤职", "开除"):
        assert v.sanction_type(kind) == "处分"
    assert v.sanction_type("罚款") == "罚款"
    assert v.sanction_type("表扬") is None


def test_concept_iris_are_stable_ascii_and_unique():
    iris = set()
    for scheme in v.SCHEMES:
        for c in v.concepts(scheme):
            assert re.fullmatch(r"https://[A-Za-z0-9./_#-]+", c.iri), c.iri
            assert c.iri.endswith(c.notation)
            assert v.concept_iri(scheme, c.label) == c.iri
            iris.add(c.iri)
    assert len(iris) == sum(len(v.concepts(s)) for s in v.SCHEMES)
    assert v.concept_iri("role", "党委主要负责人").endswith("/role/party_committee_head")
    assert v.concept_iri("level", "county").endswith("/level/county")
    with pytest.raises(KeyError):
        v.concept_iri("role", "村长")
    with pytest.raises(ValueError):
        v.concepts("colours")


def test_no_surface_form_names_two_concepts_of_a_scheme():
    for scheme in v.SCHEMES:
        owners: dict[str, set[str]] = {}
        for c in v.concepts(scheme):
            for form in c.alt_labels:
                owners.setdefault(form, set()).add(c.label)
        clashes = {f: o for f, o in owners.items() if len(o) > 1}
        assert not clashes, (scheme, clashes)


def test_level_words():
    words = v.level_words()
    assert words["镇"] == "township" and words["旗"] == "county" and words["盟"] == "city"


def test_segmenter_keeps_domain_terms_whole():
    words = tokenize("负有安全生产监督管理职责的部门每季度至少召开1次安全生产专题会议。")
    assert "负有安全生产监督管理职责的部门" in words
    assert "专题会议" in words
    assert "。" not in words and " " not in words
    # common words around short terms are not broken
    assert tokenize("区委书记主持召开会议")[:2] == ["区委书记", "主持"]


def test_pos_tags_mark_roles():
    tags = dict(cut_with_pos("镇党委书记带队检查"))
    assert tags.get("镇党委书记", tags.get("党委书记")) == "nt"
